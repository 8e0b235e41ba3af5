"""Each form tool's export is recognised from its shape: its header rows never become dossiers,
its question texts are the headers, its submission id is the reference (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selection_desk import i18n
from selection_desk.cli import main
from selection_desk.formats.column_mapping import detect_mapping
from selection_desk.formats.form_tools import detect_form_export
from selection_desk.formats.tabular_sources import read_source
from selection_desk.services.import_report import table_details
from tests.data.imports.form_tool_exports import (
    PEOPLE,
    WEBFORM_SUBMISSION_INFORMATION,
    write_form_tool_exports,
)

NAMES = [name for name, _email, _sectors, _amount in PEOPLE]

# file, tool, header rows, reference column, name column
EXPORTS = [
    ("tool_google_forms_en.csv", "google_forms", 1, None, "Company name"),
    ("tool_microsoft_forms_en.csv", "microsoft_forms", 1, "ID", "Start-up name"),
    ("tool_microsoft_forms_fr.csv", "microsoft_forms", 1, "ID", "Nom de la start-up"),
    ("tool_jotform.csv", "jotform", 1, "Submission ID", "Company Name"),
    ("tool_tally.csv", "tally", 1, "Submission ID", "Company name"),
    ("tool_limesurvey_codes.csv", "limesurvey", 1, "id", None),
    ("tool_limesurvey_fr.csv", "limesurvey", 1, "ID de la réponse", "Nom du projet"),
    ("tool_kobotoolbox_hxl.csv", "kobotoolbox", 2, "_uuid", "Company name"),
    ("tool_surveymonkey_en.csv", "surveymonkey", 2, "Respondent ID", "Company name"),
    ("tool_surveymonkey_fr.csv", "surveymonkey", 2, "ID du répondant", "Nom de la start-up"),
    ("tool_qualtrics.csv", "qualtrics", 3, "Response ID", "Company name"),
    ("tool_qualtrics_legacy.csv", "qualtrics_legacy", 2, "ResponseID", "Company name"),
    ("tool_framaforms_fr.csv", "webform", 3, "SID", "Nom du projet"),
    ("tool_webform_en.csv", "webform", 3, "SID", "Nom du projet"),
    ("tool_f6s.csv", "f6s", 1, "Application ID", "Startup Name"),
    ("tool_gust.csv", "gust", 1, None, "Company Name"),
    ("typeform.csv", "typeform", 1, "#", "What is the name of your company?"),
    ("airtable.csv", "airtable", 1, "Record ID", "Startup"),
    ("google_forms_fr.csv", "google_forms", 1, None, "Quel est le nom de votre start-up ?"),
    ("microsoft_forms.xlsx", "microsoft_forms", 1, "ID", "Nom du projet"),
]


def test_the_kept_exports_are_what_the_generator_writes(tmp_path: Path, corpus: Path) -> None:
    for written in write_form_tool_exports(tmp_path):
        assert written.read_bytes() == (corpus / written.name).read_bytes(), written.name


@pytest.mark.parametrize(("file", "tool", "header_rows", "ref", "name"), EXPORTS)
def test_each_tool_is_recognised_with_its_header_rows_and_mapping(
    corpus: Path, file: str, tool: str, header_rows: int, ref: str | None, name: str | None
) -> None:
    table = read_source(corpus / file)
    assert table.tool is not None and table.tool.tool == tool
    assert table.header_rows == header_rows
    mapping = detect_mapping(table)
    assert (mapping.ref, mapping.name) == (ref, name)
    if file.startswith("tool_"):
        # Every row read is an applicant: no header row became a dossier.
        assert len(table.rows) == len(PEOPLE)
        if name is not None:
            assert [str(value) for value in table.values(name)] == NAMES


@pytest.mark.parametrize("file", [file for file, *_rest in EXPORTS])
def test_the_preview_names_each_tool(corpus: Path, file: str) -> None:
    table = read_source(corpus / file)
    assert table.tool is not None
    with i18n.language("en"):
        assert f"{table.tool.label} export ({table.header_rows} header row(s))" in table_details(
            table
        )


def test_question_texts_and_sub_answers_are_the_headers(corpus: Path) -> None:
    qualtrics = read_source(corpus / "tool_qualtrics.csv")
    assert "Company name" in qualtrics.headers and "Q1" not in qualtrics.headers
    assert qualtrics.header_row == 1
    monkey = read_source(corpus / "tool_surveymonkey_fr.csv")
    assert "Secteurs – Énergie" in monkey.headers and "Secteurs – Mobilité" in monkey.headers
    webform = read_source(corpus / "tool_framaforms_fr.csv")
    assert webform.header_row == 1
    assert "Secteurs: Énergie" in webform.headers and "Dossier" in webform.headers


def test_a_title_line_above_a_csv_header_does_not_hide_the_delimiter(corpus: Path) -> None:
    # The form title is one field whatever the delimiter: it used to make “;” win by default.
    assert read_source(corpus / "tool_webform_en.csv").delimiter == ","
    assert read_source(corpus / "tool_framaforms_fr.csv").delimiter == ","


def test_a_french_framaforms_export_is_named_in_the_preview(corpus: Path) -> None:
    # French labels from Webform's own catalogue: “Détails de la soumission ”, “Séquentiel”…
    table = read_source(corpus / "tool_framaforms_fr.csv")
    details, *system = WEBFORM_SUBMISSION_INFORMATION["fr"]
    assert table.headers[: len(system)] == tuple(system) and details not in table.headers
    with i18n.language("fr"):
        assert "export Framaforms / Drupal Webform (3 ligne(s) d’en-tête)" in table_details(table)
    with i18n.language("en"):
        assert "Framaforms / Drupal Webform export (3 header row(s))" in table_details(table)


def test_a_plain_list_is_no_tool_export(corpus: Path) -> None:
    table = read_source(corpus / "excel_fr_cp1252.csv")
    assert table.tool is None and table.header_rows == 1
    assert detect_form_export([("Réf.", "Nom"), ("A1", "Alpha")], 10) is None


def test_the_preview_names_the_tool_in_the_user_language(corpus: Path) -> None:
    table = read_source(corpus / "tool_qualtrics.csv")
    with i18n.language("fr"):
        assert "export Qualtrics (3 ligne(s) d’en-tête)" in table_details(table)
    with i18n.language("en"):
        assert "Qualtrics export (3 header row(s))" in table_details(table)


def test_dry_run_json_names_the_tool_and_imports_every_applicant(
    empty_campaign: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus / "tool_qualtrics.csv")
    with i18n.language("en"):
        code = main(["--lang", "en", "import", str(empty_campaign), source, "--dry-run", "--json"])
    out, _err = capsys.readouterr()
    assert code == 0
    report = json.loads(out)
    assert report["table"]["tool"] == "qualtrics"
    assert report["table"]["header_rows"] == 3
    assert report["mapping"]["ref"] == "Response ID"
    assert report["counts"]["added"] == len(PEOPLE)
    assert report["rejected"] == []


@pytest.mark.parametrize(
    ("file", "question", "first", "second"),
    [
        ("tool_kobotoolbox_hxl.csv", "Sectors", "energy", "mobility"),
        ("tool_framaforms_fr.csv", "Secteurs", "Énergie", "Mobilité"),
        ("tool_surveymonkey_fr.csv", "Secteurs", "Énergie", "Mobilité"),
        ("tool_google_forms_en.csv", "Sectors", "Energy, Bâtiment", "Mobility"),
    ],
)
def test_a_multiple_choice_is_one_choices_field(
    empty_campaign: Path, corpus: Path, file: str, question: str, first: str, second: str
) -> None:
    from selection_desk.services.dossier_import import import_dossiers
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, corpus / file, actor="x")
        dossiers = store.dossiers()
    assert [dossier.fields[question] for dossier in dossiers[:2]] == [first, second]
    # No option column is left as a field of its own; the field stands where its options were.
    assert not any("/" in key or " – " in key or ": " in key for key in dossiers[0].fields)
    if file == "tool_framaforms_fr.csv":
        assert list(dossiers[0].fields)[-4:] == ["Courriel", "Secteurs", "Dossier", "Filesize (KB)"]


def test_columns_sharing_a_prefix_but_holding_answers_stay_apart(
    empty_campaign: Path, tmp_path: Path
) -> None:
    from selection_desk.services.dossier_import import import_dossiers
    from selection_desk.storage.store import CampaignStore

    path = tmp_path / "list.csv"
    path.write_text(
        "Nom du projet;Adresse: rue;Adresse: ville\nAlpha;3 rue Neuve;Lyon\n", encoding="utf-8"
    )
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, path, actor="x")
        [dossier] = store.dossiers()
    assert dossier.fields == {"Adresse: rue": "3 rue Neuve", "Adresse: ville": "Lyon"}


def test_dry_run_json_lists_the_choices_fields(
    empty_campaign: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus / "tool_framaforms_fr.csv")
    with i18n.language("en"):
        main(["--lang", "en", "import", str(empty_campaign), source, "--dry-run", "--json"])
    report = json.loads(capsys.readouterr()[0])
    assert report["table"]["choices"] == {"Secteurs": ["Énergie", "Mobilité"]}


@pytest.mark.parametrize(
    "file",
    [file for file, _tool, _rows, _ref, name in EXPORTS if file.startswith("tool_") and name],
)
def test_a_growing_export_imports_as_new_and_changed_rows_only(
    empty_campaign: Path, corpus: Path, tmp_path: Path, file: str
) -> None:
    from selection_desk.services.dossier_import import import_dossiers
    from selection_desk.storage.store import CampaignStore

    lines = (corpus / file).read_text(encoding="utf-8").splitlines(keepends=True)
    earlier = tmp_path / f"earlier_{file}"
    earlier.write_text("".join(lines[:-1]), encoding="utf-8")
    later = tmp_path / f"later_{file}"
    later.write_text("".join(lines).replace("Éco-Logis", "Éco-Logis SAS"), encoding="utf-8")
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, earlier, actor="x")
        plan = import_dossiers(store, later, actor="x", dry_run=True).plan
    assert plan.counts() | {} == {
        "rows": len(PEOPLE),
        "added": 1,
        "updated": 1,
        "unchanged": len(PEOPLE) - 2,
        "rejected": 0,
        "missing": 0,
    }
    assert plan.repeated == ()
