"""Personal fields (design §11): each imported column flagged from its header and its values,
stored per field with the campaign, overruled by the mapping, shown in the dry run's JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from selection_desk import i18n
from selection_desk.cli import main
from selection_desk.formats.column_mapping import ColumnMapping, save_mapping
from selection_desk.formats.personal_fields import (
    ADDRESS,
    BIRTH,
    EMAIL,
    IDENTITY,
    NAME,
    PHONE,
    PROFILE,
    detect_personal_columns,
    personal_reason_of_header,
    personal_reason_of_values,
)
from selection_desk.services.dossier_import import import_dossiers
from selection_desk.services.field_metadata import personal_field_names
from selection_desk.storage.dossier_import import field_metadata
from selection_desk.storage.store import CampaignStore

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("Nom", NAME),
        ("Prénom", NAME),
        ("Last name", NAME),
        ("Nom et prénom du porteur de projet", NAME),
        ("Founder's name", NAME),
        ("Adresse e-mail", EMAIL),
        ("Courriel", EMAIL),
        ("Email address", EMAIL),
        ("Téléphone portable", PHONE),
        ("Phone number", PHONE),
        ("Adresse postale", ADDRESS),
        ("Code postal", ADDRESS),
        ("ZIP code", ADDRESS),
        ("Date de naissance", BIRTH),
        ("Date of birth", BIRTH),
        ("Profil LinkedIn", PROFILE),
        ("Nationalité", IDENTITY),
        ("CV (PDF)", IDENTITY),
    ],
)
def test_a_header_in_french_or_english_says_the_column_is_personal(
    header: str, reason: str
) -> None:
    assert personal_reason_of_header(header) == reason


@pytest.mark.parametrize(
    "header",
    [
        "Nom du projet",
        "Quel est le nom de votre start-up ?",
        "Company name",
        "Montant demandé (€)",
        "Ville",
        "Décrivez votre projet",
        "Horodateur",
        "Secteur",
        "Résumé du projet",
    ],
)
def test_a_header_about_the_project_is_not_personal(header: str) -> None:
    assert personal_reason_of_header(header) is None


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        (["a.dupont@mail.fr", "b@b.org"], EMAIL),
        (["06 12 34 56 78", "+33 6 98 76 54 32", "0145678910"], PHONE),
        (["12 rue des Lilas, 75011 Paris", "3 avenue Foch", "10 Downing Street"], ADDRESS),
        (["15/03/1987", "1990-07-01", "02/11/1979"], BIRTH),
        (["Marie Dupont", "Jean-Luc Martin", "DURAND Hélène"], NAME),
    ],
)
def test_values_say_the_column_is_personal(values: list[str], reason: str) -> None:
    assert personal_reason_of_values(values, TODAY, "Q7") == reason


@pytest.mark.parametrize(
    ("values", "header"),
    [
        (["125 000", "1 250 000 €", "30000"], "Q1"),
        (["Éco-Logis", "Fabrique à Vélos", "Green Wave"], "Q2"),
        (["03/03/2026 09:15:02", "04/03/2025"], "Horodateur"),
        (["15/03/1987", "1990-07-01"], "Date de création de l'entreprise"),
        (["Marie Curie", "Jean Moulin"], "Nom du lycée"),
        ([], "Q3"),
    ],
)
def test_amounts_project_names_recent_or_company_dates_are_not_personal(
    values: list[str], header: str
) -> None:
    assert personal_reason_of_values(values, TODAY, header) is None


def test_the_secretarys_choice_wins_over_detection() -> None:
    found = detect_personal_columns(
        ["Courriel", "Ville", "Notes"],
        {"Courriel": ["a@a.fr"], "Ville": ["Lyon"], "Notes": ["x"]},
        TODAY,
        given={"Courriel": False, "Ville": True},
    )
    assert found == {"Courriel": None, "Ville": "chosen", "Notes": None}


def test_an_import_stores_each_fields_flag_with_the_campaign(
    empty_campaign: Path, corpus: Path
) -> None:
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(store, corpus / "google_forms_fr.csv", actor="x")
        stored = field_metadata(store)
        personal = personal_field_names(store)
    assert report.plan.field_personal["Adresse e-mail"] is True
    assert set(personal) == {"Adresse e-mail", "Nom et prénom du porteur de projet"}
    assert stored["Ville"].personal is False and stored["Adresse e-mail"].personal is True
    assert stored["Montant demandé (€)"].kind == "money"


def test_the_mapping_file_overrules_the_flags_and_dry_run_json_shows_them(
    empty_campaign: Path, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = corpus / "google_forms_fr.csv"
    args = ["--lang", "en", "import", str(empty_campaign), str(source), "--dry-run", "--json"]
    with i18n.language("en"):
        assert main(args) == 0
    table = json.loads(capsys.readouterr()[0])["table"]
    assert table["personal"]["Adresse e-mail"] == "e-mail"
    assert table["personal"]["Nom et prénom du porteur de projet"] == "name"
    assert table["personal"]["Ville"] is None
    assert table["personal_fields"] == ["Adresse e-mail", "Nom et prénom du porteur de projet"]

    mapping = tmp_path / "m.json"
    with CampaignStore.open(empty_campaign, readonly=True) as store:
        from selection_desk.formats.tabular_sources import read_source
        from selection_desk.services.dossier_import import choose_mapping

        detected, _origin = choose_mapping(store, read_source(source))
    save_mapping(
        ColumnMapping(
            ref=detected.ref,
            name=detected.name,
            email=detected.email,
            attachments=detected.attachments,
            personal={"Ville": True, "Nom et prénom du porteur de projet": False},
        ),
        mapping,
    )
    assert json.loads(mapping.read_text(encoding="utf-8"))["personal"]["Ville"] is True
    with i18n.language("en"):
        assert main([*args, "--mapping", str(mapping)]) == 0
    table = json.loads(capsys.readouterr()[0])["table"]
    assert table["personal"]["Ville"] == "chosen"
    assert table["personal_fields"] == ["Adresse e-mail", "Ville"]


def test_a_mapping_file_with_a_flag_that_is_not_true_or_false_is_refused(tmp_path: Path) -> None:
    from selection_desk.errors import InvalidInput
    from selection_desk.formats.column_mapping import load_mapping

    path = tmp_path / "m.json"
    path.write_text(json.dumps({"name": "Nom", "personal": {"Ville": "yes"}}), encoding="utf-8")
    with pytest.raises(InvalidInput):
        load_mapping(path)


def test_fields_never_decided_are_detected_when_asked(tmp_path: Path) -> None:
    """A campaign workbook's fields have no stored flag: their header and values decide."""
    from selection_desk.domain import Campaign, Dossier

    path = tmp_path / "c.seldesk"
    with CampaignStore.create(path, Campaign(uid="", name="x")) as store:
        dossiers = [
            Dossier(
                "D1", "Alpha", {"Courriel": "a@a.fr", "Secteur": "Énergie", "Q9": "06 12 34 56 78"}
            ),
            Dossier(
                "D2", "Beta", {"Courriel": "b@b.fr", "Secteur": "Mobilité", "Q9": "0698765432"}
            ),
        ]
        with store.transaction():
            store.write_dossiers(dossiers, {"D1": 0, "D2": 1})
        assert personal_field_names(store) == ("Courriel", "Q9")


def test_the_dry_run_names_the_personal_fields_in_french(
    empty_campaign: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus / "google_forms_fr.csv")
    with i18n.language("fr"):
        code = main(["--lang", "fr", "import", str(empty_campaign), source, "--dry-run"])
    assert code == 0
    out = capsys.readouterr()[0]
    expected = "Données personnelles : “Adresse e-mail”, “Nom et prénom du porteur de projet”"
    assert expected in out
