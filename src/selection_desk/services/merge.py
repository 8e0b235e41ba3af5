"""Use case: the secretary merges ballots into the campaign file (design §4, step 4).

Merging is idempotent and order-independent, like Anki's sync of editable rows (last writer wins by
revision):

- a ballot is verified first — its bytes (sealed or not), its signature against the public key the
  campaign file recorded for the kit that it names, its campaign, its juror — then every score it
  carries (known dossier and criterion, the juror neither conflicted nor unassigned, the value on
  the scale and its step, a final review complete).  Anything wrong refuses the ballot *whole*,
  with the reason, and it changes nothing;
- a juror's rows are only ever written by that juror's ballots, and a ballot makes the juror's rows
  for each dossier it lists exactly what it says (a score the juror cleared is cleared);
- each juror's ballots are ordered by revision: a higher one replaces a lower one; a ballot
  already merged (the same SHA-256), whatever its revision, is *unchanged* — merging yesterday's
  folder of ballots again is harmless; a revision older than the latest merged that was never
  merged is a *replay* and is refused; a different ballot with the latest revision means one kit
  was copied to two computers, and is refused.  A juror's kit issued again replaces the earlier
  ones, which carried into it all their merged work: a ballot of a replaced kit never merged
  before is refused, so the order of late ballots cannot matter.  Since each ballot is a whole
  snapshot of the juror's work, any order of any set of ballots, any repetition, ends with every
  juror's rows equal to their highest revision: the same file, the same ranking.  The per-ballot
  *report* may differ by order: revision 1 then 2 accepts both, 2 then 1 refuses 1 as a replay
  (and 1, 2, 1 reports the second 1 unchanged) — the file is the same.  Each kit numbers its own
  ballots from 1 (:data:`~selection_desk.storage.kits.KIT_FIRST_REVISION`: a kit shows nothing of
  the kits before it), so revisions are compared with those merged from the same kit, and a newer
  kit wins by being newer, not by its numbers.  A revision its kit cannot have produced (below
  its first, beyond :data:`~selection_desk.storage.kits.MAX_KIT_REVISION` exports) is refused;
- every accepted ballot is logged by the SHA-256 of its file's (unsealed) bytes, and audited with
  what it changed: the counts, and each change — dossier, criterion, value before and after (and
  whether the comment changed; comment texts stay out of the audit), or a review's status before
  and after — up to :data:`MAX_AUDITED_CHANGES` per ballot, with the number left out beyond.
  Refused and unchanged ballots leave no trace in the file; the report lists them.

One call is one transaction (one durable commit for a whole batch); cancelling changes nothing.

One cohesive thing, kept whole past 600 lines: the merge's checks, its ordering and its writes
share the per-juror state of one batch (:class:`_Merger`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from selection_desk.domain import Criterion, ReviewStatus, Round
from selection_desk.domain.conflict_of_interest import CONFLICT_OF_INTEREST
from selection_desk.errors import InvalidInput, SelectionDeskError, define_message
from selection_desk.formats import sealed
from selection_desk.formats.ballot import (
    MAX_BALLOT_BYTES,
    BallotFormatError,
    BallotReview,
    BallotScore,
    ParsedBallot,
    parse_ballot,
    signature_is_valid,
)
from selection_desk.i18n import N_, _
from selection_desk.progress import NO_PROGRESS, Progress
from selection_desk.services.op_changes import NOTHING, SCORES, OpChanges
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.audit import now_iso
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.store import CampaignStore

MERGE_INTO_KIT = define_message(
    "merge_into_kit",
    N_("{path} is a juror kit: merge ballots into the secretary's campaign file."),
)
BALLOT_UNREADABLE = define_message("ballot_unreadable", N_("{file} cannot be read: {reason}"))
BALLOT_NOT_A_BALLOT = define_message(
    "ballot_not_a_ballot", N_("{file} is not a Selection Desk ballot ({detail}).")
)
BALLOT_ALTERED = define_message(
    "ballot_altered",
    N_(
        "{file} was altered after it was signed, or damaged on its way: its signature does not "
        "match. Ask the juror to export the ballot again."
    ),
)
BALLOT_OTHER_CAMPAIGN = define_message(
    "ballot_other_campaign",
    N_("{file} belongs to another campaign (uid {uid}), not to this one."),
)
BALLOT_UNKNOWN_JUROR = define_message(
    "ballot_unknown_juror", N_("{file} comes from juror {juror}, who is not on this jury.")
)
BALLOT_UNKNOWN_KIT = define_message(
    "ballot_unknown_kit",
    N_(
        "{file} comes from a juror kit that this campaign file did not issue (was the kit made "
        "from another copy of the campaign file?)."
    ),
)
BALLOT_KIT_OF_OTHER_JUROR = define_message(
    "ballot_kit_of_other_juror",
    N_("{file} names juror {juror}, but its kit was issued to juror {owner}."),
)
BALLOT_REPLAY = define_message(
    "ballot_replay",
    N_(
        "{file} is revision {revision} of juror {juror}'s ballot, older than revision {merged} "
        "already merged: merging it would undo newer work."
    ),
)
BALLOT_REPLACED_KIT = define_message(
    "ballot_replaced_kit",
    N_(
        "{file} comes from a kit of juror {juror} that a newer kit replaced: work not merged "
        "before the new kit was made stays out. Ask the juror to score in the new kit."
    ),
)
BALLOT_REVISION_CONFLICT = define_message(
    "ballot_revision_conflict",
    N_(
        "{file} is revision {revision} of juror {juror}'s ballot, but a different ballot with "
        "that revision was already merged (was the kit copied to two computers?)."
    ),
)
BALLOT_REVISION_IMPOSSIBLE = define_message(
    "ballot_revision_impossible",
    N_(
        "{file} claims revision {revision} of juror {juror}'s ballot, which its kit cannot have "
        "produced (its ballots are numbered {low} to {high})."
    ),
)
BALLOT_OTHER_ROUND = define_message(
    "ballot_other_round",
    N_("{file} was made for a round this campaign does not have: it is refused whole."),
)
BALLOT_ROUND_CLOSED = define_message(
    "ballot_round_closed",
    N_(
        "{file} holds scores of round {round}, which is closed: it is refused whole (reopen the "
        "round to merge it)."
    ),
)
BALLOT_DOSSIER_NOT_IN_ROUND = define_message(
    "ballot_dossier_not_in_round",
    N_(
        "{file} scores dossier {dossier}, which does not take part in round {round}: it is "
        "refused whole."
    ),
)
BALLOT_CRITERION_NOT_IN_ROUND = define_message(
    "ballot_criterion_not_in_round",
    N_(
        "{file} scores dossier {dossier} on criterion {criterion}, which round {round} does not "
        "have: it is refused whole."
    ),
)
BALLOT_UNKNOWN_DOSSIER = define_message(
    "ballot_unknown_dossier", N_("{file} scores dossier {dossier}, which this campaign lacks.")
)
BALLOT_UNKNOWN_CRITERION = define_message(
    "ballot_unknown_criterion",
    N_("{file} scores dossier {dossier} on criterion {criterion}, which this campaign lacks."),
)
BALLOT_UNASSIGNED_DOSSIER = define_message(
    "ballot_unassigned_dossier",
    N_("{file} scores dossier {dossier}, which is not assigned to juror {juror}."),
)
BALLOT_VALUE_OFF_SCALE = define_message(
    "ballot_value_off_scale",
    N_(
        "{file} gives {value} to dossier {dossier} on {criterion}, which is not on its scale "
        "({low} to {high}, step {step})."
    ),
)
BALLOT_BAD_STATUS = define_message(
    "ballot_bad_status",
    N_("{file} gives the review of dossier {dossier} an unknown status ({status})."),
)
BALLOT_BAD_CONFIDENCE = define_message(
    "ballot_bad_confidence",
    N_("{file} gives the review of dossier {dossier} a confidence of {confidence} (1 to 5)."),
)
BALLOT_INCOMPLETE_FINAL = define_message(
    "ballot_incomplete_final",
    N_(
        "{file} marks the review of dossier {dossier} final, but criterion {criterion} has no "
        "score (did the criteria change after the kit was made?)."
    ),
)


MAX_AUDITED_CHANGES = 100
"""Changes listed one by one in a merge's audit entry; beyond, only their number is kept."""


class _Changes:
    """The bounded list of what one ballot changed, for its audit entry."""

    def __init__(self) -> None:
        self.listed: list[dict[str, Any]] = []
        self.left_out = 0

    def add(self, change: dict[str, Any]) -> None:
        if len(self.listed) < MAX_AUDITED_CHANGES:
            self.listed.append(change)
        else:
            self.left_out += 1

    def room(self) -> int:
        return MAX_AUDITED_CHANGES - len(self.listed)

    def as_json(self) -> dict[str, Any]:
        return {"changes": self.listed, "changes_left_out": self.left_out}


class MergeOutcome(StrEnum):
    ACCEPTED = "accepted"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class MergeReport:
    source: str
    outcome: MergeOutcome
    juror: str | None = None
    revision: int | None = None
    hash: str | None = None
    scores_new: int = 0
    scores_changed: int = 0
    scores_removed: int = 0
    reviews_changed: int = 0
    reason: SelectionDeskError | None = None

    @property
    def op_changes(self) -> OpChanges:
        """Scores when the ballot was accepted (an unchanged or refused one writes nothing)."""
        return SCORES if self.outcome is MergeOutcome.ACCEPTED else NOTHING

    def message(self) -> str:
        """One sentence in the user's language."""
        if self.outcome is MergeOutcome.REFUSED:
            reason = self.reason.message() if self.reason else ""
            return _("{file}: refused. {reason}").format(file=self.source, reason=reason)
        if self.outcome is MergeOutcome.UNCHANGED:
            return _(
                "{file}: unchanged (revision {revision} of juror {juror} was already merged)."
            ).format(file=self.source, revision=self.revision, juror=self.juror)
        return _(
            "{file}: accepted, revision {revision} of juror {juror}: {new} new score(s), "
            "{changed} changed, {removed} removed; {reviews} review(s) changed."
        ).format(
            file=self.source,
            revision=self.revision,
            juror=self.juror,
            new=self.scores_new,
            changed=self.scores_changed,
            removed=self.scores_removed,
            reviews=self.reviews_changed,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "outcome": self.outcome.value,
            "juror": self.juror,
            "revision": self.revision,
            "hash": self.hash,
            "scores_new": self.scores_new,
            "scores_changed": self.scores_changed,
            "scores_removed": self.scores_removed,
            "reviews_changed": self.reviews_changed,
            "reason": None if self.reason is None else self.reason.code,
            "message": None if self.reason is None else self.reason.message(),
        }


class _DossierChanges:
    """:class:`_Changes` for the scores of one dossier."""

    def __init__(self, changes: _Changes, dossier: str, codes: dict[int, str]) -> None:
        self.changes = changes
        self.dossier = dossier
        self.codes = codes

    def add(
        self, criterion_id: int, before: float | None, after: float | None, comment: bool
    ) -> None:
        change: dict[str, Any] = {
            "dossier": self.dossier,
            "criterion": self.codes[criterion_id],
            "before": before,
            "after": after,
        }
        if comment:
            change["comment_changed"] = True
        self.changes.add(change)

    def new_scores(self, scores: tuple[BallotScore, ...]) -> None:
        room = self.changes.room()
        for score in scores[: max(room, 0)]:
            self.changes.add(
                {
                    "dossier": self.dossier,
                    "criterion": score.criterion,
                    "before": None,
                    "after": score.value,
                }
            )
        self.changes.left_out += max(len(scores) - max(room, 0), 0)


class _Refused(Exception):
    def __init__(self, code: str, **facts: Any) -> None:
        super().__init__(code)
        self.error = InvalidInput(code, **facts)


@dataclass(frozen=True)
class BallotSource:
    """A ballot to merge: its name for the report and its file's bytes (sealed or not)."""

    name: str
    data: bytes | None
    error: SelectionDeskError | None = None

    @classmethod
    def read(cls, path: Path, name: str | None = None) -> BallotSource:
        """``path``'s bytes, named ``name`` in the report (by default the file's name)."""
        name = Path(path).name if name is None else name
        try:
            with Path(path).open("rb") as handle:
                data = handle.read(MAX_BALLOT_BYTES + 1)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            return cls(name, None, InvalidInput(BALLOT_UNREADABLE, file=name, reason=reason))
        return cls(name, data)


def merge_ballots(
    store: CampaignStore,
    paths: Sequence[Path],
    *,
    actor: str = "secretary",
    progress: Progress = NO_PROGRESS,
) -> list[MergeReport]:
    """Merge the ballot files ``paths``, in one transaction; one report per file, in order."""
    return merge_ballot_sources(
        store, [BallotSource.read(path) for path in paths], actor=actor, progress=progress
    )


def merge_ballot_sources(
    store: CampaignStore,
    sources: Sequence[BallotSource],
    *,
    actor: str = "secretary",
    progress: Progress = NO_PROGRESS,
) -> list[MergeReport]:
    if is_juror_kit(store):
        raise InvalidInput(MERGE_INTO_KIT, path=str(store.path))
    campaign = store.campaign()
    current = store.round.code
    merger = _Merger(store, campaign.uid, actor)
    reports: list[MergeReport] = []
    try:
        with store.transaction(), _cycle_collector_paused():
            for index, source in enumerate(sources):
                progress.step(index, len(sources), source.name)
                reports.append(merger.merge(source))
            progress.step(len(sources), len(sources))
    finally:
        store.use_round(current)  # each ballot was merged into its own round
    return reports


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a batch is parsed and merged, back as it was after.

    A large batch allocates about a million small containers (the ballots' JSON, a tuple per
    score), none of them in a cycle: the collector ran about a thousand times through them for
    nothing, a tenth of a large merge's time.  Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Merger:
    def __init__(self, store: CampaignStore, campaign_uid: str, actor: str) -> None:
        self.store = store
        self.campaign_uid = campaign_uid
        self.actor = actor
        self.juror_ids = {j.code: store.juror_id(j.code) for j in store.jurors()}
        self.rounds = store.rounds()
        self._load_round()

    def _load_round(self) -> None:
        """What the checks read of the store's current round: its roster, its criteria."""
        store = self.store
        self.dossier_ids, self.criterion_ids = kit_rows.id_maps(store)
        self.criteria: dict[str, Criterion] = {c.code: c for c in store.criteria()}
        self.criterion_codes = {row_id: code for code, row_id in self.criterion_ids.items()}
        self._accepted: set[tuple[str, float]] = set()

    def _enter_round(self, name: str, round_uid: str) -> Round:
        """The ballot's round (a ballot without one: the first round) becomes the store's."""
        if not round_uid:
            target = self.rounds[0]
        else:
            found = [r for r in self.rounds if r.uid == round_uid]
            if not found:
                raise _Refused(BALLOT_OTHER_ROUND, file=name)
            target = found[0]
        if target.code != self.store.round.code:
            self.store.use_round(target.code)
            self._load_round()
        return target

    def merge(self, source: BallotSource) -> MergeReport:
        if source.error is not None or source.data is None:
            return MergeReport(source.name, MergeOutcome.REFUSED, reason=source.error)
        try:
            return self._merge(source.name, source.data)
        except _Refused as refused:
            return MergeReport(source.name, MergeOutcome.REFUSED, reason=refused.error)

    # -- checks ------------------------------------------------------------------------------

    def _unseal(self, name: str, data: bytes) -> bytes:
        if not data.startswith(sealed.MAGIC):
            return data
        try:
            header = sealed.parse_header(data)
        except sealed.SealError:
            raise _Refused(BALLOT_NOT_A_BALLOT, file=name, detail="sealed header") from None
        issue = kit_rows.kit_issue(self.store, header.kit_id)
        if issue is None:
            raise _Refused(BALLOT_UNKNOWN_KIT, file=name)
        try:
            return sealed.unseal_bytes(data, issue.ballot_key)
        except sealed.SealError:
            raise _Refused(BALLOT_ALTERED, file=name) from None

    def _parse(self, name: str, data: bytes) -> ParsedBallot:
        if len(data) > MAX_BALLOT_BYTES:
            raise _Refused(BALLOT_NOT_A_BALLOT, file=name, detail="too large")
        plain = self._unseal(name, data)
        try:
            return parse_ballot(plain)
        except BallotFormatError as error:
            raise _Refused(BALLOT_NOT_A_BALLOT, file=name, detail=error.detail) from None

    def _verify(self, name: str, parsed: ParsedBallot) -> int:
        """Campaign, juror, kit and signature; returns the juror's row id."""
        ballot = parsed.ballot
        issue = kit_rows.kit_issue(self.store, ballot.kit_id)
        if issue is None:
            if ballot.campaign_uid != self.campaign_uid:
                raise _Refused(BALLOT_OTHER_CAMPAIGN, file=name, uid=ballot.campaign_uid)
            if ballot.juror not in self.juror_ids:
                raise _Refused(BALLOT_UNKNOWN_JUROR, file=name, juror=ballot.juror)
            raise _Refused(BALLOT_UNKNOWN_KIT, file=name)
        if not signature_is_valid(ballot, issue.public_key, parsed.signed_message):
            raise _Refused(BALLOT_ALTERED, file=name)
        self._check_revision_range(name, ballot.revision, ballot.juror, issue.first_revision)
        # Signed by a kit this campaign issued: the fields below can only differ by a bug or a
        # campaign file edited by hand, but each is still checked.
        if ballot.campaign_uid != self.campaign_uid:
            raise _Refused(BALLOT_OTHER_CAMPAIGN, file=name, uid=ballot.campaign_uid)
        if ballot.juror != issue.juror:
            raise _Refused(
                BALLOT_KIT_OF_OTHER_JUROR, file=name, juror=ballot.juror, owner=issue.juror
            )
        if ballot.juror not in self.juror_ids:
            raise _Refused(BALLOT_UNKNOWN_JUROR, file=name, juror=ballot.juror)
        return self.juror_ids[ballot.juror]

    def _check_revision_range(self, name: str, revision: int, juror: str, first: int) -> None:
        """A kit numbers its ballots from one above its first revision, one more per export of
        new work (a kit issued before kits numbered their own ballots started higher): a revision
        outside that range was not produced by the kit's own exports (a ballot signed by hand with
        the kit's key), and accepting it would lock the juror's genuine ballots out as replays."""
        low, high = first + 1, first + kit_rows.MAX_KIT_REVISION
        if not low <= revision <= high:
            raise _Refused(
                BALLOT_REVISION_IMPOSSIBLE,
                file=name,
                revision=revision,
                juror=juror,
                low=low,
                high=high,
            )

    def _check_revision(self, name: str, parsed: ParsedBallot, juror_id: int) -> bool:
        """False when this very ballot was merged before (whatever its revision); refuses replays
        (older than the latest merged, never merged) and conflicts."""
        ballot = parsed.ballot
        if kit_rows.merged_ballot(self.store, parsed.hash) is not None:
            return False
        # A reissued kit starts from the file as it was: a ballot of the replaced kit that was
        # not merged by then is refused whatever the order, or the order would decide the file.
        if kit_rows.current_kit_id(self.store, juror_id) != ballot.kit_id:
            raise _Refused(BALLOT_REPLACED_KIT, file=name, juror=ballot.juror)
        merged = kit_rows.max_merged_revision_of_kit(self.store, juror_id, ballot.kit_id)
        if ballot.revision < merged:
            raise _Refused(
                BALLOT_REPLAY,
                file=name,
                revision=ballot.revision,
                juror=ballot.juror,
                merged=merged,
            )
        if ballot.revision == merged:
            raise _Refused(
                BALLOT_REVISION_CONFLICT, file=name, revision=ballot.revision, juror=ballot.juror
            )
        return True

    # -- the merge ---------------------------------------------------------------------------

    def _merge(self, name: str, data: bytes) -> MergeReport:
        parsed = self._parse(name, data)
        ballot = parsed.ballot
        juror_id = self._verify(name, parsed)
        target = self._enter_round(name, ballot.round_uid)
        # A closed round takes nothing more; a ballot it merged before stays "unchanged" (merging
        # yesterday's folder again stays harmless).
        if target.closed and kit_rows.merged_ballot(self.store, parsed.hash) is None:
            raise _Refused(BALLOT_ROUND_CLOSED, file=name, round=target.code)
        if not self._check_revision(name, parsed, juror_id):
            return MergeReport(
                name, MergeOutcome.UNCHANGED, ballot.juror, ballot.revision, parsed.hash
            )
        state = kit_rows.juror_state(self.store, juror_id)
        reviews: list[tuple[int, kit_rows.ReviewRow]] = []
        scores: list[kit_rows.ScoreWrite] = []
        removed: list[tuple[int, int]] = []
        counts = {"new": 0, "changed": 0, "removed": 0, "reviews": 0}
        changes = _Changes()
        previous: dict[int, dict[int, kit_rows.ScoreRow]] = {}
        for (dossier_id, criterion_id), row in state.scores.items():
            previous.setdefault(dossier_id, {})[criterion_id] = row
        for review in ballot.reviews:
            dossier_id = self._check_dossier(name, ballot.juror, review.dossier, state)
            self._check_review(name, review)
            self._check_scores(name, review)
            self._score_rows(
                juror_id,
                dossier_id,
                review.scores,
                previous.get(dossier_id),
                scores,
                removed,
                counts,
                _DossierChanges(changes, review.dossier, self.criterion_codes),
            )
            review_row: kit_rows.ReviewRow = (
                review.status,
                review.comment,
                review.confidence,
                review.feedback,
                review.revision,
                review.updated_at,
            )
            before_review = state.reviews.get(dossier_id)
            if before_review != review_row:
                reviews.append((dossier_id, review_row))
                if before_review is None or before_review[:4] != review_row[:4]:
                    counts["reviews"] += 1
                    before_status = None if before_review is None else before_review[0]
                    if before_status != review.status:
                        changes.add(
                            {
                                "dossier": review.dossier,
                                "status": [before_status, review.status],
                            }
                        )
        counts["removed"] = len(removed)
        kit_rows.write_juror_rows(self.store, juror_id, state, reviews, scores, removed)
        summary = {
            "file": name,
            "kit_id": ballot.kit_id,
            "revision": ballot.revision,
            "hash": parsed.hash,
            "scores_new": counts["new"],
            "scores_changed": counts["changed"],
            "scores_removed": counts["removed"],
            "reviews_changed": counts["reviews"],
            **changes.as_json(),
        }
        kit_rows.log_ballot_merge(
            self.store, parsed.hash, ballot.kit_id, juror_id, ballot.revision, now_iso(), summary
        )
        self.store.record_audit(self.actor, "merge_ballot", f"ballot:{ballot.juror}", after=summary)
        return MergeReport(
            name,
            MergeOutcome.ACCEPTED,
            ballot.juror,
            ballot.revision,
            parsed.hash,
            counts["new"],
            counts["changed"],
            counts["removed"],
            counts["reviews"],
        )

    def _check_dossier(self, name: str, juror: str, ref: str, state: kit_rows.JurorState) -> int:
        dossier_id = self.dossier_ids.get(ref)
        if dossier_id is None:
            if len(self.rounds) > 1 and self.store.has_dossier(ref):
                raise _Refused(
                    BALLOT_DOSSIER_NOT_IN_ROUND, file=name, dossier=ref, round=self.store.round.code
                )
            raise _Refused(BALLOT_UNKNOWN_DOSSIER, file=name, dossier=ref)
        if dossier_id in state.conflicted:
            raise _Refused(CONFLICT_OF_INTEREST, file=name, dossier=ref, juror=juror)
        if state.assigned is not None and dossier_id not in state.assigned:
            raise _Refused(BALLOT_UNASSIGNED_DOSSIER, file=name, dossier=ref, juror=juror)
        return dossier_id

    def _check_review(self, name: str, review: BallotReview) -> None:
        if review.status not in (ReviewStatus.DRAFT.value, ReviewStatus.FINAL.value):
            raise _Refused(
                BALLOT_BAD_STATUS, file=name, dossier=review.dossier, status=review.status
            )
        if review.confidence is not None and not 1 <= review.confidence <= 5:
            raise _Refused(
                BALLOT_BAD_CONFIDENCE,
                file=name,
                dossier=review.dossier,
                confidence=review.confidence,
            )

    def _check_scores(self, name: str, review: BallotReview) -> None:
        """Known criteria, values on their scales, and a final review complete."""
        known = self._accepted
        for score in review.scores:
            if (score.criterion, score.value) not in known:
                self._check_value(name, review.dossier, score.criterion, score.value)
        # Criteria are unique within a review (checked when parsed) and known (just checked):
        # the review is complete when it scores as many criteria as the campaign has.
        if review.status == ReviewStatus.FINAL.value and len(review.scores) != len(
            self.criterion_ids
        ):
            listed = {score.criterion for score in review.scores}
            missing = next(code for code in self.criterion_ids if code not in listed)
            raise _Refused(
                BALLOT_INCOMPLETE_FINAL, file=name, dossier=review.dossier, criterion=missing
            )

    def _score_rows(
        self,
        juror_id: int,
        dossier_id: int,
        ballot_scores: tuple[BallotScore, ...],
        before: dict[int, kit_rows.ScoreRow] | None,
        rows: list[kit_rows.ScoreWrite],
        removed: list[tuple[int, int]],
        counts: dict[str, int],
        changes: _DossierChanges,
    ) -> None:
        """The rows that make the juror's scores of one dossier those of the ballot."""
        ids = self.criterion_ids
        if not before:  # the common case of a first merge: every score is new
            rows.extend(
                (juror_id, dossier_id, ids[code], value, comment, revision, updated_at)
                for code, value, comment, revision, updated_at in ballot_scores
            )
            counts["new"] += len(ballot_scores)
            changes.new_scores(ballot_scores)
            return
        listed: set[int] = set()
        for code, value, comment, revision, updated_at in ballot_scores:
            criterion_id = ids[code]
            listed.add(criterion_id)
            old = before.get(criterion_id)
            if old != (value, comment, revision, updated_at):
                rows.append(
                    (juror_id, dossier_id, criterion_id, value, comment, revision, updated_at)
                )
                if old is None:
                    counts["new"] += 1
                    changes.add(criterion_id, None, value, False)
                elif old[:2] != (value, comment):
                    counts["changed"] += 1
                    changes.add(criterion_id, old[0], value, old[1] != comment)
        for criterion_id, old in before.items():
            if criterion_id not in listed:
                removed.append((dossier_id, criterion_id))
                changes.add(criterion_id, old[0], None, bool(old[1]))

    def _check_value(self, name: str, dossier: str, code: str, value: float) -> None:
        """Refuses an unknown criterion or a value off its scale; remembers the values accepted
        (a scale has few values, a merge many scores)."""
        criterion = self._criterion(name, dossier, code)
        if not criterion.accepts(value):
            raise _Refused(
                BALLOT_VALUE_OFF_SCALE,
                file=name,
                value=value,
                dossier=dossier,
                criterion=criterion.code,
                low=criterion.scale_min,
                high=criterion.scale_max,
                step=criterion.step,
            )
        self._accepted.add((code, value))

    def _criterion(self, name: str, dossier: str, code: str) -> Criterion:
        criterion = self.criteria.get(code)
        if criterion is None:
            if len(self.rounds) > 1:
                raise _Refused(
                    BALLOT_CRITERION_NOT_IN_ROUND,
                    file=name,
                    dossier=dossier,
                    criterion=code,
                    round=self.store.round.code,
                )
            raise _Refused(BALLOT_UNKNOWN_CRITERION, file=name, dossier=dossier, criterion=code)
        return criterion
