"""An export reads the scores as columns: the same scores, in the same order, a fraction of the
memory."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.domain.score_columns import ScoreColumns
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


def test_score_columns_hold_the_stores_scores_in_order(tmp_path: Path) -> None:
    data = make_campaign_data(dossiers=5, jurors=3)
    noted = [
        replace(score, comment="=1+1 note", revision=4) if index == 7 else score
        for index, score in enumerate(data.scores)
    ]
    path = make_campaign_file(tmp_path / "c.seldesk", replace(data, scores=tuple(noted)))
    with CampaignStore.open(path, readonly=True) as store:
        expected = store.scores()
        columns = store.score_columns()
    assert len(columns) == len(expected) > 8
    assert tuple(columns) == expected
    assert columns[7] == expected[7] and columns[-1] == expected[-1]
    assert columns[2:9:3] == expected[2:9:3]
    assert any(score.comment == "=1+1 note" and score.revision == 4 for score in columns)
    with pytest.raises(IndexError):
        columns[len(expected)]


def test_empty_score_columns() -> None:
    columns = ScoreColumns()
    assert len(columns) == 0 and list(columns) == [] and columns[:] == ()
