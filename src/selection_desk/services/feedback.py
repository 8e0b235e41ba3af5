"""Use cases of the letters step: the secretary reads, edits and approves each dossier's feedback.

A juror writes two texts on a review: the *comment*, which stays inside the committee, and the
*feedback*, written for the applicant (design §11).  Neither reaches a letter as written: the
secretary approves one text per dossier — proposed from the jurors' feedback on their final,
non-conflicted reviews, without their names, and editable — and the letters print only that text.
A dossier without an approved text gets a letter without feedback.
"""

from __future__ import annotations

from dataclasses import dataclass

from selection_desk.domain import CampaignData, ReviewStatus
from selection_desk.domain.conflict_of_interest import conflicted_pairs, may_score
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.decisions import DEFAULT_ACTOR
from selection_desk.storage import feedback as feedback_rows
from selection_desk.storage.audit import now_iso
from selection_desk.storage.feedback import ApprovedFeedback
from selection_desk.storage.store import CampaignStore

MAX_FEEDBACK = 20_000
"""Characters of an approved text: a letter's page or two, far more than any feedback needs."""

FEEDBACK_TOO_LONG = define_message(
    "feedback_too_long",
    N_("The feedback for {dossier} is longer than {limit} characters."),
)


@dataclass(frozen=True)
class FeedbackDraft:
    """One dossier's feedback as the secretary reviews it."""

    dossier: str
    jurors_feedback: tuple[str, ...]
    """The distinct feedback texts of the final reviews, in the jurors' order, unnamed."""
    approved: ApprovedFeedback | None

    @property
    def proposed(self) -> str:
        """The text to edit: the approved one, else the jurors' feedback one paragraph each."""
        if self.approved is not None:
            return self.approved.text
        return "\n\n".join(self.jurors_feedback)


def feedback_drafts(store: CampaignStore, data: CampaignData | None = None) -> list[FeedbackDraft]:
    """Every dossier's feedback, in the dossiers' order; ``data``: the campaign as the caller
    already holds it (its reviews, conflicts and dossiers; the scores are not needed), else read
    here."""
    if data is None:
        data = store.campaign_data(scores=False)
    conflicted = conflicted_pairs(data.conflicts)
    written: dict[str, list[str]] = {}
    for review in data.reviews:
        text = review.feedback.strip()
        counted = review.status is ReviewStatus.FINAL and may_score(
            review.juror, review.dossier, conflicted
        )
        texts = written.setdefault(review.dossier, [])
        if text and counted and text not in texts:
            texts.append(text)
    approved = feedback_rows.approved_feedback(store)
    return [
        FeedbackDraft(d.ref, tuple(written.get(d.ref, ())), approved.get(d.ref))
        for d in data.dossiers
    ]


def feedback_draft(store: CampaignStore, dossier: str) -> FeedbackDraft:
    """One dossier's feedback (:class:`NotFound` for an unknown ref)."""
    store.dossier_id(dossier)
    return next(draft for draft in feedback_drafts(store) if draft.dossier == dossier)


def approve_feedback(
    store: CampaignStore, dossier: str, text: str, *, actor: str = DEFAULT_ACTOR
) -> ApprovedFeedback:
    """Approve ``text`` (edited by the secretary; may be empty: no feedback) as what the
    applicant's letter says of the jurors' evaluation; audited."""
    text = text.strip()
    if len(text) > MAX_FEEDBACK:
        raise InvalidInput(FEEDBACK_TOO_LONG, dossier=dossier, limit=MAX_FEEDBACK)
    store.dossier_id(dossier)  # NotFound before anything else
    approval = ApprovedFeedback(dossier, text, now_iso(), actor)
    with store.transaction():
        before = feedback_rows.approved_feedback(store).get(dossier)
        if before is not None and before.text == text:
            return before
        feedback_rows.write_approval(store, approval)
        store.record_audit(
            actor,
            "approve_feedback",
            f"feedback:{dossier}",
            before=None if before is None else {"text": before.text},
            after={"text": text},
        )
    return approval


def withdraw_approval(store: CampaignStore, dossier: str, *, actor: str = DEFAULT_ACTOR) -> bool:
    """Take the approval back (the letter then carries no feedback); ``False``: there was none."""
    store.dossier_id(dossier)
    with store.transaction():
        before = feedback_rows.approved_feedback(store).get(dossier)
        if before is None:
            return False
        feedback_rows.delete_approval(store, dossier)
        store.record_audit(
            actor, "withdraw_feedback", f"feedback:{dossier}", before={"text": before.text}
        )
    return True
