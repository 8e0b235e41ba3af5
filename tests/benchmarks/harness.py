"""Timing one operation of Selection Desk next to a baseline doing the same work, in one process.

An :class:`Operation` pairs two *sides*.  A side is a context manager factory: entering it does the
untimed set-up (opening the file, copying it, resolving ids) and yields a :class:`Prepared` whose
``run`` is the one thing timed.  The two sides run alternately, so that a slow drift of the machine
(page cache, CPU frequency) weighs on both alike, and the medians are compared.  An optional
``check`` receives the results of the last run of each side: a benchmark that compares different
work is worthless, so it should prove both sides computed the same thing.

The peak memory reported is the process's resident set at its highest while *our* side ran (the
kernel's high-water mark, reset before each of our runs where Linux allows it).
"""

from __future__ import annotations

import gc
import resource
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Literal

from tests.benchmarks.generator import CACHE_DIR, CampaignSize, cached_campaign_file, size_spec

DEFAULT_RUNS = 5
XL_RUNS = 3


@dataclass(frozen=True)
class BenchCase:
    """One benchmark campaign, and a private scratch folder for copies of it."""

    size: CampaignSize
    path: Path
    """The cached campaign file: open it read-only, or copy it before writing."""
    workdir: Path
    """On the same disk as the cache (never a RAM disk: durable writes must cost what they cost)."""

    def copy(self, name: str) -> Path:
        target = self.workdir / name
        shutil.copyfile(self.path, target)
        return target


@dataclass(frozen=True)
class Prepared:
    run: Callable[[], object]
    """The timed work; what it returns goes to the operation's check."""
    before_each: Callable[[], None] | None = None
    """Untimed reset before every run (e.g. a fresh empty file for an import)."""


Side = Callable[[BenchCase], AbstractContextManager[Prepared]]
Quantity = Literal["elapsed", "seconds", "bytes"]
"""What an operation compares: the time its ``run`` takes (``elapsed``), or the number ``run``
returns — seconds it measured itself (a whole process until its first paint, the longest block of
the UI thread) or bytes (a process's peak memory)."""
Check = Callable[[object, object], None]
"""``check(ours_result, baseline_result)``: raises AssertionError when they differ."""


@dataclass(frozen=True)
class Operation:
    ours: Side
    baseline: Side
    target_ratio: float | None
    """Ours / baseline must stay at or under this on ``target_sizes``; ``None``: informational."""
    sizes: tuple[str, ...]
    """The sizes it runs on when the command line does not narrow them."""
    description: str = ""
    target_sizes: tuple[str, ...] = ("L",)
    runs: int | None = None
    """Timed runs per side; ``None``: 5, or 3 on XL."""
    warmup: bool = True
    """One untimed run of each side first (off for operations that take minutes)."""
    check: Check | None = None
    quantity: Quantity = "elapsed"


Verdict = Literal["PASS", "FAIL", "-"]


@dataclass(frozen=True)
class Result:
    operation: str
    size: str
    runs: int
    ours: float
    """Median seconds (median bytes when ``unit`` is ``B``)."""
    baseline: float
    target_ratio: float | None
    ours_times: tuple[float, ...] = field(repr=False)
    baseline_times: tuple[float, ...] = field(repr=False)
    peak_bytes: int | None = None
    """The process's peak resident memory while our side ran; ``None``: not measurable."""
    unit: Literal["s", "B"] = "s"

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline > 0 else float("inf")

    @property
    def verdict(self) -> Verdict:
        if self.target_ratio is None:
            return "-"
        return "PASS" if self.ratio <= self.target_ratio else "FAIL"

    def as_json(self) -> dict[str, object]:
        return {
            "operation": self.operation,
            "size": self.size,
            "runs": self.runs,
            "ours_median_s": self.ours,
            "baseline_median_s": self.baseline,
            "ratio": self.ratio,
            "target_ratio": self.target_ratio,
            "verdict": self.verdict,
            "ours_s": list(self.ours_times),
            "baseline_s": list(self.baseline_times),
            "peak_bytes": self.peak_bytes,
            "unit": self.unit,
        }


def runs_for(operation: Operation, size: CampaignSize) -> int:
    if operation.runs is not None:
        return operation.runs
    return XL_RUNS if size.name == "XL" else DEFAULT_RUNS


_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def reset_peak_memory() -> bool:
    """Start a new high-water mark of the process's resident memory (Linux: ``clear_refs`` 5);
    False where the system keeps one peak for the process's whole life."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def peak_memory_bytes() -> int:
    """The process's peak resident memory since the last :func:`reset_peak_memory` (since it
    started where that cannot be reset)."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def _timed(prepared: Prepared, quantity: Quantity = "elapsed") -> tuple[float, object]:
    if prepared.before_each is not None:
        prepared.before_each()
    # Garbage left by the other side must not be collected on this side's clock.
    gc.collect()
    start = time.perf_counter()
    result = prepared.run()
    elapsed = time.perf_counter() - start
    if quantity == "elapsed":
        return elapsed, result
    assert isinstance(result, int | float), f"a {quantity} operation returns a number: {result!r}"
    return float(result), result


def measure(
    name: str,
    operation: Operation,
    case: BenchCase,
    *,
    runs: int | None = None,
    warmup: bool | None = None,
) -> Result:
    """Time both sides ``runs`` times, alternately, after one untimed warm-up run of each
    (unless ``warmup`` or the operation says otherwise)."""
    count = runs if runs is not None else runs_for(operation, case.size)
    warmup = operation.warmup if warmup is None else warmup
    with ExitStack() as stack:
        ours = stack.enter_context(operation.ours(case))
        baseline = stack.enter_context(operation.baseline(case))
        quantity = operation.quantity
        if warmup:
            _timed(ours, quantity)
            _timed(baseline, quantity)
        ours_times: list[float] = []
        baseline_times: list[float] = []
        ours_result: object = None
        baseline_result: object = None
        peak = 0
        for _ in range(count):
            reset_peak_memory()
            elapsed, ours_result = _timed(ours, quantity)
            peak = max(peak, peak_memory_bytes())
            ours_times.append(elapsed)
            elapsed, baseline_result = _timed(baseline, quantity)
            baseline_times.append(elapsed)
        if operation.check is not None:
            operation.check(ours_result, baseline_result)
    target = operation.target_ratio if case.size.name in operation.target_sizes else None
    return Result(
        operation=name,
        size=case.size.name,
        runs=count,
        ours=statistics.median(ours_times),
        baseline=statistics.median(baseline_times),
        target_ratio=target,
        ours_times=tuple(ours_times),
        baseline_times=tuple(baseline_times),
        peak_bytes=peak or None,
        unit="B" if operation.quantity == "bytes" else "s",
    )


@contextmanager
def bench_case(
    size: str | CampaignSize, *, path: Path | None = None, cache_dir: Path = CACHE_DIR
) -> Iterator[BenchCase]:
    """The case of ``size``: the given campaign file, or the cached one (built when missing)."""
    spec = size_spec(size)
    campaign = path if path is not None else cached_campaign_file(spec, cache_dir)
    with TemporaryDirectory(prefix="work-", dir=campaign.parent) as workdir:
        yield BenchCase(spec, campaign, Path(workdir))
