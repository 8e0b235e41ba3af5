"""Fixtures of the import tests: the kept corpus, and campaign files to import into."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.domain import Campaign
from selection_desk.storage.store import CampaignStore
from tests.data.imports.generate import HERE

CORPUS = HERE


@pytest.fixture
def corpus() -> Path:
    return CORPUS


@pytest.fixture
def empty_campaign(tmp_path: Path) -> Path:
    path = tmp_path / "campaign.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Appel 2025")).close()
    return path
