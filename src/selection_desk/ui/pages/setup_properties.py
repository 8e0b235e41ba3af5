"""The campaign's properties: name, programme, places, language, method and its settings, meeting.

Each field is saved when the user leaves it (or picks a value): one undoable, audited change.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from selection_desk.domain import Campaign, CampaignData, Method
from selection_desk.domain.model import STABILITY_RESAMPLES_RANGE, STABILITY_SEED_RANGE
from selection_desk.i18n import _, current_language
from selection_desk.labels import label
from selection_desk.services.campaign_settings import update_campaign
from selection_desk.services.retention import (
    MAX_RETENTION_MONTHS,
    retention_months,
    set_retention_months,
)
from selection_desk.ui.setup_controller import SetupController
from selection_desk.ui.widgets.number_spin import NumberSpin, set_number_range

DATE_FORMATS = ("yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd-MM-yyyy")
"""What the meeting date field understands: ISO, and the day-first dates French users type."""


def parse_date(text: str) -> QDate | None:
    """The date ``text`` spells (ISO or day first), or None."""
    text = text.strip()
    for form in DATE_FORMATS:
        date = QDate.fromString(text, form)
        if date.isValid():
            return date
    return None


def shown_date(stored: str) -> str:
    """The stored meeting date (ISO, or free text imported from a workbook) as the field shows
    it: day first in French."""
    date = QDate.fromString(stored, "yyyy-MM-dd")
    if not date.isValid():
        return stored
    return date.toString("dd/MM/yyyy" if current_language() == "fr" else "yyyy-MM-dd")


class PropertiesEditor(QWidget):
    def __init__(self, controller: SetupController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.campaign: Campaign | None = None
        self._loading = False

        self.name = QLineEdit()
        self.programme = QLineEdit()
        self.places = QSpinBox()
        set_number_range(self.places, 1)
        self.language = QComboBox()
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        self.method = QComboBox()
        for method in Method:
            self.method.addItem(label(method), method.value)
        self.tie_break = QComboBox()
        # Its items come with the campaign, after the first show: sized to them each time.
        self.tie_break.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.spread = NumberSpin()
        set_number_range(self.spread, 0)
        self.spread.setDecimals(1)
        self.spread.setSingleStep(1)
        self.spread.setSuffix(" " + _("points"))
        self.decimals = QComboBox()
        self.decimals.addItem(_("No rounding"), None)
        for count in range(7):
            self.decimals.addItem(_("{count} decimal(s)").format(count=count), count)
        self.confidence = QCheckBox(_("Weight each juror's total by their confidence (mean only)"))
        self.allow_draw = QCheckBox(_("The rules allow an audited dra&w at the cut-off"))
        self.allow_draw.setToolTip(
            _(
                "Where the committee's rules say so, the places left can be drawn among the "
                "dossiers statistically indistinguishable at the line (Deliberation page)"
            )
        )
        self.stability_resamples = QSpinBox()
        set_number_range(
            self.stability_resamples,
            STABILITY_RESAMPLES_RANGE.start,
            STABILITY_RESAMPLES_RANGE.stop - 1,
        )
        self.stability_resamples.setSingleStep(100)
        self.stability_resamples.setGroupSeparatorShown(True)
        self.stability_resamples.setSuffix(" " + _("resamples"))
        self.stability_seed = QSpinBox()
        set_number_range(
            self.stability_seed, STABILITY_SEED_RANGE.start, STABILITY_SEED_RANGE.stop - 1
        )
        for spin in (self.stability_resamples, self.stability_seed):
            spin.setToolTip(
                _(
                    "The bootstrap over the jurors behind every p_top: on the Ranking page, in "
                    "the deliberation and in the minutes"
                )
            )
        # A text field, not a QDateEdit: "no date yet" is an empty field, and a date is typed
        # the way people write it (12/05/2026 or 2026-05-12), or picked in the calendar.
        self.meeting_date = QLineEdit()
        self.meeting_date.setObjectName("meetingDate")
        self.meeting_date.setPlaceholderText(_("not set (e.g. 12/05/2026)"))
        self.meeting_date.setClearButtonEnabled(True)
        self.meeting_date.setMinimumWidth(
            self.meeting_date.fontMetrics().horizontalAdvance(self.meeting_date.placeholderText())
            + 40  # the margins and the clear button
        )
        self.meeting_place = QLineEdit()
        self.contact = QLineEdit()
        self.contact.setObjectName("contact")
        self.contact.setPlaceholderText(_("e.g. Programme team, selection@example.org"))
        self.contact.setToolTip(_("Printed on the applicants' feedback letters"))

        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("meetingCalendar")
        calendar_menu = QMenu(self)
        calendar_action = QWidgetAction(calendar_menu)
        calendar_action.setDefaultWidget(self.calendar)
        calendar_menu.addAction(calendar_action)
        calendar_menu.aboutToShow.connect(self._calendar_shown)
        self.calendar.clicked.connect(self._date_picked)
        self.calendar.activated.connect(self._date_picked)
        self.calendar_button = QToolButton()
        self.calendar_button.setText(_("Calendar"))
        self.calendar_button.setToolTip(_("Pick the date in a calendar"))
        self.calendar_button.setAccessibleName(_("Pick the date in a calendar"))
        self.calendar_button.setMenu(calendar_menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.clear_date_button = QToolButton()
        self.clear_date_button.setText("✕")
        self.clear_date_button.setToolTip(_("No meeting date"))
        self.clear_date_button.setAccessibleName(_("No meeting date"))
        date_row = QHBoxLayout()
        date_row.addWidget(self.meeting_date, 1)
        date_row.addWidget(self.calendar_button)
        date_row.addWidget(self.clear_date_button)

        self.retention = QSpinBox()
        set_number_range(self.retention, 1, MAX_RETENTION_MONTHS)
        self.retention.setSuffix(" " + _("months"))
        self.retention.setToolTip(
            _(
                "How long the applicants' personal data is kept after the last decision; then "
                "opening the campaign proposes to anonymise it."
            )
        )
        call_box = QGroupBox(_("The call"))
        self.form = _form(call_box)
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&Programme:"), self.programme)
        self.form.addRow(_("P&laces:"), self.places)
        self.form.addRow(_("Lan&guage:"), self.language)
        self.form.addRow(_buddy(_("Meeting &date:"), self.meeting_date), date_row)
        self.form.addRow(_("Meeting pla&ce:"), self.meeting_place)
        self.form.addRow(_("Contact for appl&icants:"), self.contact)
        self.form.addRow(_("&Keep personal data for:"), self.retention)
        ranking_box = QGroupBox(_("Ranking"))
        ranking_form = _form(ranking_box)
        ranking_form.addRow(_("&Method:"), self.method)
        ranking_form.addRow(_("&Tie-break:"), self.tie_break)
        ranking_form.addRow(_("&Spread threshold:"), self.spread)
        ranking_form.addRow(_("&Rounding:"), self.decimals)
        ranking_form.addRow("", self.confidence)
        ranking_form.addRow(_("Sta&bility:"), self.stability_resamples)
        ranking_form.addRow(_("Stabilit&y seed:"), self.stability_seed)
        ranking_form.addRow("", self.allow_draw)
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
        # Side by side when they fit, one above the other when the window is narrow (a laptop at
        # 200 %), in a scroll area so that the page never forces the window wider or taller.
        self.boxes = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.boxes.addWidget(call_box, 1)
        self.boxes.addWidget(ranking_box, 1)
        self._boxes = (call_box, ranking_box)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 8, 0, 0)
        content_layout.addLayout(self.boxes)
        content_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setAccessibleName(_("Campaign properties"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.clear_date_button.clicked.connect(self._clear_date)
        for field in (self.name, self.programme, self.meeting_place, self.contact):
            field.editingFinished.connect(self.save)
        for number in (self.places, self.spread, self.stability_resamples, self.stability_seed):
            number.editingFinished.connect(self.save)
        for combo in (self.language, self.method, self.tie_break, self.decimals):
            combo.activated.connect(self.save)
        self.confidence.toggled.connect(self.save)
        self.allow_draw.toggled.connect(self.save)
        self.meeting_date.editingFinished.connect(self.save)
        self.retention.editingFinished.connect(self.save_retention)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        side_by_side = sum(box.minimumSizeHint().width() for box in self._boxes) + 24
        direction = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= side_by_side  # the viewport is resized after this
            else QBoxLayout.Direction.TopToBottom
        )
        if self.boxes.direction() != direction:
            self.boxes.setDirection(direction)

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
            self.allow_draw.setChecked(campaign.allow_draw)
            self.stability_resamples.setValue(campaign.stability_resamples)
            self.stability_seed.setValue(campaign.stability_seed)
            self.meeting_date.setText(shown_date(campaign.meeting_date))
            self.meeting_place.setText(campaign.meeting_place)
            self.contact.setText(campaign.contact)
            if self.controller.session is not None:
                self.retention.setValue(retention_months(self.controller.store))
        finally:
            self._loading = False

    def edited(self) -> Campaign | None:
        if self.campaign is None:
            return None
        for spin in (self.places, self.spread, self.stability_resamples, self.stability_seed):
            spin.interpretText()
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
            stability_resamples=self.stability_resamples.value(),
            stability_seed=self.stability_seed.value(),
            allow_draw=self.allow_draw.isChecked(),
            meeting_date=self._edited_date(),
            meeting_place=self.meeting_place.text(),
            contact=self.contact.text(),
        )

    def _edited_date(self) -> str:
        """The field's date as stored: ISO; text that is no date is kept only when it is what
        the file holds already (a workbook may say "14 mars 2026")."""
        text = self.meeting_date.text().strip()
        date = parse_date(text)
        if date is not None:
            return date.toString("yyyy-MM-dd")
        if not text or self.campaign is None:
            return ""
        return (
            self.campaign.meeting_date if text == shown_date(self.campaign.meeting_date) else text
        )

    def _clear_date(self) -> None:
        self.meeting_date.clear()
        self.save()

    def _calendar_shown(self) -> None:
        date = parse_date(self.meeting_date.text())
        self.calendar.setSelectedDate(date if date is not None else QDate.currentDate())

    def _date_picked(self, date: QDate) -> None:
        self.meeting_date.setText(shown_date(date.toString("yyyy-MM-dd")))
        menu = self.calendar_button.menu()
        if menu is not None:
            menu.close()
        self.save()

    def save(self) -> None:
        if self._loading or self.campaign is None or not self.controller.active:
            return
        text = self.meeting_date.text().strip()
        if (
            text
            and parse_date(text) is None
            and (self.campaign is None or text != shown_date(self.campaign.meeting_date))
        ):
            self.controller.problem.emit(
                _("“{text}” is not a date: type it as 12/05/2026 or 2026-05-12.").format(text=text)
            )
            self.meeting_date.setText(
                shown_date(self.campaign.meeting_date if self.campaign else "")
            )
            return
        edited = self.edited()
        if edited is None or edited == self.campaign:
            return
        store = self.controller.store

        def forward(confirm: bool, campaign: Campaign = edited) -> Any:
            return update_campaign(store, campaign)

        def backward(change: Any, confirm: bool) -> Any:
            return update_campaign(store, change.before)

        result = self.controller.perform(
            _("Change the campaign's properties"),
            forward,
            backward,
            changed=lambda change: change.changed,
        )
        if result is None and self.controller.session is not None:
            # Refused: show what is saved again (the page shows the problem).
            self.set_campaign(self.controller.session.data)

    def save_retention(self) -> None:
        """The retention period, saved apart from the campaign's properties (a setting)."""
        if self._loading or self.campaign is None or not self.controller.active:
            return
        store = self.controller.store
        months = self.retention.value()
        if months == retention_months(store):
            return
        self.controller.perform(
            _("Change the retention period"),
            lambda confirm: set_retention_months(store, months),
            lambda before, confirm: set_retention_months(store, before),
        )


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
