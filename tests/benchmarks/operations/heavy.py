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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.generator import cached_campaign_file
from tests.benchmarks.harness import BenchCase, Prepared, Side
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


@contextmanager
def export_memory_side(case: BenchCase) -> Iterator[Prepared]:
    yield Prepared(lambda: _export(case.path, case.workdir)[1])


@contextmanager
def open_memory_xl_side(case: BenchCase) -> Iterator[Prepared]:
    campaign = case.copy("open.seldesk")
    yield Prepared(lambda: _open(campaign, case.workdir)[1])


def _rank_memory(*, as_json: bool) -> Side:
    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        yield Prepared(lambda: _rank(case.path, case.workdir, as_json=as_json)[1])

    return side


rank_memory_xl_side = _rank_memory(as_json=False)
rank_json_memory_xl_side = _rank_memory(as_json=True)


@contextmanager
def rank_json_side(case: BenchCase) -> Iterator[Prepared]:
    yield Prepared(lambda: _rank(case.path, case.workdir, as_json=True)[0])


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
        elif measure == "export":
            yield Prepared(lambda: _export(source, case.workdir)[0])
        else:
            as_json = measure == "rank_json"
            yield Prepared(lambda: _rank(source, case.workdir, as_json=as_json)[0])

    return side


export_growth_side = _growth("export", smaller=False)
export_growth_baseline = _growth("export", smaller=True)
open_growth_side = _growth("open", smaller=False)
open_growth_baseline = _growth("open", smaller=True)
rank_growth_side = _growth("rank", smaller=False)
rank_growth_baseline = _growth("rank", smaller=True)
rank_json_growth_side = _growth("rank_json", smaller=False)
rank_json_growth_baseline = _growth("rank_json", smaller=True)
xl_memory_budget = budget(XL_MEMORY_BUDGET_BYTES)
rank_json_budget = budget(RANK_JSON_BUDGET_S)
