"""Small factories for tests: a campaign as plain values, and a campaign file holding it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from selection_desk.domain import (
    Campaign,
    CampaignData,
    Conflict,
    Criterion,
    Dossier,
    Juror,
    Review,
    ReviewStatus,
    Role,
    RubricLevel,
    Score,
)
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.workbook_import import apply_campaign_data
from selection_desk.storage.store import CampaignStore


def make_campaign_data(
    *,
    dossiers: int = 4,
    jurors: int = 3,
    scored: bool = True,
    places: int = 2,
) -> CampaignData:
    criteria = (
        Criterion(
            "TEAM",
            "Équipe",
            2.0,
            0,
            5,
            0.5,
            threshold=1.0,
            levels=(RubricLevel(0, "Absent"), RubricLevel(5, "Excellent", "Équipe complète")),
        ),
        Criterion("MARKET", "Marché", 1.0, 0, 5, 0.5),
    )
    juror_list = tuple(
        Juror(f"J{i}", f"Juré {i}", f"j{i}@example.org", Role.PRESIDENT if i == 1 else Role.MEMBER)
        for i in range(1, jurors + 1)
    )
    dossier_list = tuple(
        Dossier(f"D{i:02d}", f"Start-up {i}", {"Secteur": "SaaS", "Ville": "Toulouse"})
        for i in range(1, dossiers + 1)
    )
    conflicts = (Conflict("J1", "D01", "ancien associé"),)
    scores: list[Score] = []
    reviews: list[Review] = []
    if scored:
        for j_index, juror in enumerate(juror_list):
            for d_index, dossier in enumerate(dossier_list):
                if (juror.code, dossier.ref) == ("J1", "D01"):
                    continue
                for c_index, criterion in enumerate(criteria):
                    value = float((d_index + j_index + c_index) % 6)
                    scores.append(Score(juror.code, dossier.ref, criterion.code, value))
                reviews.append(Review(juror.code, dossier.ref, ReviewStatus.FINAL))
    return CampaignData(
        campaign=Campaign(uid="", name="Appel test", programme="Programme test", places=places),
        criteria=criteria,
        jurors=juror_list,
        dossiers=dossier_list,
        conflicts=conflicts,
        scores=tuple(scores),
        reviews=tuple(reviews),
    )


def make_campaign_file(path: Path, data: CampaignData | None = None) -> Path:
    data = data or make_campaign_data()
    with CampaignStore.create(path, Campaign(uid="", name=data.campaign.name)) as store:
        apply_campaign_data(store, data, actor="test", source="factory")
    return path


def make_imported_campaign(folder: Path, form: str) -> Path:
    """A campaign file in ``folder`` (criteria and jurors, no dossiers) into which the form
    export ``form`` (a CSV text) was imported, typed as the import types it."""
    from dataclasses import replace

    from selection_desk.services.dossier_import import import_dossiers

    source = folder / "form.csv"
    source.write_text(form, encoding="utf-8")
    data = make_campaign_data(dossiers=0, scored=False)
    path = make_campaign_file(folder / "c.seldesk", replace(data, conflicts=()))
    with CampaignStore.open(path) as store:
        import_dossiers(store, source, actor="test")
    return path


def tie_at_the_line(store: CampaignStore) -> tuple[str, str]:
    """Gives the dossier ranked just below the line of the current round (``places`` + 1) the
    scores of the one ranked on it: the two share rank ``places``, across the line; returns the
    two refs in the ranking's listing order."""
    ranking = rank_campaign(store)
    places = ranking.places
    order = [e.ref for e in ranking.entries]
    second, third = order[places - 1], order[places]
    with store.transaction():
        store.write_scores(
            [replace(s, dossier=third) for s in store.scores() if s.dossier == second]
        )
    tied = tuple(e.ref for e in rank_campaign(store).entries if e.rank == places)
    assert set(tied) == {second, third}
    return tied[0], tied[1]
