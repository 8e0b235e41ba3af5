"""Run the benchmarks: ``.venv/bin/python -m tests.benchmarks.run [--sizes S,M,L] [--only NAME]``.

Prints the whole table, per operation and size: the median time of Selection Desk's operation,
the median of its baseline, their ratio, the target, PASS/FAIL and the peak memory while ours ran
(:mod:`tests.benchmarks.table`); ``--json OUT`` writes the same results as JSON, ``--markdown
OUT`` as a Markdown table, ``--manual docs`` as the manual's Performance table (both languages).
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
from tests.benchmarks.table import header, markdown, row, write_manual

DEFAULT_SIZES = ("S", "M", "L")
DATA_DIR_VARIABLE = "SELECTION_DESK_DATA_DIR"


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
    parser.add_argument(
        "--markdown", type=Path, default=None, metavar="OUT", help="also write a Markdown table"
    )
    parser.add_argument(
        "--manual",
        type=Path,
        default=None,
        metavar="DOCS",
        help="also write the manual's Performance table: DOCS/<lang>/performance-table.inc",
    )
    parser.add_argument("--list", action="store_true", help="list the operations and exit")
    return parser.parse_args(argv)


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


def _load_and_date() -> dict[str, object]:
    """When the run started and how busy the machine was then (timings are only comparable on
    an idle machine)."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _environment(started: dict[str, object]) -> dict[str, object]:
    return {
        **started,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "machine": platform.machine(),
        "system": platform.platform(),
        "cpus": os.cpu_count(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.list:
        for name, operation in OPERATIONS.items():
            sizes = ",".join(operation.sizes)
            print(f"{name:16} [{sizes}] {operation.description}")
        return 0
    pairs = plan(arguments.sizes, arguments.only or list(OPERATIONS))
    started = _load_and_date()
    builds = prepare_cache(sorted({size for _, size in pairs}, key=list(SIZES).index))
    with private_data_dir():
        results = run(pairs, arguments.runs)
    environment = _environment(started)
    if arguments.json is not None:
        document = {
            "environment": environment,
            "build_s": builds,
            "results": [result.as_json() for result in results],
        }
        arguments.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    if arguments.markdown is not None:
        arguments.markdown.write_text(markdown(results, environment), encoding="utf-8")
    if arguments.manual is not None:
        write_manual(arguments.manual, results, environment)
    return 1 if any(result.verdict == "FAIL" for result in results) else 0


__all__ = ["main", "plan", "run"]

if __name__ == "__main__":
    sys.exit(main())
