"""Smoke test of the benchmark harness (tests/benchmarks/, itself never collected): the generator
builds a correct small campaign, and every registered operation runs once on it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from selection_desk.domain import ReviewStatus
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.generator import (
    SIZES,
    build_campaign_file,
    build_two_round_campaign_file,
    cached_campaign_file,
    expected_counts,
    generate,
    make_panel,
)
from tests.benchmarks.harness import bench_case, measure
from tests.benchmarks.operations import OPERATIONS
from tests.benchmarks.operations.ranking import check_same_means
from tests.benchmarks.run import main, plan


@pytest.fixture(scope="module")
def small_campaign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_campaign_file("S", tmp_path_factory.mktemp("bench") / "S.seldesk")


def test_small_campaign_holds_what_the_size_says(small_campaign: Path) -> None:
    with CampaignStore.open(small_campaign, readonly=True) as store:
        data = store.campaign_data()
    assert (len(data.dossiers), len(data.jurors), len(data.criteria)) == (12, 7, 6)
    # 7 × 12 pairs minus 2 conflicts = 82 reviews; reviews 17 and 67 are drafts, the second
    # scored on 3 criteria of 6: 80 × 6 + 6 + 3 scores.
    assert len(data.conflicts) == 2
    assert len(data.reviews) == 82
    assert Counter(r.status for r in data.reviews)[ReviewStatus.DRAFT] == 2
    assert len(data.scores) == 489
    assert data.assignments == ()  # everyone scores everything
    assert expected_counts("S")["scores"] == 489


def test_small_campaign_is_valid(small_campaign: Path) -> None:
    with CampaignStore.open(small_campaign, readonly=True) as store:
        data = store.campaign_data()
    criteria = {criterion.code: criterion for criterion in data.criteria}
    assert all(criteria[s.criterion].accepts(s.value) for s in data.scores)
    conflicted = {(c.juror, c.dossier) for c in data.conflicts}
    assert not conflicted & {(s.juror, s.dossier) for s in data.scores}
    scored = Counter((s.juror, s.dossier) for s in data.scores)
    for review in data.reviews:
        if review.status is ReviewStatus.FINAL:
            assert scored[review.juror, review.dossier] == len(data.criteria)


def test_generator_is_deterministic() -> None:
    first, second = generate("S"), generate("S")
    assert first.campaign == second.campaign
    assert list(first.scores()) == list(second.scores())
    assert list(first.reviews()) == list(second.reviews())


def test_large_panel_is_balanced() -> None:
    spec = SIZES["L"]
    panel = make_panel(spec, np.random.default_rng(spec.seed))
    assert np.bincount(panel.review_dossier, minlength=spec.dossiers).tolist() == [5] * 5_000
    load = np.bincount(panel.review_juror, minlength=spec.jurors)
    assert (load.min(), load.max()) == (416, 417)
    pairs = set(zip(panel.review_juror.tolist(), panel.review_dossier.tolist(), strict=True))
    assert len(pairs) == 25_000
    assert len(panel.conflicts) == spec.conflicts
    assert not pairs & set(panel.conflicts)
    assert expected_counts("L")["scores"] == 25_000 * 10 - 250 * 5


def test_cache_builds_once(tmp_path: Path) -> None:
    path = cached_campaign_file("S", tmp_path)
    built_at = path.stat().st_mtime_ns
    assert cached_campaign_file("S", tmp_path) == path
    assert path.stat().st_mtime_ns == built_at
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_the_two_round_campaign_is_the_campaign_then_a_hearing_of_its_shortlist(
    small_campaign: Path, tmp_path: Path
) -> None:
    path = build_two_round_campaign_file("S", tmp_path / "S-rounds.seldesk")
    with CampaignStore.open(small_campaign, readonly=True) as store:
        one_round = store.campaign_data()
    with CampaignStore.open(path, readonly=True) as store:
        first, hearing = store.rounds()
        assert (first.code, first.closed, first.places, first.weight) == ("R1", True, 4, 40.0)
        assert (hearing.code, hearing.kind.value, hearing.closed) == ("R2", "hearing", False)
        store.use_round("R1")
        assert store.scores() == one_round.scores and store.reviews() == one_round.reviews
        store.use_round("R2")
        roster = [d.ref for d in store.dossiers()]
        assert len(roster) == 4 and len(store.criteria()) == 6
        conflicts = {(c.juror, c.dossier) for c in store.conflicts()}
        panel = {(j.code, ref) for j in store.jurors() for ref in roster} - conflicts
        assert {(r.juror, r.dossier) for r in store.reviews()} == panel
        assert len(store.scores()) == 6 * len(panel)


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_operation_runs_on_the_small_campaign(small_campaign: Path, name: str) -> None:
    with bench_case("S", path=small_campaign) as case:
        result = measure(name, OPERATIONS[name], case, runs=1, warmup=False)
    assert result.ours > 0 and result.baseline > 0
    # A target applies on its operation's target sizes only (S for the start-up budgets); the
    # verdict itself is a timing, never asserted in a unit test.
    operation = OPERATIONS[name]
    if "S" in operation.target_sizes and operation.target_ratio is not None:
        assert result.target_ratio == operation.target_ratio
        assert result.verdict in ("PASS", "FAIL")
    else:
        assert result.target_ratio is None
        assert result.verdict == "-"


def test_mean_check_catches_a_different_computation(small_campaign: Path) -> None:
    with bench_case("S", path=small_campaign) as case:
        operation = OPERATIONS["rank_mean"]
        with operation.ours(case) as ours, operation.baseline(case) as baseline:
            ranking, totals = ours.run(), baseline.run()
    check_same_means(ranking, totals)
    assert isinstance(totals, dict)
    ref, (mean, jurors) = next(iter(totals.items()))
    with pytest.raises(AssertionError, match=ref):
        check_same_means(ranking, {**totals, ref: (mean + 1e-6, jurors)})
    with pytest.raises(AssertionError, match="only in ours"):
        check_same_means(ranking, {r: v for r, v in totals.items() if r != ref})


def test_command_line_plan_and_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert plan(["S", "XL"], ["rank_mean", "merge_ballots"]) == [
        ("rank_mean", "S"),
        ("merge_ballots", "S"),
        ("rank_mean", "XL"),  # merging XL's ballots is not part of the plan
    ]
    assert main(["--list"]) == 0
    assert "score_write" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--only", "no_such_operation"])


def test_the_runner_prints_and_writes_the_whole_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One command: the terminal table with the peak memory, a Markdown table and the manual's
    include in both languages, each with the machine it was measured on."""
    markdown, docs = tmp_path / "performance.md", tmp_path / "docs"
    arguments = ["--sizes", "S", "--only", "rank_mean", "--runs", "1"]
    assert main([*arguments, "--markdown", str(markdown), "--manual", str(docs)]) == 0
    printed = capsys.readouterr().out
    assert "peak memory" in printed.splitlines()[0]
    [line] = [line for line in printed.splitlines() if line.startswith("rank_mean")]
    assert line.split()[1] == "S" and line.endswith(" MB")
    table = markdown.read_text(encoding="utf-8")
    assert "| operation | size |" in table and "| rank_mean | S | 1 |" in table
    assert "CPU cores" in table
    english = (docs / "en" / "performance-table.inc").read_text(encoding="utf-8")
    french = (docs / "fr" / "performance-table.inc").read_text(encoding="utf-8")
    assert ".. list-table::" in english and "* - ``rank_mean``" in english
    assert "Peak memory" in english and "Mémoire maximale" in french and "cœurs" in french
