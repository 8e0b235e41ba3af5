"""What the PDF reports share: embedded fonts, styles, escaping, the "page x / y" footer, saving.

* Fonts: DejaVu Sans from ``resources/fonts``, embedded as subsets (only the glyphs used), so that
  every accent, €, ≥, ✓ renders and extracts as text; Helvetica is never used (not embedded, and
  it lacks those glyphs).
* Escaping: reportlab's ``Paragraph`` reads markup, so applicant and juror text always goes through
  :func:`text` (``xml.sax.saxutils.escape``): a name with ``<b>``, ``&`` or ``<img src=…>`` prints
  literally, and an unclosed tag cannot abort the build.
* Footer: "page x / y" needs the page count, known only at the end: :class:`FooterCanvas` keeps
  each page's state and draws the footers when the document is saved.
* Saving: the PDF is built into a temporary file beside the target and moved into place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, TableStyle

from selection_desk import SIGNATURE
from selection_desk.errors import SelectionDeskError, define_message
from selection_desk.faults import write_failure
from selection_desk.i18n import N_
from selection_desk.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

PAGE_SIZE = A4
MARGIN = 18 * mm
FOOTER_HEIGHT = 14 * mm

INK = colors.HexColor("#1F2A37")
MUTED = colors.HexColor("#5B6675")
RULE = colors.HexColor("#C9D0DA")
HEADER_FILL = colors.HexColor("#E8EDF3")
SELECTED_FILL = colors.HexColor("#E3F1E6")
ELIMINATED_INK = colors.HexColor("#8A4B4B")
ACCENT = colors.HexColor("#1B6CA8")
ACCENT_LIGHT = colors.HexColor("#A9C6DE")
CUTOFF = colors.HexColor("#B5523B")

_NEW_FILE_MODE = 0o644

PDF_WRITE_FAILED = define_message(
    "reports_pdf_write_failed", N_("The PDF could not be written to {file} ({reason}).")
)


class ReportWriteFailed(SelectionDeskError):
    """A report file could not be saved (folder missing, no permission, disk full)."""


@cache
def register_fonts() -> None:
    """Registers DejaVu Sans (regular and bold, a family so that ``<b>`` works); once."""
    rl_config.useA85 = 0  # binary streams: ASCII85 would add a quarter to every page
    fonts = resource_path("fonts")
    # Subset embedding of only the glyphs used (asciiReadable=0 keeps ASCII out of the default set).
    pdfmetrics.registerFont(TTFont(REGULAR, str(fonts / "DejaVuSans.ttf"), asciiReadable=0))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "DejaVuSans-Bold.ttf"), asciiReadable=0))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


def text(value: object) -> str:
    """Any user's text made safe for a ``Paragraph``: markup escaped, line breaks kept."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    centred: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=9.5, leading=13, textColor=INK, spaceAfter=4
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0)
    return Styles(
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=17, leading=21, spaceAfter=4
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=11, leading=15, textColor=MUTED, spaceAfter=10
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            spaceAfter=5,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD),
        centred=ParagraphStyle("centred", parent=body, alignment=TA_CENTER),
    )


def paragraph(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text (escaped)."""
    return Paragraph(text(value), style)


def markup(template: str, style: ParagraphStyle, **facts: object) -> Paragraph:
    """A translated ``template`` that may hold our own markup (``<b>``), its facts escaped."""
    return Paragraph(
        escape(template)
        .replace("&lt;b&gt;", "<b>")
        .replace("&lt;/b&gt;", "</b>")
        .format(**{key: text(value) for key, value in facts.items()}),
        style,
    )


def table_style(*extra: tuple[Any, ...]) -> TableStyle:
    """The reports' tables: a shaded header row repeated on each page, thin rules."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
    )


class FooterCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that writes "page x / y" and the footer lines once the page count is known."""

    footer_left: str = ""
    footer_note: str = ""
    page_label: str = "{page} / {pages}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The document template passes None, which means Helvetica: referenced on every page.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _height = self._pagesize
        baseline = MARGIN - 7 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, baseline + 9, width - MARGIN, baseline + 9)
        self.setFillColor(MUTED)
        self.setFont(REGULAR, 7.5)
        # The program's version beside the page number: a reader can tell which release made it.
        page_number = self.page_label.format(page=self._pageNumber, pages=total)
        page = f"{SIGNATURE} · {page_number}"
        self.drawRightString(width - MARGIN, baseline, page)
        room = width - 2 * MARGIN - self.stringWidth(page, REGULAR, 7.5) - 12
        self.drawString(MARGIN, baseline, _fit(self.footer_left, REGULAR, 7.5, room))
        if self.footer_note:
            self.setFont(REGULAR, 6.5)
            note = _fit(self.footer_note, REGULAR, 6.5, width - 2 * MARGIN)
            self.drawString(MARGIN, baseline - 9, note)
        self.restoreState()


def _fit(value: str, font: str, size: float, room: float) -> str:
    """``value`` shortened with an ellipsis to fit ``room`` points."""
    if pdfmetrics.stringWidth(value, font, size) <= room:
        return value
    while value and pdfmetrics.stringWidth(value + "…", font, size) > room:
        value = value[:-1]
    return value + "…"


def fit(value: str, font: str, size: float, room: float) -> str:
    return _fit(value, font, size, room)


def build_pdf(
    path: Path,
    story: Sequence[Flowable],
    *,
    title: str,
    subject: str = "",
    author: str = "",
    footer_left: str = "",
    footer_note: str = "",
    page_label: str = "{page} / {pages}",
) -> None:
    """Lay ``story`` out on A4 pages with the footer, into ``path`` (atomically)."""
    register_fonts()
    canvas_class: Callable[..., Canvas] = type(
        "ReportCanvas",
        (FooterCanvas,),
        {"footer_left": footer_left, "footer_note": footer_note, "page_label": page_label},
    )
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as handle:
            temporary = Path(handle.name)
            document = SimpleDocTemplate(
                handle,
                pagesize=PAGE_SIZE,
                leftMargin=MARGIN,
                rightMargin=MARGIN,
                topMargin=MARGIN,
                bottomMargin=MARGIN + FOOTER_HEIGHT - 6 * mm,
                title=title,
                subject=subject,
                author=author,
                creator=SIGNATURE,
                pageCompression=1,
            )
            document.build(list(story), canvasmaker=canvas_class)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(path.stat().st_mode & 0o777 if path.exists() else _NEW_FILE_MODE)
        temporary.replace(path)
        temporary = None
    except OSError as error:
        raise write_failure(ReportWriteFailed, error, path, PDF_WRITE_FAILED) from error
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def content_width() -> float:
    return float(PAGE_SIZE[0] - 2 * MARGIN)
