"""The head of the dossier under discussion on the Deliberation page: its rank and name, its
figures (score, points, jurors, spread, stability) and its flags as coloured chips.

The texts are built by plain functions from an :class:`AgendaItem` and a few campaign figures, so
the header shows whatever it is given and never reads the campaign itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from selection_desk.aggregation.agenda import AgendaItem, Flag, flag_label
from selection_desk.i18n import _, format_number, ngettext
from selection_desk.ui.models.agenda_model import plain_tooltip


@dataclass(frozen=True)
class FlagChip:
    """One flag as the header shows it."""

    text: str
    tooltip: str
    strong: bool


class Chip(QLabel):
    """A flag, as a small coloured label readable in light and dark palettes."""

    def __init__(self, text: str, tooltip: str, strong: bool) -> None:
        super().__init__(text)
        self.setToolTip(plain_tooltip(tooltip))
        tint = "rgba(230, 140, 0, 0.28)" if strong else "rgba(128, 128, 128, 0.22)"
        self.setStyleSheet(
            f"QLabel {{ background: {tint}; border-radius: 9px; padding: 3px 10px; }}"
        )


def dossier_heading(item: AgendaItem) -> str:
    entry = item.entry
    return _("{rank}. {name}").format(
        rank=f"{entry.rank}{' =' if entry.tied else ''}", name=entry.name
    )


def dossier_facts(item: AgendaItem, interval: tuple[int, int] | None) -> list[str]:
    """Reference, score, points, jurors, spread and, once the stability check ran, how often the
    dossier is within the places (with its rank ``interval`` across the resamples)."""
    entry = item.entry
    facts = [
        entry.ref,
        _("score {score}").format(
            score="—" if entry.score is None else format_number(entry.score, 2)
        ),
    ]
    if entry.points is not None:
        facts.append(_("{points} points").format(points=format_number(entry.points, 2)))
    facts.append(_("{count} jurors").format(count=entry.jurors))
    if entry.spread is not None:
        facts.append(_("spread {spread}").format(spread=format_number(entry.spread, 1)))
    if item.p_top is not None:
        interval = interval or entry.rank_interval
        share = format_number(100 * item.p_top, 0)
        facts.append(
            _("within the places in {share} % of resamples (rank {low}–{high})").format(
                share=share, low=interval[0], high=interval[1]
            )
            if interval
            else _("within the places in {share} % of resamples").format(share=share)
        )
    return facts


def flag_tooltip(item: AgendaItem, flag: Flag, spread_threshold: float, places: int) -> str:
    """Why ``item`` carries ``flag``, with the campaign's figures."""
    entry = item.entry
    if flag is Flag.HIGH_SPREAD:
        return _("The jurors disagree: spread {spread} above the threshold {threshold}.").format(
            spread=format_number(entry.spread or 0, 1),
            threshold=format_number(spread_threshold, None),
        )
    if flag is Flag.NEAR_CUTOFF:
        return ngettext(
            "Rank {rank} for {places} place: close to the cut-off.",
            "Rank {rank} for {places} places: close to the cut-off.",
            places,
        ).format(rank=entry.rank, places=places)
    if flag is Flag.UNSTABLE:
        return _(
            "Within the places in {share} % of resamples of the jury: another jury could "
            "well decide otherwise."
        ).format(share=format_number(100 * (item.p_top or 0), 0))
    if flag is Flag.ELIMINATED:
        return _("Below the eliminatory threshold of: {criteria}.").format(
            criteria=", ".join(entry.eliminated_by)
        )
    return _("Same score as another dossier.")


def flag_chips(item: AgendaItem, spread_threshold: float, places: int) -> list[FlagChip]:
    """The flags of ``item``; all but "tied" are strong (they call for discussion)."""
    return [
        FlagChip(
            flag_label(flag),
            flag_tooltip(item, flag, spread_threshold, places),
            flag is not Flag.TIED,
        )
        for flag in item.flags
    ]


class DossierHeader(QWidget):
    """Title, facts and flag chips of one dossier (or a message when there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.dossier_title = QLabel()
        self.dossier_title.setObjectName("dossierTitle")
        self.dossier_title.setWordWrap(True)
        self.dossier_title.setStyleSheet(
            "QLabel#dossierTitle { font-size: 19pt; font-weight: 600; }"
        )
        self.dossier_facts = QLabel()
        self.dossier_facts.setWordWrap(True)
        self.dossier_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flag_row = QHBoxLayout()
        self.flag_row.setSpacing(6)
        flags_holder = QWidget()
        flags_holder.setLayout(self.flag_row)
        self.flag_row.setContentsMargins(0, 0, 0, 0)
        for plain in (self.dossier_title, self.dossier_facts):
            plain.setTextFormat(Qt.TextFormat.PlainText)  # applicant text, never markup
        column.addWidget(self.dossier_title)
        column.addWidget(self.dossier_facts)
        column.addWidget(flags_holder)

    def show_message(self, message: str) -> None:
        """No dossier: ``message`` (possibly empty) as the title, no facts, no flags."""
        self._clear_chips()
        self.dossier_title.setText(message)
        self.dossier_facts.clear()

    def show_dossier(self, heading: str, facts: Sequence[str], chips: Sequence[FlagChip]) -> None:
        self._clear_chips()
        self.dossier_title.setText(heading)
        self.dossier_facts.setText(" · ".join(facts))
        for chip in chips:
            self.flag_row.addWidget(Chip(chip.text, chip.tooltip, chip.strong))
        self.flag_row.addStretch(1)

    def chips(self) -> list[Chip]:
        return [
            widget
            for index in range(self.flag_row.count())
            if (item := self.flag_row.itemAt(index)) is not None
            and isinstance(widget := item.widget(), Chip)
        ]

    def _clear_chips(self) -> None:
        while (taken := self.flag_row.takeAt(0)) is not None:
            widget = taken.widget()
            if widget is not None:
                widget.deleteLater()
