"""Renders a dossier's pitch deck: four 16:9 slides drawn with reportlab.

Title, problem and solution, market and traction (key figures and a turnover bar chart), team and
ask. DejaVu Sans is embedded (subset) so that accents, « » and € render and extract as text; the
canvas is *invariant* (fixed dates and document id) so that the same content gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from demo_content import CAMPAIGN_NAME, DossierSpec, TeamMember
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

SLIDE_WIDTH = 960.0
SLIDE_HEIGHT = 540.0
MARGIN = 48.0
PAGE_COUNT = 4

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

INK = colors.HexColor("#1F2A37")
MUTED = colors.HexColor("#5B6675")
RULE = colors.HexColor("#D9DEE5")
PAPER = colors.HexColor("#F4F6F9")
WHITE = colors.white

TITLES = frozenset({"Dr", "Pr", "Me"})
"""Honorifics that are no part of a person's initials."""

# One brand colour per dossier, chosen to fit its trade (navy for security, wine for vineyards …).
BRAND_COLOURS = {
    "N26-001": "#2B2F6B",
    "N26-002": "#7A2E4A",
    "N26-003": "#0F7C7A",
    "N26-004": "#1B6CA8",
    "N26-005": "#B5523B",
    "N26-006": "#1D7F9E",
    "N26-007": "#3A7D44",
    "N26-008": "#5B4B9E",
    "N26-009": "#A23E48",
    "N26-010": "#B8730A",
    "N26-011": "#A8507A",
    "N26-012": "#4F6B2A",
}


def prepare_reportlab(fonts_dir: Path) -> None:
    """Registers the fonts and keeps the files small; run once before :func:`write_pitch_deck`."""
    rl_config.useA85 = 0  # binary streams: ASCII85 would add a quarter to every page
    # Embed only the glyphs a deck uses: the default (every ASCII glyph) doubles the file size.
    pdfmetrics.registerFont(TTFont(REGULAR, str(fonts_dir / "DejaVuSans.ttf"), asciiReadable=0))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts_dir / "DejaVuSans-Bold.ttf"), asciiReadable=0))


def write_pitch_deck(dossier: DossierSpec, path: Path) -> None:
    """Writes the deck; :func:`prepare_reportlab` must have run first."""
    brand = colors.HexColor(BRAND_COLOURS[dossier.ref])
    canvas = Canvas(
        str(path),
        pagesize=(SLIDE_WIDTH, SLIDE_HEIGHT),
        invariant=1,
        pageCompression=1,
        initialFontName=REGULAR,
    )
    canvas.setTitle(f"{dossier.name} — présentation")
    canvas.setAuthor(dossier.name)
    canvas.setSubject(CAMPAIGN_NAME)
    for draw_slide in (_title_slide, _problem_slide, _traction_slide, _team_slide):
        draw_slide(canvas, dossier, brand)
        canvas.showPage()
    canvas.save()


def _title_slide(canvas: Canvas, dossier: DossierSpec, brand: colors.Color) -> None:
    panel_width = 330.0
    canvas.setFillColor(brand)
    canvas.rect(0, 0, panel_width, SLIDE_HEIGHT, stroke=0, fill=1)
    centre_x, centre_y = panel_width / 2, SLIDE_HEIGHT / 2 + 40
    canvas.setFillColor(WHITE)
    canvas.circle(centre_x, centre_y, 72, stroke=0, fill=1)
    canvas.setFillColor(brand)
    canvas.setFont(BOLD, 50)
    canvas.drawCentredString(centre_x, centre_y - 18, _initials(dossier.name))
    canvas.setFillColor(WHITE)
    canvas.setFont(BOLD, 17)
    canvas.drawCentredString(centre_x, centre_y - 125, dossier.sector)
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(
        centre_x, centre_y - 148, f"{dossier.city} · créée en {dossier.founded}"
    )

    left = panel_width + MARGIN
    width = SLIDE_WIDTH - left - MARGIN
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 11)
    canvas.drawString(left, SLIDE_HEIGHT - 62, f"Dossier {dossier.ref} · {CAMPAIGN_NAME}")
    name_size = 44 if canvas.stringWidth(dossier.name, BOLD, 44) <= width else 34
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, name_size)
    canvas.drawString(left, SLIDE_HEIGHT - 160, dossier.name)
    canvas.setFillColor(brand)
    canvas.rect(left, SLIDE_HEIGHT - 186, 64, 5, stroke=0, fill=1)
    tagline = _paragraph(dossier.tagline, REGULAR, 21, INK, leading=28)
    _draw_top_down(canvas, tagline, left, SLIDE_HEIGHT - 210, width)

    tiles = (
        (f"{dossier.headcount}", "salarié" if dossier.headcount == 1 else "salariés"),
        (_euros(dossier.revenue), "de chiffre d'affaires"),
        (f"{dossier.founded}", "année de création"),
    )
    tile_width = (width - 2 * 16) / 3
    for index, (figure, caption) in enumerate(tiles):
        x = left + index * (tile_width + 16)
        canvas.setFillColor(PAPER)
        canvas.roundRect(x, 70, tile_width, 92, 8, stroke=0, fill=1)
        canvas.setFillColor(brand)
        canvas.setFont(BOLD, 24)
        canvas.drawString(x + 16, 120, figure)
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 12)
        canvas.drawString(x + 16, 94, caption)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(left, 32, "Dossier de candidature · document confidentiel")


def _problem_slide(canvas: Canvas, dossier: DossierSpec, brand: colors.Color) -> None:
    _slide_frame(canvas, dossier, brand, "Le problème et notre solution", page=2)
    card_width = (SLIDE_WIDTH - 2 * MARGIN - 24) / 2
    top, bottom = SLIDE_HEIGHT - 130, 80.0
    _bullet_card(
        canvas,
        MARGIN,
        bottom,
        card_width,
        top - bottom,
        "Le problème",
        dossier.problem,
        PAPER,
        brand,
    )
    tint = _tint(brand, 0.1)
    _bullet_card(
        canvas,
        MARGIN + card_width + 24,
        bottom,
        card_width,
        top - bottom,
        "Notre solution",
        dossier.solution,
        tint,
        brand,
    )


def _traction_slide(canvas: Canvas, dossier: DossierSpec, brand: colors.Color) -> None:
    _slide_frame(canvas, dossier, brand, "Marché et traction", page=3)
    band_width = SLIDE_WIDTH - 2 * MARGIN
    market = _paragraph(dossier.market, REGULAR, 15, INK)
    _, text_height = market.wrapOn(canvas, band_width - 140, SLIDE_HEIGHT)
    band_height = max(54.0, text_height + 28)
    band_bottom = SLIDE_HEIGHT - 112 - band_height
    canvas.setFillColor(_tint(brand, 0.1))
    canvas.roundRect(MARGIN, band_bottom, band_width, band_height, 8, stroke=0, fill=1)
    canvas.setFillColor(brand)
    canvas.setFont(BOLD, 13)
    canvas.drawString(MARGIN + 20, band_bottom + band_height / 2 - 5, "MARCHÉ")
    market.drawOn(canvas, MARGIN + 120, band_bottom + (band_height - text_height) / 2)

    headings_y = band_bottom - 40
    chart_left = MARGIN + 470
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 14)
    canvas.drawString(MARGIN, headings_y, "Chiffres clés")
    canvas.drawString(chart_left, headings_y, "Chiffre d'affaires annuel")
    row_height = 46.0
    table = Table(
        [[label, _french_spacing(value)] for label, value in dossier.key_figures],
        colWidths=(230, 170),
        rowHeights=row_height,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), REGULAR, 13),
                ("FONT", (1, 0), (1, -1), BOLD, 15),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("TEXTCOLOR", (1, 0), (1, -1), brand),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.75, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    table.wrapOn(canvas, 400, SLIDE_HEIGHT)
    table.drawOn(canvas, MARGIN, headings_y - 12 - row_height * len(dossier.key_figures))
    _revenue_chart(
        canvas,
        dossier.revenue_history,
        chart_left,
        70,
        SLIDE_WIDTH - MARGIN - chart_left,
        headings_y - 16,
        brand,
    )


def _team_slide(canvas: Canvas, dossier: DossierSpec, brand: colors.Color) -> None:
    _slide_frame(canvas, dossier, brand, "L'équipe et notre demande", page=4)
    y = SLIDE_HEIGHT - 170
    for member in dossier.team:
        _portrait(canvas, MARGIN + 28, y + 8, member, brand)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 16)
        canvas.drawString(MARGIN + 72, y + 18, member.name)
        canvas.setFillColor(brand)
        canvas.setFont(REGULAR, 13)
        canvas.drawString(MARGIN + 72, y, member.role)
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 12)
        canvas.drawString(MARGIN + 72, y - 18, member.background)
        y -= 92
    card_left = SLIDE_WIDTH / 2 + 20
    _bullet_card(
        canvas,
        card_left,
        110,
        SLIDE_WIDTH - MARGIN - card_left,
        SLIDE_HEIGHT - 240,
        "Notre demande à l'accélérateur",
        dossier.ask,
        _tint(brand, 0.1),
        brand,
    )
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(card_left, 80, f"Contact : {dossier.contact}")


def _portrait(canvas: Canvas, x: float, y: float, member: TeamMember, brand: colors.Color) -> None:
    """Initials in a disc; a dashed empty circle with a plus for a position still to fill."""
    if member.vacant:
        canvas.setStrokeColor(brand)
        canvas.setLineWidth(1.5)
        canvas.setDash(4, 3)
        canvas.circle(x, y, 27, stroke=1, fill=0)
        canvas.setDash()
        canvas.setFillColor(brand)
        canvas.setFont(BOLD, 24)
        canvas.drawCentredString(x, y - 8, "+")
        return
    canvas.setFillColor(_tint(brand, 0.15))
    canvas.circle(x, y, 28, stroke=0, fill=1)
    canvas.setFillColor(brand)
    canvas.setFont(BOLD, 17)
    canvas.drawCentredString(x, y - 6, _initials(member.name))


def _slide_frame(
    canvas: Canvas, dossier: DossierSpec, brand: colors.Color, title: str, page: int
) -> None:
    canvas.setFillColor(brand)
    canvas.rect(0, SLIDE_HEIGHT - 8, SLIDE_WIDTH, 8, stroke=0, fill=1)
    canvas.rect(MARGIN, SLIDE_HEIGHT - 78, 6, 34, stroke=0, fill=1)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 26)
    canvas.drawString(MARGIN + 18, SLIDE_HEIGHT - 70, title)
    canvas.setFillColor(MUTED)
    canvas.setFont(BOLD, 12)
    canvas.drawRightString(SLIDE_WIDTH - MARGIN, SLIDE_HEIGHT - 62, dossier.name)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.75)
    canvas.line(MARGIN, 44, SLIDE_WIDTH - MARGIN, 44)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN, 28, f"{dossier.ref} · {dossier.name} · {dossier.city}")
    canvas.drawRightString(SLIDE_WIDTH - MARGIN, 28, f"{page} / {PAGE_COUNT}")


def _bullet_card(
    canvas: Canvas,
    x: float,
    y: float,
    width: float,
    height: float,
    heading: str,
    items: Sequence[str],
    fill: colors.Color,
    brand: colors.Color,
) -> None:
    canvas.setFillColor(fill)
    canvas.roundRect(x, y, width, height, 10, stroke=0, fill=1)
    canvas.setFillColor(brand)
    canvas.setFont(BOLD, 18)
    canvas.drawString(x + 24, y + height - 42, heading)
    text_top = y + height - 70
    for item in items:
        canvas.setFillColor(brand)
        canvas.circle(x + 30, text_top - 10, 3.5, stroke=0, fill=1)
        paragraph = _paragraph(item, REGULAR, 15, INK, leading=21)
        used = _draw_top_down(canvas, paragraph, x + 44, text_top, width - 68)
        text_top -= used + 18


def _revenue_chart(
    canvas: Canvas,
    history: Sequence[tuple[str, int]],
    x: float,
    bottom: float,
    width: float,
    top: float,
    brand: colors.Color,
) -> None:
    """Turnover per year as bars; the last bar, the target, is lighter and labelled so."""
    plot_bottom = bottom + 34
    plot_height = top - 22 - plot_bottom  # room above the tallest bar for its label
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(1)
    canvas.line(x, plot_bottom, x + width, plot_bottom)
    highest = max(amount for _, amount in history)
    slot = width / len(history)
    bar_width = min(56.0, slot * 0.6)
    for index, (year, amount) in enumerate(history):
        is_target = index == len(history) - 1
        bar_height = plot_height * amount / highest
        bar_x = x + index * slot + (slot - bar_width) / 2
        canvas.setFillColor(_tint(brand, 0.35) if is_target else brand)
        canvas.rect(bar_x, plot_bottom, bar_width, bar_height, stroke=0, fill=1)
        centre = bar_x + bar_width / 2
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 11)
        canvas.drawCentredString(centre, plot_bottom + bar_height + 6, _thousands_of_euros(amount))
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 11)
        canvas.drawCentredString(centre, plot_bottom - 16, year)
        if is_target:
            canvas.drawCentredString(centre, plot_bottom - 30, "objectif")


def _paragraph(
    text: str,
    font: str,
    size: float,
    colour: colors.Color,
    leading: float | None = None,
) -> Paragraph:
    """A wrapped paragraph of plain text (escaped: applicant text is never markup)."""
    style = ParagraphStyle(
        name=f"{font}-{size}",
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.3,
        textColor=colour,
    )
    return Paragraph(escape(_french_spacing(text)), style)


def _draw_top_down(
    canvas: Canvas, paragraph: Paragraph, x: float, top: float, width: float
) -> float:
    """Draws the paragraph with its first line at ``top`` and returns the height it took."""
    _, height = paragraph.wrapOn(canvas, width, SLIDE_HEIGHT)
    paragraph.drawOn(canvas, x, top - height)
    return float(height)


def _french_spacing(text: str) -> str:
    """No-break spaces where French typography forbids a break: ``80 k€``, ``2 400``, ``6 %``."""
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u202f", text)
    return re.sub(r" (?=(?:k?€|%|:)(?:\W|$))", "\u00a0", text)


def _initials(name: str) -> str:
    words = [re.sub(r"^[LlDd]['’]", "", word) for word in re.split(r"[\s&]+", name) if word]
    words = [word for word in words if word[:1].isalpha() and word not in TITLES]
    if len(words) >= 2:
        return (words[0][0] + words[1][0]).upper()
    capitals = [letter for letter in words[0] if letter.isupper()]
    return "".join(capitals[:2]) if len(capitals) >= 2 else words[0][:2].capitalize()


def _tint(colour: colors.Color, strength: float) -> colors.Color:
    """The colour mixed into white: ``strength`` 0 is white, 1 the colour itself."""
    return colors.Color(
        1 - strength * (1 - colour.red),
        1 - strength * (1 - colour.green),
        1 - strength * (1 - colour.blue),
    )


def _euros(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u202f") + "\u00a0€"


def _thousands_of_euros(amount: int) -> str:
    return f"{round(amount / 1000)}\u00a0k€"
