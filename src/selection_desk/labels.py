"""How the domain's enumerations read to users, in their language."""

from __future__ import annotations

from enum import StrEnum

from selection_desk.domain import (
    Criterion,
    Method,
    Outcome,
    ReviewStatus,
    Role,
    RoundKind,
    RoundStatus,
)
from selection_desk.i18n import N_, _, format_number

_LABELS: dict[StrEnum, str] = {
    Role.PRESIDENT: N_("president"),
    Role.MEMBER: N_("member"),
    Role.SECRETARY: N_("secretary"),
    Role.OBSERVER: N_("observer"),
    ReviewStatus.DRAFT: N_("draft"),
    ReviewStatus.FINAL: N_("final"),
    Outcome.SELECTED: N_("selected"),
    Outcome.WAITING_LIST: N_("waiting list"),
    Outcome.REJECTED: N_("rejected"),
    Outcome.DEFERRED: N_("deferred"),
    Method.MEAN: N_("mean of the juror totals"),
    Method.MEDIAN: N_("median of the juror totals"),
    Method.TRIMMED: N_("trimmed mean per criterion"),
    Method.ZSCORE: N_("juror-normalised (z-scores)"),
    Method.BORDA: N_("Borda count"),
    Method.SCHULZE: N_("Schulze method"),
    RoundKind.DOSSIER: N_("dossier round"),
    RoundKind.HEARING: N_("hearing"),
    RoundStatus.OPEN: N_("open"),
    RoundStatus.CLOSED: N_("closed"),
}


def label(value: StrEnum) -> str:
    return _(_LABELS[value])


def scale_text(criterion: Criterion) -> str:
    """A criterion's scale as a juror reads it: "0 to 5, step 0.5" (in the user's language)."""

    def number(value: float) -> str:
        return format_number(value, decimals=None)

    if criterion.step > 0:
        return _("{low} to {high}, step {step}").format(
            low=number(criterion.scale_min),
            high=number(criterion.scale_max),
            step=number(criterion.step),
        )
    return _("{low} to {high}").format(
        low=number(criterion.scale_min), high=number(criterion.scale_max)
    )
