"""What a set-up change does to the scores already given, and the confirmation it calls for.

Some changes to a campaign under way cost jurors work: a new scale on a scored criterion, deleting
it, declaring a conflict of interest on a dossier the juror has scored, taking a scored dossier away
from a juror.  Such a use case first raises :class:`NeedsConfirmation` carrying a
:class:`ScoreImpact` — exactly which scores go, which reviews go back to draft or are deleted — and
changes nothing; called again with ``confirm=True`` it does exactly that, and returns the same
impact in its result so that undo can put everything back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from selection_desk.domain import Review, Score
from selection_desk.errors import SelectionDeskError, define_message, render_message
from selection_desk.i18n import N_
from selection_desk.services.op_changes import NOTHING, SCORES, SETUP, OpChanges

IMPACT_SCORES = define_message(
    "setup_impact_scores",
    N_("{scores} score(s) removed, given by {jurors} juror(s) on {dossiers} dossier(s)"),
)
IMPACT_SCORE_COMMENTS = define_message(
    "setup_impact_score_comments",
    N_("{comments} criterion comment(s) removed with those scores"),
)
IMPACT_REOPENED = define_message(
    "setup_impact_reopened",
    N_("{reviews} final review(s) go back to draft until their jurors complete them"),
)
IMPACT_DELETED_REVIEWS = define_message(
    "setup_impact_deleted_reviews",
    N_("{reviews} review(s) deleted with their overall comments"),
)
IMPACT_JUROR = define_message(
    "setup_impact_juror",
    N_("juror {juror}: {scores} score(s) removed, {reopened} review(s) back to draft"),
)
IMPACT_MORE_JURORS = define_message("setup_impact_more_jurors", N_("… and {count} other juror(s)"))

_LISTED_JURORS = 12


@dataclass(frozen=True)
class ScoreImpact:
    """Scores and reviews a change removes or reopens, as they were before the change."""

    removed_scores: tuple[Score, ...] = ()
    reopened_reviews: tuple[Review, ...] = ()
    """Final reviews that the change leaves incomplete: they go back to draft."""
    deleted_reviews: tuple[Review, ...] = ()
    """Reviews deleted with all their scores (a conflict declared, a juror deleted …)."""

    @property
    def is_empty(self) -> bool:
        return not (self.removed_scores or self.reopened_reviews or self.deleted_reviews)

    def op_changes(self, restored_scores: int = 0) -> OpChanges:
        """A set-up change's kinds: the rules, and the scores when it removed, reopened or put
        back (undo) any."""
        touched = not self.is_empty or restored_scores > 0
        return SETUP | (SCORES if touched else NOTHING)

    def _pairs(self) -> list[tuple[str, str]]:
        return [
            *((s.juror, s.dossier) for s in self.removed_scores),
            *((r.juror, r.dossier) for r in (*self.reopened_reviews, *self.deleted_reviews)),
        ]

    @property
    def jurors(self) -> tuple[str, ...]:
        """The jurors whose work is touched, in first-seen order."""
        return tuple(dict.fromkeys(juror for juror, _dossier in self._pairs()))

    @property
    def dossiers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(dossier for _juror, dossier in self._pairs()))

    def per_juror(self) -> list[tuple[str, int, int]]:
        """(juror, scores removed, reviews reopened) per juror touched."""
        scores = Counter(score.juror for score in self.removed_scores)
        reopened = Counter(review.juror for review in self.reopened_reviews)
        return [(juror, scores[juror], reopened[juror]) for juror in self.jurors]

    def lines(self) -> list[str]:
        """The impact in the user's language, one statement a line."""
        lines: list[str] = []
        if self.removed_scores:
            lines.append(
                render_message(
                    IMPACT_SCORES,
                    {
                        "scores": len(self.removed_scores),
                        "jurors": len({s.juror for s in self.removed_scores}),
                        "dossiers": len({s.dossier for s in self.removed_scores}),
                    },
                )
            )
            comments = sum(1 for score in self.removed_scores if score.comment.strip())
            if comments:
                lines.append(render_message(IMPACT_SCORE_COMMENTS, {"comments": comments}))
        if self.reopened_reviews:
            lines.append(render_message(IMPACT_REOPENED, {"reviews": len(self.reopened_reviews)}))
        if self.deleted_reviews:
            lines.append(
                render_message(IMPACT_DELETED_REVIEWS, {"reviews": len(self.deleted_reviews)})
            )
        per_juror = self.per_juror()
        for juror, scores, reopened in per_juror[:_LISTED_JURORS]:
            lines.append(
                render_message(
                    IMPACT_JUROR, {"juror": juror, "scores": scores, "reopened": reopened}
                )
            )
        if len(per_juror) > _LISTED_JURORS:
            lines.append(
                render_message(IMPACT_MORE_JURORS, {"count": len(per_juror) - _LISTED_JURORS})
            )
        return lines

    def audit_record(self) -> dict[str, Any]:
        """Everything removed, compactly, for the audit log (nothing is lost without a trace)."""
        return {
            "removed_scores": [
                [s.juror, s.dossier, s.criterion, s.value, s.comment] for s in self.removed_scores
            ],
            "reopened_reviews": [[r.juror, r.dossier] for r in self.reopened_reviews],
            "deleted_reviews": [
                [r.juror, r.dossier, r.status.value, r.comment, r.confidence]
                for r in self.deleted_reviews
            ],
        }

    def merged(self, other: ScoreImpact) -> ScoreImpact:
        return ScoreImpact(
            self.removed_scores + other.removed_scores,
            self.reopened_reviews + other.reopened_reviews,
            self.deleted_reviews + other.deleted_reviews,
        )


def impact_of(
    removed_scores: Iterable[Score] = (),
    reopened_reviews: Iterable[Review] = (),
    deleted_reviews: Iterable[Review] = (),
) -> ScoreImpact:
    return ScoreImpact(tuple(removed_scores), tuple(reopened_reviews), tuple(deleted_reviews))


class NeedsConfirmation(SelectionDeskError):
    """The change would cost jurors work; nothing was changed.  Call again with ``confirm=True``.

    ``code`` and the facts say what the change is; :attr:`impact` says exactly what it does to the
    scores; :meth:`message` renders both.
    """

    def __init__(self, code: str, impact: ScoreImpact, /, **facts: Any) -> None:
        super().__init__(code, **facts)
        self.impact = impact

    def headline(self) -> str:
        return super().message()

    def message(self) -> str:
        return "\n".join([self.headline(), *(f"  • {line}" for line in self.impact.lines())])
