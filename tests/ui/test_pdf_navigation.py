"""A pitch deck of several pages, leafed through inside the app, with the keyboard and buttons."""

from __future__ import annotations

import io

from PySide6.QtWidgets import QWidget
from reportlab.pdfgen import canvas

from selection_desk.ui.widgets.pdf_viewer import PdfViewer


def deck(pages: int) -> bytes:
    """A PDF of ``pages`` slides."""
    out = io.BytesIO()
    drawing = canvas.Canvas(out)
    for number in range(1, pages + 1):
        drawing.drawString(72, 720, f"Slide {number}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def test_pages_are_leafed_through_and_the_label_follows(qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    viewer.resize(600, 500)
    viewer.show()
    assert viewer.load_bytes(deck(3))
    assert (viewer.page_count(), viewer.current_page()) == (3, 0)
    assert viewer.page_label.text() == "Page 1 / 3"
    assert not viewer.previous_button.isEnabled()
    viewer.next_button.click()
    viewer.next_button.click()
    assert viewer.current_page() == 2 and viewer.page_label.text() == "Page 3 / 3"
    assert not viewer.next_button.isEnabled()
    viewer.next_page()  # past the end: stays on the last page
    assert viewer.current_page() == 2
    viewer.previous_button.click()
    assert viewer.current_page() == 1
    viewer.go_to_page(-5)
    assert viewer.current_page() == 0
    assert not viewer.load_bytes(b"%PDF-1.4 broken")
    assert viewer.page_count() == 0 and viewer.page_label.text() == ""


def test_a_narrow_viewer_shortens_its_labels_instead_of_cutting_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Inside a pane that gives it less than it asks for (a window honours its minimum size).
    pane = QWidget()
    qtbot.addWidget(pane)
    pane.resize(600, 500)
    viewer = PdfViewer(pane)
    viewer.setGeometry(0, 0, 600, 500)
    pane.show()
    assert viewer.load_bytes(deck(3))
    qtbot.wait(10)
    assert (viewer.page_label.text(), viewer.zoom_label.text()) == ("Page 1 / 3", "fit width")
    full_width = viewer._bar.sizeHint().width()
    viewer.resize(full_width - 20, 500)
    qtbot.waitUntil(lambda: viewer.page_label.text() == "1/3")
    qtbot.wait(10)
    assert viewer.zoom_label.text().endswith(" %")
    assert viewer._bar.minimumSize().width() <= viewer.width()
    for label in (viewer.page_label, viewer.zoom_label):
        assert label.width() >= label.sizeHint().width()  # the whole text is shown
    viewer.resize(viewer._bar.minimumSize().width() - 10, 500)  # narrower still
    qtbot.waitUntil(lambda: viewer.zoom_label.text() == "")
    assert viewer.page_label.text() == "1/3" and viewer.zoom_label.toolTip().endswith(" %")
    viewer.resize(600, 500)
    qtbot.waitUntil(lambda: viewer.page_label.text() == "Page 1 / 3")
    assert viewer.zoom_label.text() == "fit width"
