"""A PDF document shown inside the app (QtPdf): page navigation, zoom, fit to width.

The document is read from bytes held in memory (an attachment of the campaign file): nothing is
written to disk, nothing is handed to another program.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.i18n import _, format_number

ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 6.0


class PdfViewer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setAccessibleName(_("Document"))

        self.previous_button = self._button(
            "◀", _("Previous page (Alt+Page Up)"), self.previous_page
        )
        self.next_button = self._button("▶", _("Next page (Alt+Page Down)"), self.next_page)
        self.page_label = QLabel()
        self.page_label.setObjectName("pdfPage")
        self.zoom_out_button = self._button("−", _("Zoom out (Ctrl+-)"), self.zoom_out)
        self.zoom_in_button = self._button("+", _("Zoom in (Ctrl++)"), self.zoom_in)
        self.fit_button = self._button("↔", _("Fit to width (Ctrl+0)"), self.fit_width)
        self.zoom_label = QLabel()

        bar = self._bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.fit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.view.pageNavigator().currentPageChanged.connect(self._update_labels)
        self.view.zoomFactorChanged.connect(self._update_labels)
        self.view.zoomModeChanged.connect(self._update_labels)
        self.document.pageCountChanged.connect(self._update_labels)
        self._update_labels()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        return button

    # -- content ------------------------------------------------------------------------------

    def load_bytes(self, content: bytes) -> bool:
        """Show ``content``; False when it is not a readable PDF (the view is then empty)."""
        self.clear()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(content))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        ok = self.document.status() == QPdfDocument.Status.Ready and self.page_count() > 0
        if not ok:
            self.clear()
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_labels()
        return ok

    def clear(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self._update_labels()

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    # -- navigation and zoom --------------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        count = self.page_count()
        if not count:
            return
        page = min(max(page, 0), count - 1)
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_labels()

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def zoom(self) -> float:
        return float(self.view.zoomFactor())

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(factor, ZOOM_MIN), ZOOM_MAX))
        self._update_labels()

    def zoom_in(self) -> None:
        self.set_zoom(self._effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_labels()

    def _effective_zoom(self) -> float:
        """The zoom factor on screen, also when the view fits the page to its width."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or not self.page_count():
            return self.zoom()
        page_width = self.document.pagePointSize(self.current_page()).width()
        if page_width <= 0:
            return self.zoom()
        # Points to pixels: QPdfView renders 1 point as logicalDpiX / 72 pixels at zoom 1.
        pixels_per_point = self.view.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        return max(usable / (page_width * pixels_per_point), ZOOM_MIN)

    def _update_labels(self) -> None:
        count = self.page_count()
        has_pages = count > 0
        for button in (
            self.previous_button,
            self.next_button,
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
        ):
            button.setEnabled(has_pages)
        if not has_pages:
            self.page_label.setText("")
            self.zoom_label.setText("")
            return
        page = self.current_page()
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)
        percent = f"{format_number(100 * self._effective_zoom(), 0)} %"
        fits = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.zoom_label.setToolTip(percent)
        # A narrow pane (a small screen, a large font): shorter forms rather than cut words, and
        # at the narrowest no zoom figure (its tooltip keeps it).
        short_page = f"{page + 1}/{count}"
        for page_text, zoom_text in (
            (_("Page {page} / {count}").format(page=page + 1, count=count),
             _("fit width") if fits else percent),
            (short_page, percent),
            (short_page, ""),
        ):  # fmt: skip
            self.page_label.setText(page_text)
            self.zoom_label.setText(zoom_text)
            self._bar.invalidate()  # a label's new text dirties the outer layout, not this one
            if self._bar.minimumSize().width() <= self.width():
                break

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_labels()
