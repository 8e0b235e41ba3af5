"""The benchmark's results as one table: in the terminal, as Markdown, and as the manual's include.

Every operation × size gets one row: the median of ours and of its baseline, their ratio, the
target (``-`` where the row is informational), the verdict and the peak memory while ours ran.
Nothing here knows an operation: any :class:`~tests.benchmarks.harness.Result` fits.

``--markdown PATH`` writes :func:`markdown` (a pipe table, for an issue or a README);
``--manual DOCS`` writes :func:`manual_include` for each language of the manual
(``DOCS/<lang>/performance-table.inc``, included by ``performance.rst``: a suffix Sphinx does not
take for a page of its own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.benchmarks.harness import Result

COLUMNS = (
    ("operation", 22),
    ("size", 4),
    ("runs", 4),
    ("ours", 10),
    ("baseline", 10),
    ("ratio", 8),
    ("target", 7),
    ("verdict", 7),
    ("peak memory", 11),
)
LEFT_ALIGNED = 2
"""The first columns (names) are aligned left, the figures right."""

MANUAL_HEADERS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "Operation", "Size", "Runs", "Selection Desk", "Baseline", "Ratio", "Target", "Verdict",
        "Peak memory",
    ),
    "fr": (
        "Opération", "Taille", "Essais", "Selection Desk", "Référence", "Rapport", "Objectif",
        "Verdict", "Mémoire maximale",
    ),
}  # fmt: skip
MANUAL_MACHINE: Mapping[str, str] = {
    "en": "Measured on {date} (UTC) on {system}, {cpus} CPU cores, Python {python}, SQLite"
    " {sqlite}; load average at the start {load}.",
    "fr": "Mesuré le {date} (UTC) sur {system}, {cpus} cœurs, Python {python}, SQLite {sqlite} ;"
    " charge moyenne au départ {load}.",
}
MANUAL_INCLUDE = "performance-table.inc"


def format_seconds(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.0f} µs"


def format_quantity(value: float, unit: str) -> str:
    """Seconds, or bytes (an operation that measures a peak memory) in MB."""
    return f"{value / 2**20:.0f} MB" if unit == "B" else format_seconds(value)


def format_memory(peak_bytes: int | None) -> str:
    return "-" if peak_bytes is None else f"{peak_bytes / 2**20:.0f} MB"


def cells(result: Result) -> list[str]:
    """One row's cells, in the order of :data:`COLUMNS`."""
    target = "-" if result.target_ratio is None else f"≤ {result.target_ratio:g}"
    return [
        result.operation,
        result.size,
        str(result.runs),
        format_quantity(result.ours, result.unit),
        format_quantity(result.baseline, result.unit),
        f"{result.ratio:.2f}",
        target,
        result.verdict,
        format_memory(result.peak_bytes),
    ]


def _line(values: Sequence[str]) -> str:
    return "  ".join(
        value.ljust(width) if index < LEFT_ALIGNED else value.rjust(width)
        for index, (value, (_, width)) in enumerate(zip(values, COLUMNS, strict=True))
    ).rstrip()


def header() -> str:
    return _line([name for name, _ in COLUMNS]) + "\n" + _line(["-" * w for _, w in COLUMNS])


def row(result: Result) -> str:
    return _line(cells(result))


def markdown(results: Sequence[Result], environment: Mapping[str, object]) -> str:
    """The whole table as a Markdown document, with the machine it was measured on."""
    names = [name for name, _ in COLUMNS]
    lines = [
        "# Selection Desk benchmarks",
        "",
        f"Measured on {_machine(environment)}.",
        "Written by `python -m tests.benchmarks.run --markdown PATH`.",
        "",
        "| " + " | ".join(names) + " |",
        "|" + "|".join(":---" if i < LEFT_ALIGNED else "---:" for i in range(len(names))) + "|",
    ]
    lines += ["| " + " | ".join(cells(result)) + " |" for result in results]
    return "\n".join(lines) + "\n"


def manual_include(
    results: Sequence[Result], environment: Mapping[str, object], language: str
) -> str:
    """The table as reStructuredText for the manual's Performance page in ``language``."""
    lines = [
        ".. Written by python -m tests.benchmarks.run --manual docs: do not edit by hand.",
        "",
        MANUAL_MACHINE[language].format(**_environment_facts(environment)),
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "",
    ]
    for values in [list(MANUAL_HEADERS[language]), *map(cells, results)]:
        first, *others = values
        lines.append(f"   * - {_literal(first)}")
        lines += [f"     - {value}" for value in others]
    return "\n".join(lines) + "\n"


def write_manual(
    docs: Path, results: Sequence[Result], environment: Mapping[str, object]
) -> list[Path]:
    written = []
    for language in MANUAL_HEADERS:
        path = docs / language / MANUAL_INCLUDE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(manual_include(results, environment, language), encoding="utf-8")
        written.append(path)
    return written


def _literal(name: str) -> str:
    """Operation names are identifiers: set them as code (the header row stays plain)."""
    return name if " " in name or name[:1].isupper() else f"``{name}``"


def _environment_facts(environment: Mapping[str, object]) -> dict[str, object]:
    load = environment.get("load_average")
    loads = ", ".join(f"{value:.1f}" for value in load) if isinstance(load, Sequence) else "-"
    date = str(environment.get("date", "")).replace("T", " ").removesuffix("+00:00")
    return {**environment, "load": loads, "date": date}


def _machine(environment: Mapping[str, object]) -> str:
    facts = _environment_facts(environment)
    return (
        f"{facts['date']} (UTC), {facts['system']}, {facts['cpus']} CPU cores, Python"
        f" {facts['python']}, SQLite {facts['sqlite']}, load average at the start {facts['load']}"
    )
