"""The manual's "recompute a draw" recipe (docs/fr|en/draw.rst), run as printed with the inputs of
a real draw, finds the draw of :mod:`selection_desk.domain.lottery`."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from selection_desk.domain import lottery

DOCS = Path(__file__).resolve().parents[2] / "docs"
BLOCK = re.compile(r"\.\. code-block:: python\n\n((?:   .*\n|\n)+)")
INPUTS = ("seed_text =", "audit_head =", "zone, places =")


def recipe(language: str) -> list[str]:
    found = BLOCK.search((DOCS / language / "draw.rst").read_text(encoding="utf-8"))
    assert found is not None
    return [line[3:] for line in found.group(1).splitlines() if line.strip()]


def run_recipe(lines: list[str], seed_text: str, head: str, zone: list[str], places: int) -> str:
    """The recipe with its first lines (the inputs) replaced by ours, its printed output."""
    inputs = [
        f"seed_text = {seed_text!r}",
        f"audit_head = {head!r}",
        f"zone, places = {zone!r}, {places}",
    ]
    code = [line for line in lines if not line.startswith(INPUTS)]
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec("\n".join([*inputs, *code]), {})  # the manual's own example, run as printed
    return output.getvalue().strip()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_recipe_has_ten_lines_and_finds_the_draw(language: str) -> None:
    lines = recipe(language)
    assert len(lines) == 10
    assert all(any(line.startswith(start) for line in lines) for start in INPUTS)
    head = "9f" * 32
    zone = ["D-12", "D-07", "Dossier é", "D-15", "A-1"]
    for places in (1, 2, 5):
        expected = lottery.draw(zone, places, "Comité du 4 décembre", head)
        assert run_recipe(lines, "Comité du 4 décembre", head, zone, places) == repr(expected)
