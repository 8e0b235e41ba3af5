"""The offline workflow driven through its real code paths, for the tests."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from selection_desk.formats.ballot import Ballot, BallotReview, document_bytes, sign_ballot
from selection_desk.services.ballots import BallotExport, export_ballot
from selection_desk.services.kits import make_kit, open_kit, signing_key
from selection_desk.services.merge import MergeReport, merge_ballots
from selection_desk.services.scoring import record_score
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.store import CampaignStore

Entry = tuple[str, str, float] | tuple[str, str, float, str]

CHUNK = 48
"""Bytes per write of the slow writer: a ballot arrives in dozens of pieces."""


def issue_kit(campaign: Path, juror: str, out: Path, passphrase: str | None = None) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with CampaignStore.open(campaign) as store:
        make_kit(store, juror, out, passphrase=passphrase)
    return out


def score_in_kit(
    kit: Path,
    juror: str,
    entries: Iterable[Entry],
    *,
    final: Sequence[str] = (),
    passphrase: str | None = None,
) -> None:
    """Score as the scoring workspace does: one ``record_score`` per keystroke that changes a
    score; the last score of each dossier in ``final`` marks its review final."""
    entries = list(entries)
    with open_kit(kit, passphrase) as store:
        for index, (dossier, criterion, value, *comment) in enumerate(entries):
            last_of_dossier = all(e[0] != dossier for e in entries[index + 1 :])
            record_score(
                store,
                juror,
                dossier,
                criterion,
                value,
                comment=comment[0] if comment else None,
                final=last_of_dossier and dossier in final,
            )


def export(
    kit: Path, out: Path, passphrase: str | None = None, pin: str | None = None
) -> BallotExport:
    with open_kit(kit, passphrase) as store:
        return export_ballot(store, out, passphrase=passphrase, pin=pin)


def j2_ballot(campaign: Path, folder: Path) -> Path:
    """J2's ballot (D02 scored and final), from a kit issued from ``campaign`` into ``folder``."""
    kit = issue_kit(campaign, "J2", folder / "kit" / "kit-J2.seldesk")
    score_in_kit(kit, "J2", [("D02", "TEAM", 4.0), ("D02", "MARKET", 3.5)], final=["D02"])
    return export(kit, folder / "ballot-J2.json").path


def merge(campaign: Path, *ballots: Path) -> list[MergeReport]:
    with CampaignStore.open(campaign) as store:
        return merge_ballots(store, list(ballots))


def state(campaign: Path) -> tuple[object, ...]:
    """What a merge may change: the scores and reviews, with their bookkeeping."""
    with CampaignStore.open(campaign, readonly=True) as store:
        return (store.scores(), store.reviews())


def merged_rows(campaign: Path) -> list[tuple[str, int]]:
    """The merge log: (juror, revision) of every ballot merged, by juror."""
    with CampaignStore.open(campaign, readonly=True) as store:
        rows = store.db.execute(
            "SELECT j.code, m.revision FROM ballot_merge m JOIN juror j ON j.id = m.juror_id"
            " ORDER BY j.code"
        )
        return [(code, revision) for code, revision in rows]


def full_state(campaign: Path) -> tuple[object, ...]:
    """Everything a refused ballot must leave alone, the logs included."""
    with CampaignStore.open(campaign, readonly=True) as store:
        merged = store.db.execute("SELECT hash, revision FROM ballot_merge ORDER BY hash")
        merged = merged.fetchall()
        return (store.scores(), store.reviews(), len(store.audit_entries()), merged)


def copy(path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target


def signed_ballot(
    kit: Path, out: Path, reviews: Sequence[BallotReview], *, round_uid: str | None = None
) -> Path:
    """A ballot of ``reviews`` signed with the kit's own key, as its next revision (so that only
    the campaign's rules can refuse it); ``round_uid`` ``None``: the kit's round, "": none (a
    ballot written before rounds)."""
    with open_kit(kit) as store:
        identity = kit_rows.read_kit_identity(store)
        assert identity is not None
        ballot = sign_ballot(
            Ballot(
                identity.campaign_uid,
                identity.kit_id,
                identity.juror,
                identity.ballot_revision + 1,
                "2026-12-04T10:00:00Z",
                tuple(reviews),
                round_uid=store.round.uid if round_uid is None else round_uid,
            ),
            signing_key(store),
        )
    out.write_bytes(document_bytes({**ballot.payload(), "signature": ballot.signature.hex()}))
    return out


def write_slowly(path: Path, data: bytes, pause: float = 0.005) -> None:
    """As a copy over a slow share or a sync tool writes: piece by piece, each piece flushed."""
    with path.open("wb") as handle:
        for start in range(0, len(data), CHUNK):
            handle.write(data[start : start + CHUNK])
            handle.flush()
            time.sleep(pause)
