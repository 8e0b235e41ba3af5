"""The printable scoring sheet: one PDF per juror, for scoring on paper.

The criteria and their rubric first, then one block per dossier (kept on one page): a box per
criterion to write the score in, with its scale, and room for a comment.  The juror's scores already
in the campaign are printed in their boxes.  The secretary types the sheets back in the scoring
workspace.  Every text from users goes through :func:`~selection_desk.reports.pdf_common.text`.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from selection_desk.domain import Criterion
from selection_desk.formats.juror_sheet import JurorSheetContent, juror_sheet_contents
from selection_desk.i18n import _, format_number, language
from selection_desk.reports.pdf_common import (
    BOLD,
    RULE,
    build_pdf,
    content_width,
    markup,
    paragraph,
    styles,
    table_style,
    text,
)
from selection_desk.storage.store import CampaignStore

BOX_FILL_ROWS = 3
"""Lines left for the comment under each dossier."""


def pdf_sheet_file_name(juror: str, language_code: str) -> str:
    import re

    safe = re.sub(r"[^\w-]+", "_", juror, flags=re.ASCII).strip("_")[:60] or "juror"
    stem = "fiche-de-notation" if language_code == "fr" else "scoring-sheet"
    return f"{stem}-{safe}.pdf"


def write_scoring_sheets_pdf(store: CampaignStore, folder: Path, *, language: str) -> list[Path]:
    """One printable sheet per juror in ``folder`` (created if needed)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for content in juror_sheet_contents(store):
        path = folder / pdf_sheet_file_name(content.juror.code, language)
        write_scoring_sheet_pdf(content, path, language)
        written.append(path)
    return written


def _number(value: float) -> str:
    return format_number(value, decimals=None)


def _scale(criterion: Criterion) -> str:
    if criterion.step > 0:
        return _("{low} to {high}, step {step}").format(
            low=_number(criterion.scale_min),
            high=_number(criterion.scale_max),
            step=_number(criterion.step),
        )
    return _("{low} to {high}").format(
        low=_number(criterion.scale_min), high=_number(criterion.scale_max)
    )


def write_scoring_sheet_pdf(content: JurorSheetContent, path: Path, language_code: str) -> None:
    with language(language_code):
        story = _story(content)
        title = _("Scoring sheet — {campaign}").format(campaign=content.campaign.name)
        footer = _("{campaign} · juror {code}").format(
            campaign=content.campaign.name, code=content.juror.code
        )
        build_pdf(
            Path(path),
            story,
            title=title,
            subject=content.juror.name,
            author="Selection Desk",
            footer_left=footer,
            footer_note=_("Sheet {sheet} made on {date}").format(
                sheet=content.sheet_id[:8], date=content.issued_at[:10]
            ),
        )


def _story(content: JurorSheetContent) -> list[Flowable]:
    style = styles()
    story: list[Flowable] = [
        paragraph(content.campaign.name, style.title),
        markup(
            _("<b>Scoring sheet</b> of {name} ({code})"),
            style.subtitle,
            name=content.juror.name,
            code=content.juror.code,
        ),
        Paragraph(
            text(
                _(
                    "Write one score per box, on the criterion's scale, and a comment if you wish. "
                    "Return the sheet to the secretary, who enters it in Selection Desk."
                )
            ),
            style.body,
        ),
        Paragraph(text(_("Criteria")), style.heading),
        _criteria_table(content),
        Paragraph(text(_("Dossiers")), style.heading),
    ]
    scores = {(s.dossier, s.criterion): s.value for s in content.scores}
    for dossier in content.dossiers:
        story.append(KeepTogether(_dossier_block(content, dossier.ref, dossier.name, scores)))
    if not content.dossiers:
        story.append(Paragraph(text(_("No dossier to score.")), style.body))
    return story


def _criteria_table(content: JurorSheetContent) -> Table:
    style = styles()
    rows: list[list[object]] = [
        [
            Paragraph(text(_("Criterion")), style.cell_head),
            Paragraph(text(_("Weight")), style.cell_head),
            Paragraph(text(_("Scale")), style.cell_head),
            Paragraph(text(_("Rubric")), style.cell_head),
        ]
    ]
    for criterion in content.criteria:
        levels = "<br/>".join(
            f"<b>{text(_number(level.value))}</b> — {text(level.label)}"
            + (f": {text(level.descriptor)}" if level.descriptor else "")
            for level in criterion.levels
        )
        description = text(criterion.description)
        rubric = "<br/>".join(part for part in (description, levels) if part)
        rows.append(
            [
                paragraph(criterion.label, style.cell),
                Paragraph(text(_number(criterion.weight)), style.cell_right),
                paragraph(_scale(criterion), style.cell),
                Paragraph(rubric, style.cell),
            ]
        )
    width = content_width()
    table = Table(
        rows,
        colWidths=[width * 0.24, width * 0.08, width * 0.2, width * 0.48],
        repeatRows=1,
    )
    table.setStyle(table_style())
    return table


def _dossier_block(
    content: JurorSheetContent, ref: str, name: str, scores: dict[tuple[str, str], float]
) -> list[Flowable]:
    style = styles()
    width = content_width()
    rows: list[list[object]] = [
        [
            Paragraph(text(_("Criterion")), style.cell_head),
            Paragraph(text(_("Scale")), style.cell_head),
            Paragraph(text(_("Score")), style.cell_head),
        ]
    ]
    for criterion in content.criteria:
        value = scores.get((ref, criterion.code))
        rows.append(
            [
                paragraph(criterion.label, style.cell),
                paragraph(_scale(criterion), style.cell),
                Paragraph("" if value is None else text(_number(value)), style.centred),
            ]
        )
    grid = Table(
        rows,
        colWidths=[width * 0.5, width * 0.3, width * 0.2],
        rowHeights=[None] + [7 * mm] * (len(rows) - 1),  # room to write a score by hand
    )
    grid.setStyle(
        table_style(
            ("BOX", (2, 1), (2, -1), 0.8, RULE),
            ("INNERGRID", (2, 1), (2, -1), 0.8, RULE),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        )
    )
    comment = Table(
        [[Paragraph(text(_("Comment")), style.small)]] + [[""] for _ in range(BOX_FILL_ROWS)],
        colWidths=[width],
        rowHeights=[5 * mm] + [7 * mm] * BOX_FILL_ROWS,
    )
    comment.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ]
        )
    )
    heading = Paragraph(f"<font name='{BOLD}'>{text(ref)}</font> — {text(name)}", style.heading)
    return [heading, grid, Spacer(1, 2 * mm), comment, Spacer(1, 4 * mm)]
