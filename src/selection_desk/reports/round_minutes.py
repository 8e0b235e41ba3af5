"""The part of a round's minutes that says who goes on (design §10): the dossiers passed to the
next round, in the ranking's order, and every departure from that order with its reason (the
rationale of its decision).  Only a closed round of a campaign in several rounds has one."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from selection_desk.i18n import _
from selection_desk.reports.pdf_common import (
    content_width,
    data_table,
    heading,
    paragraph,
    styles,
    table_style,
    text,
)
from selection_desk.reports.report_data import ReportData, RoundPassage


def round_subtitle(report: ReportData) -> str:
    """The round the minutes are about (empty for a campaign in one round)."""
    passage = report.passage
    return "" if passage is None else _("Round {round}").format(round=passage.round_name)


def passage_section(report: ReportData) -> list[Flowable]:
    passage = report.passage
    if passage is None:
        return []
    style = styles()
    names = {dossier.ref: dossier.name for dossier in report.data.dossiers}
    flowables: list[Flowable] = [CondPageBreak(40 * mm), heading(_("Who goes on"))]
    flowables.append(Paragraph(text(_goes_on_sentence(passage)), style.body))
    listed = [f"{ref} — {names.get(ref, '')}" for ref in passage.goes_on]
    if listed:
        flowables.append(Paragraph(text(", ".join(listed)), style.body))
    if not passage.departures:
        sentence = _("The committee followed the ranking's order: no departure to explain.")
        flowables.append(Paragraph(text(sentence), style.body))
        return flowables
    header = [_("Dossier"), _("Rank"), _("Departure"), _("Reason")]
    rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    for departure in passage.departures:
        what = _("goes on from below the places") if departure.goes_on else _("stops")
        rows.append(
            [
                paragraph(f"{departure.ref} — {names.get(departure.ref, '')}", style.cell),
                paragraph(str(departure.rank), style.cell),
                paragraph(what, style.cell),
                paragraph(departure.reason or "—", style.cell),
            ]
        )
    width = content_width()
    table = data_table(rows, [w * width for w in (0.3, 0.08, 0.22, 0.4)])
    table.setStyle(table_style())
    flowables += [heading(_("Departures from the ranking's order")), table]
    return flowables


def _goes_on_sentence(passage: RoundPassage) -> str:
    facts = {
        "count": len(passage.goes_on),
        "round": passage.round_name,
        "places": passage.places,
        "next": passage.next_round,
    }
    if passage.next_round:
        sentence = _(
            "{count} dossier(s) go on from round {round} ({places} places) to round {next}:"
        )
    else:
        sentence = _(
            "{count} dossier(s) are selected at round {round}, the last ({places} places):"
        )
    return sentence.format(**facts)
