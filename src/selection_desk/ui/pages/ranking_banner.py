"""The what-if banner of the Ranking page: says that the ranking on screen is not the
campaign's (weights not saved, another method) and what that does to the selection, with the
buttons to apply or reset the what-if weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from selection_desk.domain import Method
from selection_desk.i18n import _
from selection_desk.labels import label

if TYPE_CHECKING:
    from selection_desk.aggregation import Ranking


def short_list(refs: Sequence[str], shown: int = 4) -> str:
    """``D1, D2`` or, for long lists, ``D1, D2, D3, D4 … (+20)``."""
    if not refs:
        return "—"
    if len(refs) <= shown + 1:
        return ", ".join(refs)
    return f"{', '.join(refs[:shown])} … (+{len(refs) - shown})"


def selection_changes(ranking: Ranking, baseline: Ranking) -> tuple[list[str], list[str]]:
    """The dossiers that enter the places in ``ranking`` and those that leave them, against
    ``baseline``, each in their ranking's order."""
    now = [entry.ref for entry in ranking.entries if entry.above_cutoff]
    before = [entry.ref for entry in baseline.entries if entry.above_cutoff]
    now_set, before_set = set(now), set(before)
    return [r for r in now if r not in before_set], [r for r in before if r not in now_set]


def differs(what_if: bool, method: Method, campaign_method: Method) -> bool:
    """Whether the ranking shown is not the campaign's: the banner shows only then."""
    return what_if or method is not campaign_method


def banner_text(
    what_if: bool,
    method: Method,
    campaign_method: Method,
    changes: tuple[list[str], list[str]] | None,
) -> str:
    """``changes`` (entering, leaving) None: the ranking of what is shown is not there yet."""
    parts = []
    if what_if:
        parts.append(_("What-if weights: not saved."))
    if method is not campaign_method:
        parts.append(
            _("Method shown: {method}. The campaign's method: {campaign}.").format(
                method=label(method), campaign=label(campaign_method)
            )
        )
    if changes is not None:
        entering, leaving = changes
        if entering or leaving:
            parts.append(
                _("Selection: {entering} in, {leaving} out.").format(
                    entering=short_list(entering), leaving=short_list(leaving)
                )
            )
        else:
            parts.append(_("The selection does not change."))
    return " ".join(parts)


class WhatIfBanner(QFrame):
    """Hidden until told what differs from the campaign's ranking."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#whatIfBanner { background: palette(alternate-base);"
            " border: 1px solid palette(highlight); border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.apply_button = QPushButton(_("&Apply these weights…"))
        self.apply_button.setObjectName("applyWeights")
        self.reset_button = QPushButton(_("&Reset"))
        self.reset_button.setObjectName("resetWeights")
        self.reset_button.setToolTip(_("Back to the saved weights"))
        layout.addWidget(self.banner_text, 1)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.reset_button)
        self.hide()

    def show_difference(
        self,
        what_if: bool,
        method: Method,
        campaign_method: Method,
        changes: tuple[list[str], list[str]] | None,
    ) -> None:
        """Shown when the weights are what-if or ``method`` is not the campaign's; the apply and
        reset buttons only for what-if weights."""
        if not differs(what_if, method, campaign_method):
            self.hide()
            return
        self.banner_text.setText(banner_text(what_if, method, campaign_method, changes))
        self.apply_button.setVisible(what_if)
        self.reset_button.setVisible(what_if)
        self.show()
