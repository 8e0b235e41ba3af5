"""Campaigns for the §12 tests, whose selections are worked out by hand in the docstrings."""

from __future__ import annotations

from pathlib import Path

from selection_desk.domain import (
    Campaign,
    CampaignData,
    Criterion,
    Dossier,
    Juror,
    Review,
    ReviewStatus,
    Score,
)
from tests.factories import make_campaign_file

QUALITY = Criterion("Q", "Quality", 1.0, 0, 10, 1)

METHOD_SPLIT = {
    "J1": {"A": 10, "B": 9, "C": 0},
    "J2": {"A": 10, "B": 9, "C": 0},
    "J3": {"A": 0, "B": 9, "C": 10},
}
"""One place.  Means (×10): A 66.7, B 90, C 33.3 → mean selects B; medians A 100, B 90 → A;
trimmed (drop one highest, one lowest of three): A 100, B 90 → A; Borda (A 1, 1, 0; B ½ each) →
A; z-scores: each juror's totals have σ 45.5, A's mean z 0.08 < B's 0.59 → B; Schulze: A beats B
and C two jurors to one → A.  So A and B are method-dependent."""


def scores_data(
    table: dict[str, dict[str, float]], *, places: int = 1, allow_draw: bool = False
) -> CampaignData:
    jurors = sorted(table)
    dossiers = sorted({ref for row in table.values() for ref in row})
    return CampaignData(
        campaign=Campaign(uid="", name="Appel", places=places, allow_draw=allow_draw),
        criteria=(QUALITY,),
        jurors=tuple(Juror(code, f"Juré {code}") for code in jurors),
        dossiers=tuple(Dossier(ref, f"Dossier {ref}", {"Secteur": "SaaS"}) for ref in dossiers),
        scores=tuple(
            Score(juror, ref, "Q", value) for juror in jurors for ref, value in table[juror].items()
        ),
        reviews=tuple(
            Review(juror, ref, ReviewStatus.FINAL) for juror in jurors for ref in table[juror]
        ),
    )


def make_scores_file(path: Path, table: dict[str, dict[str, float]], **options: object) -> Path:
    return make_campaign_file(path, scores_data(table, **options))  # type: ignore[arg-type]
