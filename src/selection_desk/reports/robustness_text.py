"""The §12 section of ``selection-desk rank``: which dossiers each method selects, the method-
dependent ones and the cut-off zone, each with its meaning in plain words (never a bare list)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selection_desk.i18n import _, format_number

if TYPE_CHECKING:  # the Ranking page shows these texts: it is built before numpy loads
    from selection_desk.aggregation.robustness import CutoffZone, Robustness


def robustness_explanation() -> str:
    """What a method-dependent selection means, in plain words."""
    return _(
        "A dossier is method-dependent when some aggregation methods select it and others do "
        "not: its place rests on a choice of method, not on the scores alone."
    )


def zone_explanation(zone: CutoffZone) -> str:
    """What the cut-off zone means, with the bootstrap's B and seed."""
    return _(
        "The dossiers of the cut-off zone are statistically indistinguishable at the line: when "
        "the jury is resampled (B = {resamples}, seed {seed}), their 90 % rank interval crosses "
        "the line between rank {places} and the next one. Ranking them against each other "
        "there is mostly noise; the committee settles them by deliberation or, where its rules "
        "allow it, by an audited draw."
    ).format(resamples=format_number(zone.resamples, 0), seed=zone.seed, places=zone.places)


def refs_text(refs: tuple[str, ...]) -> str:
    """Refs as a comma-separated list, or "none": an empty list never prints as nothing."""
    return ", ".join(refs) if refs else _("none")


def robustness_section(robustness: Robustness, zone: CutoffZone | None) -> str:
    """The lines printed under the ranking table."""
    lines = [_("Selected by each method ({places} places):").format(places=robustness.places)]
    lines += [
        f"  {method.value}: {refs_text(refs)}" for method, refs in robustness.selected.items()
    ]
    if robustness.skipped:
        lines.append(
            _("  left out (too costly on this many dossiers): {methods}").format(
                methods=", ".join(method.value for method in robustness.skipped)
            )
        )
    lines.append(_("Method-dependent: {refs}").format(refs=refs_text(robustness.method_dependent)))
    lines.append(robustness_explanation())
    if zone is None:
        lines.append(_("Cut-off zone: run with --bootstrap B to compute it."))
    else:
        lines.append(_("Cut-off zone: {refs}").format(refs=refs_text(zone.refs)))
        lines.append(zone_explanation(zone))
    return "\n".join(lines)
