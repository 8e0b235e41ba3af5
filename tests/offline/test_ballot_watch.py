"""The watched folder (issue 17, item 5): ballots that land in a synced folder are merged once each,
whole, and nothing else is — not a file still being written, not a sync tool's temporary file, not
a conflict copy of a ballot already merged."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from selection_desk.errors import InvalidInput
from selection_desk.formats.ballot_files import is_ballot_name
from selection_desk.services import ballot_watch
from selection_desk.services.ballot_watch import BallotFolder, merge_folder_once
from selection_desk.services.merge import MergeOutcome, MergeReport
from selection_desk.storage.store import CampaignStore
from tests.offline.flows import export, issue_kit, merged_rows, score_in_kit, write_slowly
from tests.offline.test_offline_cli import cli


def make_ballot(campaign: Path, juror: str, folder: Path, dossier: str = "D02") -> bytes:
    """A real ballot of ``juror`` (a kit issued from ``campaign``, one dossier scored and final),
    exported outside the watched folder; its bytes."""
    kit = issue_kit(campaign, juror, folder / "kits" / f"kit-{juror}.seldesk")
    score_in_kit(kit, juror, [(dossier, "TEAM", 4.0), (dossier, "MARKET", 3.0)], final=[dossier])
    (folder / "exported").mkdir(exist_ok=True)
    return export(kit, folder / "exported" / f"ballot-{juror}.json").path.read_bytes()


def look_until(
    store: CampaignStore, watched: BallotFolder, done: threading.Event, extra_looks: int = 3
) -> list[MergeReport]:
    """Look (and merge) at the watcher's pace until ``done`` is set, then ``extra_looks`` more."""
    reports: list[MergeReport] = []
    deadline = time.monotonic() + 30
    while not done.is_set() and time.monotonic() < deadline:
        reports += watched.merge_ready(store)
        time.sleep(watched.next_look_in())
    for _look in range(extra_looks):
        time.sleep(ballot_watch.SETTLE_SECONDS)
        reports += watched.merge_ready(store)
    return reports


@pytest.mark.parametrize(
    ("name", "is_ballot"),
    [
        ("ballot-J2.json", True),
        ("ballot-J2.ballot", True),
        ("BALLOT-J2.JSON", True),
        ("ballot-J2.sync-conflict-20261204-101010-ABCDEFG.json", True),
        ("ballot-J2 (conflicted copy 2026-12-04 101010).json", True),
        (".syncthing.ballot-J2.json.tmp", False),
        ("~syncthing~ballot-J2.json.tmp", False),
        (".ballot-J2.json.~1a2b", False),
        (".~lock.ballot-J2.json#", False),
        ("ballot-J2.json.part", False),
        ("ballot-J2.json.tmp", False),
        (".hidden.json", False),
        ("notes.txt", False),
        ("kit-J2.seldesk", False),
    ],
)
def test_ballot_names_and_temporary_files(name: str, is_ballot: bool) -> None:
    assert is_ballot_name(name) is is_ballot


def test_ballots_written_slowly_are_merged_once_each_and_nothing_else(
    campaign: Path, tmp_path: Path
) -> None:
    ballots = {juror: make_ballot(campaign, juror, tmp_path) for juror in ("J1", "J2", "J3")}
    folder = tmp_path / "synced"
    (folder / "J3").mkdir(parents=True)  # a juror's own subfolder
    (folder / ".stversions").mkdir()  # Syncthing's old versions: never looked into
    (folder / ".stversions" / "ballot-J1.json").write_bytes(ballots["J1"])
    partial = folder / "ballot-J1.json"
    arrived = threading.Event()

    def sync_tool() -> None:
        write_slowly(folder / "ballot-J2.json", ballots["J2"])
        # Syncthing: a hidden temporary file, renamed once whole.
        temporary = folder / "J3" / ".syncthing.ballot-J3.json.tmp"
        write_slowly(temporary, ballots["J3"])
        (folder / "~syncthing~ballot-J3.json.tmp").write_bytes(ballots["J3"][:100])
        (folder / ".~lock.ballot-J3.json#").write_bytes(b"lock")
        (folder / "ballot-J3.json.part").write_bytes(ballots["J3"][:200])
        (folder / "settings.json").write_bytes(b'{"theme": "dark"}\n')  # not a ballot
        temporary.replace(folder / "J3" / "ballot-J3.json")
        # A copy interrupted halfway, and a conflict copy of a ballot merged meanwhile.
        write_slowly(partial, ballots["J1"][: len(ballots["J1"]) // 2])
        conflict = folder / "ballot-J2.sync-conflict-20261204-101010-ABCDEFG.json"
        write_slowly(conflict, ballots["J2"])
        arrived.set()

    # The stable-but-not-whole partial file must wait, however long the test takes.
    watched = BallotFolder(folder, clock=lambda: 0.0)
    writer = threading.Thread(target=sync_tool)
    with CampaignStore.open(campaign) as store:
        writer.start()
        try:
            reports = look_until(store, watched, arrived)
        finally:
            writer.join()
        assert sorted((r.source, r.outcome) for r in reports) == [
            ("J3/ballot-J3.json", MergeOutcome.ACCEPTED),
            ("ballot-J2.json", MergeOutcome.ACCEPTED),
        ]  # once each: not the conflict copy, not the temporary files, not .stversions
        assert merged_rows(campaign) == [("J2", 1), ("J3", 1)]
        assert watched.waiting() == ["ballot-J1.json"]  # the partial file, not half-merged

        completed = threading.Event()

        def finish_the_copy() -> None:
            with partial.open("ab") as handle:
                handle.write(ballots["J1"][len(ballots["J1"]) // 2 :])
            completed.set()

        threading.Thread(target=finish_the_copy).start()
        reports = look_until(store, watched, completed)
    assert [(r.source, r.outcome) for r in reports] == [("ballot-J1.json", MergeOutcome.ACCEPTED)]
    assert merged_rows(campaign) == [("J1", 1), ("J2", 1), ("J3", 1)]
    assert watched.waiting() == []

    # Restarted on the same folder: every ballot is already in the merge log — nothing to say.
    again = BallotFolder(folder)
    with CampaignStore.open(campaign) as store:
        again.look()
        assert again.merge_ready(store) == []
    assert merged_rows(campaign) == [("J1", 1), ("J2", 1), ("J3", 1)]


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_file_that_stays_invalid_is_reported_once_until_it_changes(
    campaign: Path, tmp_path: Path
) -> None:
    ballot = make_ballot(campaign, "J2", tmp_path)
    folder = tmp_path / "synced"
    folder.mkdir()
    damaged = folder / "ballot-J2.json"
    signature = ballot.rindex(b'"signature":"') + len(b'"signature":"')
    flipped = b"1" if ballot[signature : signature + 1] == b"0" else b"0"
    # whole JSON, but its signature does not match (the end, cut or zeroed, reads as cut short)
    damaged.write_bytes(ballot[:signature] + flipped + ballot[signature + 1 :])
    clock = FakeClock()
    watched = BallotFolder(folder, clock=clock)
    with CampaignStore.open(campaign) as store:
        assert watched.merge_ready(store) == []  # first seen
        assert watched.merge_ready(store) == []  # stable, refused: maybe a copy that paused
        clock.now = ballot_watch.QUIET_SECONDS
        [report] = watched.merge_ready(store)
        assert report.outcome is MergeOutcome.REFUSED
        assert "ballot-J2.json: refused." in report.message()
        for _look in range(3):
            assert watched.merge_ready(store) == []  # said once: not tried again
        damaged.write_bytes(ballot)  # the juror sent it again
        assert watched.merge_ready(store) == []  # changed: looked at again once stable
        [accepted] = watched.merge_ready(store)
    assert accepted.outcome is MergeOutcome.ACCEPTED
    assert merged_rows(campaign) == [("J2", 1)]


NOT_WHOLE = "ballot-J2.json: still being written or not whole yet, left for later."


def test_a_ballot_cut_short_is_not_whole_yet_everywhere_and_retried_when_it_changes(
    campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 17: a half-written ballot that stayed unchanged was logged by the watch as "not a
    Selection Desk ballot (not JSON)", while ``--once`` said "not whole yet"."""
    ballot = make_ballot(campaign, "J2", tmp_path)
    folder = tmp_path / "synced"
    folder.mkdir()
    half = folder / "ballot-J2.json"
    half.write_bytes(ballot[: len(ballot) // 2])
    code, out, err = cli(capsys, "merge", str(campaign), "--watch", str(folder), "--once")
    assert (code, out, err) == (0, NOT_WHOLE + "\n", "")
    clock = FakeClock()
    watched = BallotFolder(folder, clock=clock)
    with CampaignStore.open(campaign) as store:
        assert watched.merge_ready(store) == []  # first seen
        assert watched.merge_ready(store) == [] and watched.not_whole_lines() == []
        clock.now = ballot_watch.QUIET_SECONDS  # the copy stalled
        assert watched.merge_ready(store) == []  # never refused: not handed to the merge
        assert watched.not_whole_lines() == [NOT_WHOLE]
        for _look in range(3):
            assert watched.merge_ready(store) == [] and watched.not_whole_lines() == []
        assert watched.waiting() == ["ballot-J2.json"] and merged_rows(campaign) == []
        half.write_bytes(ballot)  # the copy goes on
        assert watched.merge_ready(store) == []  # changed: looked at again once stable
        [accepted] = watched.merge_ready(store)
    assert accepted.outcome is MergeOutcome.ACCEPTED
    assert merged_rows(campaign) == [("J2", 1)] and watched.waiting() == []


def test_the_command_line_watch_says_not_whole_yet_as_once_does(
    campaign: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ballot = make_ballot(campaign, "J2", tmp_path)
    folder = tmp_path / "synced"
    folder.mkdir()
    (folder / "ballot-J2.json").write_bytes(ballot[:300])
    monkeypatch.setattr(ballot_watch, "QUIET_SECONDS", 0.0)  # the copy stalled long ago
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 6:
            raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", sleep)
    code, out, err = cli(capsys, "merge", str(campaign), "--watch", str(folder))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [NOT_WHOLE, f"Stopped watching {folder}."]  # once


@pytest.mark.parametrize(
    ("cut", "short"),
    [(0, True), (5, True), (16, True), (400, True), (-2, True), (-1, False), (None, False)],
)
def test_what_is_cut_short(campaign: Path, tmp_path: Path, cut: int | None, short: bool) -> None:
    """A ballot's bytes cut anywhere before its closing brace; whole (the final newline aside:
    then the merge says what is wrong) it is not."""
    ballot = make_ballot(campaign, "J2", tmp_path)
    assert ballot_watch.is_cut_short(ballot[:cut]) is short


def test_an_older_revision_is_refused_once_as_a_replay(campaign: Path, tmp_path: Path) -> None:
    kit = issue_kit(campaign, "J2", tmp_path / "kit" / "kit-J2.seldesk")
    score_in_kit(kit, "J2", [("D02", "TEAM", 4.0)])
    first = export(kit, tmp_path / "first.json").path.read_bytes()
    score_in_kit(kit, "J2", [("D02", "TEAM", 5.0)])
    second = export(kit, tmp_path / "second.json").path.read_bytes()
    folder = tmp_path / "synced"
    folder.mkdir()
    (folder / "ballot-J2.json").write_bytes(second)
    watched = BallotFolder(folder)
    with CampaignStore.open(campaign) as store:
        watched.look()
        [accepted] = watched.merge_ready(store)
        assert (accepted.outcome, accepted.revision) == (MergeOutcome.ACCEPTED, 2)
        (folder / "ballot-J2 (conflicted copy 2026-12-04 101010).json").write_bytes(first)
        watched.look()
        [refused] = watched.merge_ready(store)
        assert refused.outcome is MergeOutcome.REFUSED and "older than revision 2" in (
            refused.message()
        )
        assert watched.merge_ready(store) == []
    assert merged_rows(campaign) == [("J2", 2)]


def test_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        BallotFolder(tmp_path / "stick")
    assert "is not a folder" in caught.value.message()


def test_once_merges_what_is_whole_and_leaves_the_rest(campaign: Path, tmp_path: Path) -> None:
    ballot = make_ballot(campaign, "J2", tmp_path)
    other = make_ballot(campaign, "J3", tmp_path)
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / "ballot-J2.json").write_bytes(ballot)
    (folder / "ballot-J3.json").write_bytes(other[:300])
    (folder / ".syncthing.ballot-J3.json.tmp").write_bytes(other)
    with CampaignStore.open(campaign) as store:
        reports, waiting = merge_folder_once(store, folder, sleep=lambda _seconds: None)
    assert [(r.source, r.outcome) for r in reports] == [("ballot-J2.json", MergeOutcome.ACCEPTED)]
    assert waiting == ["ballot-J3.json"]


def test_the_command_line_once(
    campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ballot = make_ballot(campaign, "J2", tmp_path)
    other = make_ballot(campaign, "J3", tmp_path)
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / "ballot-J2.json").write_bytes(ballot)
    (folder / "ballot-J2.sync-conflict-20261204-101010-ABCDEFG.json").write_bytes(ballot)
    (folder / "ballot-J3.json").write_bytes(other[:300])
    (folder / "ballot-J3.json.part").write_bytes(other)
    code, out, err = cli(capsys, "merge", str(campaign), "--watch", str(folder), "--once")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("ballot-J2.json: accepted, revision 1 of juror")
    assert lines[1] == "ballot-J3.json: still being written or not whole yet, left for later."
    (folder / "ballot-J3.json").write_bytes(other)
    code, out, err = cli(capsys, "merge", str(campaign), "--watch", str(folder), "--once")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "ballot-J3.json: accepted, revision 1 of juror J3: 2 new score(s), 0 changed, "
        "0 removed; 1 review(s) changed."
    ]
    assert merged_rows(campaign) == [("J2", 1), ("J3", 1)]
    code, out, _err = cli(
        capsys, "merge", str(campaign), "--watch", str(folder), "--once", "--json"
    )
    assert code == 0 and '"ballots": []' in out and '"waiting": []' in out


def test_the_command_line_watches_until_ctrl_c(
    campaign: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ballot = make_ballot(campaign, "J2", tmp_path)
    folder = tmp_path / "synced"
    folder.mkdir()
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            (folder / "ballot-J2.json").write_bytes(ballot)  # lands while watching
        if len(pauses) == 6:
            raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", sleep)
    code, out, err = cli(capsys, "merge", str(campaign), "--watch", str(folder))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Watching {folder} for ballots (Ctrl+C to stop)."
    assert lines[1].startswith("ballot-J2.json: accepted, revision 1 of juror J2")
    assert lines[2:] == [f"Stopped watching {folder}."]
    assert merged_rows(campaign) == [("J2", 1)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "Give the ballot files to merge, or a folder to watch (--watch DIR)."),
        (["b.json", "--watch", "."], "Give either ballot files or a folder to watch"),
        (["b.json", "--once"], "--once goes with --watch DIR"),
        (["--watch", ".", "--json"], "--json goes with --watch only with --once"),
        (["--watch", "missing-folder", "--once"], "missing-folder is not a folder"),
    ],
)
def test_the_command_line_says_what_is_wrong(
    campaign: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = cli(capsys, "merge", str(campaign), *arguments)
    assert code == 1 and message in err


def test_a_sealed_ballot_copied_halfway_waits_then_is_merged(
    campaign: Path, tmp_path: Path
) -> None:
    passphrase = "correct horse battery"
    kit = issue_kit(campaign, "J3", tmp_path / "laptop" / "kit.seldesk", passphrase)
    score_in_kit(kit, "J3", [("D02", "TEAM", 3.5)], passphrase=passphrase)
    sealed_ballot = export(kit, tmp_path / "laptop" / "J3.ballot", passphrase).path.read_bytes()
    folder = tmp_path / "stick"
    folder.mkdir()
    landing = folder / "J3.ballot"
    landing.write_bytes(sealed_ballot[: len(sealed_ballot) - 40])  # the copy stalls
    watched = BallotFolder(folder, clock=lambda: 0.0)
    with CampaignStore.open(campaign) as store:
        for _look in range(3):
            assert watched.merge_ready(store) == []
        assert watched.waiting() == ["J3.ballot"] and merged_rows(campaign) == []
        landing.write_bytes(sealed_ballot[:20])  # within its header: cut short, not offered
        for _look in range(2):
            assert watched.merge_ready(store) == []
        assert ballot_watch.is_cut_short(landing.read_bytes())
        landing.write_bytes(sealed_ballot)
        assert watched.merge_ready(store) == []  # changed: stable at the next look
        [report] = watched.merge_ready(store)
    assert report.outcome is MergeOutcome.ACCEPTED and report.source == "J3.ballot"
    assert merged_rows(campaign) == [("J3", 1)]
