"""The minutes' annex on deciding under uncertainty (design §12).

What each method selects (the method-dependent dossiers in bold), the cut-off zone with the
bootstrap's B and seed, and every draw recorded in the audit log with its inputs and procedure, so
that anyone can recompute it.  Each figure comes with its meaning in plain words: a bare list of
references would say nothing to a reader of the minutes.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from selection_desk.aggregation.robustness import CutoffZone, Robustness
from selection_desk.domain.lottery import DrawRecord
from selection_desk.i18n import _, format_number
from selection_desk.labels import label
from selection_desk.reports.pdf_common import (
    RULE,
    content_width,
    data_table,
    facts_table,
    heading,
    markup,
    paragraph,
    styles,
    table_style,
    text,
)
from selection_desk.reports.report_data import ReportData
from selection_desk.reports.robustness_text import (
    refs_text,
    robustness_explanation,
    zone_explanation,
)


def annex(report: ReportData, language: str) -> list[Flowable]:
    """The annex's flowables; empty when nothing of §12 was computed or recorded."""
    if report.robustness is None and report.cutoff_zone is None and not report.draws:
        return []
    flowables: list[Flowable] = [heading(_("Annex: deciding under uncertainty"))]
    if report.robustness is not None:
        flowables += _robustness(report.robustness)
    flowables += _zone(report.cutoff_zone, language)
    for number, record in enumerate(report.draws, start=1):
        flowables += _draw(number, record, language)
    return flowables


def _selected_cell(refs: tuple[str, ...], dependent: frozenset[str]) -> Paragraph:
    """The refs a method selects, those whose selection depends on the method in bold."""
    shown = [f"<b>{text(ref)}</b>" if ref in dependent else text(ref) for ref in refs]
    return Paragraph(", ".join(shown) or text(_("none")), styles().cell)


def _robustness(robustness: Robustness) -> list[Flowable]:
    style = styles()
    dependent = frozenset(robustness.method_dependent)
    width = content_width()
    rows: list[list[object]] = [
        [
            paragraph(_("Method"), style.cell_head),
            paragraph(
                _("Selected (places: {places})").format(places=robustness.places), style.cell_head
            ),
        ]
    ]
    rows += [
        [paragraph(label(method), style.cell), _selected_cell(refs, dependent)]
        for method, refs in robustness.selected.items()
    ]
    table = data_table(rows, [width * 0.25, width * 0.75])
    table.setStyle(table_style(("LINEBELOW", (0, 0), (-1, 0), 0.25, RULE)))
    flowables: list[Flowable] = [
        markup(_("<b>Robustness across methods.</b>"), style.body),
        table,
        Spacer(1, 4),
        markup(
            _("<b>Method-dependent</b> (in bold above): {refs}."),
            style.body,
            refs=refs_text(robustness.method_dependent),
        ),
        paragraph(robustness_explanation(), style.small),
    ]
    if robustness.skipped:
        flowables.append(
            paragraph(
                _(
                    "Left out of the comparison (too costly on this many dossiers): {methods}."
                ).format(methods=", ".join(label(method) for method in robustness.skipped)),
                style.small,
            )
        )
    return flowables


def _zone(zone: CutoffZone | None, language: str) -> list[Flowable]:
    style = styles()
    if zone is None:
        return [
            paragraph(
                _("The cut-off zone was not computed: the campaign ranks without bootstrap."),
                style.body,
            )
        ]
    return [
        markup(
            _(
                "<b>Cut-off zone</b> (statistically indistinguishable at the line; B = "
                "{resamples}, seed {seed}): {refs}."
            ),
            style.body,
            resamples=format_number(zone.resamples, 0, language),
            seed=str(zone.seed),
            refs=refs_text(zone.refs),
        ),
        paragraph(zone_explanation(zone), style.small),
    ]


def _draw(number: int, record: DrawRecord, language: str) -> list[Flowable]:
    style = styles()
    rows: list[tuple[str, object]] = [
        (_("Seed text agreed in the meeting"), record.seed_text),
        (_("Audit head before the draw"), record.audit_head),
        (_("Seed (SHA-256)"), record.seed),
        (_("Zone drawn among"), refs_text(record.zone)),
        (_("Selected outside the zone"), refs_text(record.secured)),
        (
            _("Places drawn"),
            _("{drawn} of {places}").format(drawn=record.places_drawn, places=record.places),
        ),
        (_("Drawn"), refs_text(record.drawn)),
        (
            _("Ranking"),
            _("method {method}; bootstrap B = {resamples}, seed {seed}").format(
                method=record.method,
                resamples=format_number(record.resamples, 0, language),
                seed=record.bootstrap_seed,
            ),
        ),
        (_("Procedure"), _(record.procedure)),
    ]
    return [
        markup(_("<b>Audited draw {number}.</b>"), style.body, number=str(number)),
        facts_table(rows),
        paragraph(
            _(
                "Anyone can recompute this draw from the values above with the ten-line recipe "
                "of the manual (“Recompute a draw”); the draw writes no decision: the "
                "committee records each outcome with its rationale."
            ),
            style.small,
        ),
    ]
