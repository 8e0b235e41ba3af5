"""Fixtures of the offline workflow: a small campaign with recognisable texts, kits and ballots.

scrypt runs with a small cost here (the header of each sealed file carries its parameters, so the
code path is the production one); the production cost is checked once in ``test_sealed``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.domain import Conflict, Dossier, Juror, Role
from selection_desk.formats import sealed
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file

SECRET_COMMENT_J2 = "SECRET-COMMENT-OF-J2-bobcat"
SECRET_COMMENT_J3 = "SECRET-COMMENT-OF-J3-ocelot"
CONFLICTED_NAME = "Zeta Conflicted Labs"
CONFLICTED_FIELD = "FIELD-ONLY-IN-D01-walrus"
ATTACHMENT_D01 = b"%PDF-1.4 ATTACHMENT-ONLY-IN-D01-narwhal"
ATTACHMENT_D02 = b"%PDF-1.4 ATTACHMENT-OF-D02-puffin"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_N", 1 << 10)


def offline_campaign_data():  # type: ignore[no-untyped-def]
    """J1 is conflicted with D01 (the factory's conflict); J2 and J3 score everything."""
    data = make_campaign_data(scored=False)
    dossiers = list(data.dossiers)
    dossiers[0] = Dossier("D01", CONFLICTED_NAME, {"Secteur": CONFLICTED_FIELD, "Ville": "Albi"})
    jurors = (
        Juror("J1", "Alice Martin", "alice@example.org", Role.PRESIDENT),
        Juror("J2", "Bruno Keller", "bruno@example.org"),
        Juror("J3", "Chloé Dubois", "chloe@example.org"),
    )
    return replace(
        data,
        dossiers=tuple(dossiers),
        jurors=jurors,
        conflicts=(Conflict("J1", "D01", "ancien associé"),),
    )


def make_offline_campaign(path: Path) -> Path:
    make_campaign_file(path, offline_campaign_data())
    with CampaignStore.open(path) as store:
        with store.transaction():
            store.write_attachment("D01", "deck.pdf", "application/pdf", ATTACHMENT_D01)
            store.write_attachment("D02", "deck.pdf", "application/pdf", ATTACHMENT_D02)
        # Other jurors' earlier work, through the real scoring path (so the audit holds it too).
        record_score(store, "J2", "D02", "TEAM", 4.0, comment=SECRET_COMMENT_J2)
        record_score(store, "J3", "D03", "MARKET", 2.5, comment=SECRET_COMMENT_J3)
        record_score(store, "J1", "D02", "TEAM", 3.0, comment="my own earlier comment")
    return path


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    return make_offline_campaign(tmp_path / "campaign.seldesk")
