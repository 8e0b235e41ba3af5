"""Property: any order, any repetition, any batching of ballots gives the same campaign file —
the one that merging only each juror's newest ballot gives.  The per-ballot reports may differ by
order (an older revision is accepted before the newer one, refused as a replay after it), but a
ballot once accepted is *unchanged* ever after, never refused."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selection_desk.formats import sealed
from selection_desk.services.merge import MergeOutcome
from tests.offline.conftest import make_offline_campaign
from tests.offline.flows import export, issue_kit, merge, score_in_kit, state


@dataclass(frozen=True)
class Pool:
    campaign: Path
    ballots: tuple[Path, ...]
    bad: frozenset[Path]
    expected: tuple[object, ...]
    """The state after merging only each juror's newest ballot."""


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pool]:
    folder = tmp_path_factory.mktemp("pool")
    patch = pytest.MonkeyPatch()
    patch.setattr(sealed, "SCRYPT_N", 1 << 10)
    patch.setenv("SELECTION_DESK_DATA_DIR", str(folder / "data"))
    try:
        campaign = make_offline_campaign(folder / "campaign.seldesk")
        ballots: list[Path] = []
        newest: list[Path] = []
        work = {
            "J1": [[("D02", "TEAM", 1.0)], [("D02", "MARKET", 2.0)], [("D02", "TEAM", 4.5)]],
            "J2": [[("D01", "TEAM", 3.0), ("D01", "MARKET", 3.0)], [("D03", "TEAM", 0.5)]],
            "J3": [[("D04", "MARKET", 5.0, "très bien")]],
        }
        for juror, rounds in work.items():
            kit = issue_kit(campaign, juror, folder / juror / "kit.seldesk")
            for revision, entries in enumerate(rounds, start=1):
                score_in_kit(kit, juror, entries, final=["D01"] if juror == "J2" else [])
                ballots.append(export(kit, folder / juror / f"r{revision}.json").path)
            newest.append(ballots[-1])
        tampered = folder / "tampered.json"
        tampered.write_bytes(ballots[0].read_bytes().replace(b'"value":1.0', b'"value":2.0'))
        expected_file = folder / "expected.seldesk"
        shutil.copyfile(campaign, expected_file)
        assert {r.outcome for r in merge(expected_file, *newest)} == {MergeOutcome.ACCEPTED}
        yield Pool(campaign, (*ballots, tampered), frozenset({tampered}), state(expected_file))
    finally:
        patch.undo()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_order_and_batching_gives_the_newest_state(pool: Pool, data: st.DataObject) -> None:
    sequence = list(data.draw(st.permutations(pool.ballots), label="order"))
    for repeated in data.draw(st.lists(st.sampled_from(pool.ballots), max_size=6), label="again"):
        sequence.insert(data.draw(st.integers(0, len(sequence)), label="at"), repeated)
    cuts = data.draw(st.lists(st.integers(0, len(sequence)), max_size=4), label="cuts")
    bounds = [0, *sorted(cuts), len(sequence)]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "campaign.seldesk"
        shutil.copyfile(pool.campaign, target)
        accepted: set[Path] = set()
        for start, end in itertools.pairwise(bounds):
            if start == end:
                continue
            batch = sequence[start:end]
            for ballot, report in zip(batch, merge(target, *batch), strict=True):
                if ballot in pool.bad:
                    assert report.outcome is MergeOutcome.REFUSED
                elif ballot in accepted:
                    assert report.outcome is MergeOutcome.UNCHANGED
                elif report.outcome is MergeOutcome.ACCEPTED:
                    accepted.add(ballot)
        assert state(target) == pool.expected
        for ballot, report in zip(
            reversed(sequence), merge(target, *reversed(sequence)), strict=True
        ):
            assert (report.outcome is MergeOutcome.UNCHANGED) == (ballot in accepted)
        assert state(target) == pool.expected
