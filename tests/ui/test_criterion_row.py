"""One criterion row of the score sheet on its own, built from a plain Criterion."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from selection_desk.domain import Criterion
from selection_desk.ui.widgets.criterion_row import CriterionRow, rubric_html

pytestmark = pytest.mark.gui

TEAM = Criterion("TEAM", "Team", 2.0, 0, 5, 0.5, description="Who builds it")


def test_a_row_asks_for_typed_and_stepped_scores_and_refuses_when_locked(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    row = CriterionRow(TEAM, share=40)
    qtbot.addWidget(row)
    row.show()
    assert row.weight.text() == "40 %"
    chosen: list[tuple[str, float]] = []
    row.value_chosen.connect(lambda code, value: chosen.append((code, value)))
    row.show_score(None, "", locked=False)
    assert not row.comment.isEnabled()
    qtbot.keyClick(row.input, Qt.Key.Key_3)
    assert chosen[-1] == ("TEAM", 3.0)
    row.show_score(3.0, "solid", locked=False)
    assert row.comment.text() == "solid"
    qtbot.keyClick(row.input, Qt.Key.Key_Right)
    assert chosen[-1] == ("TEAM", 3.5)
    row.show_score(3.5, "solid", locked=True)
    refused: list[None] = []
    row.input.refused.connect(lambda: refused.append(None))
    qtbot.keyClick(row.input, Qt.Key.Key_1)
    assert refused and chosen[-1] == ("TEAM", 3.5)
    assert row.comment.isReadOnly()


def test_the_rubric_escapes_the_description_and_gives_the_scale() -> None:
    text = rubric_html(Criterion("X", "X", 1.0, 0, 10, 1, description="<b>bold</b>"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in text
    assert "Scale 0 to 10, step 1" in text
