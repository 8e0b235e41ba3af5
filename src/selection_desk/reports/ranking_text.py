"""The ranking as a readable table for the terminal (``selection-desk rank`` without ``--json``)."""

from __future__ import annotations

from collections.abc import Mapping

from selection_desk.aggregation import RankedDossier, Ranking
from selection_desk.aggregation.methods import METHODS_WITH_POINTS
from selection_desk.i18n import _, format_number
from selection_desk.labels import label


def _cell(value: float | None, decimals: int = 2) -> str:
    return "—" if value is None else format_number(value, decimals)


def _elimination(entry: RankedDossier, thresholds: Mapping[str, float]) -> str:
    """Why the dossier is eliminated: each criterion's mean against its threshold."""
    return _("eliminated: {reasons}").format(
        reasons=", ".join(
            _("{criterion} mean {mean} < threshold {threshold}").format(
                criterion=code,
                mean=_cell(entry.criteria.get(code)),
                threshold=_cell(thresholds.get(code)),
            )
            for code in entry.eliminated_by
        )
    )


def ranking_table(ranking: Ranking, campaign_name: str) -> str:
    """Columns: rank, ref, name, score, points (mean and trimmed), jurors, spread, the bootstrap's
    90 % rank interval (when it ran), notes (tied, high spread, not scored, elimination reason,
    P(top))."""
    with_points = ranking.method in METHODS_WITH_POINTS
    with_interval = ranking.bootstrap is not None
    headers = [_("Rank"), _("Ref"), _("Name"), _("Score")]
    numeric = {0, 3}
    if with_points:
        numeric.add(len(headers))
        headers.append(_("Points"))
    numeric.update({len(headers), len(headers) + 1})
    headers += [_("Jurors"), _("Spread")]
    if with_interval:
        numeric.add(len(headers))
        headers.append(_("Rank 90 %"))
    headers.append(_("Notes"))
    rows: list[list[str]] = []
    cutoff_drawn = False
    for entry in ranking.entries:
        notes = []
        if entry.tied:
            notes.append(_("tied"))
        if entry.flagged:
            notes.append(_("high spread"))
        if entry.jurors == 0:
            notes.append(_("not scored"))
        if entry.eliminated:
            notes.append(_elimination(entry, ranking.thresholds))
        if entry.p_top is not None:
            notes.append(
                _("top-{places} in {share} %").format(
                    places=ranking.places, share=format_number(100 * entry.p_top, 0)
                )
            )
        if not cutoff_drawn and not entry.above_cutoff:
            rows.append([])  # the cut-off line
            cutoff_drawn = True
        row = [str(entry.rank), entry.ref, entry.name, _cell(entry.score)]
        if with_points:
            row.append(_cell(entry.points))
        row += [str(entry.jurors), _cell(entry.spread, 1)]
        if with_interval:
            interval = entry.rank_interval
            row.append("—" if interval is None else f"{interval[0]}–{interval[1]}")
        row.append("; ".join(notes))
        rows.append(row)
    widths = [max([len(h), *(len(r[i]) for r in rows if r)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    title = _("{campaign} — {method}, {places} places").format(
        campaign=campaign_name, method=label(ranking.method), places=ranking.places
    )
    out = [title, "", line(headers), line(["-" * w for w in widths])]
    for row in rows:
        out.append(line(row) if row else "=" * (sum(widths) + 2 * (len(widths) - 1)))
    if not ranking.entries:
        out += ["", _("There is no dossier to rank yet.")]
    if ranking.agreement is not None:
        out += [
            "",
            _("Agreement (Krippendorff's alpha): {alpha}").format(
                alpha=format_number(ranking.agreement, 3)
            ),
        ]
    if ranking.incomplete_reviews:
        out.append(
            _("{count} review(s) not counted (draft or incomplete).").format(
                count=len(ranking.incomplete_reviews)
            )
        )
    return "\n".join(out)
