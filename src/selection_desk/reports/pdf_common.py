"""What the PDF reports share: embedded fonts, styles, escaping, the "page x / y" footer, saving.

* Fonts: DejaVu Sans from ``resources/fonts``, embedded as subsets (only the glyphs used), so that
  every accent, €, ≥, ✓ renders and extracts as text; Helvetica is never used (not embedded, and
  it lacks those glyphs).
* Escaping: reportlab's ``Paragraph`` reads markup, so applicant and juror text always goes through
  :func:`text` (``xml.sax.saxutils.escape``): a name with ``<b>``, ``&`` or ``<img src=…>`` prints
  literally, and an unclosed tag cannot abort the build.
* Glyphs: :func:`printable` (called by :func:`text` and :func:`fit`) shows every character the
  embedded fonts lack — emoji, any character beyond the BMP, control characters — as one U+FFFD
  each, so that no text is lost around it (reportlab writes a broken ToUnicode entry for characters
  beyond the BMP, which made the next characters vanish from the text layer).
* Long text: paragraphs break words longer than a line (reportlab's ``splitLongWords``), tables
  built with :func:`data_table` split a row taller than a page, a table cell shows the beginning of
  a very long text and the text follows the table whole (:class:`CellOverflow`: splitting a table
  row re-wraps the whole cell on each page, in time quadratic in its length), and a cell that must
  stay compact shows :func:`shortened` text with a visible note.
* Footer: "page x / y" needs the page count, known only at the end: :class:`FooterCanvas` keeps
  each page's state and draws the footers when the document is saved.
* Saving: the PDF is built into a temporary file beside the target and moved into place.
"""

from __future__ import annotations

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
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from selection_desk import SIGNATURE
from selection_desk.errors import FileWriteFailed, define_message
from selection_desk.faults import write_failure
from selection_desk.i18n import N_, _, format_number
from selection_desk.leftovers import whole_file
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


PDF_WRITE_FAILED = define_message(
    "reports_pdf_write_failed", N_("The PDF could not be written to {file} ({reason}).")
)


PDF_LAYOUT_FAILED = define_message(
    "reports_pdf_layout_failed", N_("The PDF {file} could not be laid out ({reason}).")
)

PLACEHOLDER = "\ufffd"
"""Printed instead of a character the embedded fonts cannot show (one per character)."""

TABLE_CELL_CHARACTERS = 1_000
"""A longer text in a table cell continues below the table (:class:`CellOverflow`)."""

COMPACT_CELL_CHARACTERS = 300
"""Text in a cell that must stay compact (a signature block, a scoring box) is cut here."""


class ReportWriteFailed(FileWriteFailed):
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


@cache
def _shown_characters() -> frozenset[int]:
    """The code points both embedded fonts have, within the BMP (see the module docstring)."""
    register_fonts()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(code for code in regular if code in bold and code <= 0xFFFF)


def printable(value: str) -> str:
    """``value`` with tabs as spaces, line ends as ``\\n`` and each character the fonts lack as
    :data:`PLACEHOLDER`: every PDF prints user text through here, so none of it is lost."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    shown = _shown_characters()
    if all(ord(char) in shown or char == "\n" for char in value):
        return value
    return "".join(char if char == "\n" or ord(char) in shown else PLACEHOLDER for char in value)


def text(value: object) -> str:
    """Any user's text made safe for a ``Paragraph``: markup escaped, line breaks kept."""
    return escape(printable("" if value is None else str(value))).replace("\n", "<br/>")


def shortened(value: str, limit: int = COMPACT_CELL_CHARACTERS) -> str:
    """``value`` cut after ``limit`` characters with a note saying how many are not shown."""
    if len(value) <= limit:
        return value
    hidden = format_number(len(value) - limit, 0)
    return value[:limit] + "… " + _("[{count} more characters not shown]").format(count=hidden)


class CellOverflow:
    """The texts of one table too long for a cell: the cell shows their beginning and a numbered
    note, :meth:`flowables` prints them whole below the table."""

    def __init__(self, limit: int = TABLE_CELL_CHARACTERS) -> None:
        self.limit = limit
        self.texts: list[tuple[str, str]] = []

    def cell(self, value: str, style: ParagraphStyle, about: str) -> Paragraph:
        """A cell of ``value``; ``about`` names it above its full text (“D02 — Rationale”)."""
        if len(value) <= self.limit:
            return paragraph(value, style)
        self.texts.append((about, value))
        note = _("[continued below the table, note {number}]").format(number=len(self.texts))
        return paragraph(f"{value[: self.limit]}… {note}", style)

    def flowables(self) -> list[Flowable]:
        """The full texts, in the order of their notes (none when every text fitted).  Each text
        is a paragraph of its own, of one font: reportlab wraps such a paragraph the fast way."""
        style = styles()
        flowables: list[Flowable] = []
        for number, (about, value) in enumerate(self.texts, start=1):
            heading = _("Note {number}, {about}:").format(number=number, about=about)
            flowables += [paragraph(heading, style.note_head), *paragraphs(value, style.small)]
        return flowables


PARAGRAPH_CHARACTERS = 2_000
"""A longer text is laid out as several paragraphs (:func:`paragraphs`)."""


def paragraphs(value: str, style: ParagraphStyle) -> list[Paragraph]:
    """``value`` as paragraphs of at most :data:`PARAGRAPH_CHARACTERS` (:func:`_pieces`)."""
    return [paragraph(piece, style) for piece in _pieces(value)]


def markup_paragraphs(
    template: str, style: ParagraphStyle, long: str, **facts: object
) -> list[Paragraph]:
    """:func:`markup` whose fact ``long`` may be a long text: the template holds its first piece,
    plain paragraphs the rest (:func:`_pieces`)."""
    first, *rest = _pieces(str(facts[long]))
    first_paragraph = markup(template, style, **(facts | {long: first}))
    return [first_paragraph, *(paragraph(piece, style) for piece in rest)]


def _pieces(value: str) -> list[str]:
    """``value`` cut into pieces of at most :data:`PARAGRAPH_CHARACTERS`, at a line break, else
    after a sentence, else at a space: reportlab wraps the rest of a paragraph again on each page
    it continues on, so one paragraph of 100,000 characters would take minutes."""
    pieces: list[str] = []
    half = PARAGRAPH_CHARACTERS // 2
    while len(value) > PARAGRAPH_CHARACTERS:
        head = value[:PARAGRAPH_CHARACTERS]
        cut = max(head.rfind("\n"), head.rfind(". ") + 1)
        if cut < half:  # no line nor sentence ends in the second half: a space, else anywhere
            cut = head.rfind(" ") if head.rfind(" ") > half else PARAGRAPH_CHARACTERS
        pieces.append(value[:cut])
        value = value[cut:].lstrip()
    return [*pieces, value]


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
    note_head: ParagraphStyle
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
        # A note's heading never ends a page without the note.
        note_head=ParagraphStyle(
            "note_head", parent=cell, fontName=BOLD, spaceBefore=3, keepWithNext=1
        ),
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
    """``value`` (made :func:`printable`, on one line) shortened with an ellipsis to fit ``room``
    points."""
    value = printable(value).replace("\n", " ")
    if pdfmetrics.stringWidth(value, font, size) <= room:
        return value
    # Hardly a glyph is narrower than a tenth of the size: cut the bulk of a long text at once
    # rather than one character at a time (zero-width marks may then go a little early).
    value = value[: int(room / (size * 0.1)) + 1]
    while value and pdfmetrics.stringWidth(value + "…", font, size) > room:
        value = value[:-1]
    return value + "…"


def fit(value: str, font: str, size: float, room: float) -> str:
    return _fit(value, font, size, room)


def data_table(
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    *,
    repeat_rows: int = 1,
    **options: Any,
) -> Table:
    """A table of user text: a row taller than a page is split across pages (``splitInRow``)
    instead of failing the whole document with a ``LayoutError``."""
    return Table(
        rows,
        colWidths=list(col_widths),
        repeatRows=repeat_rows,
        splitInRow=1,
        **({"hAlign": "LEFT"} | options),
    )


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
    try:
        with whole_file(path) as handle:
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
    except OSError as error:
        raise write_failure(ReportWriteFailed, error, path, PDF_WRITE_FAILED) from error
    except LayoutError as error:
        # A last resort (data_table and shortened avoid it): the caller writes the other documents.
        reason = str(error).split("\n", 1)[0][:200]
        raise ReportWriteFailed(PDF_LAYOUT_FAILED, file=str(path), reason=reason) from error


def content_width() -> float:
    return float(PAGE_SIZE[0] - 2 * MARGIN)


def heading(title: str) -> Paragraph:
    """A section title of a report (translated text, escaped)."""
    return Paragraph(text(title), styles().heading)


def facts_table(rows: Sequence[tuple[str, object]]) -> Table:
    """Two columns, a fact's name and its value (user text, escaped), without a header row."""
    style = styles()
    width = content_width()
    data = [[paragraph(key, style.cell_head), paragraph(value, style.cell)] for key, value in rows]
    table = data_table(data, [width * 0.3, width * 0.7], repeat_rows=0)
    table.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, 0), colors.white),
            ("LINEBELOW", (0, 0), (-1, 0), 0.25, RULE),
        )
    )
    return table
