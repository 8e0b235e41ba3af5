"""Which release wrote a file: the campaign file records it (shown by ``check``), and every report
carries it (PDF footers and metadata, workbook properties)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from selection_desk import SIGNATURE, __version__
from selection_desk.cli import main
from selection_desk.formats.workbook_writer import save_workbook_atomically
from selection_desk.reports.pdf_common import build_pdf
from selection_desk.storage.campaign_file import WRITER_SETTING
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file
from tests.raw_sqlite import keep_digest, raw_connection


def recorded_writer(path: Path) -> str | None:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", [WRITER_SETTING]).fetchone()
    return None if row is None else str(row[0])


def forget_writer(path: Path, *, pretend: str | None = None) -> None:
    """A file as an older release left it: no version recorded, or another one."""
    conn = raw_connection(path)
    with conn:
        conn.execute("DELETE FROM setting WHERE key = ?", [WRITER_SETTING])
        if pretend is not None:
            conn.execute("INSERT INTO setting VALUES (?, ?)", [WRITER_SETTING, pretend])
        keep_digest(conn)
    conn.close()


def test_a_new_campaign_file_records_the_version_that_wrote_it(tmp_path: Path) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    assert recorded_writer(file) == __version__
    assert check_campaign_file(file).written_by == __version__


def test_the_next_write_replaces_an_older_version(tmp_path: Path) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    forget_writer(file, pretend="0.0.9")
    with CampaignStore.open(file) as store, store.transaction():
        store.write_campaign(store.campaign())
    assert recorded_writer(file) == __version__


def test_reading_a_file_leaves_its_writer_alone(tmp_path: Path) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    forget_writer(file, pretend="0.0.9")
    with CampaignStore.open(file, readonly=True) as store:
        store.campaign()
    with CampaignStore.open(file):
        pass  # opened for writing, nothing written
    assert recorded_writer(file) == "0.0.9"


def test_check_shows_the_version_that_last_wrote_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    assert main(["--lang", "en", "check", str(file)]) == 0
    assert f"Last written by: Selection Desk {__version__}" in capsys.readouterr().out
    forget_writer(file)
    assert main(["--lang", "en", "check", str(file)]) == 0
    assert "Last written by: an unknown version" in capsys.readouterr().out


def test_every_pdf_page_footer_names_the_version(tmp_path: Path) -> None:
    from selection_desk.reports.pdf_common import styles

    path = tmp_path / "report.pdf"
    story = [Paragraph(f"Paragraph {n}", styles().body) for n in range(200)]
    build_pdf(path, story, title="Report", footer_left="Minutes")
    reader = PdfReader(path)
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert SIGNATURE in page.extract_text()
    assert reader.metadata is not None and reader.metadata.creator == SIGNATURE


def test_workbooks_name_the_version_in_their_properties(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    save_workbook_atomically(Workbook(), path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.properties.version == __version__
    assert workbook.properties.creator == SIGNATURE
