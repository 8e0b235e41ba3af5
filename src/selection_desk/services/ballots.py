"""Use case: the juror exports a ballot from their kit (design §4, step 3).

The ballot carries the juror's complete work in the kit, signed with the kit's key. Each export with
new work takes the next revision of the kit's counter — committed in the kit *before* the file is
written, so two different ballots never share a revision — while an export with nothing new writes
the very same ballot again (same revision, same bytes: merging it twice changes nothing). Exporting
never changes the juror's scores: the juror carries on and sends a newer ballot later. A kit sealed
with a passphrase seals its ballots too, with the key its campaign file shares.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selection_desk.errors import InvalidInput
from selection_desk.formats import sealed
from selection_desk.formats.ballot import (
    Ballot,
    BallotReview,
    BallotScore,
    ballot_hash,
    review_to_json,
    sign_ballot,
)
from selection_desk.services.kits import KIT_NOT_A_KIT, signing_key
from selection_desk.services.op_changes import KITS, OpChanges
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.audit import now_iso
from selection_desk.storage.campaign_file import not_writable
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.store import CampaignStore

BALLOT_CONTENT = "ballot"


@dataclass(frozen=True)
class BallotExport:
    path: Path
    juror: str
    revision: int
    reviews: int
    scores: int
    hash: str
    new_revision: bool
    """False when nothing changed since the last ballot, which was written again as it was."""

    @property
    def op_changes(self) -> OpChanges:
        return KITS

    sealed: bool


def current_reviews(kit: CampaignStore, juror: str) -> tuple[BallotReview, ...]:
    """The juror's whole work in the kit, one entry per review (a dossier the juror touched)."""
    scores: dict[str, list[BallotScore]] = defaultdict(list)
    for score in kit.scores(juror):
        scores[score.dossier].append(
            BallotScore(
                score.criterion, score.value, score.comment, score.revision, score.updated_at
            )
        )
    return tuple(
        BallotReview(
            review.dossier,
            review.status.value,
            review.comment,
            review.confidence,
            review.revision,
            review.updated_at,
            tuple(scores.get(review.dossier, ())),
            review.feedback,
        )
        for review in kit.reviews(juror)
    )


def _same_work(previous: bytes, reviews: tuple[BallotReview, ...]) -> bool:
    document: dict[str, Any] = json.loads(previous)
    return bool(document.get("reviews") == [review_to_json(review) for review in reviews])


def export_ballot(
    kit: CampaignStore,
    out: Path,
    *,
    passphrase: str | None = None,
    pin: str | None = None,
    actor: str | None = None,
) -> BallotExport:
    """Sign the juror's work in ``kit`` and write it to ``out`` (replaced if it exists).

    ``passphrase``: a sealed kit's; ``pin``: the juror's, when their kit is protected by it."""
    identity = kit_rows.read_kit_identity(kit)
    if identity is None or not is_juror_kit(kit):
        raise InvalidInput(KIT_NOT_A_KIT, path=str(kit.path))
    private_key = signing_key(kit, passphrase, pin)
    reviews = current_reviews(kit, identity.juror)
    previous = identity.last_ballot
    if previous is not None and _same_work(previous, reviews):
        data, revision, new = previous, identity.ballot_revision, False
    else:
        revision = identity.ballot_revision + 1
        ballot = sign_ballot(
            Ballot(
                identity.campaign_uid,
                identity.kit_id,
                identity.juror,
                revision,
                now_iso(),
                reviews,
                round_uid=kit.round.uid,
            ),
            private_key,
        )
        data, new = ballot.to_bytes(), True
        with kit.transaction():
            kit_rows.record_ballot_export(kit, revision, data)
            kit.record_audit(
                actor or identity.juror,
                "export_ballot",
                f"ballot:{identity.juror}",
                after={
                    "revision": revision,
                    "hash": ballot_hash(data),
                    "reviews": len(reviews),
                    "scores": ballot.score_count,
                },
            )
    content = data
    if identity.seal_ballots:
        content = sealed.seal_bytes(
            data, identity.ballot_key, BALLOT_CONTENT, {"kit_id": identity.kit_id}
        )
    _write_atomically(Path(out), content)
    return BallotExport(
        Path(out),
        identity.juror,
        revision,
        len(reviews),
        sum(len(review.scores) for review in reviews),
        ballot_hash(data),
        new,
        identity.seal_ballots,
    )


def _write_atomically(path: Path, content: bytes) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with partial.open("wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    except OSError as error:
        raise not_writable(error, path) from None
    finally:
        partial.unlink(missing_ok=True)
