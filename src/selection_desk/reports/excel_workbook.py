"""The Excel report: the campaign workbook (design §3) plus the committee's sheets.

Sheets, in English or French:

* ``Ranking`` / ``Classement`` — the ranking as a formatted table: frozen header, filters, number
  formats (Excel shows them with the reader's own decimal separator), a colour scale on the
  scores, the dossiers within the places shaded and the cut-off drawn under the last of them, the
  decisions;
* ``Juror totals`` / ``Totaux par juré`` — the dossier × juror matrix of juror totals T (0–100),
  with why a pair has none (recused, draft, incomplete);
* ``Criterion means`` / ``Moyennes par critère`` — each dossier's mean per criterion, the means
  below an eliminatory threshold marked;
* ``Audit`` / ``Contrôle`` — formulas that recompute each dossier's weighted mean and points from
  the ``Scores`` sheet and the weights and scales of the ``Criteria`` sheet, next to Selection
  Desk's own figures and their difference: anyone can check the ranking in Excel or LibreOffice;
* the campaign workbook's own sheets (``Campaign``, ``Criteria``, ``Jurors``, ``Dossiers``,
  ``Conflicts``, ``Scores``, ``Decisions``), written by the campaign workbook writer's tables, so
  that importing this file gives the same campaign and the same ranking;
* a campaign in several rounds only: ``Rounds``, ``Round rankings`` and ``Final ranking``
  (:mod:`~selection_desk.reports.round_sheets`).

Applicant text never becomes a formula: a string is written as text whatever it starts with (the
only formulas are the audit sheet's own).  The workbook is streamed (openpyxl write-only mode), so
that a campaign of 250,000 scores costs about what writing its cells costs.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname

from selection_desk import i18n
from selection_desk.aggregation import RankedDossier
from selection_desk.aggregation.methods import METHODS_WITH_POINTS
from selection_desk.domain import ReviewStatus, RoundData
from selection_desk.formats import workbook_writer
from selection_desk.formats.headers import (
    CONFLICT_COLUMNS,
    CONFLICTS_SHEET,
    CRITERIA_COLUMNS,
    CRITERIA_SHEET,
    ROUND_COLUMN,
    SCORE_COLUMNS,
    SCORES_SHEET,
    SHEETS,
)
from selection_desk.formats.vocabulary import STATUSES
from selection_desk.i18n import N_, _
from selection_desk.labels import label
from selection_desk.reports.report_data import CellState, ReportData
from selection_desk.reports.round_sheets import round_sheets

WIDTH_SAMPLE_ROWS = 2000
"""Column widths are fitted to the header and the first rows (fitting 250,000 rows costs seconds
and changes nothing a reader sees)."""

SCORE_FORMAT = "0.00"
SPREAD_FORMAT = "0.0"
SHARE_FORMAT = "0%"

_BOLD = Font(name="Calibri", size=11, bold=True)
_HEADER_FILL = PatternFill("solid", start_color="E8EDF3", end_color="E8EDF3")
_SELECTED_FILL = PatternFill("solid", start_color="E3F1E6", end_color="E3F1E6")
_BELOW_FILL = PatternFill("solid", start_color="F4D6D6", end_color="F4D6D6")
_FORMULA_FILL = PatternFill("solid", start_color="FFF7E0", end_color="FFF7E0")
_ELIMINATED_FONT = Font(name="Calibri", size=11, color="8A4B4B")
_CUTOFF_BORDER = Border(bottom=Side(style="thick", color="B5523B"))
_WRAP = Alignment(wrap_text=True, vertical="top")
_COLOUR_SCALE = {
    "start_type": "min",
    "start_color": "F8696B",
    "mid_type": "percentile",
    "mid_value": 50,
    "mid_color": "FFEB84",
    "end_type": "max",
    "end_color": "63BE7B",
}

_CELL_STATE_LABELS = {
    CellState.RECUSED: N_("recused"),
    CellState.DRAFT: N_("draft"),
    CellState.INCOMPLETE: N_("incomplete"),
}


def write_workbook(report: ReportData, path: Path, language: str) -> int:
    """Write the Excel report of ``report`` to ``path`` in ``language`` ("fr" or "en"); returns
    how many texts were longer than an Excel cell holds (cut, with a note in the cell)."""
    if language not in i18n.LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {i18n.LANGUAGES}")
    with i18n.language(language):
        writer = _Writer(report, language)
        writer.campaign_sheets()
        ranking_index = len(writer.workbook.worksheets)
        writer.ranking_sheet()
        for table in round_sheets(report.rounds):  # a campaign in several rounds only
            writer.plain_sheet(table.title, table.header, table.rows, table.score_columns)
        writer.matrix_sheet()
        writer.criterion_means_sheet()
        writer.audit_sheet()
        writer.workbook.active = ranking_index  # opens on the ranking
        writer.save(path)
    return writer.cut_cells


Row = list[Any]
_REMEMBERED_TEXT_LENGTH = 16
"""Texts this short are remembered once made safe (:meth:`_Writer.value`): references, juror and
criterion codes, statuses — what repeats.  A time (19 characters and more) is each time new, and
remembering a million of them would only cost memory."""


class _Writer:
    def __init__(self, report: ReportData, language: str) -> None:
        self.report = report
        self.language = language
        self.workbook = Workbook(write_only=True)
        self.carriage_returns = False
        self.cut_cells = 0
        """Texts longer than an Excel cell holds, cut with a note in the cell."""
        self._styles: dict[tuple[str | None, int, int, int], StyleArray] = {}
        self._safe_texts: dict[str, str] = {}
        """Short texts already made safe, as appended: the references, codes and statuses that
        repeat down the Scores and Reviews sheets (millions of cells on large campaigns)."""

    # -- cells ------------------------------------------------------------------------------

    def value(self, sheet: Any, value: Any) -> Any:
        """A value safe to append: text stays text (never a formula nor an error code)."""
        if not isinstance(value, str):
            if isinstance(value, float) and not math.isfinite(value):
                return None
            return value
        safe = self._safe_texts.get(value)
        if safe is not None:
            return safe
        made_safe = self._safe_text(sheet, value)
        if isinstance(made_safe, str) and len(value) <= _REMEMBERED_TEXT_LENGTH:
            self._safe_texts[value] = made_safe
        return made_safe

    def _safe_text(self, sheet: Any, value: str) -> Any:
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        fitting = workbook_writer.excel_text(value)
        if fitting is not value:
            self.cut_cells += 1
            value = fitting
        if not value:
            return None
        if "\r" in value:
            self.carriage_returns = True
        if value[0] == "=" or value in ERROR_CODES or "\n" in value:
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # after assigning: openpyxl turns "=…" into a formula
            if "\n" in value:
                cell.alignment = _WRAP
            return cell
        return value

    def styled(
        self,
        sheet: Any,
        value: Any,
        *,
        number_format: str | None = None,
        font: Font | None = None,
        fill: PatternFill | None = None,
        border: Border | None = None,
    ) -> Any:
        safe = self.value(sheet, value)
        if isinstance(safe, Cell):  # text kept as text: rare, styled the slow way
            _apply_style(safe, number_format, font, fill, border)
            return safe
        cell = WriteOnlyCell(sheet, safe)
        cell._style = copy(self._style(sheet, number_format, font, fill, border))
        return cell

    def formula(self, sheet: Any, text: str, number_format: str | None = None) -> Cell:
        cell = WriteOnlyCell(sheet, text)
        cell._style = copy(self._style(sheet, number_format, None, _FORMULA_FILL, None))
        return cell

    def _style(
        self,
        sheet: Any,
        number_format: str | None,
        font: Font | None,
        fill: PatternFill | None,
        border: Border | None,
    ) -> StyleArray:
        """The style of one combination, registered in the workbook once: setting a font or a
        fill on each cell hashes the style object every time (a third of the export's time)."""
        key = (number_format, id(font), id(fill), id(border))
        style = self._styles.get(key)
        if style is None:
            prototype = WriteOnlyCell(sheet)
            _apply_style(prototype, number_format, font, fill, border)
            style = self._styles[key] = prototype._style
        return style

    def header(self, sheet: Any, names: Sequence[str]) -> list[Cell]:
        return [self.styled(sheet, name, font=_BOLD, fill=_HEADER_FILL) for name in names]

    # -- sheets -----------------------------------------------------------------------------

    def new_sheet(self, title: str, header: Sequence[str], widths: Sequence[float]) -> Any:
        sheet = self.workbook.create_sheet(title)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        return sheet

    def ranking_sheet(self) -> None:
        ranking = self.report.ranking
        with_points = ranking.method in METHODS_WITH_POINTS
        with_stability = ranking.bootstrap is not None
        columns: list[tuple[str, float]] = [
            (_("Rank"), 7),
            (_("Ref"), 12),
            (_("Name"), 32),
            (_("Score"), 9),
        ]
        if with_points:
            columns.append((_("Points"), 9))
        columns += [(_("Jurors"), 8), (_("Spread"), 8), (_("High spread"), 11), (_("Tied"), 7)]
        columns += [(_("Eliminated by"), 14), (_("In the places"), 12)]
        if with_stability:
            columns += [(_("Share of resamples in the places"), 14), (_("Rank, 90 % interval"), 12)]
        columns += [
            (_("Decision"), 14),
            (_("Rationale"), 40),
            (_("Votes for"), 8),
            (_("Votes against"), 8),
            (_("Abstentions"), 8),
        ]
        sheet = self.new_sheet(_("Ranking"), [c for c, _w in columns], [w for _c, w in columns])
        sheet.freeze_panes = "D2"
        sheet.append(self.header(sheet, [name for name, _width in columns]))
        entries = ranking.entries
        last_within = max(
            (index for index, entry in enumerate(entries) if entry.above_cutoff), default=None
        )
        for index, entry in enumerate(entries):
            fill = _SELECTED_FILL if entry.above_cutoff else None
            border = _CUTOFF_BORDER if index == last_within else None
            font = _ELIMINATED_FONT if entry.eliminated else None
            values = self._ranking_values(entry, with_points, with_stability)
            sheet.append(
                [
                    self.styled(
                        sheet, value, number_format=fmt, font=font, fill=fill, border=border
                    )
                    for value, fmt in values
                ]
            )
        count = len(entries)
        last_column = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A1:{last_column}{count + 1}"
        if count:
            score_column = get_column_letter(4)
            sheet.conditional_formatting.add(
                f"{score_column}2:{score_column}{count + 1}", ColorScaleRule(**_COLOUR_SCALE)
            )

    def _ranking_values(
        self, entry: RankedDossier, with_points: bool, with_stability: bool
    ) -> list[tuple[Any, str | None]]:
        decision = self.report.decision(entry.ref)
        values: list[tuple[Any, str | None]] = [
            (entry.rank, None),
            (entry.ref, None),
            (entry.name, None),
            (entry.score, SCORE_FORMAT),
        ]
        if with_points:
            values.append((entry.points, SCORE_FORMAT))
        values += [
            (entry.jurors, None),
            (entry.spread, SPREAD_FORMAT),
            (_yes_no(entry.flagged), None),
            (_yes_no(entry.tied), None),
            (", ".join(entry.eliminated_by), None),
            (_yes_no(entry.above_cutoff), None),
        ]
        if with_stability:
            interval = entry.rank_interval
            values += [
                (entry.p_top, SHARE_FORMAT),
                (None if interval is None else f"{interval[0]}–{interval[1]}", None),
            ]
        values += [
            (label(decision.outcome) if decision else None, None),
            (decision.rationale if decision else None, None),
            (decision.votes_for if decision else None, None),
            (decision.votes_against if decision else None, None),
            (decision.votes_abstain if decision else None, None),
        ]
        return values

    def matrix_sheet(self) -> None:
        report = self.report
        jurors = report.data.jurors
        header = [_("Ref"), _("Name"), *(f"{j.code} — {j.name}" for j in jurors)]
        widths = [12.0, 32.0, *(min(max(len(h) + 2, 9), 24) for h in header[2:])]
        sheet = self.new_sheet(_("Juror totals"), header, widths)
        sheet.freeze_panes = "C2"
        sheet.append(self.header(sheet, header))
        totals, states = report.juror_totals, report.cell_states
        state_labels = {state: _(word) for state, word in _CELL_STATE_LABELS.items()}
        for entry in report.ranking.entries:
            row: Row = [self.value(sheet, entry.ref), self.value(sheet, entry.name)]
            for juror in jurors:
                pair = (juror.code, entry.ref)
                total = totals.get(pair)
                if total is not None:
                    row.append(self.styled(sheet, total, number_format=SPREAD_FORMAT))
                else:
                    state = states.get(pair)
                    row.append(state_labels[state] if state is not None else None)
            sheet.append(row)
        count = len(report.ranking.entries)
        if count and jurors:
            last = get_column_letter(2 + len(jurors))
            sheet.conditional_formatting.add(
                f"C2:{last}{count + 1}", ColorScaleRule(**_COLOUR_SCALE)
            )
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"

    def criterion_means_sheet(self) -> None:
        report = self.report
        criteria = report.data.criteria
        header = [_("Ref"), _("Name"), *(f"{c.label} ({c.code})" for c in criteria)]
        widths = [12.0, 32.0, *(min(max(len(h) + 2, 10), 30) for h in header[2:])]
        sheet = self.new_sheet(_("Criterion means"), header, widths)
        sheet.freeze_panes = "C2"
        sheet.append(self.header(sheet, header))
        for entry in report.ranking.entries:
            below = set(entry.eliminated_by)
            row: Row = [self.value(sheet, entry.ref), self.value(sheet, entry.name)]
            for criterion in criteria:
                mean = entry.criteria.get(criterion.code)
                fill = _BELOW_FILL if criterion.code in below else None
                row.append(self.styled(sheet, mean, number_format=SCORE_FORMAT, fill=fill))
            sheet.append(row)
        count = len(report.ranking.entries)
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"

    def audit_sheet(self) -> None:
        _AuditSheet(self).write()

    def campaign_sheets(self) -> None:
        whole = self.report.in_rounds or self.report.data  # every round: the import's
        tables = workbook_writer.campaign_tables(whole, self.language, self.report.field_types)
        for table in tables:
            widths = _column_widths(table.header, table.rows)
            sheet = self.new_sheet(table.sheet, table.header, widths)
            sheet.append(self.header(sheet, table.header))
            value = self.value
            if not table.number_formats:
                for row in table.rows:
                    sheet.append([value(sheet, cell) for cell in row])
                continue
            for row in table.rows:  # typed dossier fields: numbers and dates with their format
                sheet.append(
                    [
                        self.styled(sheet, cell, number_format=number_format)
                        if (number_format := table.number_format(column, cell))
                        else value(sheet, cell)
                        for column, cell in enumerate(row)
                    ]
                )

    def plain_sheet(
        self,
        title: str,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        score_columns: Sequence[int] = (),
    ) -> None:
        """A sheet of values under a bold header, its columns fitted to them; the cells of
        ``score_columns`` (indexes) shown as scores."""
        sheet = self.new_sheet(title, header, _column_widths(header, rows))
        sheet.append(self.header(sheet, header))
        value = self.value
        if not score_columns:
            for row in rows:
                sheet.append([value(sheet, cell) for cell in row])
            return
        for row in rows:
            sheet.append(
                [
                    self.styled(sheet, cell, number_format=SCORE_FORMAT)
                    if index in score_columns
                    else value(sheet, cell)
                    for index, cell in enumerate(row)
                ]
            )

    # -- saving -----------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        try:
            workbook_writer.save_workbook_atomically(
                self.workbook, path, carriage_returns=self.carriage_returns
            )
        except BaseException:
            # Close the streamed sheets while their temporary files are open: left to the garbage
            # collector, each would complain that its file is closed.
            for sheet in self.workbook.worksheets:
                with contextlib.suppress(Exception):
                    sheet.close()
            raise


class _AuditSheet:
    """Formulas recomputing each dossier's weighted mean from the Scores and Criteria sheets.

    Two sheets.  ``Audit by review`` / ``Contrôle par évaluation`` holds one row per (dossier,
    juror) pair of the Scores sheet: per criterion the juror's score (``AVERAGEIFS`` over the
    Scores sheet, so a sorted or filtered Scores sheet changes nothing), whether the Scores sheet
    marks the review final, whether the Conflicts sheet recuses the juror, how many criteria are
    scored, and whether the review **counts** — final, not recused and complete, exactly as
    Selection Desk counts it (design §1) —, then the juror total ``T`` and points ``P``.

    ``Audit`` / ``Contrôle``: rows 2–4 hold each criterion's weight and scale, read from the
    Criteria sheet by formulas; each dossier row holds, per criterion, the mean over the counted
    reviews (``AVERAGEIFS`` over the review sheet, rounded as the campaign rounds), then
    ``100·Σ w·(m − lo)/(hi − lo) / Σ w`` and the points ``Σ w·m``, the number of counted reviews,
    and Selection Desk's own figures with the difference ("mismatch" when only one side has a
    value).
    """

    HEADER_ROWS = 4

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.report = writer.report
        language = writer.language
        data = self.report.data
        self.criteria = data.criteria
        scores_title = quote_sheetname(SHEETS.written(SCORES_SHEET, language))
        criteria_title = quote_sheetname(SHEETS.written(CRITERIA_SHEET, language))
        conflicts_title = quote_sheetname(SHEETS.written(CONFLICTS_SHEET, language))
        whole = self.report.in_rounds
        rounds = whole.rounds if whole is not None else ()
        current = self.report.rounds.current if self.report.rounds else ""
        before = [part for part in rounds[: _index_of(rounds, current)]]
        self.criteria_row = 2 + sum(len(part.criteria) for part in before)
        """The Criteria sheet's row of the reported round's first criterion."""
        score_rows = sum(len(part.scores) for part in rounds) if rounds else len(data.scores)
        last = max(score_rows + 1, 2)
        score_columns = (*SCORE_COLUMNS, ROUND_COLUMN) if rounds else SCORE_COLUMNS
        self.scores_range = {
            key: f"{scores_title}!${letter}$2:${letter}${last}"
            for key in ("dossier", "juror", "criterion", "score", "status", "round")
            if key != "round" or rounds
            if (letter := _letter(score_columns, key))
        }
        self.round_condition = f",{self.scores_range['round']},{_exact(current)}" if rounds else ""
        """The extra condition of every formula over the Scores sheet: the reported round."""
        last_conflict = max(len(data.conflicts) + 1, 2)
        self.conflicts_range = {
            key: f"{conflicts_title}!${letter}$2:${letter}${last_conflict}"
            for key in ("juror", "dossier")
            if (letter := _letter(CONFLICT_COLUMNS, key))
        }
        self.criteria_cell = {
            key: (criteria_title, _letter(CRITERIA_COLUMNS, key))
            for key in ("weight", "min", "max")
        }
        self.final_word = STATUSES.written(ReviewStatus.FINAL, language)
        self.decimals = data.campaign.criterion_decimals
        self.audit_title = _("Audit")
        self.reviews_title = _("Audit by review")
        self.pairs = self._review_pairs()
        count = len(self.criteria)
        self.first, self.last = get_column_letter(3), get_column_letter(2 + count)
        # Columns of the review sheet after the criteria.
        self.final_col = get_column_letter(3 + count)
        self.recused_col = get_column_letter(4 + count)
        self.scored_col = get_column_letter(5 + count)
        self.counted_col = get_column_letter(6 + count)
        self.total_col = get_column_letter(7 + count)
        self.ours_total_col = get_column_letter(9 + count)
        yes, no = _("yes"), _("no")
        self.yes_no_format = f'"{yes}";"{yes}";"{no}"'

    def _review_pairs(self) -> list[tuple[str, str]]:
        """The (dossier, juror) pairs of the Scores sheet, in dossier then juror order."""
        data = self.report.data
        dossier_order = {dossier.ref: index for index, dossier in enumerate(data.dossiers)}
        juror_order = {juror.code: index for index, juror in enumerate(data.jurors)}
        pairs = {(score.dossier, score.juror) for score in data.scores}
        return sorted(
            pairs,
            key=lambda pair: (
                dossier_order.get(pair[0], len(dossier_order)),
                pair[0],
                juror_order.get(pair[1], len(juror_order)),
                pair[1],
            ),
        )

    def write(self) -> None:
        self.write_dossiers()
        self.write_reviews()

    def _weights(self) -> tuple[str, str, str]:
        first, last = self.first, self.last
        return f"${first}$2:${last}$2", f"${first}$3:${last}$3", f"${first}$4:${last}$4"

    def write_dossiers(self) -> None:
        writer, criteria = self.writer, self.criteria
        count = len(criteria)
        first, last = self.first, self.last
        score_col = get_column_letter(3 + count)
        ours_score = get_column_letter(6 + count)
        header = [
            _("Ref"),
            _("Name"),
            *(criterion.code for criterion in criteria),
            _("Score (formula)"),
            _("Points (formula)"),
            _("Counted reviews (formula)"),
            _("Selection Desk score (mean)"),
            _("Selection Desk points"),
            _("Selection Desk jurors"),
            _("Difference"),
        ]
        widths = [
            12.0,
            34.0,
            *(max(len(c.code) + 2, 9) for c in criteria),
            12,
            12,
            12,
            14,
            12,
            12,
            11,
        ]
        sheet = writer.new_sheet(self.audit_title, header, widths)
        sheet.freeze_panes = f"C{self.HEADER_ROWS + 1}"
        sheet.append(writer.header(sheet, header))
        for key, caption in (
            ("weight", _("Weight (from the Criteria sheet)")),
            ("min", _("Bottom of the scale")),
            ("max", _("Top of the scale")),
        ):
            title, letter = self.criteria_cell[key]
            sheet.append(
                [
                    None,
                    writer.styled(sheet, caption, font=_BOLD),
                    *(
                        writer.formula(sheet, f"={title}!${letter}${self.criteria_row + index}")
                        for index in range(count)
                    ),
                ]
            )
        weights, lows, highs = self._weights()
        for offset, entry in enumerate(self.report.ranking.entries):
            r = self.HEADER_ROWS + 1 + offset
            means = f"{first}{r}:{last}{r}"
            reference = self.report.reference_means.get(entry.ref)
            points_sum = (
                f"SUMPRODUCT({weights},{means})"
                if self.decimals is None
                else f"ROUND(SUMPRODUCT(ROUND({weights}*{means},{self.decimals})),{self.decimals})"
            )
            complete = f"COUNT({means})<{count}"
            row: Row = [
                writer.value(sheet, entry.ref),
                writer.value(sheet, entry.name),
                *(
                    writer.formula(sheet, self.mean_formula(entry.ref, r, column), SCORE_FORMAT)
                    for column in range(3, 3 + count)
                ),
                writer.formula(
                    sheet,
                    f'=IF({complete},"",100*SUMPRODUCT({weights},({means}-{lows})/({highs}-{lows}))'
                    f"/SUM({weights}))",
                    SCORE_FORMAT,
                ),
                writer.formula(sheet, f'=IF({complete},"",{points_sum})', SCORE_FORMAT),
                writer.formula(sheet, self.count_formula(entry.ref, r)),
                writer.styled(
                    sheet, reference.score if reference else None, number_format=SCORE_FORMAT
                ),
                writer.styled(
                    sheet, reference.points if reference else None, number_format=SCORE_FORMAT
                ),
                reference.jurors if reference else None,
                writer.formula(
                    sheet, _difference(f"{score_col}{r}", f"{ours_score}{r}"), "0.000000"
                ),
            ]
            sheet.append(row)

    def write_reviews(self) -> None:
        writer, criteria = self.writer, self.criteria
        count = len(criteria)
        first, last = self.first, self.last
        header = [
            _("Ref"),
            _("Juror"),
            *(criterion.code for criterion in criteria),
            _("Final (formula)"),
            _("Recused (formula)"),
            _("Criteria scored (formula)"),
            _("Counted (formula)"),
            _("Juror total (formula)"),
            _("Points (formula)"),
            _("Selection Desk juror total"),
            _("Difference"),
        ]
        widths = [12.0, 10.0, *(max(len(c.code) + 2, 9) for c in criteria)]
        widths += [10, 10, 10, 10, 12, 12, 14, 11]
        sheet = writer.new_sheet(self.reviews_title, header, widths)
        sheet.freeze_panes = "C2"
        sheet.append(writer.header(sheet, header))
        audit = quote_sheetname(self.audit_title)
        weights, lows, highs = (f"{audit}!{cells}" for cells in self._weights())
        ranges, conflicts = self.scores_range, self.conflicts_range
        totals = self.report.juror_totals
        # Each score cell's AVERAGEIFS differs only by its row's ref and juror: the rest of its
        # text is made once per criterion (these are most of the sheet's cells).
        score_head = f"=IFERROR(AVERAGEIFS({ranges['score']},{ranges['dossier']},"
        score_juror = f",{ranges['juror']},"
        score_tails = [
            f",{ranges['criterion']},"
            f"{self._criterion(criterion.code, f'{get_column_letter(column)}$1')}"
            f'{self.round_condition}),"")'
            for column, criterion in enumerate(criteria, start=3)
        ]
        for offset, (ref, juror) in enumerate(self.pairs):
            r = 2 + offset
            ref_arg = self._criterion(ref, f"$A{r}")
            juror_arg = self._criterion(juror, f"$B{r}")
            values = f"{first}{r}:{last}{r}"
            row: Row = [writer.value(sheet, ref), writer.value(sheet, juror)]
            # Bare formula strings (no styled cell): a styled cell costs several times a plain
            # one to write.
            pair = f"{score_head}{ref_arg}{score_juror}{juror_arg}"
            row += [f"{pair}{tail}" for tail in score_tails]
            counted = f"{self.counted_col}{r}=1"
            row += [
                writer.formula(
                    sheet,
                    f"=IF(COUNTIFS({ranges['dossier']},{ref_arg},{ranges['juror']},{juror_arg},"
                    f'{ranges["status"]},"{self.final_word}"{self.round_condition})>0,1,0)',
                    self.yes_no_format,
                ),
                writer.formula(
                    sheet,
                    f"=IF(COUNTIFS({conflicts['juror']},{juror_arg},"
                    f"{conflicts['dossier']},{ref_arg})>0,1,0)",
                    self.yes_no_format,
                ),
                writer.formula(sheet, f"=COUNT({values})"),
                writer.formula(
                    sheet,
                    f"=IF(AND({self.final_col}{r}=1,{self.recused_col}{r}=0,"
                    f"{self.scored_col}{r}={count}),1,0)",
                    self.yes_no_format,
                ),
                writer.formula(
                    sheet,
                    f"=IF({counted},100*SUMPRODUCT({weights},({values}-{lows})/({highs}-{lows}))"
                    f'/SUM({weights}),"")',
                    SPREAD_FORMAT,
                ),
                writer.formula(
                    sheet, f'=IF({counted},SUMPRODUCT({weights},{values}),"")', SCORE_FORMAT
                ),
                writer.styled(sheet, totals.get((juror, ref)), number_format=SPREAD_FORMAT),
                writer.formula(
                    sheet,
                    _difference(f"{self.total_col}{r}", f"{self.ours_total_col}{r}"),
                    "0.000000",
                ),
            ]
            sheet.append(row)
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(self.pairs) + 1}"

    def _criterion(self, value: str, cell: str) -> str:
        """The criteria argument of ``AVERAGEIFS`` matching ``value`` exactly: the cell holding it
        when it reads as itself, else a literal with wildcards escaped (``*``, ``?``, ``~``) and
        ``=`` first, so that ``<5`` or ``a*`` never act as a comparison or a pattern."""
        if not any(mark in value for mark in "*?~") and value[:1] not in ("<", ">", "="):
            return cell
        return _exact(value)

    def _review_ranges(self) -> tuple[str, str]:
        """The review sheet's ref column and its "counted" column."""
        title = quote_sheetname(self.reviews_title)
        end = max(len(self.pairs) + 1, 2)
        column = self.counted_col
        return f"{title}!$A$2:$A${end}", f"{title}!${column}$2:${column}${end}"

    def mean_formula(self, ref: str, row: int, column: int) -> str:
        letter = get_column_letter(column)
        title = quote_sheetname(self.reviews_title)
        end = max(len(self.pairs) + 1, 2)
        refs, counted = self._review_ranges()
        average = (
            f"AVERAGEIFS({title}!${letter}$2:${letter}${end},"
            f"{refs},{self._criterion(ref, f'$A{row}')},{counted},1)"
        )
        if self.decimals is not None:
            average = f"ROUND({average},{self.decimals})"
        return f'=IFERROR({average},"")'

    def count_formula(self, ref: str, row: int) -> str:
        refs, counted = self._review_ranges()
        return f"=COUNTIFS({refs},{self._criterion(ref, f'$A{row}')},{counted},1)"


def _difference(formula_cell: str, ours_cell: str) -> str:
    """Formula minus Selection Desk; "mismatch" when only one of them has a value."""
    mismatch = _("mismatch").replace('"', "")
    return (
        f'=IF(AND({formula_cell}="",{ours_cell}=""),"",'
        f'IF(OR({formula_cell}="",{ours_cell}=""),"{mismatch}",{formula_cell}-{ours_cell}))'
    )


def _index_of(rounds: Sequence[RoundData], code: str) -> int:
    """The position of round ``code`` among ``rounds`` (0 when absent: one round)."""
    return next((index for index, part in enumerate(rounds) if part.round.code == code), 0)


def _exact(value: str) -> str:
    """A string literal criterion of ``COUNTIFS`` matching ``value`` exactly: wildcards escaped
    (``*``, ``?``, ``~``) and ``=`` first, so that ``<5`` or ``a*`` never act as a comparison or
    a pattern."""
    escaped = value.replace("~", "~~").replace("*", "~*").replace("?", "~?")
    return '"=' + escaped.replace('"', '""') + '"'


def _letter(columns: Sequence[Any], key: str) -> str:
    for index, column in enumerate(columns, start=1):
        if column.key == key:
            return str(get_column_letter(index))
    raise KeyError(key)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _apply_style(
    cell: Cell,
    number_format: str | None,
    font: Font | None,
    fill: PatternFill | None,
    border: Border | None,
) -> None:
    if number_format is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border


def _column_widths(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    columns = zip(header, *rows[:WIDTH_SAMPLE_ROWS], strict=False)
    return [workbook_writer.column_width(column) for column in columns]
