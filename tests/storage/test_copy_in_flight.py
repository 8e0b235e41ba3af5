"""The copy-in-flight loop (issue 16): a subprocess writes — one large ballot merge, or 200 scores
each in its own transaction — while the test copies the campaign file in a loop, as a user copying
it to a USB stick with the app open.  Every copy taken while no COMMIT was under way must be a
sound database.

The writer says where it is in a small state file (``idle N`` after its N-th commit,
``committing N`` just before the next one), so that the loop knows which copies overlapped no
commit.  Deterministically, the writer also stops once just before a COMMIT, its transaction's
pages all written (to a 20-page cache: they outgrow it), until the test has taken its copies: the
file must then still be the one before the transaction (with ``PRAGMA cache_spill = ON`` in the
writer, those copies are "malformed").
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from tests.factories import make_campaign_data, make_campaign_file
from tests.offline.flows import export, issue_kit, score_in_kit

_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import sqlite_utils
    from selection_desk.services.merge import merge_ballots
    from selection_desk.services.scoring import record_score
    from selection_desk.storage.store import CampaignStore

    campaign, state, go, pause_at, job, *ballots = sys.argv[1:]
    commits = 0

    def say(text):
        Path(state + ".tmp").write_text(text)
        os.replace(state + ".tmp", state)

    original = sqlite_utils.Database.execute

    def execute(self, sql, parameters=None):
        global commits
        if sql != "COMMIT":
            return original(self, sql, parameters)
        if commits == int(pause_at):
            say(f"paused {commits}")
            while not os.path.exists(go):
                time.sleep(0.01)
        say(f"committing {commits}")
        result = original(self, sql, parameters)
        commits += 1
        say(f"idle {commits}")
        return result

    sqlite_utils.Database.execute = execute
    with CampaignStore.open(Path(campaign)) as store:
        store.db.execute("PRAGMA cache_size = 20")
        commits = 0  # the opening's own writes (its writer record) are not counted
        say("idle 0")
        if job == "merge":
            merge_ballots(store, [Path(b) for b in ballots])
        else:
            for index in range(200):
                record_score(store, "J2", "D02", "TEAM", (index % 11) / 2)
    """
)

COPIES_DURING_THE_PAUSE = 20


@dataclass
class Tally:
    tried: int = 0
    eligible: int = 0
    """Copies during which no COMMIT began or ended."""
    held: int = 0
    """Eligible copies that pass ``PRAGMA integrity_check``."""
    paused_copies: int = 0


def _sound(copy: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as connection:
            return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:  # "database disk image is malformed" before the check runs
        return False


def _scores(copy: Path) -> int:
    with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as connection:
        count: int = connection.execute("SELECT count(*) FROM score").fetchone()[0]
    return count


def _read(state: Path) -> str:
    return state.read_text() if state.exists() else ""


def _copies_during_the_pause(path: Path, copy: Path, tally: Tally) -> int:
    """Copies of a file whose writer holds its whole transaction before COMMIT: each the file
    before the transaction; the number of scores they hold."""
    counts = set()
    for _ in range(COPIES_DURING_THE_PAUSE):
        shutil.copyfile(path, copy)
        assert _sound(copy)
        counts.add(_scores(copy))
        tally.paused_copies += 1
    assert len(counts) == 1
    return counts.pop()


def _copy_in_a_loop(
    path: Path, tmp_path: Path, job: str, pause_at: int, ballots: list[Path]
) -> tuple[Tally, int]:
    state, go, copy = tmp_path / "state", tmp_path / "go", tmp_path / "copy.seldesk"
    arguments = [str(path), str(state), str(go), str(pause_at), job, *map(str, ballots)]
    process = subprocess.Popen([sys.executable, "-c", _WRITER, *arguments])
    tally, scores_while_paused = Tally(), -1
    deadline = time.monotonic() + 300
    try:
        while process.poll() is None and time.monotonic() < deadline:
            before = _read(state)
            if before.startswith("paused") and not go.exists():
                scores_while_paused = _copies_during_the_pause(path, copy, tally)
                go.write_text("go")
                continue
            shutil.copyfile(path, copy)
            after = _read(state)
            tally.tried += 1
            if before == after and before.startswith("idle"):
                tally.eligible += 1
                tally.held += _sound(copy)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:  # a failed assertion leaves the writer paused: end it
            process.kill()
            process.wait(timeout=30)
    assert go.exists()  # the pause was reached and its copies taken
    return tally, scores_while_paused


def _report(job: str, tally: Tally) -> None:
    print(
        f"copy-in-flight {job}: {tally.tried} copies tried, {tally.eligible} outside a commit, "
        f"{tally.held} held; {tally.paused_copies} taken inside the transaction, all held"
    )


def test_copies_taken_during_a_large_merge_are_sound(tmp_path: Path) -> None:
    dossiers = 300
    path = make_campaign_file(
        tmp_path / "c.seldesk", make_campaign_data(dossiers=dossiers, jurors=4, scored=False)
    )
    ballots = []
    for juror in ("J2", "J3", "J4"):
        kit = issue_kit(path, juror, tmp_path / "kits" / f"kit-{juror}.seldesk")
        entries = [
            (f"D{i:02d}", criterion, float((i + k) % 6))
            for i in range(1, dossiers + 1)
            for k, criterion in enumerate(("TEAM", "MARKET"))
        ]
        score_in_kit(kit, juror, entries, final=[ref for ref, _, _ in entries])
        ballots.append(export(kit, tmp_path / f"ballot-{juror}.json").path)

    tally, scores_while_paused = _copy_in_a_loop(path, tmp_path, "merge", 0, ballots)

    _report("merge", tally)
    assert scores_while_paused == 0  # the merge's 1,800 scores reach the file only at COMMIT
    assert tally.held == tally.eligible
    assert _scores(path) == 3 * 2 * dossiers


def test_copies_taken_while_scoring_200_times_are_sound(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(scored=False))

    tally, scores_while_paused = _copy_in_a_loop(path, tmp_path, "score", 100, [])

    _report("scoring", tally)
    assert scores_while_paused == 1  # the first score, committed long before
    assert tally.eligible > 0 and tally.held == tally.eligible
    assert _scores(path) == 1
