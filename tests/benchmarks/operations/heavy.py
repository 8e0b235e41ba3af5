"""The heavy-data targets of issue 22: the XL campaign (50,000 dossiers, 1.5 million scores)
exported and opened as whole processes, in a bounded memory and growing linearly from L.

* ``export_memory`` / ``open_memory_xl``: the peak resident memory (the OS's own accounting,
  ``wait4``'s ``ru_maxrss``) of ``selection-desk export FILE --xlsx OUT``, and of the app opening
  the campaign until its ranking and stability are shown (``gui FILE --screenshot``), against the
  1 GB budget;
* ``export_growth`` / ``open_growth``: the same processes' times on XL against the same on L
  (the target: at most 12 times, ten times the data).

Each run takes minutes on XL: one run a side, no warm-up.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.generator import cached_campaign_file
from tests.benchmarks.harness import BenchCase, Prepared, Side
from tests.benchmarks.operations.startup import _app_command, _process, budget

XL_MEMORY_BUDGET_BYTES = 1_000_000_000
SMALLER = {"XL": "L", "L": "M", "M": "S", "S": "S"}
"""The size a figure is compared with: XL with L (S with itself, for the suite's smoke test)."""


def _export_command(campaign: Path, workbook: Path) -> list[str]:
    command = [sys.executable, "-m", "selection_desk", "export", str(campaign)]
    return [*command, "--xlsx", str(workbook)]


def _export(campaign: Path, workdir: Path) -> tuple[float, int]:
    workbook = workdir / f"{campaign.stem}.xlsx"
    return _process(_export_command(campaign, workbook), workbook)


def _open(campaign: Path, workdir: Path) -> tuple[float, int]:
    png = workdir / f"{campaign.stem}.png"
    return _process(_app_command(campaign, png, first_paint=False), png)


def _copy_of(case: BenchCase, source: Path, name: str) -> Path:
    """A private copy: the app opens the file for writing (its lock, its automatic backup)."""
    target = case.workdir / name
    target.write_bytes(source.read_bytes())
    return target


@contextmanager
def export_memory_side(case: BenchCase) -> Iterator[Prepared]:
    yield Prepared(lambda: _export(case.path, case.workdir)[1])


@contextmanager
def open_memory_xl_side(case: BenchCase) -> Iterator[Prepared]:
    campaign = case.copy("open.seldesk")
    yield Prepared(lambda: _open(campaign, case.workdir)[1])


def _growth(measure: str, *, smaller: bool) -> Side:
    """The process's seconds on the case's campaign, or on the next smaller size's
    (:data:`SMALLER`): the two sides of a growth ratio."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        source = cached_campaign_file(SMALLER[case.size.name]) if smaller else case.path
        name = f"{'smaller' if smaller else 'case'}-{measure}.seldesk"
        if measure == "open":
            campaign = _copy_of(case, source, name)
            yield Prepared(lambda: _open(campaign, case.workdir)[0])
        else:
            yield Prepared(lambda: _export(source, case.workdir)[0])

    return side


export_growth_side = _growth("export", smaller=False)
export_growth_baseline = _growth("export", smaller=True)
open_growth_side = _growth("open", smaller=False)
open_growth_baseline = _growth("open", smaller=True)
xl_memory_budget = budget(XL_MEMORY_BUDGET_BYTES)
