"""Each column's type from its values and header; a date column's order from all its values."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from selection_desk import i18n
from selection_desk.cli import main
from selection_desk.formats.column_mapping import ColumnMapping, save_mapping
from selection_desk.formats.column_types import ColumnType, detect_column_types, typed_value
from selection_desk.formats.tabular_sources import read_source


def _types(tmp_path: Path, text: str, **given: str) -> dict[str, str]:
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    return {h: c.spelled() for h, c in detect_column_types(read_source(path), given).items()}


def test_values_and_headers_give_each_column_its_type(tmp_path: Path) -> None:
    types = _types(
        tmp_path,
        "Nom;Montant;Budget;Part;Effectif;Date;Envoi;Mineur;Site;Courriel;Téléphone;Notes\n"
        "Alpha;125 000;1 250 000 €;12,5 %;12;15/03/2021;3/7/2026 14:02:11;Oui;https://a.fr;"
        "a@a.fr;+33 6 12 34 56 78;bien\n"
        "Beta;80 000;90 000 €;7 %;3;01/04/2021;3/8/2026 09:00:00;Non;https://b.fr;"
        "b@b.fr;06 12 34 56 79;moins\n",
    )
    assert types == {
        "Nom": "text",
        "Montant": "money",
        "Budget": "money",
        "Part": "percent",
        "Effectif": "number",
        "Date": "date:DMY",
        "Envoi": "datetime:?",
        "Mineur": "yes/no",
        "Site": "link",
        "Courriel": "e-mail",
        "Téléphone": "phone",
        "Notes": "text",
    }


def test_date_order_is_decided_per_column_from_all_its_values(tmp_path: Path) -> None:
    rows = "".join(f"A{i};03/04/2026;03/04/2026\n" for i in range(400))
    types = _types(tmp_path, "Nom;Du;Au\n" + rows + "Z;25/04/2026;04/25/2026\n")
    # The telling value is the last row, beyond the rows sampled for the type itself.
    assert (types["Du"], types["Au"]) == ("date:DMY", "date:MDY")


def test_a_tool_known_format_decides_and_a_mapping_file_overrides(tmp_path: Path) -> None:
    text = "Timestamp,Horodateur,Name\n3/7/2026 14:02:11,3/7/2026 14:02:11,A\n"
    assert _types(tmp_path, text)["Timestamp"] == "datetime:MDY"
    assert _types(tmp_path, text)["Horodateur"] == "datetime:DMY"
    assert _types(tmp_path, text, Timestamp="datetime:DMY")["Timestamp"] == "datetime:DMY"


def test_typed_values_keep_the_text_when_it_does_not_read() -> None:
    assert typed_value("1 250 000 €", ColumnType("money")) == 1_250_000
    assert typed_value("1.250,50", ColumnType("number")) == 1250.5
    assert typed_value("12,5 %", ColumnType("percent")) == pytest.approx(0.125)
    assert typed_value("Oui", ColumnType("yes/no")) is True
    assert typed_value("TRUE", ColumnType("yes/no")) is True
    assert typed_value("03/04/2026", ColumnType("date", "MDY")) == date(2026, 3, 4)
    assert typed_value("3/7/2026 14:02:11", ColumnType("datetime", "MDY")) == datetime(
        2026, 3, 7, 14, 2, 11
    )
    assert typed_value("03/04/2026", ColumnType("date", None, ambiguous=True)) == "03/04/2026"
    assert typed_value("environ 5 k", ColumnType("money")) == "environ 5 k"
    assert typed_value("Cricket, Volleyball", ColumnType("choices")) == ["Cricket", "Volleyball"]


def test_types_are_in_the_mapping_file_and_the_dry_run_json(
    empty_campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Nom;Date\nAlpha;03/04/2026\n", encoding="utf-8")
    mapping = tmp_path / "m.json"
    save_mapping(ColumnMapping(name="Nom", types={"Date": "date:MDY"}), mapping)
    assert json.loads(mapping.read_text(encoding="utf-8"))["types"] == {"Date": "date:MDY"}
    args = ["import", str(empty_campaign), str(source), "--dry-run", "--json"]
    with i18n.language("en"):
        code = main(["--lang", "en", *args, "--mapping", str(mapping)])
    report = json.loads(capsys.readouterr()[0])
    assert code == 0
    assert report["table"]["types"] == {"Nom": "text", "Date": "date:MDY"}


def test_the_fields_types_are_stored_with_the_campaign(empty_campaign: Path, corpus: Path) -> None:
    from selection_desk.services.dossier_import import import_dossiers
    from selection_desk.storage.dossier_import import saved_field_types
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(empty_campaign) as store:
        assert saved_field_types(store) == {}
        report = import_dossiers(store, corpus / "tool_framaforms_fr.csv", actor="x")
        stored = saved_field_types(store)
        [dossier, *_others] = store.dossiers()
    assert stored == dict(report.plan.field_types)
    assert list(stored) == list(dossier.fields)
    assert stored["Secteurs"] == "choices"
    assert stored["Courriel"] == "e-mail"
    assert stored["Dossier"] == "link"
    # The field keeps the applicant's text.
    assert dossier.fields["Filesize (KB)"] == "501" and stored["Filesize (KB)"] == "number"
    # Webform's short date (“04/03/2026 - 09:11”) is a date and time; no value of these three
    # tells its day from its month: the order is left for the secretary to choose.
    assert stored["Heure"] == "datetime:?"
