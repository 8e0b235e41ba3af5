"""One dossier as a juror reads it: its documents (PDF shown in the app) and its form's fields.

The view is given plain values — the dossier, its attachments and a function that returns an
attachment's bytes — so it shows whatever its owner is allowed to show, nothing more.  Applicant
text is escaped before it reaches rich text; a web link an applicant gave (an upload kept as a
link by the form tool) is shown as a link, opened in the browser only when clicked — never fetched.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Attachment, Dossier
from selection_desk.i18n import _, format_number
from selection_desk.ui.widgets.pdf_viewer import PdfViewer

ContentLoader = Callable[[Attachment], bytes]


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=format_number(size / (1024 * 1024), 1))
    return _("{size} kB").format(
        size=format_number(max(size / 1024, 0.1), 0 if size >= 10240 else 1)
    )


_WEB_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def linked_html(value: str) -> str:
    """``value`` escaped for rich text, its web links made clickable, its lines kept."""
    parts: list[str] = []
    last = 0
    for found in _WEB_LINK.finditer(value):
        link = html.escape(found.group(0))
        parts.append(html.escape(value[last : found.start()]))
        parts.append(f'<a href="{link}">{link}</a>')
        last = found.end()
    parts.append(html.escape(value[last:]))
    return "".join(parts).replace("\n", "<br>")


def open_web_link(url: QUrl) -> None:
    """Open a clicked link in the browser: only web links (never ``file:`` or others)."""
    if url.scheme() in ("http", "https"):
        QDesktopServices.openUrl(url)


def fields_html(dossier: Dossier, attachments: tuple[Attachment, ...]) -> str:
    no_field = html.escape(_("The form has no other field."))
    documents = html.escape(_("Documents"))
    parts = [
        f"<p><b>{html.escape(key)}</b><br>{linked_html(value)}</p>"
        for key, value in dossier.fields.items()
        if str(value).strip()
    ]
    if not parts:
        parts.append(f"<p><i>{no_field}</i></p>")
    if attachments:
        items = "".join(
            f"<li>{html.escape(a.file_name)} ({html.escape(_size(a.size))})</li>"
            for a in attachments
        )
        parts.append(f"<p><b>{documents}</b></p><ul>{items}</ul>")
    return "".join(parts)


class DossierView(QWidget):
    DOCUMENTS_TAB = 0
    FIELDS_TAB = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("dossierHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.attachment_choice = QComboBox()
        self.attachment_choice.setObjectName("attachmentChoice")
        self.attachment_choice.setAccessibleName(_("Document"))
        self.attachment_choice.currentIndexChanged.connect(self._show_attachment)
        self.viewer = PdfViewer()
        self.no_document = QLabel()
        self.no_document.setObjectName("hint")
        self.no_document.setWordWrap(True)
        self.no_document.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.document_stack = QStackedWidget()
        self.document_stack.addWidget(self.viewer)
        self.document_stack.addWidget(self.no_document)
        documents = QWidget()
        documents_layout = QVBoxLayout(documents)
        documents_layout.setContentsMargins(4, 4, 4, 4)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.attachment_choice, 1)
        documents_layout.addLayout(choice_row)
        documents_layout.addWidget(self.document_stack, 1)

        self.fields = QTextBrowser()
        self.fields.setObjectName("dossierFields")
        self.fields.setOpenLinks(False)
        self.fields.anchorClicked.connect(open_web_link)
        self.fields.setAccessibleName(_("Application form"))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("dossierTabs")
        self.tabs.addTab(documents, _("Documents"))
        self.tabs.addTab(self.fields, _("Application"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

        self._attachments: tuple[Attachment, ...] = ()
        self._load: ContentLoader | None = None
        self._chosen_tab: int | None = None
        self._showing = False
        self.tabs.currentChanged.connect(self._remember_tab)

    def _remember_tab(self, index: int) -> None:
        """The tab the juror chose stays chosen from one dossier to the next."""
        if not self._showing:
            self._chosen_tab = index

    def show_dossier(
        self, dossier: Dossier, attachments: tuple[Attachment, ...], load: ContentLoader
    ) -> None:
        self.heading.setText(
            f"<span style='font-size:14pt; font-weight:600'>{html.escape(dossier.name)}</span>"
            f" &nbsp;<span>{html.escape(dossier.ref)}</span>"
        )
        self.fields.setHtml(fields_html(dossier, attachments))
        self._attachments = attachments
        self._load = load
        self.attachment_choice.blockSignals(True)
        self.attachment_choice.clear()
        for attachment in attachments:
            self.attachment_choice.addItem(attachment.file_name)
        self.attachment_choice.blockSignals(False)
        self.attachment_choice.setVisible(len(attachments) > 1)
        self._show_attachment(0)
        self._showing = True
        try:
            if self._chosen_tab is not None:
                self.tabs.setCurrentIndex(self._chosen_tab)
            else:
                self.tabs.setCurrentIndex(self.DOCUMENTS_TAB if attachments else self.FIELDS_TAB)
        finally:
            self._showing = False

    def clear(self) -> None:
        self.heading.setText("")
        self.fields.clear()
        self._attachments = ()
        self._load = None
        self.attachment_choice.clear()
        self.viewer.clear()

    def _show_attachment(self, index: int) -> None:
        if not self._attachments or index < 0 or self._load is None:
            self.viewer.clear()
            self.no_document.setText(_("No document was attached to this application."))
            self.document_stack.setCurrentWidget(self.no_document)
            return
        attachment = self._attachments[index]
        shown = False
        if attachment.mime_type == "application/pdf" or attachment.file_name.lower().endswith(
            ".pdf"
        ):
            shown = self.viewer.load_bytes(self._load(attachment))
        if shown:
            self.document_stack.setCurrentWidget(self.viewer)
        else:
            self.viewer.clear()
            self.no_document.setText(
                _("{name} cannot be shown here: only PDF documents are.").format(
                    name=attachment.file_name
                )
            )
            self.document_stack.setCurrentWidget(self.no_document)
