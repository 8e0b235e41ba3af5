"""The offline workflow driven through its real code paths, for the tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from selection_desk.services.ballots import BallotExport, export_ballot
from selection_desk.services.kits import make_kit, open_kit
from selection_desk.services.merge import MergeReport, merge_ballots
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore

Entry = tuple[str, str, float] | tuple[str, str, float, str]


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
