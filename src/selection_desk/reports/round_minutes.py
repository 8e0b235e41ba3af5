"""The parts of the minutes of a campaign in several rounds (design §10).

A closed round's minutes say who goes on: the dossiers passed to the next round, in the ranking's
order, and every departure from that order with its reason (the rationale of its decision).  The
final minutes (about the last round) add every round's summary — its ranking's head, who went on,
who stopped there — and how the final ranking combines the rounds."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from selection_desk.i18n import _, format_number
from selection_desk.labels import label
from selection_desk.reports.pdf_common import (
    content_width,
    data_table,
    heading,
    paragraph,
    styles,
    table_style,
    text,
)
from selection_desk.reports.report_data import ReportData, RoundPassage, RoundsSummary


def round_subtitle(report: ReportData) -> str:
    """The round the minutes are about (empty for a campaign in one round)."""
    summary = report.rounds
    if summary is None:
        return ""
    name = next(r.round.name for r in summary.rounds if r.round.code == summary.current)
    if summary.about_last_round:
        return _("Round {round}, the last: final minutes covering every round").format(round=name)
    return _("Round {round}").format(round=name)


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


def rounds_section(report: ReportData) -> list[Flowable]:
    """The final minutes' summary of every round and the final ranking (nothing in a round's
    own minutes, nor for a campaign in one round)."""
    summary = report.rounds
    if summary is None or not summary.about_last_round:
        return []
    style = styles()
    header = [_("Round"), _("Ranked"), _("Places"), _("Went on"), _("Stopped there")]
    rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    for result in summary.rounds:
        value = result.round
        went_on = ", ".join(result.goes_on) if value.closed else _("open")
        rows.append(
            [
                paragraph(f"{value.code} — {value.name} ({label(value.kind)})", style.cell),
                paragraph(str(len(result.entries)), style.cell),
                paragraph(str(result.places), style.cell),
                paragraph(went_on or "—", style.cell),
                paragraph(", ".join(result.stops) or "—", style.cell),
            ]
        )
    width = content_width()
    table = data_table(rows, [w * width for w in (0.26, 0.1, 0.1, 0.27, 0.27)])
    table.setStyle(table_style())
    flowables: list[Flowable] = [CondPageBreak(40 * mm), heading(_("The rounds")), table]
    return flowables + _final_ranking(summary)


def _final_ranking(summary: RoundsSummary) -> list[Flowable]:
    final = summary.final
    if final is None:
        return []
    style = styles()
    sentence = (
        _("The final ranking combines the rounds by their weights.")
        if final.weighted
        else _("The final ranking is the last round's.")
    )
    header = [_("Rank"), _("Dossier"), _("Final score"), _("How it is combined")]
    rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    for entry in final.entries:
        score = "—" if entry.score is None else format_number(entry.score, 2)
        rows.append(
            [
                paragraph(str(entry.rank), style.cell),
                paragraph(f"{entry.ref} — {entry.name}", style.cell),
                paragraph(score, style.cell),
                paragraph(entry.explanation(), style.cell),
            ]
        )
    width = content_width()
    table = data_table(rows, [w * width for w in (0.08, 0.32, 0.12, 0.48)])
    table.setStyle(table_style())
    return [
        heading(_("Final ranking")),
        Paragraph(text(sentence), style.body),
        table,
    ]
