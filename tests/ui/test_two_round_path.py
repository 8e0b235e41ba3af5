"""The issue's two-round path in the window (issue 17), end to end with real kits and ballots: 40
dossiers, 7 jurors; R1 *Présélection* (3 jurors per dossier, 8 go on) made, scored in kits,
merged and closed from its dialog (its minutes and the letters of the 32 who stop); R2
*Audition* (the whole committee, 4 places) whose ballots arrive through a watched folder, written
slowly by a sync tool that also leaves a conflict copy and a half-written file; then the final
ranking (40/60), the final minutes and the finalists' letters.

Set-up and scoring in the kits are shared with the command-line path
(``tests/test_rounds_end_to_end.py``) through :mod:`tests.two_rounds`."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest

from selection_desk.domain import Criterion
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import round_dialogs
from selection_desk.ui.main_window import MainWindow
from tests.offline.flows import merged_rows, write_slowly
from tests.reports.pdf_text import joined
from tests.two_rounds import (
    DOSSIERS,
    JURORS,
    PITCH,
    PLACES,
    SHORTLIST,
    WEIGHTS,
    juror_value,
    score_every_kit,
    set_up_two_rounds,
)
from tests.ui.round_driver import ConfirmingCloseDialog, grid_mark
from tests.ui.test_juror_mode import make_kits as make_every_kit

pytestmark = pytest.mark.gui

WAIT_MS = 20_000
"""How long a wait for the watch may last before the test fails (never reached when it works)."""
CONFLICT_COPY = "ballot-J2.sync-conflict-20261205-101010-ABCDEFG.json"


def round_scores(
    pairs: Iterable[tuple[str, str]], criteria: tuple[Criterion, ...]
) -> dict[str, float]:
    """Design §5, method mean, computed here from the values the jurors typed: per review
    T = 100 · Σ w·(s − lo)/(hi − lo) / Σ w, per dossier the mean of its reviews' T."""
    totals: dict[str, list[float]] = defaultdict(list)
    weight = sum(c.weight for c in criteria)
    for juror, ref in pairs:
        t = sum(
            c.weight * (juror_value(juror, ref, c.code) - c.scale_min) / (c.scale_max - c.scale_min)
            for c in criteria
        )
        totals[ref].append(100 * t / weight)
    return {ref: sum(values) / len(values) for ref, values in totals.items()}


def in_order(scores: dict[str, float]) -> list[str]:
    return sorted(scores, key=lambda ref: (-scores[ref], ref))


def the_first(count: int, scores: dict[str, float], listed: list[str]) -> bool:
    """Whether ``listed`` is the first ``count`` by ``scores``, best first (dossiers tied above
    the cut may come in any order: the ranking shares their rank)."""
    values = [scores[ref] for ref in listed]
    best = in_order(scores)[:count]
    return set(listed) == set(best) and values == sorted(values, reverse=True)


def make_kits(window: MainWindow, monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """File ▸ Make juror kits…, every juror, into ``folder``, no passphrase; the report shown."""
    shown: list[str] = []
    monkeypatch.setattr(window.offline, "show_report", lambda title, text: shown.append(text))
    make_every_kit(window, monkeypatch, folder, "")
    window.runner.wait_for_done()
    return shown


def close_the_round(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The round bar's Close round…, confirmed as shown; the refs of who goes on."""
    monkeypatch.setattr(round_dialogs, "CloseRoundDialog", ConfirmingCloseDialog)
    window.round_bar.close_button.click()
    window.runner.wait_for_done()
    return [line.split(" — ")[0] for line in ConfirmingCloseDialog.seen]


def ranked_scores(window: MainWindow) -> dict[str, float | None]:
    """The scores of the ranking the Ranking page shows (the current round's)."""
    window.show_phase("ranking")
    window.runner.wait_for_done()
    ranking = window.ranking_page.model.ranking
    assert ranking is not None
    return {entry.ref: entry.score for entry in ranking.entries}


def log_lines(window: MainWindow) -> list[str]:
    """The Ballots tab's log, newest first."""
    log = window.ballot_watch.log
    return [log.item(i).text() for i in range(log.count())]


def column(window: MainWindow, juror: str, refs: Iterable[str]) -> set[str]:
    return {grid_mark(window, juror, ref) for ref in refs}


def test_two_rounds_in_the_window_from_kits_to_the_final_ranking(
    window: MainWindow,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[str],
) -> None:
    path = tmp_path / "dragons.seldesk"
    data = set_up_two_rounds(path)
    with CampaignStore.open(path, readonly=True) as store:
        r1_pairs = [(a.juror, a.dossier) for a in store.assignments()]
        r1_criteria = store.criteria()
        store.use_round("R2")
        r2_criteria = store.criteria()
    conflicts = {(c.juror, c.dossier) for c in data.conflicts}
    r1_pairs = [pair for pair in r1_pairs if pair not in conflicts]
    assert len(r1_pairs) >= 3 * DOSSIERS - 1 and [c.code for c in r2_criteria] == [
        "TEAM",
        PITCH.code,
    ]
    window.open_file(path)
    bar = window.round_bar
    assert bar.isVisibleTo(window) and bar.picker.currentData() == "R1"

    # -- round 1: kits made from the File menu, scored in the kits, their ballots merged --------
    [made] = make_kits(window, monkeypatch, tmp_path / "kits1")
    assert made.startswith(f"{len(JURORS)} juror kit(s) written to ")
    ballots = score_every_kit(tmp_path / "kits1", tmp_path / "ballots1")
    merged: list[str] = []
    monkeypatch.setattr(window.offline, "show_report", lambda title, text: merged.append(text))
    monkeypatch.setattr(window.offline, "ask_open_files", lambda title: list(ballots.values()))
    window.offline.merge_action.trigger()  # File ▸ Merge ballots…
    window.runner.wait_for_done()
    [report] = merged
    assert [line.split(":")[1].split(",")[0] for line in report.splitlines()] == [
        " accepted"
    ] * len(JURORS)

    # -- closing R1: who goes on is the first 8 as computed here; minutes and 32 letters --------
    r1 = round_scores(r1_pairs, r1_criteria)
    assert ranked_scores(window) == pytest.approx(r1, abs=1e-9)
    shortlist = in_order(r1)[:SHORTLIST]
    assert r1[shortlist[-1]] > r1[in_order(r1)[SHORTLIST]]  # no tie at the cut
    going_on = close_the_round(window, monkeypatch)
    assert the_first(SHORTLIST, r1, going_on)
    session = window.session
    assert session is not None and session.store.round.code == "R2"
    assert {d.ref for d in session.data.dossiers} == set(shortlist)
    folder_r1 = tmp_path / "dragons-R1"
    minutes_r1 = joined(folder_r1 / "minutes-R1.pdf")
    # In the campaign's language, French.
    assert (
        f"{SHORTLIST} dossier(s) passent du tour Présélection ({SHORTLIST} places) au tour "
        "Audition" in minutes_r1
    )
    stops_r1 = {path.stem for path in (folder_r1 / "letters-R1").iterdir()}
    assert stops_r1 == {d.ref for d in data.dossiers} - set(shortlist)
    assert len(stops_r1) == DOSSIERS - SHORTLIST == 32
    names = {d.ref: d.name for d in data.dossiers}
    stopped = min(stops_r1)
    letter = joined(folder_r1 / "letters-R1" / f"{stopped}.pdf")
    assert names[stopped] in letter and not any(names[ref] in letter for ref in shortlist)

    # -- round 2: the hearing's kits, ballots through the watched folder ------------------------
    make_kits(window, monkeypatch, tmp_path / "kits2")
    laptops = score_every_kit(tmp_path / "kits2", tmp_path / "laptops")
    hearing = {juror: path.read_bytes() for juror, path in laptops.items()}
    synced = tmp_path / "Sync" / "ballots"
    synced.mkdir(parents=True)
    panel = window.ballot_watch
    monkeypatch.setattr(panel, "ask_folder", lambda: synced)
    window.show_phase("dossiers")
    panel.watch_action.trigger()  # File ▸ Watch a folder for ballots…
    # the grid is built in a worker once its tab is shown
    qtbot.waitUntil(lambda: set(shortlist) <= set(panel.grid_model.grid.dossiers), timeout=WAIT_MS)
    assert window.current_page_name() == "ranking"
    assert window.ranking_page.details.currentWidget() is panel and panel.watching
    assert column(window, "J3", shortlist) == {"—"}
    assert "D01" in shortlist and grid_mark(window, "J1", "D01") == "✕"  # J1's conflict holds

    late, half = JURORS[-1], len(hearing[JURORS[-1]]) // 2
    written = threading.Event()

    def sync_tool() -> None:
        for juror in JURORS[:-1]:
            write_slowly(synced / f"ballot-{juror}.json", hearing[juror])
        write_slowly(synced / CONFLICT_COPY, hearing["J2"])
        write_slowly(synced / f"ballot-{late}.json", hearing[late][:half])  # the copy stalls
        written.set()

    on_time = JURORS[:-1]

    def on_time_in_the_grid() -> bool:
        return all(
            grid_mark(window, juror, ref) == ("✕" if (juror, ref) in conflicts else "✓")
            for juror in on_time
            for ref in shortlist
        )

    writer = threading.Thread(target=sync_tool)
    writer.start()
    try:
        qtbot.waitUntil(lambda: written.is_set() and on_time_in_the_grid(), timeout=WAIT_MS)
    finally:
        writer.join()
    # The half-written ballot, unchanged for a while, is said once to be not whole yet — the
    # sentence of merge --watch --once — never refused; looked at again when it changes.
    qtbot.waitUntil(lambda: f"ballot-{late}.json" in " ".join(log_lines(window)), timeout=WAIT_MS)
    lines = log_lines(window)
    assert lines[0] == f"ballot-{late}.json: still being written or not whole yet, left for later."
    assert not any("refused" in line for line in lines)
    accepted = sorted(line.split(":")[0] for line in lines if ": accepted, revision " in line)
    assert accepted == [f"ballot-{juror}.json" for juror in on_time]  # each once
    assert not any(CONFLICT_COPY in line for line in lines)  # the same ballot: nothing to say
    assert column(window, late, shortlist) == {"—"}  # the half-written ballot: not half-merged
    assert sum(juror == late for juror, _revision in merged_rows(path)) == 1  # R1's only

    def finish_the_copy() -> None:
        with (synced / f"ballot-{late}.json").open("ab") as handle:
            handle.write(hearing[late][half:])

    finisher = threading.Thread(target=finish_the_copy)
    finisher.start()
    finisher.join()
    qtbot.waitUntil(lambda: column(window, late, shortlist) <= {"✓", "✕"}, timeout=WAIT_MS)
    assert log_lines(window)[0].startswith(f"ballot-{late}.json: accepted, revision ")
    panel.toggle_button.click()  # the secretary stops watching
    assert not panel.watching
    r2_pairs = [(j, ref) for j in JURORS for ref in shortlist if (j, ref) not in conflicts]
    r2 = round_scores(r2_pairs, r2_criteria)
    assert ranked_scores(window) == pytest.approx(r2, abs=1e-9)  # R2 alone: R1 not counted
    # One ballot a juror a round, each merged once.
    assert Counter(juror for juror, _revision in merged_rows(path)) == dict.fromkeys(JURORS, 2)

    # -- closing R2: the last round; the final ranking, 40/60, as computed here ---------------
    total = WEIGHTS["R1"] + WEIGHTS["R2"]
    final = {ref: (WEIGHTS["R1"] * r1[ref] + WEIGHTS["R2"] * r2[ref]) / total for ref in shortlist}
    assert the_first(PLACES, r2, close_the_round(window, monkeypatch))
    window.show_phase("ranking")
    banner = window.ranking_page.final_banner
    assert banner.isVisibleTo(window) and "weight (R1 40, R2 60)" in banner.text.text()
    dialog = banner.dialog()
    assert dialog is not None
    try:
        entries = dialog.ranking.entries
        assert {e.ref: e.score for e in entries} == pytest.approx(final, abs=1e-9)
        assert [e.ref for e in entries] == in_order(final)
        shown = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
        assert shown == in_order(final)
        assert "(R1) + 60 × " in dialog.explanation.text()
    finally:
        dialog.deleteLater()

    # -- the final minutes recount both rounds; each dossier's letter comes from its last round --
    folder_r2 = tmp_path / "dragons-R2"
    minutes = joined(folder_r2 / "minutes-R2.pdf")
    assert "Tour Audition, le dernier" in minutes
    assert "procès-verbal final couvrant tous les tours" in minutes
    rounds = minutes.split("Les tours", 1)[1]
    assert "Présélection" in rounds
    assert "Le classement final combine les tours selon leurs poids." in rounds
    assert all(ref in rounds.split("Classement final", 1)[0] for ref in stops_r1)
    stops_r2 = {path.stem for path in (folder_r2 / "letters-R2").iterdir()}
    assert stops_r2 == set(shortlist) and not stops_r1 & stops_r2
    assert stops_r1 | stops_r2 == {d.ref for d in data.dossiers}
    assert shown_errors == []
