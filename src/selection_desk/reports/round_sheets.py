"""The workbook's sheets of a campaign in several rounds (design §10), as plain tables: ``Round
rankings`` / ``Classements des tours`` (each round's ranking and who went on) and ``Final
ranking`` / ``Classement final`` (how each final score combines the rounds).  A campaign in one
round has none of them.  The ``Rounds`` / ``Tours`` sheet (each round's settings and status) is
the campaign workbook's own (:mod:`~selection_desk.formats.workbook_writer`): the import reads it
back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from selection_desk.i18n import _
from selection_desk.reports.report_data import RoundResult, RoundsSummary


@dataclass(frozen=True)
class PlainSheet:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    score_columns: tuple[int, ...] = ()
    """The indexes of the columns holding scores (shown with two decimals)."""


def round_sheets(summary: RoundsSummary | None) -> list[PlainSheet]:
    if summary is None:
        return []
    sheets = [_round_rankings_sheet(summary)]
    if summary.final is not None:
        sheets.append(_final_sheet(summary))
    return sheets


def _round_rankings_sheet(summary: RoundsSummary) -> PlainSheet:
    header = [_("Round"), _("Rank"), _("Ref"), _("Name"), _("Score"), _("Goes on")]
    rows = [row for result in summary.rounds for row in _round_rows(result)]
    return PlainSheet(_("Round rankings"), header, rows, (4,))


def _round_rows(result: RoundResult) -> list[list[Any]]:
    passing = set(result.goes_on)
    closed = result.round.closed
    return [
        [
            result.round.code,
            entry.rank,
            entry.ref,
            entry.name,
            entry.score,
            (_("yes") if entry.ref in passing else _("no")) if closed else None,
        ]
        for entry in result.entries
    ]


def _final_sheet(summary: RoundsSummary) -> PlainSheet:
    assert summary.final is not None
    header = [_("Rank"), _("Ref"), _("Name"), _("Final score"), _("How it is combined")]
    rows = [
        [entry.rank, entry.ref, entry.name, entry.score, entry.explanation()]
        for entry in summary.final.entries
    ]
    return PlainSheet(_("Final ranking"), header, rows, (3,))
