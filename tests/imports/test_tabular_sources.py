"""Every export of the corpus reads as the same table; broken and hostile files are refused."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest

from selection_desk.errors import ValidationFailed
from selection_desk.formats import html_tables, tabular_sources, text_decoding, text_tables
from selection_desk.formats.cell_values import cell_text
from selection_desk.formats.delimited import detect_delimiter
from selection_desk.formats.tabular_sources import read_source
from selection_desk.formats.text_decoding import decode_text
from tests.data.imports import generate
from tests.data.imports.generate import NAMES

FRENCH_EXPORTS = [
    ("excel_fr_cp1252.csv", "cp1252", ";"),
    ("excel_fr_utf8_bom.csv", "utf-8-sig", ";"),
    ("excel_mac_roman.csv", "mac_roman", ";"),
    ("excel_unicode_text.txt", "utf-16", "\t"),
]


def refusal(path: Path, sheet: str | None = None) -> str:
    with pytest.raises(ValidationFailed) as raised:
        read_source(path, sheet)
    [problem] = raised.value.problems
    assert problem.file == str(path)
    assert str(path) in raised.value.message()
    return problem.code


@pytest.mark.parametrize(("name", "encoding", "delimiter"), FRENCH_EXPORTS)
def test_french_excel_exports_keep_every_accent(
    corpus: Path, name: str, encoding: str, delimiter: str
) -> None:
    table = read_source(corpus / name)
    assert (table.kind, table.encoding, table.delimiter) == ("csv", encoding, delimiter)
    assert table.headers == (
        "Réf.",
        "Nom du projet",
        "Porteur",
        "Ville",
        "Montant demandé",
        "Description",
    )
    assert [row.cells[1] for row in table.rows] == list(NAMES)
    assert table.rows[0].cells[3] == "Besançon"
    # A quoted multi-line answer stays one row, with its line break.
    assert table.rows[4].cells[5] == (
        "Téléconsultation pour les EHPAD,\nen 3 étapes :\n1) écoute ; 2) tri ; 3) suivi."
    )
    assert [row.number for row in table.rows] == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    "name",
    [
        "google_forms_fr.csv",
        "google_forms_fr.xlsx",
        "microsoft_forms.xlsx",
        "typeform.csv",
        "airtable.csv",
        "libreoffice.ods",
        "title_row_above_header.xlsx",
    ],
)
def test_each_tool_export_holds_the_six_applicants(corpus: Path, name: str) -> None:
    table = read_source(corpus / name)
    texts = [{cell_text(value) for value in row.cells} for row in table.rows]
    for applicant_name, cells in zip(NAMES, texts, strict=False):
        assert applicant_name in cells


def test_a_title_row_above_the_header_is_skipped(corpus: Path) -> None:
    table = read_source(corpus / "title_row_above_header.xlsx")
    assert table.header_row == 3
    assert table.headers[0] == "Réf."
    assert table.rows[0].number == 4


def test_ods_cells_are_typed_and_formulas_give_their_cached_value(corpus: Path) -> None:
    table = read_source(corpus / "libreoffice.ods")
    assert table.kind == "ods"
    assert table.sheet == "Feuille1"
    assert table.rows[0].cells[4] == "45\u00a0000"
    formula_row = table.rows[-1]
    assert formula_row.cells[:3] == ("CAND-007", "Formule", 42)
    # 1,048,000 repeated empty rows and 1,016 repeated empty cells are never materialised.
    assert len(table.rows) == 7
    assert len(table.headers) == 6


def test_xlsx_formulas_give_their_cached_values_never_the_formula(corpus: Path) -> None:
    table = read_source(corpus / "hostile_formulas.xlsx")
    assert table.rows[0].cells[2] == 42
    # A formula without a cached value reads as empty; a text that looks like a formula stays text.
    assert table.rows[1].cells[1] == "=cmd|' /C calc'!A0"
    assert len(table.rows[1].cells) == 2


def test_google_forms_timestamps_and_links_are_kept_as_text(corpus: Path) -> None:
    table = read_source(corpus / "google_forms_fr.csv")
    assert table.headers[0] == "Horodateur"
    assert table.rows[0].cells[0] == "03/03/2025 09:15:02"
    assert table.rows[0].cells[-1].startswith("https://drive.google.com/")


def test_duplicate_and_blank_headers_are_renamed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("ref;name;Commentaire;commentaire;;\nD1;A;x;y;z;\n", encoding="utf-8")
    table = read_source(path)
    assert table.headers == ("ref", "name", "Commentaire", "commentaire (2)", "[E]")
    assert table.written_headers[3] == "commentaire"
    assert [note.code for note in table.notes] == [
        "import_duplicate_header",
        "import_blank_header",
    ]
    assert table.notes[0].column == "commentaire"
    assert table.notes[0].row == 1


def test_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=,\nref,name;with semicolon\nD1,Alpha;x\n", encoding="utf-8")
    table = read_source(path)
    assert table.delimiter == ","
    assert table.headers == ("ref", "name;with semicolon")


def test_utf16_without_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes("réf\tnom\nD1\tÉlan\n".encode("utf-16-le"))
    table = read_source(path)
    assert table.encoding == "utf-16-le"
    assert table.rows[0].cells == ("D1", "Élan")


def test_decoding_prefers_utf8_and_never_mangles_french() -> None:
    assert decode_text("Hélène".encode()) == ("Hélène", "utf-8")
    assert decode_text("Hélène;Noël".encode("cp1252")) == ("Hélène;Noël", "cp1252")
    assert decode_text("Hélène;Noël".encode("mac_roman")) == ("Hélène;Noël", "mac_roman")


def test_delimiter_detection() -> None:
    assert detect_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert detect_delimiter("a,b,c\n1,2,3\n") == ","
    assert detect_delimiter("a\tb\n1\t2\n") == "\t"
    assert detect_delimiter('a,b\n"x;y",2\n') == ","


def test_nul_bytes_are_kept_for_the_import_to_report(corpus: Path) -> None:
    table = read_source(corpus / "hostile_nul_bytes.csv")
    assert table.rows[1].cells[1] == "Be\x00ta"


def test_a_ten_megabyte_cell_is_read(tmp_path: Path) -> None:
    table = read_source(generate.write_huge_cell_csv(tmp_path / "huge.csv"))
    assert len(table.rows[0].cells[2]) == 10 * 1024 * 1024
    assert table.rows[1].cells == ("D2", "Beta", "court")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("hostile_xml_bomb.xlsx", "workbook_forbidden_xml"),
        ("hostile_ods_bomb.ods", "workbook_too_large"),
        ("hostile_password.xlsx", "workbook_encrypted"),
        ("hostile_csv_named.xlsx", "import_text_named_workbook"),
        ("hostile_corrupt.xlsx", "workbook_corrupt"),
        ("hostile_empty.csv", "import_source_empty"),
        ("hostile_header_only.csv", "import_no_data_rows"),
        ("hostile_unclosed_quote.csv", "import_broken_quotes"),
    ],
)
def test_hostile_and_broken_files_are_refused_with_one_clear_problem(
    corpus: Path, name: str, code: str
) -> None:
    assert refusal(corpus / name) == code


def test_an_unclosed_quote_names_the_row_where_it_starts(corpus: Path) -> None:
    with pytest.raises(ValidationFailed) as raised:
        read_source(corpus / "hostile_unclosed_quote.csv")
    assert raised.value.problems[0].row == 2


def test_a_zip_bomb_workbook_is_refused_before_parsing(tmp_path: Path) -> None:
    path = generate.write_zip_bomb_xlsx(tmp_path / "bomb.xlsx")
    assert refusal(path) == "workbook_suspicious"


def test_an_ods_zip_bomb_is_refused_by_its_declared_sizes(tmp_path: Path) -> None:
    path = tmp_path / "bomb.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>")
    assert refusal(path) == "workbook_suspicious"


def test_an_ods_with_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "entities.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
        )
    assert refusal(path) == "workbook_forbidden_xml"


def test_a_text_document_named_ods_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "letter.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    assert refusal(path) == "import_ods_not_spreadsheet"


def test_a_workbook_named_csv_is_refused(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes((corpus / "microsoft_forms.xlsx").read_bytes())
    assert refusal(path) == "import_workbook_named_text"


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 20)
    assert refusal(path) in ("import_binary_text", "import_unknown_encoding")


def test_an_unknown_sheet_is_named(corpus: Path) -> None:
    assert refusal(corpus / "microsoft_forms.xlsx", sheet="Nope") == "import_unknown_sheet"


def test_too_large_text_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_tables, "MAX_TEXT_BYTES", 10)
    path = tmp_path / "big.csv"
    path.write_text("ref;name\nD1;Alpha\n", encoding="utf-8")
    assert refusal(path) == "import_source_too_large"


@pytest.mark.parametrize(
    ("name", "encoding", "fourth"),
    [
        ("excel_ms_dos_cp850.csv", "cp850", "OEnologie Connectée"),
        ("excel_fr_latin9.csv", "iso8859_15", "Œnologie Connectée"),
    ],
)
def test_dos_and_latin9_exports_keep_every_accent(
    corpus: Path, name: str, encoding: str, fourth: str
) -> None:
    table = read_source(corpus / name)
    assert (table.encoding, table.delimiter) == (encoding, ";")
    assert table.headers[4] == "Montant demandé"
    assert [row.cells[1] for row in table.rows][:3] == list(NAMES[:3])
    assert table.rows[3].cells[1] == fourth
    assert table.rows[0].cells[3] == "Besançon"
    assert table.notes == ()


def test_a_cp1252_row_in_a_utf8_file_is_read_and_noted_with_its_row(corpus: Path) -> None:
    table = read_source(corpus / "hostile_utf8_with_cp1252_row.csv")
    assert table.encoding == "utf-8"
    # The UTF-8 rows are not turned into “Ã©”, and the stray row keeps its accents too.
    assert [row.cells[1] for row in table.rows] == list(NAMES)
    assert table.rows[2].cells[2] == "Noémie Nguyên"
    assert table.rows[0].cells[3] == "Besançon"
    [note] = table.notes
    assert note.code == text_tables.MIXED_ENCODING
    assert note.row == 4
    assert "row 4" in note.message()
    assert "Café" in note.message()


def test_a_utf8_file_cut_inside_a_character_is_refused_with_its_row(corpus: Path) -> None:
    path = corpus / "hostile_utf8_cut_short.csv"
    with pytest.raises(ValidationFailed) as raised:
        read_source(path)
    [problem] = raised.value.problems
    assert (problem.code, problem.file, problem.row) == (
        text_decoding.TRUNCATED_CHARACTER,
        str(path),
        3,
    )
    assert "cut short" in raised.value.message()


def test_bytes_that_read_as_no_french_are_refused_naming_the_row(tmp_path: Path) -> None:
    # UTF-8, then a byte that no code page turns into French next to the UTF-8 accents.
    path = tmp_path / "damaged.csv"
    path.write_bytes(
        'Réf.;Nom\r\nD1;Hélène\r\nD2;"Deux\r\nlignes"\r\nD3;Zo'.encode() + b"\x81\x8d\r\n"
    )
    with pytest.raises(ValidationFailed) as raised:
        read_source(path)
    [problem] = raised.value.problems
    assert (problem.code, problem.row) == (text_decoding.UNKNOWN_ENCODING, 4)


def test_decoding_scores_the_french_each_code_page_gives() -> None:
    assert decode_text("Référence;Ça va;Noël".encode("cp850")) == (
        "Référence;Ça va;Noël",
        "cp850",
    )
    assert decode_text("Cœur de ville;10 €".encode("iso8859_15"))[1] == "iso8859_15"
    assert decode_text("don’t – “stop”".encode("cp1252")) == ("don’t – “stop”", "cp1252")
    assert decode_text(b"ref;nom\nD1;Zo\xe9") == ("ref;nom\nD1;Zoé", "cp1252")
    # A byte-order mark then a stray Windows-1252 byte: UTF-8 kept, the stray byte read.
    assert decode_text(codecs.BOM_UTF8 + "Hélène;".encode() + b"Zo\xe9")[0] == "Hélène;Zoé"
    assert text_decoding.french_score("Hélène") > 0 > text_decoding.french_score("HÃ©lÃ¨ne")


def test_a_web_page_saved_as_xls_is_read_as_its_table(corpus: Path) -> None:
    table = read_source(corpus / "platform_export_html.xls")
    assert (table.kind, table.encoding) == ("html", "utf-8")
    assert table.headers == ("Référence", "Nom du projet", "E-mail", "Ville", "Présentation")
    assert [row.cells[1] for row in table.rows[:6]] == list(NAMES)
    assert table.rows[0].cells[4] == (
        "Rénovation énergétique « clé en main »\npour les copropriétés."
    )
    assert table.rows[3].cells[4] == 'Capteurs de cuve ; alertes "temps réel".'
    assert all("never run" not in str(cell) for row in table.rows for cell in row.cells)
    assert table.rows[6].number == 8 and table.rows[6].cells == ("Total : 6 candidatures",)


def test_a_web_page_without_a_table_or_with_several_is_refused(
    corpus: Path, tmp_path: Path
) -> None:
    assert refusal(corpus / "hostile_web_page.xls") == html_tables.HTML_NO_TABLE
    two = tmp_path / "export.csv"
    two.write_text(
        "<html><table><tr><td>a</td></tr><tr><td>1</td></tr></table>"
        "<table><tr><td>b</td></tr><tr><td>2</td></tr></table></html>",
        encoding="utf-8",
    )
    assert refusal(two) == html_tables.HTML_SEVERAL_TABLES
    with pytest.raises(ValidationFailed) as raised:
        read_source(corpus / "hostile_web_page.xls")
    assert "web page" in raised.value.message() and ".xlsx" in raised.value.message()


def test_a_macro_enabled_workbook_gives_its_values_and_its_macros_are_ignored(
    corpus: Path, empty_campaign: Path
) -> None:
    from selection_desk.services.dossier_import import import_dossiers
    from selection_desk.storage.store import CampaignStore

    path = corpus / "excel_macros.xlsm"
    with zipfile.ZipFile(path) as archive:
        assert b"Workbook_Open" in archive.read("xl/vbaProject.bin")  # the macro is there
    table = read_source(path)
    assert (table.kind, table.sheet) == ("xlsx", "Candidatures")
    assert table.headers[:2] == ("Réf.", "Nom du projet")
    assert [row.cells[1] for row in table.rows] == list(NAMES[:3])
    assert table.rows[0].cells[6] == 45000  # a formula gives its cached value
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(store, path, actor="x")
        assert [d.ref for d in store.dossiers()] == ["CAND-001", "CAND-002", "CAND-003"]
        fields = store.dossiers()[0].fields
    assert report.written
    assert fields["Total"] == "45000"
    assert not any("Workbook_Open" in value or "pwned" in value for value in fields.values())


def test_accents_garbled_before_the_export_are_noted_with_their_rows(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        'Réf;Nom;Texte\nD1;Hélène;"deux\nlignes"\nD2;CafÃ©;ok\nD3;Zoé;lâ€™été\n',
        encoding="utf-8",
    )
    table = read_source(path)
    assert table.rows[1].cells[1] == "CafÃ©"  # valid UTF-8: read as it is, never “repaired”
    [note] = table.notes
    assert (note.code, note.row) == (text_tables.GARBLED_TEXT, 3)
    assert "3, 4" in note.message() and "Ã©" in note.message()
    path.write_text("Réf;Nom;Ville\nD1;Ãlvaro;São Paulo\nD2;Zoé;À côté\n", encoding="utf-8")
    assert read_source(path).notes == ()


def test_an_xml_spreadsheet_2003_saved_as_xls_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Feuil1"><Table><Row><Cell><Data ss:Type="String">ref</Data></Cell>'
        "</Row></Table></Worksheet></Workbook>\n",
        encoding="utf-8",
    )
    assert refusal(path) == tabular_sources.XML_SPREADSHEET
