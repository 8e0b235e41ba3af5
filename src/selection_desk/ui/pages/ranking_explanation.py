"""Why a dossier has its score, as rich text for the Ranking page's detail panel.

Renders a :class:`~selection_desk.aggregation.DossierExplanation`: the key figures, how the method
computes the score, each juror's total and weight in it, each criterion's scores (those the trimmed
mean dropped struck through, those below an eliminatory threshold marked) and the reviews left out,
with the reason.  Every text that comes from the campaign is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette

from selection_desk.domain import Criterion, Method
from selection_desk.i18n import _, format_number
from selection_desk.labels import label
from selection_desk.ui import theme

if TYPE_CHECKING:
    from selection_desk.aggregation import DossierExplanation, JurorContribution, RankedDossier


def method_text(method: Method, confidence_weighted: bool) -> str:
    if method is Method.MEAN:
        text = _(
            "Each score is first placed on its criterion's scale (0 at the bottom, 1 at the top); "
            "a juror's total T is 100 × Σ weight × placed score ÷ Σ weights. The score is the "
            "mean of the jurors' totals."
        )
        if confidence_weighted:
            text += " " + _(
                "Each juror counts in proportion to the confidence of the review (3 when none "
                "was given)."
            )
        return text
    if method is Method.MEDIAN:
        return _(
            "A juror's total T is 100 × Σ weight × placed score ÷ Σ weights, each score placed on "
            "its criterion's scale (0 to 1). The score is the median of the jurors' totals."
        )
    if method is Method.TRIMMED:
        return _(
            "Per criterion, when at least 3 jurors scored, the single highest and single lowest "
            "scores are dropped (struck through below) and the rest averaged; the score is "
            "100 × Σ weight × placed average ÷ Σ weights."
        )
    if method is Method.ZSCORE:
        return _(
            "Each juror's totals T are standardised over the dossiers that juror completed: "
            "z = (T − the juror's mean) ÷ the juror's standard deviation. The score is the mean "
            "z, in standard deviations: it corrects lenient and severe jurors."
        )
    if method is Method.BORDA:
        return _(
            "Each juror ranks the dossiers they completed by total T; a dossier ranked r of n "
            "earns 100 × (n − r) ÷ (n − 1) from that juror. The score is the mean."
        )
    return _(
        "The jurors' totals T are compared pair by pair; the Schulze method orders the dossiers "
        "by the strongest chains of majorities. The score is the number of dossiers this one "
        "beats."
    )


def _number(value: float | None, decimals: int = 2) -> str:
    return "—" if value is None else format_number(value, decimals)


def _score(value: float) -> str:
    """A juror's score as typed: ``3.5``, ``4``."""
    return format_number(value, None)


def key_figures(entry: RankedDossier, count: int, places: int) -> list[str]:
    figures = [
        _("rank {rank} of {count}").format(rank=entry.rank, count=count),
        _("score {score}").format(score=_number(entry.score)),
    ]
    if entry.points is not None:
        figures.append(_("points {points}").format(points=_number(entry.points)))
    figures.append(_("{count} juror(s) counted").format(count=entry.jurors))
    if entry.spread is not None:
        figures.append(_("spread {spread}").format(spread=_number(entry.spread, 1)))
    if entry.p_top is not None:
        figures.append(
            _("within the {places} places in {share} of the resamples").format(
                places=places, share=format_number(100 * entry.p_top, 0) + "\u00a0%"
            )
        )
    if entry.rank_interval is not None:
        low, high = entry.rank_interval
        figures.append(_("rank range (90 %) {low}–{high}").format(low=low, high=high))
    return figures


def _juror_label(code: str, names: Mapping[str, str]) -> str:
    name = names.get(code)
    return escape(f"{name} ({code})" if name and name != code else code)


def _juror_extra(method: Method, juror: JurorContribution) -> str:
    if method is Method.ZSCORE:
        return _number(juror.z)
    if method is Method.BORDA:
        if juror.borda_rank is None or juror.borda_of is None:
            return "—"
        return _("{rank} of {count} → {points}").format(
            rank=format_number(juror.borda_rank, None),
            count=juror.borda_of,
            points=_number(juror.borda_points, 1),
        )
    return ""


def _header_row(cells: Sequence[str], shade: str) -> str:
    inner = "".join(f"<th align='left'>{cell}</th>" for cell in cells)
    return f"<tr style='background-color:{shade}'>{inner}</tr>"


def _scales_note(criteria: Sequence[Criterion]) -> str:
    scales: dict[str, list[str]] = {}
    for criterion in criteria:
        scale = f"{_score(criterion.scale_min)}–{_score(criterion.scale_max)}"
        scales.setdefault(scale, []).append(criterion.code)
    if len(scales) == 1:
        return _("Scores from {scale}.").format(scale=next(iter(scales)))
    return _("Scores from {scales}.").format(
        scales="; ".join(f"{scale} ({', '.join(codes)})" for scale, codes in scales.items())
    )


def explanation_html(
    explanation: DossierExplanation,
    *,
    criteria: Sequence[Criterion],
    juror_names: Mapping[str, str],
    count: int,
    places: int,
    confidence_weighted: bool = False,
) -> str:
    entry = explanation.entry
    method = explanation.method
    danger = theme.danger().name()
    shade = theme.mix(
        theme.role(QPalette.ColorRole.Base), theme.role(QPalette.ColorRole.Text), 0.08
    ).name()
    parts = [
        f"<h3 style='margin-bottom:2px'>{escape(explanation.name)}</h3>",
        f"<p style='margin-top:0'>{escape(explanation.ref)} · "
        + " · ".join(escape(figure) for figure in key_figures(entry, count, places))
        + "</p>",
    ]
    flags = []
    if entry.above_cutoff:
        flags.append(escape(_("Within the {places} places.").format(places=places)))
    if entry.eliminated:
        flags.append(
            f"<b style='color:{danger}'>"
            + escape(
                _("Eliminated: its mean is below the eliminatory threshold of {criteria}.").format(
                    criteria=", ".join(entry.eliminated_by)
                )
            )
            + "</b>"
        )
    if entry.tied:
        flags.append(escape(_("Shares its rank with another dossier.")))
    if entry.tie_broken_by:
        flags.append(
            escape(
                _("Had the same score as another dossier: the mean on {criterion} decided.").format(
                    criterion=entry.tie_broken_by
                )
            )
        )
    if entry.flagged:
        flags.append(escape(_("The jurors disagree: the spread is above the threshold.")))
    if flags:
        parts.append("<p>" + "<br>".join(flags) + "</p>")
    parts.append(
        f"<p><b>{escape(label(method))}.</b> "
        + escape(method_text(method, confidence_weighted))
        + "</p>"
    )
    parts.append(_jurors_table(explanation, juror_names, shade))
    parts.append(_criteria_table(explanation, criteria, shade, danger, confidence_weighted))
    if explanation.left_out:
        items = "".join(
            f"<li>{_juror_label(left.juror, juror_names)}: {escape(left.message())}</li>"
            for left in explanation.left_out
        )
        heading = escape(_("Not counted"))  # outside the f-string: gettext extraction sees it
        parts.append(f"<h4>{heading}</h4><ul>{items}</ul>")
    return "".join(parts)


def _jurors_table(
    explanation: DossierExplanation, juror_names: Mapping[str, str], shade: str
) -> str:
    if not explanation.jurors:
        nobody = escape(_("No juror has a final, complete review of this dossier."))
        return f"<p><i>{nobody}</i></p>"
    method = explanation.method
    extra_header = {Method.ZSCORE: _("z"), Method.BORDA: _("Borda rank → points")}.get(method)
    headers = [_("Juror"), _("Total T"), _("Points")]
    if extra_header:
        headers.append(extra_header)
    headers.append(_("Counts"))
    rows = [_header_row([escape(h) for h in headers], shade)]
    for juror in explanation.jurors:
        counts = (
            format_number(juror.weight, None) if juror.counted and juror.weight != 1 else _("yes")
        )
        cells = [
            _juror_label(juror.juror, juror_names),
            _number(juror.total),
            _number(juror.points),
        ]
        if extra_header:
            cells.append(escape(_juror_extra(method, juror)))
        cells.append(escape(counts if juror.counted else _("no")))
        row = "".join(
            f"<td align='{'left' if index == 0 else 'right'}'>{cell}</td>"
            for index, cell in enumerate(cells)
        )
        rows.append(f"<tr>{row}</tr>")
    title = escape(_("Jurors"))
    return (
        f"<h4>{title}</h4><table cellspacing='0' cellpadding='2' width='100%'>"
        + "".join(rows)
        + "</table>"
    )


def _criteria_table(
    explanation: DossierExplanation,
    criteria: Sequence[Criterion],
    shade: str,
    danger: str,
    confidence_weighted: bool,
) -> str:
    jurors = [juror.juror for juror in explanation.jurors]
    aggregate_header = None
    if explanation.method is Method.TRIMMED:
        aggregate_header = _("Trimmed")
    elif explanation.method is Method.MEAN and confidence_weighted:
        aggregate_header = _("Weighted")
    headers = [_("Criterion"), _("Weight"), *jurors, _("Mean")]
    if aggregate_header:
        headers.append(aggregate_header)
    from selection_desk.aggregation.methods import METHODS_WITH_POINTS  # loaded with the ranking

    with_points = explanation.method in METHODS_WITH_POINTS
    if with_points:
        headers.append(_("Points"))
    decimals = explanation.criterion_decimals
    mean_decimals = 2 if decimals is None else decimals
    rows = [_header_row([escape(h) for h in headers], shade)]
    for detail in explanation.criteria:
        cells = [
            f"<td>{escape(detail.criterion)}</td>",
            f"<td align='right'>{format_number(detail.weight, None)}</td>",
        ]
        for juror in jurors:
            value = detail.scores.get(juror)
            text = "—" if value is None else _score(value)
            if juror in (detail.dropped_high, detail.dropped_low):
                text = f"<s>{text}</s>"
            cells.append(f"<td align='right'>{text}</td>")
        mean = _number(detail.mean, mean_decimals)
        if detail.below_threshold:
            mean = (
                f"<b style='color:{danger}'>{mean} &lt; "
                f"{format_number(detail.threshold or 0, None)}</b>"
            )
        cells.append(f"<td align='right'>{mean}</td>")
        if aggregate_header:
            cells.append(f"<td align='right'>{_number(detail.aggregate, mean_decimals)}</td>")
        if with_points:
            cells.append(f"<td align='right'>{_number(detail.points, mean_decimals)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    notes = [_scales_note(criteria)]
    if explanation.method is Method.TRIMMED:
        notes.append(_("Struck through: the score the trimmed mean dropped."))
    if with_points and decimals is not None:
        notes.append(
            _(
                "Means and points are rounded half-up to {decimals} decimal(s), each criterion's "
                "points before they are added up."
            ).format(decimals=decimals)
        )
    if any(detail.threshold is not None for detail in explanation.criteria):
        notes.append(_("A mean below a criterion's eliminatory threshold eliminates the dossier."))
    footer = f"<p><small>{escape(' '.join(notes))}</small></p>" if notes else ""
    title = escape(_("Scores per criterion"))
    return (
        f"<h4>{title}</h4><table cellspacing='0' cellpadding='2' width='100%'>"
        + "".join(rows)
        + "</table>"
        + footer
    )
