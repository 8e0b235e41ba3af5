"""ElidedLabel: shortened with "…" when narrow, whole text kept and shown in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from selection_desk.ui.widgets.elided_label import ElidedLabel

pytestmark = pytest.mark.gui

TEXT = "Chaque modification est enregistrée au fil de la saisie."


def test_a_narrow_label_paints_a_shortened_text_and_keeps_the_whole_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = ElidedLabel(TEXT)
    qtbot.addWidget(label)
    label.resize(label.fontMetrics().horizontalAdvance(TEXT) // 3, 30)
    label.show()
    assert label.is_shortened()
    assert label.shown_text().endswith("…") and TEXT.startswith(label.shown_text()[:-1])
    assert label.text() == TEXT and label.toolTip() == TEXT
    label.resize(label.sizeHint().width() + 20, 30)
    assert not label.is_shortened() and label.shown_text() == TEXT
    assert label.toolTip() == ""  # nothing hidden, nothing to tell


def test_a_tooltip_of_its_own_stays(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = ElidedLabel(TEXT)
    qtbot.addWidget(label)
    label.setToolTip("Enregistré à 10:42")
    label.resize(40, 30)
    label.show()
    assert label.is_shortened() and label.toolTip() == "Enregistré à 10:42"


def test_a_leftover_label_gives_way_before_its_neighbours(qtbot) -> None:  # type: ignore[no-untyped-def]
    row = QWidget()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    title = ElidedLabel("Notation · Sophie Nguyen")
    state = ElidedLabel(TEXT, takes_leftover=True)
    state.setMinimumWidth(40)
    layout.addWidget(title)
    layout.addWidget(state, 1)
    layout.addWidget(QLabel("Changer de juré"))
    row.resize(title.sizeHint().width() + 200, 40)
    row.show()
    assert not title.is_shortened()
    assert state.is_shortened() and state.width() >= 40
