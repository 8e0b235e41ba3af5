"""Run the benchmarks: ``.venv/bin/python -m tests.benchmarks.run [--sizes S,M,L] [--only NAME]``.

Prints, per operation and size, the median time of Selection Desk's operation, the median of its
baseline, their ratio, the target and PASS/FAIL; ``--json OUT`` writes the same results as JSON.
Exits 1 when a target is missed.  Never part of the default test suite (it takes minutes and
builds files of tens of megabytes in ``tests/benchmarks/.cache/``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from tests.benchmarks.generator import CACHE_DIR, SIZES, cache_key, cached_campaign_file
from tests.benchmarks.harness import Result, bench_case, measure
from tests.benchmarks.operations import OPERATIONS

DEFAULT_SIZES = ("S", "M", "L")
DATA_DIR_VARIABLE = "SELECTION_DESK_DATA_DIR"
COLUMNS = (
    ("operation", 16),
    ("size", 4),
    ("runs", 4),
    ("ours", 10),
    ("baseline", 10),
    ("ratio", 8),
    ("target", 7),
    ("verdict", 7),
)


def _names(text: str, known: Sequence[str], what: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown {what}: {', '.join(unknown)} (choose from {', '.join(known)})"
        )
    return names


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.run", description=__doc__)
    parser.add_argument(
        "--sizes",
        type=lambda text: _names(text, list(SIZES), "size"),
        default=list(DEFAULT_SIZES),
        help="comma-separated sizes among S, M, L, XL (default: S,M,L; XL means 1.5 M scores)",
    )
    parser.add_argument(
        "--only",
        type=lambda text: _names(text, list(OPERATIONS), "operation"),
        default=None,
        help=f"comma-separated operations (default: all): {', '.join(OPERATIONS)}",
    )
    parser.add_argument(
        "--runs", type=int, default=None, help="timed runs per side (default: 5, 3 on XL)"
    )
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write JSON")
    parser.add_argument("--list", action="store_true", help="list the operations and exit")
    return parser.parse_args(argv)


def format_seconds(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.0f} µs"


def format_quantity(value: float, unit: str) -> str:
    """Seconds, or bytes (a peak memory) in MB."""
    return f"{value / 1e6:.0f} MB" if unit == "B" else format_seconds(value)


def _line(cells: Sequence[str]) -> str:
    return "  ".join(
        cell.ljust(width) if index < 2 else cell.rjust(width)
        for index, (cell, (_, width)) in enumerate(zip(cells, COLUMNS, strict=True))
    ).rstrip()


def header() -> str:
    return _line([name for name, _ in COLUMNS]) + "\n" + _line(["-" * w for _, w in COLUMNS])


def row(result: Result) -> str:
    target = "-" if result.target_ratio is None else f"≤ {result.target_ratio:g}"
    return _line(
        [
            result.operation,
            result.size,
            str(result.runs),
            format_quantity(result.ours, result.unit),
            format_quantity(result.baseline, result.unit),
            f"{result.ratio:.2f}",
            target,
            result.verdict,
        ]
    )


def prepare_cache(sizes: Sequence[str]) -> dict[str, float]:
    """Build the missing campaign files first, so that building is never timed; returns the
    seconds each build took."""
    built: dict[str, float] = {}
    for size in sizes:
        if (CACHE_DIR / f"{cache_key(size)}.seldesk").exists():
            continue
        print(f"building the {size} campaign file …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        cached_campaign_file(size)
        built[size] = time.perf_counter() - start
        print(f"  built in {built[size]:.1f} s", file=sys.stderr, flush=True)
    return built


def plan(sizes: Sequence[str], names: Sequence[str]) -> list[tuple[str, str]]:
    """(operation, size) pairs to run, size by size, each operation only on its own sizes."""
    return [(name, size) for size in sizes for name in names if size in OPERATIONS[name].sizes]


def run(pairs: Sequence[tuple[str, str]], runs: int | None) -> list[Result]:
    print(header(), flush=True)
    results: list[Result] = []
    for name, size in pairs:
        with bench_case(size) as case:
            result = measure(name, OPERATIONS[name], case, runs=runs)
        results.append(result)
        print(row(result), flush=True)
    return results


@contextmanager
def private_data_dir() -> Iterator[None]:
    """Opening a copy for writing takes an automatic backup: keep those out of the user's
    folder."""
    previous = os.environ.get(DATA_DIR_VARIABLE)
    with TemporaryDirectory(prefix="selection-desk-bench-") as folder:
        os.environ[DATA_DIR_VARIABLE] = folder
        try:
            yield
        finally:
            if previous is None:
                del os.environ[DATA_DIR_VARIABLE]
            else:
                os.environ[DATA_DIR_VARIABLE] = previous


def _environment() -> dict[str, object]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "machine": platform.machine(),
        "system": platform.platform(),
        "cpus": os.cpu_count(),
        # Timings are only comparable on an idle machine: record how busy it was.
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.list:
        for name, operation in OPERATIONS.items():
            sizes = ",".join(operation.sizes)
            print(f"{name:16} [{sizes}] {operation.description}")
        return 0
    pairs = plan(arguments.sizes, arguments.only or list(OPERATIONS))
    builds = prepare_cache(sorted({size for _, size in pairs}, key=list(SIZES).index))
    with private_data_dir():
        results = run(pairs, arguments.runs)
    if arguments.json is not None:
        document = {
            "environment": _environment(),
            "build_s": builds,
            "results": [result.as_json() for result in results],
        }
        arguments.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 1 if any(result.verdict == "FAIL" for result in results) else 0


__all__ = ["main", "plan", "run"]

if __name__ == "__main__":
    sys.exit(main())
