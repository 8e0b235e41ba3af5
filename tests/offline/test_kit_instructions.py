"""Each kit comes with the juror's one-page instruction sheet, in the campaign's language: what
they receive, how to open, score and export, and to whom to send the ballot (issue 20, defect 8)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.formats import sealed
from selection_desk.services.kits import instructions_path, make_all_kits, make_kit
from selection_desk.storage.store import CampaignStore
from tests.offline.conftest import make_offline_campaign
from tests.reports.pdf_text import page_texts

CONTACT = "Claire Martin, jury@example.org"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_N", 1 << 10)


def _campaign(tmp_path: Path, language: str) -> Path:
    path = make_offline_campaign(tmp_path / "campaign.seldesk")
    with CampaignStore.open(path) as store, store.transaction():
        store.write_campaign(replace(store.campaign(), contact=CONTACT, language=language))
    return path


def test_every_kit_gets_its_instruction_sheet_next_to_it(tmp_path: Path) -> None:
    with CampaignStore.open(_campaign(tmp_path, "en")) as store:
        reports = make_all_kits(store, tmp_path / "kits", passphrase="correct horse battery")
    for report in reports:
        sheet = instructions_path(report.path)
        assert sheet.parent == report.path.parent
        pages = page_texts(sheet)
        assert len(pages) == 1
        text = " ".join(pages[0].split())
        assert f"({report.juror})" in text
        assert report.path.name in text
        assert "given to you separately" in text
        assert "File ▸ Export ballot…" in text
        assert f"Send the ballot file to: {CONTACT}" in text
        assert f"Dossiers to score {report.dossiers}" in text


def test_the_sheet_speaks_the_campaign_language(tmp_path: Path) -> None:
    kit = tmp_path / "kit-J2.seldesk"
    with CampaignStore.open(_campaign(tmp_path, "fr")) as store:
        make_kit(store, "J2", kit)
    text = " ".join(page_texts(instructions_path(kit))[0].split())
    assert "Ce que vous recevez" in text
    assert f"Envoyez le fichier du bulletin à : {CONTACT}" in text
    assert "aucune : le kit s’ouvre tel quel" in text
