"""The committee's minutes (procès-verbal) as a PDF, in French or English.

Programme and campaign, date and place, the committee and its roles, conflicts and recusals, the
criteria, the method and its settings, the ranking with the cut-off at ``places``, flagged and tied
dossiers, agreement figures, a chart of the scores, the decisions with their rationale and vote,
the signature block, then the annex on deciding under uncertainty (:mod:`.minutes_annex`); every
page carries "page x / y" and the audit chain's latest hash, so that a later edit of the campaign
file can be detected.  All applicant and juror text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from selection_desk import i18n
from selection_desk.aggregation import RankedDossier
from selection_desk.aggregation.agenda import (
    UNSTABLE_HIGH,
    UNSTABLE_LOW,
    Flag,
    discussion_flags_of,
    flag_label,
    juror_alias,
)
from selection_desk.domain import Conflict, Decision, Method, Outcome, Role
from selection_desk.domain.quorum import compute_quorum, votes_of
from selection_desk.formats.typed_values import Kind, typed_value
from selection_desk.i18n import _, format_date, format_datetime, format_number
from selection_desk.labels import label
from selection_desk.reports.charts import ScoreBar, score_chart
from selection_desk.reports.minutes_annex import annex
from selection_desk.reports.pdf_common import (
    BOLD,
    CUTOFF,
    ELIMINATED_INK,
    MUTED,
    SELECTED_FILL,
    CellOverflow,
    build_pdf,
    content_width,
    data_table,
    facts_table,
    heading,
    markup,
    paragraph,
    shortened,
    styles,
    table_style,
    text,
)
from selection_desk.reports.report_data import ReportData
from selection_desk.reports.round_minutes import passage_section, round_subtitle, rounds_section

CHART_DOSSIERS = 40
"""The chart shows at most this many dossiers (the best ones): more would not be readable."""
SCALED_METHODS = frozenset({Method.MEAN, Method.MEDIAN, Method.TRIMMED, Method.BORDA})
"""Methods whose score is on a 0–100 scale."""
PRESENT_BOX = "☐"


def write_minutes(report: ReportData, path: Path, language: str) -> None:
    """Write the minutes of ``report`` to ``path`` in ``language`` ("fr" or "en")."""
    with i18n.language(language):
        story = _story(report, language)
        campaign = report.data.campaign
        build_pdf(
            path,
            story,
            title=_("Minutes of the selection committee — {campaign}").format(
                campaign=campaign.name
            ),
            subject=campaign.programme,
            author=campaign.programme or campaign.name,
            footer_left=_("Minutes — {campaign}").format(campaign=campaign.name),
            footer_note=_("Audit chain, latest hash: {hash}").format(hash=report.audit_hash),
            page_label=_("page {page} / {pages}"),
        )


def _story(report: ReportData, language: str) -> list[Flowable]:
    style = styles()
    campaign = report.data.campaign
    story: list[Flowable] = [
        Paragraph(text(_("Minutes of the selection committee")), style.title),
        paragraph(campaign.name, style.subtitle),
    ]
    if subtitle := round_subtitle(report):
        story.append(paragraph(subtitle, style.subtitle))
    story += _meeting(report, language)
    story += _committee(report)
    story += _conflicts(report)
    story += _criteria(report, language)
    story += _method(report, language)
    story += _ranking(report, language)
    story += _flags_and_agreement(report, language)
    story += _chart(report, language)
    story += _decisions(report, language)
    story += passage_section(report)
    story += rounds_section(report)
    story += _signatures(report)
    story += annex(report, language)
    return story


def _blank(value: str) -> str:
    return value.strip() or "…………………………………………"


def _meeting_date(stored: str, language: str) -> str:
    """The meeting date in the reader's language ("12 décembre 2026"), as the app shows dates;
    free text imported from a workbook as it is; a line to fill in when there is none."""
    value = typed_value(stored)
    if value.kind is Kind.DATE and value.when is not None:
        return format_date(value.when, language)
    return _blank(stored)


def _meeting(report: ReportData, language: str) -> list[Flowable]:
    campaign = report.data.campaign
    rows: list[tuple[str, object]] = [
        (_("Programme"), campaign.programme or "—"),
        (_("Call for applications"), campaign.name),
        (_("Date of the meeting"), _meeting_date(campaign.meeting_date, language)),
        (_("Place"), _blank(campaign.meeting_place)),
        (_("Places available"), str(report.ranking.places)),
        (_("Applications"), str(len(report.data.dossiers))),
        (_("Campaign file"), report.source_name or "—"),
        (_("Minutes drawn up on"), format_datetime(report.generated_at, language)),
    ]
    return [heading(_("Meeting")), facts_table(rows)]


def _committee(report: ReportData) -> list[Flowable]:
    style = styles()
    counted: dict[str, int] = {}
    for code, _dossier in report.juror_totals:
        counted[code] = counted.get(code, 0) + 1
    header = [_("Code"), _("Name"), _("Role"), _("Reviews counted"), _("Present")]
    rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    attendance = None if report.attendance is None else set(report.attendance)

    def present(code: str) -> str:
        if attendance is None:
            return PRESENT_BOX
        return _("present") if code in attendance else _("absent")

    overflow = CellOverflow()
    for juror in report.data.jurors:
        rows.append(
            [
                paragraph(juror.code, style.cell),
                overflow.cell(juror.name, style.cell, juror.code),
                paragraph(label(juror.role), style.cell),
                paragraph(str(counted.get(juror.code, 0)), style.cell_right),
                paragraph(present(juror.code), style.cell),
            ]
        )
    width = content_width()
    table = data_table(rows, [width * 0.14, width * 0.42, width * 0.18, width * 0.14, width * 0.12])
    table.setStyle(table_style())
    if attendance is None:
        note = _("Members of the committee; tick those present at the meeting.")
    else:
        note = _("Members of the committee: {present} of {total} present at the meeting.").format(
            present=sum(1 for juror in report.data.jurors if juror.code in attendance),
            total=len(report.data.jurors),
        )
    return [
        heading(_("Committee")),
        Paragraph(text(note), style.small),
        table,
        *overflow.flowables(),
    ]


def _conflicts(report: ReportData) -> list[Flowable]:
    style = styles()
    flowables: list[Flowable] = [heading(_("Conflicts of interest and recusals"))]
    if not report.data.conflicts:
        flowables.append(Paragraph(text(_("No conflict of interest was declared.")), style.body))
        return flowables
    names = {dossier.ref: dossier.name for dossier in report.data.dossiers}
    header = [_("Juror"), _("Dossier"), _("Reason")]
    rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    overflow = CellOverflow()
    for conflict in report.data.conflicts:
        juror = report.jurors_by_code.get(conflict.juror)
        about = f"{conflict.juror}, {conflict.dossier}"
        rows.append(
            [
                overflow.cell(juror.name if juror else conflict.juror, style.cell, about),
                overflow.cell(
                    f"{conflict.dossier} — {names.get(conflict.dossier, '')}", style.cell, about
                ),
                overflow.cell(conflict.reason or "—", style.cell, about),
            ]
        )
    width = content_width()
    table = data_table(rows, [width * 0.27, width * 0.33, width * 0.40])
    table.setStyle(table_style())
    flowables += [
        Paragraph(
            text(
                _(
                    "A juror with a declared conflict neither saw nor scored the dossier and took "
                    "no part in its decision."
                )
            ),
            style.small,
        ),
        table,
        *overflow.flowables(),
    ]
    return flowables


def _criteria(report: ReportData, language: str) -> list[Flowable]:
    style = styles()
    total_weight = sum(criterion.weight for criterion in report.data.criteria) or 1.0
    header = [_("Code"), _("Criterion"), _("Weight"), _("Share"), _("Scale"), _("Threshold")]
    rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    overflow = CellOverflow()
    for criterion in report.data.criteria:
        scale = _("{low} to {high}, step {step}").format(
            low=format_number(criterion.scale_min, None, language),
            high=format_number(criterion.scale_max, None, language),
            step=format_number(criterion.step, None, language),
        )
        threshold = (
            "—"
            if criterion.threshold is None
            else format_number(criterion.threshold, None, language)
        )
        rows.append(
            [
                paragraph(criterion.code, style.cell),
                overflow.cell(criterion.label, style.cell, criterion.code),
                paragraph(format_number(criterion.weight, None, language), style.cell_right),
                paragraph(
                    f"{format_number(100 * criterion.weight / total_weight, 0, language)} %",
                    style.cell_right,
                ),
                paragraph(scale, style.cell),
                paragraph(threshold, style.cell_right),
            ]
        )
    width = content_width()
    table = data_table(rows, [w * width for w in (0.14, 0.36, 0.1, 0.1, 0.18, 0.12)])
    table.setStyle(table_style())
    return [heading(_("Criteria")), table, *overflow.flowables()]


def _method(report: ReportData, language: str) -> list[Flowable]:
    ranking = report.ranking
    decimals = ranking.criterion_decimals
    tie_break = ranking.tie_break
    tie_label = (
        _("ties share a rank")
        if tie_break is None
        else _("higher mean on {criterion}").format(
            criterion=report.criteria_by_code[tie_break].label
            if tie_break in report.criteria_by_code
            else tie_break
        )
    )
    rows: list[tuple[str, object]] = [
        (_("Method"), label(ranking.method)),
        (_("Places"), str(ranking.places)),
        (
            _("Rounding"),
            _("criterion averages rounded to {decimals} decimal(s)").format(decimals=decimals)
            if decimals is not None
            else _("none"),
        ),
        (_("Tie-break"), tie_label),
        (
            _("Spread threshold"),
            format_number(report.data.campaign.spread_threshold, None, language),
        ),
        (_("Confidence weighting"), _("yes") if ranking.confidence_weighted else _("no")),
    ]
    if ranking.bootstrap is not None:
        rows.append(
            (
                _("Stability"),
                _("bootstrap over the jurors, {resamples} resamples (seed {seed})").format(
                    resamples=ranking.bootstrap.resamples, seed=ranking.bootstrap.seed
                ),
            )
        )
    return [
        heading(_("Method")),
        facts_table(rows),
        Spacer(1, 2),
        Paragraph(
            text(
                _(
                    "Only final and complete reviews count. A dossier whose mean on a criterion "
                    "is below that criterion's threshold is eliminated and listed last."
                )
            ),
            styles().small,
        ),
    ]


def _notes(entry: RankedDossier, report: ReportData) -> str:
    notes: list[str] = []
    if entry.eliminated:
        notes.append(_("eliminated ({criteria})").format(criteria=", ".join(entry.eliminated_by)))
    if entry.tied:
        notes.append(_("tied"))
    if entry.tie_broken_by:
        notes.append(_("tie broken by {criterion}").format(criterion=entry.tie_broken_by))
    if entry.flagged:
        notes.append(_("high spread"))
    return "; ".join(notes)


def _decision_label(decision: Decision | None) -> str:
    return "—" if decision is None else label(decision.outcome)


def _score(value: float | None, language: str, decimals: int = 2) -> str:
    return "—" if value is None else format_number(value, decimals, language)


def _ranking(report: ReportData, language: str) -> list[Flowable]:
    style = styles()
    ranking = report.ranking
    with_p_top = ranking.bootstrap is not None
    header = [_("Rank"), _("Ref"), _("Name"), _("Score"), _("Jurors"), _("Spread")]
    widths = [0.06, 0.10, 0.21, 0.08, 0.06, 0.11]
    if with_p_top:
        header.append(_("In the places"))
        widths.append(0.08)
    header += [_("Notes"), _("Decision")]
    # The decision column holds "liste d'attente" / "waiting list" on one line.
    widths += [0.14 if with_p_top else 0.22, 0.16]
    rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    commands: list[tuple[object, ...]] = []
    overflow = CellOverflow()
    cutoff_drawn = False
    for entry in ranking.entries:
        if not cutoff_drawn and not entry.above_cutoff:
            cutoff_drawn = True
            if len(rows) > 1:
                line = len(rows) - 1
                commands.append(("LINEBELOW", (0, line), (-1, line), 1.6, CUTOFF))
        row: list[object] = [
            paragraph(str(entry.rank), style.cell_right),
            paragraph(entry.ref, style.cell),
            overflow.cell(entry.name, style.cell, entry.ref),
            paragraph(_score(entry.score, language), style.cell_right),
            paragraph(str(entry.jurors), style.cell_right),
            paragraph(_score(entry.spread, language, 1), style.cell_right),
        ]
        if with_p_top:
            share = (
                "—" if entry.p_top is None else f"{format_number(100 * entry.p_top, 0, language)} %"
            )
            row.append(paragraph(share, style.cell_right))
        row += [
            paragraph(_notes(entry, report), style.cell),
            paragraph(_decision_label(report.decision(entry.ref)), style.cell),
        ]
        index = len(rows)
        rows.append(row)
        if entry.above_cutoff:
            commands.append(("BACKGROUND", (0, index), (-1, index), SELECTED_FILL))
        if entry.eliminated:
            commands.append(("TEXTCOLOR", (0, index), (-1, index), ELIMINATED_INK))
    width = content_width()
    table = data_table(rows, [w * width for w in widths])
    table.setStyle(table_style(*commands))
    selected = len(ranking.selected)
    intro = _(
        "Dossiers in ranking order. The {count} shaded row(s) are within the {places} place(s); "
        "the red line is the cut-off."
    ).format(count=selected, places=ranking.places)
    return [
        CondPageBreak(60 * mm),
        heading(_("Ranking")),
        Paragraph(text(intro), style.small),
        table,
        *overflow.flowables(),
    ]


def _dossier_list(entries: Sequence[RankedDossier]) -> str:
    return ", ".join(f"{e.name} ({e.ref}, {e.rank})" for e in entries)


def _flags_and_agreement(report: ReportData, language: str) -> list[Flowable]:
    style = styles()
    ranking = report.ranking
    flowables: list[Flowable] = [heading(_("Points for discussion and agreement"))]
    discussed = discussion_flags_of(ranking)
    flagged = [entry for entry in ranking.entries if entry.flagged]
    tied = [entry for entry in ranking.entries if entry.tied]
    near = [e for e in ranking.entries if Flag.NEAR_CUTOFF in discussed.get(e.ref, ())]
    unstable = [e for e in ranking.entries if Flag.UNSTABLE in discussed.get(e.ref, ())]
    if flagged:
        flowables.append(
            markup(
                _("<b>High spread</b> (jurors disagree, spread above {threshold}): {dossiers}."),
                style.body,
                threshold=format_number(report.data.campaign.spread_threshold, None, language),
                dossiers=_dossier_list(flagged),
            )
        )
    if tied:
        flowables.append(
            markup(
                _("<b>Tied</b> (same score, sharing a rank): {dossiers}."),
                style.body,
                dossiers=_dossier_list(tied),
            )
        )
    if near:
        flowables.append(
            markup(
                _("<b>Near the cut-off</b> (ranked close to place {places}): {dossiers}."),
                style.body,
                places=str(ranking.places),
                dossiers=_dossier_list(near),
            )
        )
    if unstable:
        flowables.append(
            markup(
                _(
                    "<b>Unstable</b> (within the places in between {low} % and {high} % of the "
                    "resamples of the jury): {dossiers}."
                ),
                style.body,
                low=format_number(100 * UNSTABLE_LOW, 0, language),
                high=format_number(100 * UNSTABLE_HIGH, 0, language),
                dossiers=_dossier_list(unstable),
            )
        )
    if not discussed:
        flowables.append(Paragraph(text(_("No dossier is flagged or tied.")), style.body))
    flowables += _explanations(report, language)
    alpha = ranking.agreement
    counted = len(report.juror_totals)
    rows: list[tuple[str, object]] = [
        (
            _("Agreement (Krippendorff's alpha)"),
            _("undefined") if alpha is None else format_number(alpha, 3, language),
        ),
        (_("Reviews counted"), str(counted)),
        (_("Reviews not counted (draft or incomplete)"), str(len(ranking.incomplete_reviews))),
        (_("Dossiers with a high spread"), str(len(flagged))),
    ]
    flowables += [
        facts_table(rows),
        Spacer(1, 2),
        Paragraph(
            text(
                _(
                    "Alpha is 1 when the jurors agree perfectly and 0 when their totals are no "
                    "more alike than chance; 0.67 and above is commonly read as fair agreement."
                )
            ),
            style.small,
        ),
    ]
    return flowables


def _chart(report: ReportData, language: str) -> list[Flowable]:
    style = styles()
    ranking = report.ranking
    entries = ranking.entries[:CHART_DOSSIERS]
    bars = [
        ScoreBar(f"{entry.rank}. {entry.name}", entry.score, entry.above_cutoff, entry.eliminated)
        for entry in entries
    ]
    within = sum(1 for entry in entries if entry.above_cutoff)
    drawing = score_chart(
        bars,
        content_width(),
        scale_max=100.0 if ranking.method in SCALED_METHODS else None,
        cutoff_after=within if within and within < len(entries) else None,
        language=language,
        cutoff_label=_("cut-off"),
    )
    caption = (
        _("Scores of the {shown} best-ranked dossiers out of {total}.").format(
            shown=len(entries), total=len(ranking.entries)
        )
        if len(entries) < len(ranking.entries)
        else _("Scores of the dossiers, in ranking order.")
    )
    return [
        CondPageBreak(drawing.height + 30 * mm),
        heading(_("Chart of the scores")),
        Paragraph(text(caption), style.small),
        drawing,
    ]


def _votes(decision: Decision, language: str) -> str:
    if (
        decision.votes_for is None
        and decision.votes_against is None
        and (decision.votes_abstain is None)
    ):
        return "—"
    abstain = decision.votes_abstain or 0
    template = (
        _("{for_} for, {against} against, {abstain} abstention")
        if abstain == 1
        else _("{for_} for, {against} against, {abstain} abstentions")
    )
    return template.format(
        for_=decision.votes_for or 0,
        against=decision.votes_against or 0,
        abstain=decision.votes_abstain or 0,
    )


def _decided(decision: Decision, report: ReportData, language: str) -> str:
    """Who decided and when, as the minutes print it."""
    parts: list[str] = []
    if decision.decided_by:
        juror = report.jurors_by_code.get(decision.decided_by)
        parts.append(juror.name if juror else decision.decided_by)
    if decision.decided_at:
        try:
            at = datetime.fromisoformat(decision.decided_at)
        except ValueError:
            parts.append(decision.decided_at)
        else:
            parts.append(format_datetime(at, language))
    return "\n".join(parts) or "—"


def _quorum(decision: Decision, report: ReportData) -> str:
    votes = votes_of(decision)
    if votes is None:
        return ""
    recused = [
        Conflict(code, decision.dossier) for code in report.recusals.get(decision.dossier, ())
    ]
    quorum = compute_quorum(report.data.jurors, recused, decision.dossier, votes)
    template = (
        _("Quorum reached ({cast} of {voters} voting members, {required} required).")
        if quorum.reached
        else _("Quorum NOT reached ({cast} of {voters} voting members, {required} required).")
    )
    return template.format(cast=quorum.cast, voters=len(quorum.voters), required=quorum.required)


def _decisions(report: ReportData, language: str) -> list[Flowable]:
    style = styles()
    flowables: list[Flowable] = [CondPageBreak(40 * mm), heading(_("Decisions"))]
    decisions = report.data.decisions
    if not decisions:
        flowables.append(Paragraph(text(_("No decision has been recorded yet.")), style.body))
        return flowables
    places = report.ranking.places
    selected = sum(1 for decision in decisions if decision.outcome is Outcome.SELECTED)
    if selected > places:
        flowables.append(
            markup(
                _(
                    "<b>Warning:</b> {selected} dossiers are selected for {places} places; the "
                    "committee chose to select more dossiers than places."
                ),
                style.body,
                selected=str(selected),
                places=str(places),
            )
        )
    names = {dossier.ref: dossier.name for dossier in report.data.dossiers}
    order = {entry.ref: index for index, entry in enumerate(report.ranking.entries)}
    jurors = report.jurors_by_code
    recused = {
        ref: [jurors[code].name if code in jurors else code for code in codes]
        for ref, codes in report.recusals.items()
        if codes
    }
    header = [_("Dossier"), _("Decision"), _("Vote"), _("Rationale"), _("Decided by, on")]
    rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    overflow = CellOverflow()
    for decision in sorted(decisions, key=lambda d: order.get(d.dossier, len(order))):
        rationale = decision.rationale or "—"
        if decision.dossier in recused:
            rationale += "\n" + _("Recused: {jurors}.").format(
                jurors=", ".join(recused[decision.dossier])
            )
        vote = _votes(decision, language)
        quorum = _quorum(decision, report)
        if quorum:
            vote += "\n" + quorum
        dossier = decision.dossier
        rows.append(
            [
                overflow.cell(f"{dossier} — {names.get(dossier, '')}", style.cell, dossier),
                paragraph(label(decision.outcome), style.cell),
                paragraph(vote, style.cell),
                overflow.cell(rationale, style.cell, dossier),
                overflow.cell(_decided(decision, report, language), style.cell, dossier),
            ]
        )
    width = content_width()
    table = data_table(rows, [w * width for w in (0.22, 0.12, 0.2, 0.3, 0.16)])
    table.setStyle(table_style())
    flowables += [table, *overflow.flowables()]
    return flowables


def _explanations(report: ReportData, language: str) -> list[Flowable]:
    """Per discussed dossier: its criterion means and its jurors' totals, the jurors anonymised
    (Juror A, B… in the committee's order)."""
    if not report.explanations:
        return []
    style = styles()
    aliases = {juror.code: juror_alias(index) for index, juror in enumerate(report.data.jurors)}
    criteria = report.criteria_by_code
    discussed = discussion_flags_of(report.ranking)
    flowables: list[Flowable] = [
        Paragraph(
            text(_("Why these dossiers call for discussion (jurors anonymised):")), style.body
        )
    ]
    for ref, explanation in report.explanations.items():
        flags = discussed.get(ref, ())
        means = " · ".join(
            f"{criteria[d.criterion].label if d.criterion in criteria else d.criterion} "
            f"{_score(d.mean, language)}"
            for d in explanation.criteria
        )
        totals = " · ".join(
            f"{aliases.get(j.juror, j.juror)} {_score(j.total, language, 1)}"
            for j in explanation.jurors
        )
        flowables.append(
            markup(
                _(
                    "<b>{name}</b> ({ref}, rank {rank}; {flags}). Means: {means}. "
                    "Juror totals: {totals}."
                ),
                style.small,
                name=explanation.name,
                ref=ref,
                rank=str(explanation.entry.rank),
                flags=", ".join(flag_label(flag) for flag in flags),
                means=means or "—",
                totals=totals or "—",
            )
        )
    return flowables


def _signatures(report: ReportData) -> list[Flowable]:
    style = styles()
    president = next((j for j in report.data.jurors if j.role is Role.PRESIDENT), None)
    secretary = next((j for j in report.data.jurors if j.role is Role.SECRETARY), None)

    def block(role: str, name: str | None) -> list[Paragraph]:
        return [
            Paragraph(text(role), style.cell_head),
            # One compact block per signatory, kept on one page with its heading.
            paragraph(shortened(name) if name else "\u00a0", style.cell),
            Spacer(1, 16 * mm),
            Paragraph(text(_("Signature")), style.small),
            Paragraph(text(_("Date:")), style.small),
        ]

    width = content_width()
    table = Table(
        [[block(_("The president"), president.name if president else None),
          block(_("The secretary"), secretary.name if secretary else None)]],
        colWidths=[width / 2, width / 2],
        hAlign="LEFT",
    )  # fmt: skip
    table.setStyle(
        table_style(
            ("BACKGROUND", (0, 0), (-1, 0), colors.white),
            ("LINEBELOW", (0, 0), (-1, 0), 0, colors.white),
            ("BOX", (0, 0), (0, 0), 0.5, MUTED),
            ("BOX", (1, 0), (1, 0), 0.5, MUTED),
            ("FONTNAME", (0, 0), (-1, -1), BOLD),
        )
    )
    return [KeepTogether([heading(_("Signatures")), table])]
