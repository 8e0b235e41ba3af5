"""One dossier on the Dossiers page: the detail pane (every field, the attachments, the declared
conflicts of interest) and the dialog that declares a conflict.

Both show the plain data they are given (a :class:`Dossier`, its attachments, conflict lines,
the jurors); the page reads the campaign and writes the conflict.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Attachment, Dossier
from selection_desk.i18n import _, format_number
from selection_desk.ui.widgets.dossier_view import linked_html, open_web_link


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=format_number(size / (1024 * 1024), 1))
    return _("{size} kB").format(size=format_number(max(size / 1024, 0.1), 1))


class ConflictDialog(QDialog):
    """Declare a conflict of interest between a juror and the dossier."""

    def __init__(self, dossier: Dossier, jurors: list[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Declare a conflict of interest"))
        self.juror = QComboBox()
        for code, name in jurors:
            self.juror.addItem(f"{name} ({code})", code)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("for instance: former partner, family, adviser"))
        form = QFormLayout()
        intro = QLabel(
            _("{name} ({ref}): the juror will neither see nor score this dossier.").format(
                name=dossier.name, ref=dossier.ref
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow(_("&Juror:"), self.juror)
        form.addRow(_("&Reason:"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class DossierDetail(QWidget):
    """Every field of one dossier, its attachments and its conflicts of interest."""

    attachment_opened = Signal(object)
    conflict_requested = Signal()
    erase_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields = QTextBrowser()
        self.fields.setObjectName("dossierFields")
        self.fields.setAccessibleName(_("Fields of the dossier"))
        self.fields.setOpenLinks(False)
        self.fields.anchorClicked.connect(open_web_link)
        self.attachments = QListWidget()
        self.attachments.setObjectName("attachmentList")
        self.attachments.setAccessibleName(_("Attachments"))
        self.attachments.setMaximumHeight(110)
        self.attachments.itemActivated.connect(self._activated)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.clicked.connect(self._open_current)
        self.conflicts = QLabel()
        self.conflicts.setWordWrap(True)
        self.conflict_button = QPushButton(_("Declare a &conflict of interest…"))
        self.conflict_button.clicked.connect(self.conflict_requested)
        self.erase_button = QPushButton(_("Erase personal &data…"))
        self.erase_button.setToolTip(
            _("Erase this applicant's name, fields, attachments and the texts about them")
        )
        self.erase_button.clicked.connect(self.erase_requested)
        attachments_title = QLabel(_("Attachments"))
        attachments_title.setObjectName("sectionTitle")
        conflicts_title = QLabel(_("Conflicts of interest"))
        conflicts_title.setObjectName("sectionTitle")
        attachment_row = QHBoxLayout()
        attachment_row.addWidget(self.attachments, 1)
        attachment_row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.conflicts, 1)
        conflict_row.addWidget(self.conflict_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.fields, 1)
        layout.addWidget(attachments_title)
        layout.addLayout(attachment_row)
        layout.addWidget(conflicts_title)
        layout.addLayout(conflict_row)
        erase_row = QHBoxLayout()
        erase_row.addStretch(1)
        erase_row.addWidget(self.erase_button)
        layout.addLayout(erase_row)
        self.show_dossier(None, (), [])

    def show_dossier(
        self, dossier: Dossier | None, attachments: tuple[Attachment, ...], conflicts: list[str]
    ) -> None:
        self.attachments.clear()
        enabled = dossier is not None
        self.conflict_button.setEnabled(enabled)
        self.erase_button.setEnabled(enabled)
        if dossier is None:
            self.title.setText(_("No dossier selected"))
            self.fields.setHtml("")
            self.conflicts.setText("")
            self.open_button.setEnabled(False)
            return
        self.title.setText(f"{dossier.name} · {dossier.ref}")
        parts = []
        for header, value in dossier.fields.items():
            text = linked_html(value) if value else "—"
            parts.append(f"<p style='margin:0 0 8px 0'><b>{html.escape(header)}</b><br>{text}</p>")
        self.fields.setHtml("".join(parts) or html.escape(_("No other field.")))
        for attachment in attachments:
            item = QListWidgetItem(f"{attachment.file_name}  ({_size(attachment.size)})")
            item.setData(Qt.ItemDataRole.UserRole, attachment)
            item.setToolTip(attachment.mime_type)
            self.attachments.addItem(item)
        if attachments:
            self.attachments.setCurrentRow(0)
        self.open_button.setEnabled(bool(attachments))
        self.conflicts.setText("\n".join(conflicts) if conflicts else _("None declared."))

    def _activated(self, item: QListWidgetItem) -> None:
        self.attachment_opened.emit(item.data(Qt.ItemDataRole.UserRole))

    def _open_current(self) -> None:
        item = self.attachments.currentItem()
        if item is not None:
            self._activated(item)
