"""Campaigns being set up: no jurors, no dossiers, no scores — every method still answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from selection_desk.aggregation import (
    build_ranking_input,
    compute_ranking,
    explain,
    juror_calibration,
    ranking_to_json,
    weight_sensitivity,
)
from selection_desk.domain import CampaignData, Method
from tests.factories import make_campaign_data

_EMPTY = make_campaign_data(scored=False)
SHAPES = {
    "no dossiers": replace(_EMPTY, dossiers=(), conflicts=()),
    "no jurors": replace(_EMPTY, jurors=(), conflicts=()),
    "nothing": replace(_EMPTY, jurors=(), dossiers=(), conflicts=()),
    "no scores": _EMPTY,
}


@pytest.mark.parametrize("bootstrap", [0, 20])
@pytest.mark.parametrize("method", list(Method))
@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_method_ranks_a_campaign_without_counted_reviews(
    shape: str, method: Method, bootstrap: int
) -> None:
    data: CampaignData = SHAPES[shape]
    ranking_input = build_ranking_input(data)
    ranking = compute_ranking(ranking_input, method=method, bootstrap=bootstrap, seed=1)
    assert [e.ref for e in ranking.entries] == sorted(d.ref for d in data.dossiers)
    assert all(e.jurors == 0 for e in ranking.entries)
    assert ranking_to_json(ranking, "x")["ranking"] == ranking_to_json(ranking, "x")["ranking"]
    for entry in ranking.entries:
        assert explain(ranking_input, entry.ref, method=method).ref == entry.ref
    juror_calibration(ranking_input)
    weight_sensitivity(ranking_input, method=method)


def test_schulze_refuses_campaigns_too_large_for_pairwise_matrices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selection_desk.aggregation import schulze
    from selection_desk.errors import InvalidInput

    monkeypatch.setattr(schulze, "MAX_DOSSIERS", 3)
    ranking_input = build_ranking_input(make_campaign_data(dossiers=4))
    with pytest.raises(InvalidInput) as refused:
        compute_ranking(ranking_input, method=Method.SCHULZE)
    assert "with 4 dossiers that is too large" in refused.value.message()
    assert compute_ranking(ranking_input, method=Method.MEAN).entries
