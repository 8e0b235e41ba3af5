"""The printable scoring sheet: one PDF per juror, for scoring on paper.

The criteria and their rubric first, in one compact table that starts on page 1, then one block per
dossier (kept on one page): a box per criterion to write the score in — side by side when there are
few criteria, so that a dozen dossiers fit on two or three pages — with its scale, and room for a
comment.  The juror's scores already
in the campaign are printed in their boxes.  The secretary types the sheets back in the scoring
workspace.  Every text from users goes through :func:`~selection_desk.reports.pdf_common.text`.
``services.juror_sheets`` gathers each juror's content and names the files.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from selection_desk.domain import Criterion
from selection_desk.formats.juror_sheet import COMMENT_LABEL, FEEDBACK_LABEL, JurorSheetContent
from selection_desk.i18n import _, format_number, language
from selection_desk.labels import scale_text
from selection_desk.reports.pdf_common import (
    BOLD,
    HEADER_FILL,
    RULE,
    build_pdf,
    content_width,
    data_table,
    markup,
    paragraph,
    shortened,
    styles,
    table_style,
    text,
)

BOX_FILL_ROWS = 3
"""Lines left for the comment under each dossier."""


def _number(value: float) -> str:
    return format_number(value, decimals=None)


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


HORIZONTAL_MAX_CRITERIA = 8
"""Up to this many criteria, a dossier's score boxes sit side by side in one row; beyond, one row
per criterion (the boxes would be too narrow to write in)."""


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
                    "Write one score per box, on the criterion's scale, and if you wish a private "
                    "comment for the committee and a feedback for the applicant. "
                    "Return the sheet to the secretary, who enters it in Selection Desk."
                )
            ),
            style.body,
        ),
        # No heading that keeps with the table: a long rubric would push it whole to page 2.
        _criteria_table(content),
        Spacer(1, 3 * mm),
    ]
    scores = {(s.dossier, s.criterion): s.value for s in content.scores}
    for dossier in content.dossiers:
        story.append(KeepTogether(_dossier_block(content, dossier.ref, dossier.name, scores)))
    if not content.dossiers:
        story.append(Paragraph(text(_("No dossier to score.")), style.body))
    return story


def _criteria_table(content: JurorSheetContent) -> Table:
    """One compact row per criterion: label, weight, scale, then its description and rubric levels
    run together in small type (the table may break across pages, row by row)."""
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
        levels = " · ".join(
            f"<b>{text(_number(level.value))}</b> {text(level.label)}"
            + (f": {text(level.descriptor)}" if level.descriptor else "")
            for level in criterion.levels
        )
        description = text(criterion.description)
        rubric = " — ".join(part for part in (description, levels) if part)
        rows.append(
            [
                paragraph(criterion.label, style.cell),
                Paragraph(text(_number(criterion.weight)), style.cell_right),
                paragraph(scale_text(criterion), style.cell),
                Paragraph(rubric, style.small),
            ]
        )
    width = content_width()
    table = data_table(
        rows, [width * 0.2, width * 0.08, width * 0.13, width * 0.59], hAlign="CENTER"
    )
    table.setStyle(
        table_style(
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        )
    )
    return table


def _free_text_boxes(width: float) -> Table:
    """The private comment and the feedback for the applicant side by side, each labelled, with
    room to write by hand (side by side: the sheet keeps its page count)."""
    style = styles()
    labels = [Paragraph(text(_(label)), style.small) for label in (COMMENT_LABEL, FEEDBACK_LABEL)]
    boxes = Table([labels], colWidths=[width / 2] * 2, rowHeights=[11 * mm])
    boxes.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (1, 0), (1, 0), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return boxes


def _dossier_block(
    content: JurorSheetContent, ref: str, name: str, scores: dict[tuple[str, str], float]
) -> list[Flowable]:
    """The dossier's name, a box per criterion (side by side when they fit) and lines for the
    comment, as one table kept on one page."""
    style = styles()
    width = content_width()
    criteria = content.criteria
    # The block is kept on one page: its texts are shortened (the criteria table has them whole).
    heading = Paragraph(
        f"<font name='{BOLD}'>{text(shortened(ref))}</font> — {text(shortened(name))}", style.cell
    )

    def printed(criterion: Criterion) -> Paragraph:
        value = scores.get((ref, criterion.code))
        return Paragraph("" if value is None else text(_number(value)), style.centred)

    def label(criterion: Criterion) -> Paragraph:
        return Paragraph(
            f"{text(shortened(criterion.label))}<br/>"
            f"<font size='6.5'>{text(scale_text(criterion))}</font>",
            style.cell,
        )

    comment = _free_text_boxes(width)
    if 0 < len(criteria) <= HORIZONTAL_MAX_CRITERIA:
        columns = len(criteria)
        rows: list[list[object]] = [
            [heading] + [""] * (columns - 1),
            [label(c) for c in criteria],
            [printed(c) for c in criteria],
            [comment] + [""] * (columns - 1),
        ]
        grid = Table(
            rows,
            colWidths=[width / columns] * columns,
            rowHeights=[None, None, 8 * mm, None],  # room to write by hand
        )
        grid.setStyle(
            TableStyle(
                [
                    ("SPAN", (0, 0), (-1, 0)),
                    ("SPAN", (0, 3), (-1, 3)),
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("INNERGRID", (0, 1), (-1, 2), 0.5, RULE),
                    ("LINEABOVE", (0, 3), (-1, 3), 0.5, RULE),
                    ("VALIGN", (0, 1), (-1, 1), "TOP"),
                    ("VALIGN", (0, 2), (-1, 2), "MIDDLE"),
                    ("VALIGN", (0, 3), (-1, 3), "TOP"),
                    ("LEFTPADDING", (0, 3), (-1, 3), 0),
                    ("RIGHTPADDING", (0, 3), (-1, 3), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return [grid, Spacer(1, 2.5 * mm)]
    rows = [[heading, "", ""]]
    rows += [[label(c), "", printed(c)] for c in criteria]
    rows.append([comment, "", ""])
    grid = Table(
        rows,
        colWidths=[width * 0.6, width * 0.2, width * 0.2],
        # At least room to write by hand; a long criterion label makes its row taller.
        minRowHeights=[0] + [8 * mm] * len(criteria) + [0],
    )
    spans = [("SPAN", (0, row), (1, row)) for row in range(1, len(rows) - 1)]
    grid.setStyle(
        TableStyle(
            [
                *spans,
                ("SPAN", (0, 0), (-1, 0)),
                ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("INNERGRID", (0, 1), (-1, -2), 0.5, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 1), (-1, -2), "MIDDLE"),
                ("VALIGN", (0, -1), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, -1), (-1, -1), 0),
                ("RIGHTPADDING", (0, -1), (-1, -1), 0),
            ]
        )
    )
    return [grid, Spacer(1, 3 * mm)]
