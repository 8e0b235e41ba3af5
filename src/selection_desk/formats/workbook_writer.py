"""Export of a campaign as a campaign workbook (design §3), readable back by the import.

Names, headers and vocabulary words are written in the chosen language (the first listed in design
§3 for English); numbers stay numbers.  Applicant text never becomes a formula: every string cell is
stored as text, whatever it starts with (``=``, ``+``, ``-``, ``@``).  The file is written to a
temporary file beside the target and moved into place (``os.replace``), so a reader never sees
half a workbook.

A campaign in several rounds (``CampaignData.rounds``) also has a ``Rounds`` / ``Tours`` sheet
and an ``Assignments`` / ``Affectations`` sheet, and a round column, last, in the Criteria,
Assignments, Scores and Decisions sheets (design §10); a campaign in one round has none of them.

Export then import gives the same :class:`CampaignData`, except for what the workbook does not
carry: bookkeeping (revisions, update times), the jurors recorded as recused from a vote, jurors'
public keys, a one-round campaign's assignments, a review without any score, and a dossier field
that another dossier has but this one lacks (it comes back as an empty field).  Text loses its
surrounding spaces and control characters that a spreadsheet cannot hold, and a text longer than
an Excel cell holds is cut with a visible note (:func:`excel_text`).

A dossier field whose type the import stored (a number, an amount, a percentage, a date) is
written as a typed cell with a number or date format, so that the spreadsheet sorts and sums it;
its applicant's text is not in the cell, and an import into the same campaign keeps the stored
text when the cell holds the same value
(:func:`~selection_desk.formats.typed_values.same_typed_value`); imported into another campaign,
such a field holds the text a person reads in the cell (“125000” for “125 000 €”, “12.5 %”) and
keeps its type (:mod:`~selection_desk.formats.typed_cells`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import overload

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from selection_desk import SIGNATURE, __version__
from selection_desk.domain.model import CampaignData, Criterion, Review, RoundData, as_one_round
from selection_desk.errors import FileWriteFailed, define_message
from selection_desk.faults import write_failure
from selection_desk.formats.headers import (
    ASSIGNMENT_COLUMNS,
    ASSIGNMENTS_SHEET,
    CAMPAIGN_SETTINGS,
    CAMPAIGN_SHEET,
    CONFLICT_COLUMNS,
    CONFLICTS_SHEET,
    CRITERIA_COLUMNS,
    CRITERIA_SHEET,
    DECISION_COLUMNS,
    DECISIONS_SHEET,
    DOSSIER_COLUMNS,
    DOSSIERS_SHEET,
    JUROR_COLUMNS,
    JURORS_SHEET,
    ROUND_COLUMN,
    ROUND_COLUMNS,
    ROUNDS_SHEET,
    SCORE_COLUMNS,
    SCORES_SHEET,
    SETTING_HEADER,
    SHEETS,
    Column,
)
from selection_desk.formats.rubric_levels import format_levels
from selection_desk.formats.typed_values import Kind, typed_field
from selection_desk.formats.vocabulary import (
    BOOLEANS,
    METHODS,
    OUTCOMES,
    ROLES,
    ROUND_KINDS,
    ROUND_STATUSES,
    STATUSES,
)
from selection_desk.i18n import LANGUAGES, N_, _, format_number
from selection_desk.leftovers import whole_file

EXCEL_CELL_LIMIT = 32_767
"""The most an Excel cell holds, in UTF-16 code units (an emoji counts two)."""

MIN_COLUMN_WIDTH = 8
MAX_COLUMN_WIDTH = 60

Value = str | int | float | date | None

WORKBOOK_WRITE_FAILED = define_message(
    "workbook_write_failed", N_("The workbook could not be written to {file} ({reason}).")
)


class WorkbookWriteFailed(FileWriteFailed):
    """The workbook could not be saved (folder missing, no permission, disk full)."""


class _StreamedRows(Sequence[list[Value]]):
    """A sheet's rows made as they are read (each time they are read), never all held: the
    Scores sheet of a large campaign has 1.5 million rows."""

    def __init__(self, count: int, make: Callable[[], Iterator[list[Value]]]) -> None:
        self._count, self._make = count, make

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[list[Value]]:
        return self._make()

    @overload
    def __getitem__(self, index: int) -> list[Value]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[list[Value]]: ...

    def __getitem__(self, index: int | slice) -> list[Value] | Sequence[list[Value]]:
        positions = range(self._count)[index]
        if isinstance(positions, int):
            return next(islice(self, positions, None))
        return list(islice(self, positions.start, positions.stop, positions.step))


@dataclass(frozen=True)
class _Table:
    sheet: str
    header: list[str]
    rows: Sequence[list[Value]]
    number_formats: Mapping[int, str] = field(default_factory=dict)
    """Column index → the number or date format of its typed cells."""

    def number_format(self, column: int, value: Value) -> str | None:
        """The format of a typed cell of ``column`` (``None`` for text)."""
        if value is None or isinstance(value, str):
            return None
        return self.number_formats.get(column)


def write_campaign_workbook(
    data: CampaignData,
    path: Path,
    language: str = "en",
    field_types: Mapping[str, str] | None = None,
) -> None:
    """Write ``data`` to ``path`` as a campaign workbook in ``language`` ("en" or "fr");
    ``field_types``: the dossier fields' stored types, written as typed cells."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in campaign_tables(data, language, field_types):
        _write_sheet(workbook, table)
    save_workbook_atomically(workbook, path)


def campaign_tables(
    data: CampaignData, language: str, field_types: Mapping[str, str] | None = None
) -> Iterator[_Table]:
    def table(key: str, columns: Sequence[Column], rows: Iterable[Row]) -> _Table:
        header = [column.written(language) for column in columns]
        values = [[row.get(column.key) for column in columns] for row in rows]
        return _Table(SHEETS.written(key, language), header, values)

    def streamed(
        key: str, columns: Sequence[Column], count: int, rows: Callable[[], Iterable[Row]]
    ) -> _Table:
        # Made as they are written, never all held: XL's Scores sheet has 1.5 million rows.
        header = [column.written(language) for column in columns]
        values = _StreamedRows(
            count, lambda: ([row.get(column.key) for column in columns] for row in rows())
        )
        return _Table(SHEETS.written(key, language), header, values)

    settings_header = [spelling.written(language) for spelling in SETTING_HEADER]
    yield _Table(
        SHEETS.written(CAMPAIGN_SHEET, language), settings_header, _settings(data, language)
    )
    rounds = data.rounds
    if not rounds:
        yield table(CRITERIA_SHEET, CRITERIA_COLUMNS, _criteria(data, language))
        yield table(JURORS_SHEET, JUROR_COLUMNS, _jurors(data, language))
        yield _dossiers(data, language, field_types or {})
        yield table(CONFLICTS_SHEET, CONFLICT_COLUMNS, _conflicts(data))
        count = len(data.scores)
        yield streamed(SCORES_SHEET, SCORE_COLUMNS, count, lambda: _scores(data, language))
        yield table(DECISIONS_SHEET, DECISION_COLUMNS, _decisions(data, language))
        return

    def with_round(rows: Callable[[CampaignData], Iterable[Row]]) -> Iterator[Row]:
        for part in rounds:
            for row in rows(as_one_round(data, part)):
                yield {**row, ROUND_COLUMN.key: part.round.code}

    def per_round(
        key: str, columns: Sequence[Column], rows: Callable[[CampaignData], Iterable[Row]]
    ) -> _Table:
        return table(key, (*columns, ROUND_COLUMN), with_round(rows))

    yield table(ROUNDS_SHEET, ROUND_COLUMNS, _rounds(rounds, language))
    yield per_round(CRITERIA_SHEET, CRITERIA_COLUMNS, lambda view: _criteria(view, language))
    yield table(JURORS_SHEET, JUROR_COLUMNS, _jurors(data, language))
    yield _dossiers(data, language, field_types or {})
    yield table(CONFLICTS_SHEET, CONFLICT_COLUMNS, _conflicts(data))
    yield per_round(ASSIGNMENTS_SHEET, ASSIGNMENT_COLUMNS, _assignments)
    yield streamed(
        SCORES_SHEET,
        (*SCORE_COLUMNS, ROUND_COLUMN),
        sum(len(part.scores) for part in rounds),
        lambda: with_round(lambda view: _scores(view, language)),
    )
    yield per_round(DECISIONS_SHEET, DECISION_COLUMNS, lambda view: _decisions(view, language))


Row = Mapping[str, Value]


def _rounds(rounds: Sequence[RoundData], language: str) -> Iterator[dict[str, Value]]:
    for part in rounds:
        value = part.round
        yield {
            "code": value.code,
            "name": value.name,
            "kind": ROUND_KINDS.written(value.kind, language),
            "places": value.places,
            "method": None if value.method is None else METHODS.written(value.method, language),
            "weight": value.weight,
            "date": value.date or None,
            "status": ROUND_STATUSES.written(value.status, language),
            "criteria_from": None,  # every round's criteria are written out
        }


def _assignments(data: CampaignData) -> Iterator[dict[str, Value]]:
    for assignment in data.assignments:
        yield {"juror": assignment.juror, "dossier": assignment.dossier}


def _settings(data: CampaignData, language: str) -> list[list[Value]]:
    campaign = data.campaign
    values: dict[str, Value] = {
        "name": campaign.name,
        "programme": campaign.programme,
        "places": campaign.places,
        "language": campaign.language,
        "method": METHODS.written(campaign.method, language),
        "criterion_decimals": campaign.criterion_decimals,
        "tie_break": campaign.tie_break,
        "spread_threshold": campaign.spread_threshold,
        "confidence_weighting": BOOLEANS.written(
            "true" if campaign.confidence_weighting else "false", language
        ),
        "stability_resamples": campaign.stability_resamples,
        "stability_seed": campaign.stability_seed,
        "meeting_date": campaign.meeting_date,
        "meeting_place": campaign.meeting_place,
        "contact": campaign.contact,
        "allow_draw": BOOLEANS.written("true" if campaign.allow_draw else "false", language),
        "uid": campaign.uid,
    }
    return [
        [spelling.written(language), values[spelling.key]]
        for spelling in CAMPAIGN_SETTINGS.spellings
    ]


def _criteria(data: CampaignData, language: str) -> Iterator[dict[str, Value]]:
    for criterion in data.criteria:
        yield _criterion_row(criterion, language)


def _criterion_row(criterion: Criterion, language: str) -> dict[str, Value]:
    return {
        "code": criterion.code,
        "label": criterion.label,
        "weight": criterion.weight,
        "min": criterion.scale_min,
        "max": criterion.scale_max,
        "step": criterion.step,
        "threshold": criterion.threshold,
        "group": criterion.group,
        "description": criterion.description,
        "levels": format_levels(criterion.levels, decimal_comma=language == "fr"),
    }


def _jurors(data: CampaignData, language: str) -> Iterator[dict[str, Value]]:
    for juror in data.jurors:
        yield {
            "code": juror.code,
            "name": juror.name,
            "email": juror.email,
            "role": ROLES.written(juror.role, language),
        }


def _dossiers(data: CampaignData, language: str, field_types: Mapping[str, str]) -> _Table:
    """Ref and name, then every field any dossier has, in the order they first appear; a field
    of a stored number or date type as typed cells (a value that does not read stays text)."""
    field_names = list(dict.fromkeys(name for dossier in data.dossiers for name in dossier.fields))
    header = [column.written(language) for column in DOSSIER_COLUMNS] + field_names
    first = len(DOSSIER_COLUMNS)
    rows: list[list[Value]] = [
        [
            dossier.ref,
            dossier.name,
            *(
                cell_value(dossier.fields.get(name, ""), field_types.get(name))
                for name in field_names
            ),
        ]
        for dossier in data.dossiers
    ]
    formats = {
        first + index: number_format
        for index, name in enumerate(field_names)
        if (number_format := _field_format(field_types.get(name), language)) is not None
    }
    return _Table(SHEETS.written(DOSSIERS_SHEET, language), header, rows, formats)


_DATE_FORMATS = {"fr": "DD/MM/YYYY", "en": "YYYY-MM-DD"}


def cell_value(text: str, stored_type: str | None) -> Value:
    """A field's cell: its value when its stored type is a number or a date and the text reads
    as one (a percentage as its fraction), else the text."""
    if stored_type is None:
        return text
    value = typed_field(text, stored_type)
    if value.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT) and value.number is not None:
        return value.number
    if value.kind in (Kind.DATE, Kind.DATETIME) and value.when is not None:
        return value.when
    return text


def _field_format(stored_type: str | None, language: str) -> str | None:
    """The cell format of a field's stored type (``None``: a text field)."""
    day = _DATE_FORMATS.get(language, _DATE_FORMATS["en"])
    formats = {
        "number": "General",
        "money": "#,##0.00",
        "percent": "0.0%",
        "date": day,
        "datetime": day + " HH:MM",
    }
    return formats.get((stored_type or "").partition(":")[0])


def _conflicts(data: CampaignData) -> Iterator[dict[str, Value]]:
    for conflict in data.conflicts:
        yield {"juror": conflict.juror, "dossier": conflict.dossier, "reason": conflict.reason}


def _scores(data: CampaignData, language: str) -> Iterator[dict[str, Value]]:
    """One score a row; the review's status, confidence, private comment and feedback for the
    applicant repeated on each of its rows."""
    reviews: dict[tuple[str, str], Review] = {
        (review.juror, review.dossier): review for review in data.reviews
    }
    for score in data.scores:
        review = reviews.get((score.juror, score.dossier))
        yield {
            "dossier": score.dossier,
            "juror": score.juror,
            "criterion": score.criterion,
            "score": score.value,
            "comment": score.comment,
            "status": STATUSES.written(review.status, language) if review else None,
            "confidence": review.confidence if review else None,
            "review_comment": review.comment if review else None,
            "feedback": review.feedback if review else None,
        }


def _decisions(data: CampaignData, language: str) -> Iterator[dict[str, Value]]:
    for decision in data.decisions:
        yield {
            "dossier": decision.dossier,
            "outcome": OUTCOMES.written(decision.outcome, language),
            "rationale": decision.rationale,
            "votes_for": decision.votes_for,
            "votes_against": decision.votes_against,
            "votes_abstain": decision.votes_abstain,
            "decided_at": decision.decided_at,
            "decided_by": decision.decided_by,
        }


# --- Sheets and cells ---------------------------------------------------------------------------


def _write_sheet(workbook: Workbook, table: _Table) -> None:
    sheet = workbook.create_sheet(table.sheet)
    bold = Font(bold=True)
    for column_index, header in enumerate(table.header, start=1):
        put_text_safely(sheet.cell(row=1, column=column_index), header).font = bold
    for row_index, row in enumerate(table.rows, start=2):
        for column_index, value in enumerate(row, start=1):
            cell = put_text_safely(sheet.cell(row=row_index, column=column_index), value)
            number_format = table.number_format(column_index - 1, value)
            if number_format is not None:
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    for column_index in range(1, len(table.header) + 1):
        column_values = [table.header[column_index - 1], *(r[column_index - 1] for r in table.rows)]
        letter = get_column_letter(column_index)
        sheet.column_dimensions[letter].width = column_width(column_values)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def excel_text(text: str) -> str:
    """``text`` as an Excel cell can hold it: beyond :data:`EXCEL_CELL_LIMIT`, cut and ended by a
    note saying so (Excel itself would cut it silently, or call the file damaged)."""
    if len(text) <= EXCEL_CELL_LIMIT // 2 or _utf16_length(text) <= EXCEL_CELL_LIMIT:
        return text
    note = " " + _("[cut: the text has {count} characters, more than an Excel cell holds]").format(
        count=format_number(len(text), 0)
    )
    kept = text[: EXCEL_CELL_LIMIT - _utf16_length(note)]
    while _utf16_length(kept) + _utf16_length(note) > EXCEL_CELL_LIMIT:
        kept = kept[: -max(1, (_utf16_length(kept) + _utf16_length(note) - EXCEL_CELL_LIMIT))]
    return kept + note


def put_text_safely(cell: Cell, value: Value) -> Cell:
    """Numbers as numbers; text always as text, never as a formula or an error code, and cut
    where Excel's cells end (:func:`excel_text`)."""
    if isinstance(value, str):
        text = excel_text(ILLEGAL_CHARACTERS_RE.sub("", value))
        if text:
            cell.value = text
            cell.data_type = "s"  # after assigning: openpyxl turns "=…" into a formula
            if "\n" in text:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif value is not None:
        cell.value = value
    return cell


def column_width(values: Iterable[Value]) -> int:
    longest = max(
        (len(line) for value in values if value is not None for line in str(value).splitlines()),
        default=0,
    )
    return max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, longest + 2))


# --- Saving ---------------------------------------------------------------------------------------


def _serialise(workbook: Workbook) -> bytes:
    """The .xlsx bytes, carriage returns in text kept.

    An XML reader turns a raw carriage return into a line feed (so ``"a\r\nb"`` would come back as
    ``"a\nb"``); a character reference survives.  openpyxl writes text raw and escapes attributes,
    so in a worksheet part a raw carriage return can only be text.
    """
    saved = io.BytesIO()
    workbook.save(saved)
    kept = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(kept, "w") as target:
        for member in source.infolist():
            # Copied a block at a time: a large campaign's Scores sheet is hundreds of megabytes
            # once unzipped.  A carriage return is one byte: no block boundary splits one.
            worksheet = member.filename.startswith("xl/worksheets/")
            with (
                source.open(member) as reading,
                target.open(member, "w", force_zip64=member.file_size > ZIP64_LIMIT) as writing,
            ):
                while block := reading.read(COPY_BLOCK):
                    writing.write(block.replace(b"\r", b"&#13;") if worksheet else block)
    return kept.getvalue()


COPY_BLOCK = 1 << 20
ZIP64_LIMIT = (1 << 31) - 1
"""Members larger than this need zip64 extensions, which a member opened for writing must ask
for before its size is known (a carriage return grows by four bytes: ask early)."""


def _sign(workbook: Workbook) -> None:
    """The document properties name the program and its version (File > Info in Excel)."""
    workbook.properties.creator = SIGNATURE
    workbook.properties.version = __version__


def save_workbook_atomically(
    workbook: Workbook, path: Path, *, carriage_returns: bool = True
) -> None:
    """Write ``workbook`` to ``path`` whole or not at all.  A writer that knows that no text holds
    a carriage return passes ``carriage_returns=False``: the workbook is then written as openpyxl
    zips it, without the second pass of :func:`_serialise` (seconds on 250,000 rows).

    openpyxl zips into memory first: a ``ZipFile`` writing straight to a disk that fills up is
    left open by openpyxl, and its finaliser later fails on the closed file with a traceback."""
    _sign(workbook)
    try:
        with whole_file(path) as handle:
            if carriage_returns:
                handle.write(_serialise(workbook))
            else:
                zipped = io.BytesIO()
                workbook.save(zipped)
                handle.write(zipped.getbuffer())
    except OSError as error:
        raise write_failure(WorkbookWriteFailed, error, path, WORKBOOK_WRITE_FAILED) from error
