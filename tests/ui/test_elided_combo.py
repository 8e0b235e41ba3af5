"""ElidedComboBox: the shown choice ends with "…" when narrow, whole in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox

from selection_desk.ui.widgets.elided_combo import ElidedComboBox

pytestmark = pytest.mark.gui

CHOICES = ("Mélangé pour moi", "Ordre du dossier de candidature")


def _combo(qtbot, width: int) -> ElidedComboBox:  # type: ignore[no-untyped-def]
    combo = ElidedComboBox()
    qtbot.addWidget(combo)
    combo.addItems(CHOICES)
    combo.resize(width, combo.sizeHint().height())
    combo.show()
    qtbot.waitExposed(combo)
    return combo


def test_a_narrow_box_shortens_the_choice_and_tells_it_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = _combo(qtbot, 90)
    assert combo.is_shortened() and combo.shown_text().endswith("…")
    assert combo.currentText() == CHOICES[0] and combo.toolTip() == CHOICES[0]
    combo.setCurrentIndex(1)
    assert combo.toolTip() == CHOICES[1]
    combo.resize(combo.sizeHint().width(), combo.height())
    assert not combo.is_shortened() and combo.toolTip() == ""


def test_its_own_tooltip_follows_the_whole_choice(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = _combo(qtbot, 90)
    combo.setToolTip("Votre ordre mélangé répartit l’effet d’ordre.")
    assert combo.toolTip() == f"{CHOICES[0]}\nVotre ordre mélangé répartit l’effet d’ordre."
    combo.resize(combo.sizeHint().width(), combo.height())
    assert combo.toolTip() == "Votre ordre mélangé répartit l’effet d’ordre."


def _painted(combo: QComboBox) -> QImage:
    image = QImage(combo.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    combo.render(image)
    return image


def test_the_shortened_choice_is_what_is_painted(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = _combo(qtbot, 90)
    plain = QComboBox()
    qtbot.addWidget(plain)
    plain.addItems(CHOICES)
    plain.resize(combo.size())
    plain.show()
    qtbot.waitExposed(plain)
    assert _painted(combo) != _painted(plain)  # "Mélangé…", not "Mélangé po" cut mid-letter
    for box in (combo, plain):
        box.resize(box.sizeHint().width() + 10, box.height())
    assert _painted(combo) == _painted(plain)  # room for it all: painted as Qt paints it
