"""The readable summary of an access export (GDPR Art. 15): ``REF-summary.pdf``, built from the
export's JSON document (:func:`services.access_export.access_content`) with the reports' own PDF
helpers, in the active language.  It says what the JSON holds, in words, and what it leaves out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Spacer

from selection_desk.domain import Outcome
from selection_desk.i18n import _, format_number
from selection_desk.labels import label
from selection_desk.reports.pdf_common import (
    build_pdf,
    content_width,
    data_table,
    facts_table,
    heading,
    paragraph,
    styles,
    table_style,
)


def write_access_summary(content: dict[str, Any], path: Path) -> None:
    dossier = content["dossier"]
    title = _("Data held about you — {ref}").format(ref=dossier["ref"])
    build_pdf(
        path,
        _story(content, title),
        title=title,
        subject=content["campaign"],
        footer_left=content["campaign"],
        page_label=_("page {page} / {pages}"),
    )


def _story(content: dict[str, Any], title: str) -> list[Flowable]:
    style = styles()
    dossier = content["dossier"]
    story: list[Flowable] = [
        paragraph(title, style.title),
        paragraph(content["campaign"], style.subtitle),
        paragraph(
            _(
                "Everything this campaign file holds about your application. The jurors are "
                "named Juror A, B…; their private remarks belong to the committee's deliberation "
                "and are not part of it. The attached JSON file holds the same data, the "
                "attachments folder your files."
            ),
            style.body,
        ),
        heading(_("Your application")),
        facts_table(
            [
                (_("Reference"), dossier["ref"]),
                (_("Name"), dossier["name"]),
                *list(dossier["fields"].items()),
            ]
        ),
    ]
    story += _attachments(content["attachments"])
    story += _scores(content["scores"])
    story += _decision(content["decision"], content["approved_feedback"])
    story += _audit(content["audit"])
    return story


def _table(header: Sequence[str], rows: list[list[object]], widths: Sequence[float]) -> Flowable:
    style = styles()
    width = content_width()
    data = [[paragraph(cell, style.cell_head) for cell in header]]
    data += [[paragraph(cell, style.cell) for cell in row] for row in rows]
    table = data_table(data, [width * share for share in widths])
    table.setStyle(table_style())
    return table


def _attachments(attachments: list[dict[str, Any]]) -> list[Flowable]:
    if not attachments:
        return [heading(_("Attachments")), paragraph(_("None."), styles().body)]
    rows: list[list[object]] = [[a["file"], a["type"], a["size"]] for a in attachments]
    return [
        heading(_("Attachments")),
        _table([_("File"), _("Type"), _("Size (bytes)")], rows, (0.5, 0.3, 0.2)),
    ]


def _scores(scores: list[dict[str, Any]]) -> list[Flowable]:
    if not scores:
        return [heading(_("Scores")), paragraph(_("None."), styles().body)]
    rows: list[list[object]] = [
        [s["juror"], s["criterion"], format_number(s["value"], None)] for s in scores
    ]
    return [
        heading(_("Scores")),
        _table([_("Juror"), _("Criterion"), _("Score")], rows, (0.25, 0.5, 0.25)),
    ]


def _decision(decision: dict[str, Any] | None, feedback: str | None) -> list[Flowable]:
    story: list[Flowable] = [heading(_("Decision"))]
    if decision is None:
        story.append(paragraph(_("No decision recorded."), styles().body))
    else:
        votes = [decision["votes_for"], decision["votes_against"], decision["votes_abstain"]]
        story.append(
            facts_table(
                [
                    (_("Outcome"), label(Outcome(decision["outcome"]))),
                    (_("Rationale"), decision["rationale"] or "—"),
                    (
                        _("Votes (for / against / abstaining)"),
                        " / ".join("—" if v is None else str(v) for v in votes),
                    ),
                    (_("Decided on"), decision["decided_at"] or "—"),
                ]
            )
        )
    story += [
        heading(_("Feedback for you")),
        paragraph(feedback or _("No feedback approved."), styles().body),
    ]
    return story


def _audit(entries: list[dict[str, Any]]) -> list[Flowable]:
    rows: list[list[object]] = [
        [entry["at"][:19].replace("T", " "), entry["action"], entry["entity"], entry["by"]]
        for entry in entries
    ]
    return [
        heading(_("Record of changes")),
        paragraph(
            _("Every change recorded about your application: when, what, by whom."),
            styles().body,
        ),
        Spacer(1, 4),
        _table([_("When"), _("Action"), _("About"), _("By")], rows, (0.25, 0.2, 0.35, 0.2)),
    ]
