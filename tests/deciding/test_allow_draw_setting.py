"""The campaign setting ``allow_draw``: off by default, kept by the campaign file, written and read
by the campaign workbook under its English and French keys, and what ``draw`` obeys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from selection_desk.cli import main
from selection_desk.domain import Campaign
from selection_desk.formats.workbook_reader import read_campaign_workbook
from selection_desk.formats.workbook_writer import write_campaign_workbook
from selection_desk.storage.store import CampaignStore
from tests.deciding.campaigns import scores_data
from tests.deciding.test_draw import CLOSE_AT_THE_LINE
from tests.factories import make_campaign_file


def test_off_by_default() -> None:
    assert Campaign(uid="", name="x").allow_draw is False


@pytest.mark.parametrize(("language", "key", "word"), [("en", "allow_draw", True),
                         ("fr", "tirage_au_sort", True)])  # fmt: skip
def test_the_workbook_writes_and_reads_it(
    tmp_path: Path, language: str, key: str, word: bool
) -> None:
    data = scores_data(CLOSE_AT_THE_LINE, allow_draw=True)
    path = tmp_path / "c.xlsx"
    write_campaign_workbook(data, path, language)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert key in [row[0] for row in sheet.iter_rows(values_only=True)]
    assert read_campaign_workbook(path).campaign.allow_draw is word
    write_campaign_workbook(replace(data, campaign=replace(data.campaign, allow_draw=False)), path)
    assert read_campaign_workbook(path).campaign.allow_draw is False


def test_importing_a_workbook_that_allows_it_lets_draw_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk", scores_data(CLOSE_AT_THE_LINE, places=2))
    assert main(["--lang", "en", "draw", str(file), "--seed-text", "x"]) == 1
    workbook = tmp_path / "c.xlsx"
    with CampaignStore.open(file, readonly=True) as store:
        data = store.campaign_data()
    write_campaign_workbook(
        replace(data, campaign=replace(data.campaign, allow_draw=True)), workbook
    )
    assert main(["--lang", "en", "import", str(file), str(workbook)]) == 0
    with CampaignStore.open(file, readonly=True) as store:
        assert store.campaign().allow_draw is True
    capsys.readouterr()
    assert main(["--lang", "en", "draw", str(file), "--seed-text", "x"]) == 0
