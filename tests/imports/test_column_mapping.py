"""Columns recognised from French and English headers and from their content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selection_desk.errors import InvalidInput, ValidationFailed
from selection_desk.formats.column_mapping import (
    ColumnMapping,
    check_mapping,
    detect_mapping,
    generated_ref,
    identity_key,
    load_mapping,
    save_mapping,
    with_role,
)
from selection_desk.formats.tabular_sources import read_source


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "google_forms_fr.csv",
            ColumnMapping(
                ref=None,
                name="Quel est le nom de votre start-up ?",
                email="Adresse e-mail",
                attachments=("Déposez votre pitch deck (PDF)",),
            ),
        ),
        (
            "microsoft_forms.xlsx",
            ColumnMapping(ref="ID", name="Nom du projet", email="E-mail de contact"),
        ),
        (
            "typeform.csv",
            ColumnMapping(ref="#", name="What is the name of your company?", email="Your email"),
        ),
        (
            "airtable.csv",
            ColumnMapping(
                ref="Record ID", name="Startup", email="Email", attachments=("Pitch deck",)
            ),
        ),
        ("excel_fr_cp1252.csv", ColumnMapping(ref="Réf.", name="Nom du projet")),
        ("libreoffice.ods", ColumnMapping(ref="Réf.", name="Nom du projet")),
    ],
)
def test_each_tool_style_is_recognised(corpus: Path, name: str, expected: ColumnMapping) -> None:
    assert detect_mapping(read_source(corpus / name)) == expected


def test_a_timestamp_column_is_never_the_reference(tmp_path: Path) -> None:
    path = tmp_path / "vague.csv"
    path.write_text(
        "Colonne 1;Colonne 2;Colonne 3\n"
        "2025-03-01 10:00:00;Alpha;a@x.fr\n"
        "2025-03-01 10:05:00;Beta;b@x.fr\n",
        encoding="utf-8",
    )
    mapping = detect_mapping(read_source(path))
    assert mapping.ref is None
    assert mapping.email == "Colonne 3"


def test_identifiers_are_recognised_from_content_when_headers_are_vague(tmp_path: Path) -> None:
    path = tmp_path / "vague.csv"
    path.write_text("A;Nom\nX-0012;Alpha\nX-0013;Beta\n", encoding="utf-8")
    assert detect_mapping(read_source(path)) == ColumnMapping(ref="A", name="Nom")


def test_a_weak_reference_header_needs_unique_values(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text("ID;Nom\n1;Alpha\n1;Beta\n", encoding="utf-8")
    assert detect_mapping(read_source(path)).ref is None


def test_a_strong_reference_header_is_kept_even_with_duplicates(corpus: Path) -> None:
    # The duplicates are then rejected row by row, never silently replaced by generated refs.
    assert detect_mapping(read_source(corpus / "hostile_duplicate_refs.csv")).ref == "ref"


def test_generated_references_are_stable_and_case_insensitive() -> None:
    first = generated_ref(identity_key("Helene@Eco-Logis.fr ", "Éco-Logis", []))
    again = generated_ref(identity_key("helene@eco-logis.fr", "Autre nom", []))
    assert first == again
    assert first.startswith("A-") and len(first) == 10
    # Without an e-mail the name is never enough: the submission time, else the whole row.
    by_time = generated_ref(identity_key("", "  Éco-Logis ", ["x"], "03/03/2025 09:15:02"))
    assert by_time == generated_ref(identity_key("", "eco logis", ["y"], "03/03/2025 09:15:02"))
    assert by_time != generated_ref(identity_key("", "Éco-Logis", ["x"], "04/03/2025 10:00:00"))
    assert generated_ref(identity_key("", "Éco-Logis", ["1", "Éco-Logis"])) != generated_ref(
        identity_key("", "Éco-Logis", ["2", "Éco-Logis"])
    )
    assert by_time != first


def test_a_mapping_file_round_trips(tmp_path: Path) -> None:
    mapping = ColumnMapping(ref="Réf.", name="Nom", email="Courriel", attachments=("Deck",))
    path = tmp_path / "m.json"
    save_mapping(mapping, path)
    assert json.loads(path.read_text(encoding="utf-8"))["ref"] == "Réf."
    assert load_mapping(path) == mapping


@pytest.mark.parametrize(
    "text",
    ["[1, 2]", '{"format": "other"}', '{"name": 3}', "{not json", '{"attachments": [1]}'],
)
def test_bad_mapping_files_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        load_mapping(path)
    assert raised.value.code == "mapping_invalid"
    assert str(path) in raised.value.message()


def test_a_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as raised:
        load_mapping(tmp_path / "none.json")
    assert raised.value.code == "mapping_unreadable"


def test_a_mapping_naming_absent_columns_is_refused(corpus: Path) -> None:
    table = read_source(corpus / "excel_fr_cp1252.csv")
    with pytest.raises(ValidationFailed) as raised:
        check_mapping(ColumnMapping(ref="Numéro", name=None), table)
    assert [p.code for p in raised.value.problems] == ["mapping_unknown_column", "mapping_no_name"]
    assert "Numéro" in raised.value.message()


def test_one_column_has_one_role() -> None:
    mapping = ColumnMapping(ref="A", name="B", email="C", attachments=("D",))
    assert with_role(mapping, "name", "A") == ColumnMapping(
        ref=None, name="A", email="C", attachments=("D",)
    )
    assert with_role(mapping, "attachments", "C") == ColumnMapping(
        ref="A", name="B", email=None, attachments=("D", "C")
    )
    assert with_role(mapping, "ref", None).ref is None


def test_a_mapping_naming_a_missing_column_is_explained_in_french(tmp_path: Path) -> None:
    from selection_desk import i18n
    from selection_desk.formats.column_mapping import ColumnMapping, mapping_problems

    path = tmp_path / "l.csv"
    path.write_text("Code;Libellé\nX1;Alpha\n", encoding="utf-8")
    table = read_source(path)
    mapping = ColumnMapping(ref="Numéro", name="Libellé", attachments=("Pièces",))
    problems = mapping_problems(mapping, table)
    with i18n.language("fr"):
        french = [problem.message() for problem in problems]
    with i18n.language("en"):
        english = [problem.message() for problem in problems]
    assert "la référence" in french[0] and "the reference" not in french[0]
    assert "une colonne de pièces jointes" in french[1]
    assert "as the reference" in english[0]


def test_the_name_is_found_from_content_when_headers_are_vague(tmp_path: Path) -> None:
    from selection_desk.formats.column_mapping import detect_mapping

    path = tmp_path / "vague.csv"
    lines = ["Q1;Q2;Q3;Q4;Q5;Q6;Q7"]
    cities = ["Lyon", "Lyon", "Paris", "Lyon"]
    names = ["Alpha Énergie", "Bêta Santé", "Gamma & Fils", "Delta"]
    for n in range(4):
        lines.append(
            f"2025-03-1{n} 10:00:00;X-10{n};{cities[n]};{1000 * (n + 1)};{names[n]};"
            f"p{n}@exemple.fr;" + "Une très longue description du projet. " * 8
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mapping = detect_mapping(read_source(path))
    assert (mapping.ref, mapping.name, mapping.email) == ("Q2", "Q5", "Q6")


def test_no_name_is_guessed_from_codes_numbers_or_repeated_values(tmp_path: Path) -> None:
    from selection_desk.formats.column_mapping import detect_mapping

    path = tmp_path / "codes.csv"
    path.write_text(
        "A;B;C\nX-101;12,5;Lyon\nX-102;13;Lyon\nX-103;14;Lyon\nX-104;15;Paris\n", encoding="utf-8"
    )
    assert detect_mapping(read_source(path)).name is None
