"""The top of the Ranking page: the title, the method shown, the dossier filter, then the
campaign's ranking settings and a summary of the ranking on screen.

The controls show the texts built here from a :class:`Campaign` and a :class:`Ranking` they are
given; the page connects the method box and the filter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from selection_desk.domain import Campaign, Method
from selection_desk.i18n import _, format_number, ngettext
from selection_desk.labels import label

if TYPE_CHECKING:
    from selection_desk.aggregation import Ranking


def settings_text(campaign: Campaign) -> str:
    """The campaign's settings that shape its ranking, on one line."""
    decimals = (
        _("criterion averages not rounded")
        if campaign.criterion_decimals is None
        else _("criterion averages rounded to {count} decimal(s)").format(
            count=campaign.criterion_decimals
        )
    )
    ties = (
        _("ties broken by {criterion}").format(criterion=campaign.tie_break)
        if campaign.tie_break
        else _("ties share a rank")
    )
    parts = [
        _("Campaign: {method}").format(method=label(campaign.method)),
        ngettext("{places} place", "{places} places", campaign.places).format(
            places=campaign.places
        ),
        decimals,
        ties,
        _("spread threshold {threshold}").format(
            threshold=format_number(campaign.spread_threshold, None)
        ),
    ]
    if campaign.confidence_weighting:
        parts.append(_("reviews weighted by confidence"))
    return " · ".join(parts)


def summary_text(ranking: Ranking | None) -> str:
    """Dossiers ranked, within the places, eliminated; the jury's agreement; reviews left out."""
    if ranking is None:
        return _("No ranking yet.")
    ranked = sum(1 for entry in ranking.entries if entry.jurors)
    eliminated = sum(1 for entry in ranking.entries if entry.eliminated)
    parts = [
        ngettext("{count} dossier ranked", "{count} dossiers ranked", ranked).format(count=ranked),
        _("{count} within the places").format(count=len(ranking.selected)),
    ]
    if eliminated:
        parts.append(
            ngettext("{count} eliminated", "{count} eliminated", eliminated).format(
                count=eliminated
            )
        )
    if ranking.agreement is not None:
        parts.append(
            _("agreement (Krippendorff's alpha) {alpha}").format(
                alpha=format_number(ranking.agreement, 2)
            )
        )
    if ranking.incomplete_reviews:
        parts.append(
            _("{count} review(s) not counted (draft or incomplete)").format(
                count=len(ranking.incomplete_reviews)
            )
        )
    return " · ".join(parts)


METHOD_COMBO_MINIMUM_WIDTH = 160


class RankingControls(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)  # the page's spacing: these rows sat in its layout
        top = QHBoxLayout()
        self.title = QLabel(_("Ranking"))
        self.title.setObjectName("pageTitle")
        top.addWidget(self.title)
        top.addSpacing(16)
        method_label = QLabel(_("&Method:"))
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodSelector")
        self.method_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # As wide as its longest method when there is room, narrower (elided) on a small screen:
        # without a minimum width, the longest French name would be the page's minimum.
        self.method_combo.setMinimumWidth(METHOD_COMBO_MINIMUM_WIDTH)
        method_label.setBuddy(self.method_combo)
        top.addWidget(method_label)
        top.addWidget(self.method_combo)
        top.addStretch(1)
        self.filter = QLineEdit()
        self.filter.setObjectName("rankingFilter")
        self.filter.setAccessibleName(_("Filter the ranking"))
        self.filter.setPlaceholderText(_("Find a dossier (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(230)
        self.filter.setMaximumWidth(280)
        top.addWidget(self.filter)
        column.addLayout(top)
        self.settings_label = QLabel()
        self.settings_label.setObjectName("rankingSettings")
        self.settings_label.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        column.addWidget(self.settings_label)
        column.addWidget(self.summary)
        self.summary.setText(summary_text(None))

    def chosen_method(self) -> Method | None:
        value = self.method_combo.currentData()
        return Method(value) if value else None

    def set_method(self, method: Method) -> None:
        self.method_combo.setCurrentIndex(self.method_combo.findData(method.value))

    def set_method_quietly(self, method: Method) -> None:
        """Show ``method`` without announcing a choice (the method box's signals blocked)."""
        self.method_combo.blockSignals(True)
        try:
            self.set_method(method)
        finally:
            self.method_combo.blockSignals(False)

    def fill_methods(self, campaign_method: Method, keep: Method | None = None) -> None:
        """Every method, the campaign's one marked; ``keep`` (else the campaign's) chosen."""
        self.method_combo.blockSignals(True)
        try:
            self.method_combo.clear()
            for method in Method:
                text = label(method)
                if method is campaign_method:
                    text = _("{method} (the campaign's method)").format(method=text)
                self.method_combo.addItem(text, method.value)
            self.set_method(keep or campaign_method)
        finally:
            self.method_combo.blockSignals(False)

    def show_campaign(self, campaign: Campaign | None) -> None:
        if campaign is None:
            self.settings_label.clear()
        else:
            self.settings_label.setText(settings_text(campaign))

    def show_summary(self, ranking: Ranking | None) -> None:
        self.summary.setText(summary_text(ranking))
