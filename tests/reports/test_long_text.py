"""Any text the import accepts goes through every PDF: long unbroken names, long rationales and
comments, glyphs the fonts lack; and one file that cannot be written does not stop the others."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from selection_desk.cli import main
from selection_desk.domain import CampaignData
from selection_desk.formats.workbook_writer import EXCEL_CELL_LIMIT, excel_text
from selection_desk.reports.document_batch import DocumentsNotWritten
from selection_desk.reports.letters import write_letters
from selection_desk.reports.minutes import write_minutes
from selection_desk.reports.pdf_common import (
    PARAGRAPH_CHARACTERS,
    PLACEHOLDER,
    CellOverflow,
    _pieces,
    fit,
    printable,
    shortened,
    styles,
)
from selection_desk.services.juror_sheets import write_scoring_sheets_pdf
from selection_desk.services.reporting import export_reports
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file
from tests.reports.conftest import hostile_campaign_data, report_of
from tests.reports.pdf_text import joined

UNBROKEN = ("Abcdefghij" * 700)[:7000]  # one 7,000-character word
SPACED = ("Lorem ipsum dolor sit amet " * 120)[:3000]
RATIONALE = "Motif " + "très long " * 2000 + "FIN-DU-MOTIF"
COMMENT = "Commentaire " + "x" * 20_000 + " FIN-DU-COMMENTAIRE"
EMOJI_NAME = "Start😀Up suite du nom"


def long_text_data() -> CampaignData:
    data = hostile_campaign_data()
    names = {"D01": UNBROKEN, "D02": SPACED, "D03": EMOJI_NAME}
    dossiers = tuple(replace(d, name=names.get(d.ref, d.name)) for d in data.dossiers)
    criteria = tuple(replace(c, label=f"{c.code} " + "Critère" * 200) for c in data.criteria)
    jurors = tuple(replace(j, name=UNBROKEN) for j in data.jurors)
    decisions = tuple(replace(d, rationale=RATIONALE) for d in data.decisions)
    scores = tuple(
        replace(s, comment=COMMENT) if (s.juror, s.dossier) == ("J1", "D02") else s
        for s in data.scores
    )
    return replace(
        data, dossiers=dossiers, criteria=criteria, jurors=jurors, decisions=decisions,
        scores=scores,
    )  # fmt: skip


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_campaign_file(tmp_path_factory.mktemp("long") / "long.seldesk", long_text_data())


def test_the_minutes_print_the_longest_texts_whole(long_file: Path, tmp_path: Path) -> None:
    write_minutes(report_of(long_file), tmp_path / "minutes.pdf", "en")
    text = joined(tmp_path / "minutes.pdf")
    assert "FIN-DU-MOTIF" in text
    # A table shows the beginning of a long text, which follows the table whole.
    assert "[continued below the table, note 1]" in text and "Note 1, J1: Abcdefghij" in text
    assert "Note 2, D01: AbcdefghijAbc" in text  # the ranking's second note: D01's name
    assert " ".join(SPACED.split()) in text
    assert UNBROKEN[-40:] in text.replace(" ", "")  # broken across lines, never cut
    assert f"Start{PLACEHOLDER}Up suite du nom" in text


def test_every_letter_is_written_with_the_approved_feedback_whole(
    long_file: Path, tmp_path: Path
) -> None:
    report = replace(report_of(long_file), approved_feedback={"D02": COMMENT})
    letters = write_letters(report, tmp_path / "letters", "en")
    assert len(letters) == 6
    assert "FIN-DU-COMMENTAIRE" in joined(letters[1])
    assert f"Start{PLACEHOLDER}Up suite du nom" in joined(letters[2])


def test_the_scoring_sheets_shorten_their_compact_boxes(long_file: Path, tmp_path: Path) -> None:
    with CampaignStore.open(long_file, readonly=True) as store:
        sheets = write_scoring_sheets_pdf(store, tmp_path / "sheets", language="en")
    assert len(sheets) == 3  # the secretary scores nothing
    text = joined(sheets[0])
    assert "more characters not shown]" in text
    assert f"Start{PLACEHOLDER}Up suite du nom" in text


def test_glyphs_the_fonts_lack_become_one_placeholder_each() -> None:
    assert printable("a😀b\U0001f1eb\U0001f1f7c") == f"a{PLACEHOLDER}b{PLACEHOLDER * 2}c"
    assert printable("tab\there\r\nnext\x07") == f"tab here\nnext{PLACEHOLDER}"
    assert printable("Société — 5 000 € ≥ ✓") == "Société — 5 000 € ≥ ✓"


def test_shortened_says_how_much_is_hidden() -> None:
    assert shortened("abc", 5) == "abc"
    assert shortened("x" * 1500, 300) == "x" * 300 + "… [1,200 more characters not shown]"
    assert fit("😀" + "y" * 10_000, "DejaVuSans", 8, 100).startswith(PLACEHOLDER)


def test_a_letter_that_cannot_be_written_does_not_stop_the_others(
    long_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letters = tmp_path / "letters"
    (letters / "D03.pdf").mkdir(parents=True)  # a folder where the letter should go
    with pytest.raises(DocumentsNotWritten) as raised:
        export_reports(long_file, pdf=tmp_path / "minutes.pdf", letters=letters, language="en")
    assert [path.name for path, _error in raised.value.failures] == ["D03.pdf"]
    assert len(raised.value.written) == 6  # the minutes and five letters
    assert (tmp_path / "minutes.pdf").stat().st_size > 0
    assert {path.name for path in letters.glob("*.pdf") if path.is_file()} == {
        f"D0{index}.pdf" for index in (1, 2, 4, 5, 6)
    }
    code = main(["--lang", "en", "export", str(long_file), "--letters", str(letters)])
    error = capsys.readouterr().err.strip()
    assert code == 1
    assert error.startswith("Not written: D03.pdf (The PDF ")
    assert error.endswith("the 5 other file(s) were written.") and "\n" not in error


def test_excel_text_cuts_at_the_cell_limit_with_a_note() -> None:
    assert excel_text("x" * EXCEL_CELL_LIMIT) == "x" * EXCEL_CELL_LIMIT
    cut = excel_text("😀" * 20_000)  # 40,000 UTF-16 units
    assert len(cut.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT
    assert cut.startswith("😀" * 1000)
    assert cut.endswith("[cut: the text has 20,000 characters, more than an Excel cell holds]")


def test_a_text_too_long_for_excel_is_cut_in_the_cell_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = hostile_campaign_data()
    decisions = tuple(replace(d, rationale="R" * 40_000 + " END") for d in data.decisions)
    file = make_campaign_file(tmp_path / "c.seldesk", replace(data, decisions=decisions))
    result = export_reports(file, xlsx=tmp_path / "report.xlsx", language="en")
    assert result.cut_cells == 6  # each rationale is in the Decisions and the Ranking sheets
    [note] = result.notes()
    assert note.startswith("6 text(s) longer than an Excel cell holds (32,767 characters)")
    workbook = openpyxl.load_workbook(tmp_path / "report.xlsx", read_only=True)
    cells = [
        cell
        for row in workbook["Decisions"].iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str) and cell.startswith("RRR")
    ]
    workbook.close()  # a read-only workbook keeps its file open until closed
    assert len(cells) == 3
    assert all(
        len(c) <= EXCEL_CELL_LIMIT and c.endswith("more than an Excel cell holds]") for c in cells
    )
    code = main(["--lang", "en", "export", str(file), "--xlsx", str(tmp_path / "again.xlsx")])
    out = capsys.readouterr().out
    assert code == 0 and "6 text(s) longer than an Excel cell holds" in out


def test_a_scoring_sheet_that_cannot_be_written_does_not_stop_the_others(
    long_file: Path, tmp_path: Path
) -> None:
    from selection_desk.services.juror_sheets import export_juror_sheets

    folder = tmp_path / "sheets"
    (folder / "scoring-sheet-J2.pdf").mkdir(parents=True)
    with pytest.raises(DocumentsNotWritten) as raised:
        export_juror_sheets(long_file, folder, language="en")
    assert [path.name for path, _error in raised.value.failures] == ["scoring-sheet-J2.pdf"]
    assert len(raised.value.written) == 5  # three workbooks, two PDFs
    assert (folder / "scoring-sheet-J3.pdf").is_file()


def test_a_layout_reportlab_cannot_place_is_a_write_failure_of_that_file(tmp_path: Path) -> None:
    from reportlab.platypus import Table

    from selection_desk.reports.pdf_common import ReportWriteFailed, build_pdf

    too_tall = Table([["x"]], rowHeights=[2000])  # taller than a page, and not splittable
    with pytest.raises(ReportWriteFailed) as raised:
        build_pdf(tmp_path / "odd.pdf", [too_tall], title="odd")
    assert raised.value.message().startswith(
        f"The PDF {tmp_path / 'odd.pdf'} could not be laid out"
    )
    assert list(tmp_path.iterdir()) == []  # no temporary file left


def test_long_texts_are_laid_out_in_pieces_cut_where_the_text_breaks() -> None:
    lines = "\n".join(f"Ligne {index} " + "mot " * 40 for index in range(100))
    pieces = _pieces(lines)
    assert all(len(piece) <= PARAGRAPH_CHARACTERS for piece in pieces)
    assert all(piece.startswith("Ligne") for piece in pieces)  # cut at line breaks
    assert "\n".join(pieces) == lines
    sentences = "Une phrase assez longue pour compter. " * 200
    assert all(piece.endswith(".") for piece in _pieces(sentences)[:-1])
    unbroken = "x" * 5000
    assert "".join(_pieces(unbroken)) == unbroken
    assert _pieces("court") == ["court"]


def test_a_cell_shows_the_beginning_and_the_text_follows_the_table() -> None:
    overflow = CellOverflow(limit=10)
    styles_ = styles()
    assert overflow.cell("short", styles_.cell, "D01").text == "short"
    long_cell = overflow.cell("0123456789ABCDEF", styles_.cell, "D02")
    assert long_cell.text == "0123456789… [continued below the table, note 1]"
    heading, *full = overflow.flowables()
    assert heading.text == "Note 1, D02:"
    assert [paragraph.text for paragraph in full] == ["0123456789ABCDEF"]


def test_a_single_file_that_fails_keeps_its_own_error(long_file: Path, tmp_path: Path) -> None:
    from selection_desk.reports.pdf_common import ReportWriteFailed

    (tmp_path / "minutes.pdf").mkdir()
    with pytest.raises(ReportWriteFailed) as raised:
        export_reports(long_file, pdf=tmp_path / "minutes.pdf", language="en")
    assert not isinstance(raised.value, DocumentsNotWritten)
