"""The campaign's properties: name, programme, places, language, method and its settings, meeting.

Each field is saved when the user leaves it (or picks a value): one undoable, audited change.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Campaign, CampaignData, Method
from selection_desk.i18n import _
from selection_desk.labels import label
from selection_desk.services import campaign_setup as setup
from selection_desk.ui.pages.setup_criteria import NumberSpin
from selection_desk.ui.setup_controller import SetupController

NO_DATE = QDate(2000, 1, 1)


class PropertiesEditor(QWidget):
    def __init__(self, controller: SetupController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.campaign: Campaign | None = None
        self._loading = False

        self.name = QLineEdit()
        self.programme = QLineEdit()
        self.places = QSpinBox()
        self.places.setRange(1, 100_000)
        self.language = QComboBox()
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        self.method = QComboBox()
        for method in Method:
            self.method.addItem(label(method), method.value)
        self.tie_break = QComboBox()
        self.spread = NumberSpin()
        self.spread.setRange(0, 100)
        self.spread.setDecimals(1)
        self.spread.setSingleStep(1)
        self.spread.setSuffix(" " + _("points"))
        self.decimals = QComboBox()
        self.decimals.addItem(_("No rounding"), None)
        for count in range(7):
            self.decimals.addItem(_("{count} decimal(s)").format(count=count), count)
        self.confidence = QCheckBox(_("Weight each juror's total by their confidence (mean only)"))
        self.meeting_date = QDateEdit()
        self.meeting_date.setCalendarPopup(True)
        self.meeting_date.setMinimumDate(NO_DATE)
        self.meeting_date.setSpecialValueText(_("not set"))
        self.meeting_date.setDisplayFormat("yyyy-MM-dd")
        self.meeting_place = QLineEdit()

        self.clear_date_button = QToolButton()
        self.clear_date_button.setText("✕")
        self.clear_date_button.setToolTip(_("No meeting date"))
        date_row = QHBoxLayout()
        date_row.addWidget(self.meeting_date)
        date_row.addWidget(self.clear_date_button)
        date_row.addStretch(1)

        call_box = QGroupBox(_("The call"))
        self.form = _form(call_box)
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&Programme:"), self.programme)
        self.form.addRow(_("P&laces:"), self.places)
        self.form.addRow(_("Lan&guage:"), self.language)
        self.form.addRow(_buddy(_("Meeting &date:"), self.meeting_date), date_row)
        self.form.addRow(_("Meeting pla&ce:"), self.meeting_place)
        ranking_box = QGroupBox(_("Ranking"))
        ranking_form = _form(ranking_box)
        ranking_form.addRow(_("&Method:"), self.method)
        ranking_form.addRow(_("&Tie-break:"), self.tie_break)
        ranking_form.addRow(_("&Spread threshold:"), self.spread)
        ranking_form.addRow(_("&Rounding:"), self.decimals)
        ranking_form.addRow("", self.confidence)
        hint = QLabel(
            _(
                "Each field is saved when you leave it; Ctrl+Z undoes. Ties share a rank unless a "
                "tie-break criterion is chosen; a dossier is flagged for discussion when its "
                "jurors' totals spread more than the threshold. Rounding applies to each "
                "criterion's mean and weighted term, as published competition rules do."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        ranking_form.addRow(hint)
        boxes = QHBoxLayout()
        boxes.addWidget(call_box, 1)
        boxes.addWidget(ranking_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(boxes)
        layout.addStretch(1)
        self.clear_date_button.clicked.connect(self._clear_date)
        for field in (self.name, self.programme, self.meeting_place):
            field.editingFinished.connect(self.save)
        self.places.editingFinished.connect(self.save)
        self.spread.editingFinished.connect(self.save)
        for combo in (self.language, self.method, self.tie_break, self.decimals):
            combo.activated.connect(self.save)
        self.confidence.toggled.connect(self.save)
        self.meeting_date.editingFinished.connect(self.save)
        self.meeting_date.dateChanged.connect(self._date_picked)

    def set_campaign(self, data: CampaignData | None) -> None:
        self._loading = True
        try:
            self.campaign = data.campaign if data else None
            self.tie_break.clear()
            self.tie_break.addItem(_("None: tied dossiers share a rank"), None)
            for criterion in data.criteria if data else ():
                self.tie_break.addItem(f"{criterion.code} — {criterion.label}", criterion.code)
            if self.campaign is None:
                return
            campaign = self.campaign
            self.name.setText(campaign.name)
            self.programme.setText(campaign.programme)
            self.places.setValue(campaign.places)
            _select(self.language, campaign.language)
            _select(self.method, campaign.method.value)
            _select(self.tie_break, campaign.tie_break)
            self.spread.setValue(campaign.spread_threshold)
            _select(self.decimals, campaign.criterion_decimals)
            self.confidence.setChecked(campaign.confidence_weighting)
            date = QDate.fromString(campaign.meeting_date, "yyyy-MM-dd")
            self.meeting_date.setDate(date if date.isValid() else NO_DATE)
            self.meeting_place.setText(campaign.meeting_place)
        finally:
            self._loading = False

    def edited(self) -> Campaign | None:
        if self.campaign is None:
            return None
        for spin in (self.places, self.spread):
            spin.interpretText()
        date = self.meeting_date.date()
        return replace(
            self.campaign,
            name=self.name.text(),
            programme=self.programme.text(),
            places=self.places.value(),
            language=self.language.currentData(),
            method=Method(self.method.currentData()),
            tie_break=self.tie_break.currentData(),
            spread_threshold=self.spread.value(),
            criterion_decimals=self.decimals.currentData(),
            confidence_weighting=self.confidence.isChecked(),
            meeting_date="" if date == NO_DATE else date.toString("yyyy-MM-dd"),
            meeting_place=self.meeting_place.text(),
        )

    def _clear_date(self) -> None:
        self.meeting_date.setDate(NO_DATE)
        self.save()

    def _date_picked(self) -> None:
        # A date picked in the calendar pop-up does not finish editing by itself.
        if not self._loading and self.meeting_date.calendarWidget().isVisible():
            self.save()

    def save(self) -> None:
        if self._loading or self.campaign is None or not self.controller.active:
            return
        edited = self.edited()
        if edited is None or edited == self.campaign:
            return
        store = self.controller.store

        def forward(confirm: bool, campaign: Campaign = edited) -> Any:
            return setup.update_campaign(store, campaign)

        def backward(change: Any, confirm: bool) -> Any:
            return setup.update_campaign(store, change.before)

        result = self.controller.perform(
            _("Change the campaign's properties"),
            forward,
            backward,
            changed=lambda change: change.changed,
        )
        if result is None and self.controller.session is not None:
            # Refused: show what is saved again (the page shows the problem).
            self.set_campaign(self.controller.session.data)


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def _buddy(text: str, widget: QWidget) -> QLabel:
    caption = QLabel(text)
    caption.setBuddy(widget)
    return caption


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
