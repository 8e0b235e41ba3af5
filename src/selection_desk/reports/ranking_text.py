"""The ranking as a readable table for the terminal (``selection-desk rank`` without ``--json``)."""

from __future__ import annotations

from selection_desk.aggregation import Ranking
from selection_desk.i18n import _, format_number
from selection_desk.labels import label


def _cell(value: float | None, decimals: int = 2) -> str:
    return "—" if value is None else format_number(value, decimals)


def ranking_table(ranking: Ranking, campaign_name: str) -> str:
    headers = [_("Rank"), _("Ref"), _("Name"), _("Score"), _("Jurors"), _("Spread"), _("Notes")]
    rows: list[list[str]] = []
    cutoff_drawn = False
    for entry in ranking.entries:
        notes = []
        if entry.tied:
            notes.append(_("tied"))
        if entry.flagged:
            notes.append(_("high spread"))
        if entry.eliminated:
            notes.append(
                _("eliminated ({criteria})").format(criteria=", ".join(entry.eliminated_by))
            )
        if entry.p_top is not None:
            notes.append(
                _("top-{places} in {share} %").format(
                    places=ranking.places, share=format_number(100 * entry.p_top, 0)
                )
            )
        if not cutoff_drawn and (entry.eliminated or entry.rank > ranking.places):
            rows.append([])  # the cut-off line
            cutoff_drawn = True
        rows.append(
            [
                str(entry.rank),
                entry.ref,
                entry.name,
                _cell(entry.score),
                str(entry.jurors),
                _cell(entry.spread, 1),
                "; ".join(notes),
            ]
        )
    widths = [max(len(h), *(len(r[i]) for r in rows if r)) for i, h in enumerate(headers)]
    numeric = {0, 3, 4, 5}

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
