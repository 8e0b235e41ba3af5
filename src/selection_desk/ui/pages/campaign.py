"""The Campaign page (read-only overview for now): settings, criteria and committee."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import CampaignData
from selection_desk.i18n import _, format_number
from selection_desk.labels import label
from selection_desk.ui.session import CampaignSession


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


class CampaignPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.title = QLabel(_("Campaign"))
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        note = QLabel(_("Read-only overview: the campaign editor comes with a later version."))
        note.setObjectName("hint")
        layout.addWidget(note)

        top = QHBoxLayout()
        settings_box = QGroupBox(_("Settings"))
        self.form = QFormLayout(settings_box)
        top.addWidget(settings_box, 1)
        jurors_box = QGroupBox(_("Committee"))
        jurors_layout = QVBoxLayout(jurors_box)
        self.jurors = _table([_("Code"), _("Name"), _("Role")])
        jurors_layout.addWidget(self.jurors)
        top.addWidget(jurors_box, 2)
        layout.addLayout(top, 1)

        criteria_box = QGroupBox(_("Criteria"))
        criteria_layout = QVBoxLayout(criteria_box)
        self.criteria = _table(
            [_("Code"), _("Label"), _("Weight"), _("Share"), _("Scale"), _("Threshold")]
        )
        criteria_layout.addWidget(self.criteria)
        layout.addWidget(criteria_box, 1)

    def set_session(self, session: CampaignSession | None) -> None:
        if session is None:
            return
        session.data_changed.connect(lambda: self.set_campaign(session.data))
        self.set_campaign(session.data)

    def set_campaign(self, data: CampaignData) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        campaign = data.campaign
        for caption, value in (
            (_("Name"), campaign.name),
            (_("Programme"), campaign.programme),
            (_("Places"), str(campaign.places)),
            (_("Method"), label(campaign.method)),
            (_("Dossiers"), str(len(data.dossiers))),
            (_("Conflicts declared"), str(len(data.conflicts))),
        ):
            value_label = QLabel(value)
            value_label.setWordWrap(True)
            self.form.addRow(caption, value_label)
        total_weight = sum(c.weight for c in data.criteria) or 1.0
        _fill(
            self.criteria,
            [
                [
                    c.code,
                    c.label,
                    format_number(c.weight, None),
                    format_number(100 * c.weight / total_weight, 0) + " %",
                    _("{low} to {high}, step {step}").format(
                        low=format_number(c.scale_min, None),
                        high=format_number(c.scale_max, None),
                        step=format_number(c.step, None),
                    ),
                    "—" if c.threshold is None else format_number(c.threshold, None),
                ]
                for c in data.criteria
            ],
        )
        _fill(self.jurors, [[j.code, j.name, label(j.role)] for j in data.jurors])
