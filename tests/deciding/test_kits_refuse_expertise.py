"""A juror kit keeps its set-up: tags, bids, loads and draws are the secretary's (migration 0007),
and ``check`` knows the new guards."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.errors import InvalidInput
from selection_desk.services.draw import draw_places
from selection_desk.services.expertise import set_bid, set_dossier_tags, set_juror_profile
from selection_desk.services.expertise_plan import Bid
from selection_desk.storage import expertise
from selection_desk.storage.kits import KIND_JUROR_KIT, set_campaign_kind
from selection_desk.storage.store import CampaignStore
from tests.deciding.campaigns import make_scores_file
from tests.deciding.test_draw import CLOSE_AT_THE_LINE


def test_the_campaign_file_keeps_them_and_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE)
    with CampaignStore.open(file) as store:
        set_juror_profile(store, "J1", tags=[" Santé", "IA", "ia", ""], max_load=3)
        set_dossier_tags(store, "A", ["Santé"])
        set_bid(store, "J2", "A", Bid.EAGER)
        assert expertise.juror_tags(store) == {"J1": ("ia", "santé")}
        assert expertise.load_limits(store) == {"J1": 3}
        assert expertise.bids(store) == {("J2", "A"): "eager"}
        set_juror_profile(store, "J1", clear_max_load=True)
        set_bid(store, "J2", "A", None)
        assert expertise.load_limits(store) == {} and expertise.bids(store) == {}
    assert main(["--lang", "en", "check", str(file)]) == 0, capsys.readouterr()


def test_a_kit_refuses_them(tmp_path: Path) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2, allow_draw=True)
    with CampaignStore.open(file) as store:
        with store.transaction():
            set_campaign_kind(store, KIND_JUROR_KIT)
        for change in (
            lambda: set_juror_profile(store, "J1", tags=["x"]),
            lambda: set_dossier_tags(store, "A", ["x"]),
            lambda: set_bid(store, "J1", "A", Bid.NOT),
            lambda: set_juror_profile(store, "J1", max_load=1),
            lambda: draw_places(store, "x"),
        ):
            with pytest.raises(InvalidInput):
                change()
        assert expertise.juror_tags(store) == {} and expertise.bids(store) == {}
