"""The heavy-data targets of issue 22: the XL campaign (50,000 dossiers, 1.5 million scores)
exported and opened as whole processes, in a bounded memory and growing linearly from L.

* ``export_memory`` / ``open_memory_xl``: the peak resident memory (the OS's own accounting,
  ``wait4``'s ``ru_maxrss``) of ``selection-desk export FILE --xlsx OUT``, and of the app opening
  the campaign until its ranking and stability are shown (``gui FILE --screenshot``), against the
  1 GB budget;
* ``export_growth`` / ``open_growth``: the same processes' times on XL against the same on L
  (the target: at most 12 times, ten times the data);
* ``rank_memory_xl`` / ``rank_json_memory_xl`` and ``rank_growth`` / ``rank_json_growth``: the
  same for ``selection-desk rank FILE`` (the table) and ``rank FILE --json``;
* ``rank_json``: ``rank FILE --json`` as a whole process, against its 2 s budget on L.

Each run takes minutes on XL: one run a side, no warm-up.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from tests.benchmarks.generator import cached_campaign_file
from tests.benchmarks.harness import BenchCase, Operation, Prepared, Side
from tests.benchmarks.operations.startup import _app_command, _process, budget

XL_MEMORY_BUDGET_BYTES = 1_000_000_000
RANK_JSON_BUDGET_S = 2.0
SMALLER = {"XL": "L", "L": "M", "M": "S", "S": "S"}
"""The size a figure is compared with: XL with L (S with itself, for the suite's smoke test)."""


def _export_command(campaign: Path, workbook: Path) -> list[str]:
    command = [sys.executable, "-m", "selection_desk", "export", str(campaign)]
    return [*command, "--xlsx", str(workbook)]


def _export(campaign: Path, workdir: Path) -> tuple[float, int]:
    workbook = workdir / f"{campaign.stem}.xlsx"
    return _process(_export_command(campaign, workbook), workbook)


def _rank(campaign: Path, workdir: Path, *, as_json: bool) -> tuple[float, int]:
    """``rank FILE [--json]`` (the campaign's method), what it prints kept in ``workdir``."""
    command = [sys.executable, "-m", "selection_desk", "rank", str(campaign)]
    printed = workdir / f"{campaign.stem}-rank.{'json' if as_json else 'txt'}"
    return _process([*command, *(["--json"] if as_json else [])], printed, printed=True)


def _open(campaign: Path, workdir: Path) -> tuple[float, int]:
    png = workdir / f"{campaign.stem}.png"
    return _process(_app_command(campaign, png, first_paint=False), png)


def _copy_of(case: BenchCase, source: Path, name: str) -> Path:
    """A private copy: the app opens the file for writing (its lock, its automatic backup)."""
    target = case.workdir / name
    target.write_bytes(source.read_bytes())
    return target


Command = Callable[[Path, Path], tuple[float, int]]
"""A whole command run on a campaign, its output in a folder: (seconds, peak RSS in bytes)."""

COMMANDS: dict[str, Command] = {
    "export": _export,
    "open": _open,
    "rank": partial(_rank, as_json=False),
    "rank_json": partial(_rank, as_json=True),
}


def _campaign(case: BenchCase, source: Path, command: str, name: str) -> Path:
    """The app opens its file for writing: it gets a private copy; the other commands read."""
    return _copy_of(case, source, f"{name}-{command}.seldesk") if command == "open" else source


def _peak_memory(command: str) -> Side:
    """The command's peak RSS on the case's campaign."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        campaign, run = _campaign(case, case.path, command, "memory"), COMMANDS[command]
        yield Prepared(lambda: run(campaign, case.workdir)[1])

    return side


def seconds(command: str, *, smaller: bool = False) -> Side:
    """The command's seconds on the case's campaign, or on the next smaller size's
    (:data:`SMALLER`): alone, or as the two sides of a growth ratio."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        source = cached_campaign_file(SMALLER[case.size.name]) if smaller else case.path
        name = "smaller" if smaller else "case"
        campaign, run = _campaign(case, source, command, name), COMMANDS[command]
        yield Prepared(lambda: run(campaign, case.workdir)[0])

    return side


def xl_memory(command: str, description: str) -> Operation:
    """The command's peak RSS on XL against the 1 GB budget (one run: minutes each)."""
    return Operation(
        ours=_peak_memory(command),
        baseline=budget(XL_MEMORY_BUDGET_BYTES),
        target_ratio=1.0,
        sizes=("XL",),
        target_sizes=("XL",),
        description=description,
        runs=1,
        warmup=False,
        quantity="bytes",
    )


def xl_growth(command: str, description: str) -> Operation:
    """The command's seconds on XL against the same on L: at most 12 times, for ten times the
    data (one run a side: minutes each)."""
    return Operation(
        ours=seconds(command),
        baseline=seconds(command, smaller=True),
        target_ratio=12.0,
        sizes=("XL",),
        target_sizes=("XL",),
        description=description,
        runs=1,
        warmup=False,
        quantity="seconds",
    )


rank_json_budget = budget(RANK_JSON_BUDGET_S)
