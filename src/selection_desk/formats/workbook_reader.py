"""Import of the campaign workbook (design §3): a whole campaign, validated as a whole.

Every problem of the file is found and reported at once, each with its sheet, 1-based row and header
as written; a workbook with any problem yields nothing.  References are checked against every key
the file declares, even on rows that have problems of their own, so that one mistyped weight does
not also make each of that criterion's scores "unknown".

The Scores sheet is in long format, one score a row; a juror's review of a dossier is derived from
its rows (status, confidence and overall comment must agree across them).  Reviews come out in the
order of their first row.

**Rounds** (design §10).  A ``Rounds`` / ``Tours`` sheet makes the campaign one in several rounds:
one round a row, in order (code, name, kind dossier / hearing, places, method, weight, date), and
the tables that are a round's own — Criteria, ``Assignments`` / ``Affectations``, Scores and
Decisions — say in a ``round`` / ``tour`` column which round a row belongs to.  Beyond design §10:
the sheet may say a round's ``status`` (open / closed: the import closes a round as the app does,
which gives the next round its roster, so that an export imported back has the same rosters) and
``criteria from`` (the round whose criteria a round starts from; the rows it lists itself replace
those of the same code or come after them); an empty round cell means the first round, where every
campaign starts.  Without a Rounds sheet the workbook reads as before — a round cell filled in
names no round and is reported —, except that an Assignments sheet, if any, is read.

One cohesive thing, kept whole past 600 lines: one reader of one workbook, its messages and its
row checks; every check needs the keys the whole file declares.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from selection_desk.aggregation.inputs import (
    STABILITY_RESAMPLES_OUT_OF_RANGE,
    STABILITY_SEED_OUT_OF_RANGE,
)
from selection_desk.domain import Assignment, Round, RoundData, RoundKind, RoundStatus, as_one_round
from selection_desk.domain.conflict_of_interest import (
    CONFLICT_OF_INTEREST,
    conflicted_pairs,
    may_score,
)
from selection_desk.domain.model import (
    STABILITY_RESAMPLES_RANGE,
    STABILITY_SEED_RANGE,
    Campaign,
    CampaignData,
    Conflict,
    Criterion,
    Decision,
    Dossier,
    Juror,
    Method,
    Outcome,
    Review,
    ReviewStatus,
    Role,
    RubricLevel,
    Score,
)
from selection_desk.errors import Problem, ValidationFailed, define_message
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
    SHEETS,
    Column,
)
from selection_desk.formats.rubric_levels import LevelSyntaxError, parse_levels
from selection_desk.formats.safe_xlsx import read_workbook_cells
from selection_desk.formats.typed_cells import TypedCell, field_text, typed_cell_columns
from selection_desk.formats.vocabulary import (
    BOOLEANS,
    LANGUAGE_NAMES,
    METHODS,
    OUTCOMES,
    ROLES,
    ROUND_KINDS,
    ROUND_STATUSES,
    STATUSES,
)
from selection_desk.formats.workbook_tables import (
    ProblemLog,
    Sheet,
    TableRow,
    locate_sheets,
    read_settings,
    read_table,
)
from selection_desk.i18n import N_

REQUIRED_SHEETS = (CAMPAIGN_SHEET, CRITERIA_SHEET)
DECIMALS_RANGE = range(0, 7)
CONFIDENCE_RANGE = range(1, 6)

_CAMPAIGN_DEFAULTS = Campaign(uid="", name="")
_CRITERION_DEFAULTS = Criterion(code="", label="", weight=1.0)
_STEP_TOLERANCE = 1e-6

MISSING_SETTING = define_message(
    "workbook_missing_setting", N_("The campaign setting “{key}” is required.")
)
PLACES_TOO_FEW = define_message(
    "workbook_places_too_few", N_("The number of places must be at least 1 (here {value}).")
)
DECIMALS_OUT_OF_RANGE = define_message(
    "workbook_decimals_out_of_range",
    N_("The number of decimals must be a whole number from 0 to 6 (here {value})."),
)
UNKNOWN_TIE_BREAK = define_message(
    "workbook_unknown_tie_break",
    N_("The tie-break criterion “{value}” is not in the Criteria sheet."),
)
NEGATIVE_NUMBER = define_message(
    "workbook_negative_number", N_("The value must not be negative (here {value}).")
)
INVALID_UID = define_message(
    "workbook_invalid_uid", N_("“{value}” is not a valid campaign identifier (a UUID).")
)
UNKNOWN_LANGUAGE = define_message(
    "workbook_unknown_language", N_("“{value}” is not a supported language; use fr or en.")
)
UNKNOWN_METHOD = define_message(
    "workbook_unknown_method",
    N_("“{value}” is not a ranking method; use mean, median, trimmed, zscore, borda or schulze."),
)
NOT_A_BOOLEAN = define_message("workbook_not_a_boolean", N_("“{value}” is neither yes nor no."))
NO_CRITERIA = define_message(
    "workbook_no_criteria", N_("The sheet lists no criterion; a campaign needs at least one.")
)
DUPLICATE_KEY = define_message(
    "workbook_duplicate_key", N_("“{value}” is already used on row {first_row}.")
)
WEIGHT_NOT_POSITIVE = define_message(
    "workbook_weight_not_positive", N_("The weight must be greater than 0 (here {value}).")
)
SCALE_INVERTED = define_message(
    "workbook_scale_inverted", N_("The minimum {min} must be less than the maximum {max}.")
)
STEP_NOT_POSITIVE = define_message(
    "workbook_step_not_positive", N_("The step must be greater than 0 (here {value}).")
)
STEP_NOT_DIVIDING = define_message(
    "workbook_step_not_dividing",
    N_("The step {step} does not divide the scale from {min} to {max} into whole steps."),
)
THRESHOLD_OUTSIDE_SCALE = define_message(
    "workbook_threshold_outside_scale",
    N_("The threshold {value} is outside the scale from {min} to {max}."),
)
BAD_LEVEL = define_message(
    "workbook_bad_level",
    N_("“{part}” is not a rubric level; write levels as “0=Absent; 1=Weak; 2=Fair”."),
)
LEVEL_OUTSIDE_SCALE = define_message(
    "workbook_level_outside_scale",
    N_("The level {value} is outside the scale from {min} to {max}."),
)
DUPLICATE_LEVEL = define_message(
    "workbook_duplicate_level", N_("The level {value} is given more than once.")
)
UNKNOWN_ROLE = define_message(
    "workbook_unknown_role",
    N_("“{value}” is not a role; use president, member, secretary or observer."),
)
UNKNOWN_CRITERION = define_message(
    "workbook_unknown_criterion", N_("There is no criterion “{value}” in the Criteria sheet.")
)
UNKNOWN_JUROR = define_message(
    "workbook_unknown_juror", N_("There is no juror “{value}” in the Jurors sheet.")
)
UNKNOWN_DOSSIER = define_message(
    "workbook_unknown_dossier", N_("There is no dossier “{value}” in the Dossiers sheet.")
)
DUPLICATE_CONFLICT = define_message(
    "workbook_duplicate_conflict",
    N_("This conflict of interest is already declared on row {first_row}."),
)
UNKNOWN_STATUS = define_message(
    "workbook_unknown_status", N_("“{value}” is not a review status; use final or draft.")
)
CONFIDENCE_OUT_OF_RANGE = define_message(
    "workbook_confidence_out_of_range",
    N_("The confidence must be a whole number from 1 to 5 (here {value})."),
)
SCORE_OUTSIDE_SCALE = define_message(
    "workbook_score_outside_scale",
    N_("The score {value} is outside the scale of criterion “{criterion}”, from {min} to {max}."),
)
SCORE_OFF_STEP = define_message(
    "workbook_score_off_step",
    N_(
        "The score {value} is not on the steps of criterion “{criterion}” (from {min} in steps "
        "of {step})."
    ),
)
DUPLICATE_SCORE = define_message(
    "workbook_duplicate_score",
    N_(
        "Juror “{juror}” already scored dossier “{dossier}” on criterion “{criterion}” on row "
        "{first_row}."
    ),
)
REVIEW_MISMATCH = define_message(
    "workbook_review_mismatch",
    N_(
        "The rows of the review of dossier “{dossier}” by juror “{juror}” disagree on “{header}”: "
        "“{first}” on row {first_row}, “{value}” here."
    ),
)
DUPLICATE_ASSIGNMENT = define_message(
    "workbook_duplicate_assignment",
    N_("This assignment is already listed on row {first_row}."),
)
UNKNOWN_OUTCOME = define_message(
    "workbook_unknown_outcome",
    N_("“{value}” is not a decision; use selected, waiting list, rejected or deferred."),
)

NO_ROUNDS = define_message(
    "workbook_no_rounds",
    N_("The sheet lists no round; remove it for a campaign in one round."),
)
UNKNOWN_ROUND = define_message(
    "workbook_unknown_round", N_("There is no round “{value}” in the Rounds sheet.")
)
UNKNOWN_ROUND_KIND = define_message(
    "workbook_unknown_round_kind",
    N_("“{value}” is not a kind of round; use dossier or hearing."),
)
UNKNOWN_ROUND_STATUS = define_message(
    "workbook_unknown_round_status", N_("“{value}” is not a round status; use open or closed.")
)
ROUND_PLACES_TOO_FEW = define_message(
    "workbook_round_places_too_few",
    N_("A round fills at least one place (here {value})."),
)
CRITERIA_FROM_NOT_EARLIER = define_message(
    "workbook_criteria_from_not_earlier",
    N_("A round starts from the criteria of a round listed above it, not from “{value}”."),
)
ROUND_WITHOUT_CRITERIA = define_message(
    "workbook_round_without_criteria",
    N_(
        "Round “{round}” has no criterion: list its criteria in the Criteria sheet with its code "
        "in the round column, or name the round whose criteria it starts from."
    ),
)
CLOSED_AFTER_OPEN = define_message(
    "workbook_closed_after_open",
    N_(
        "Round “{round}” is closed although round “{open}” before it is open; rounds close in "
        "order."
    ),
)


def read_campaign_workbook(path: Path) -> CampaignData:
    """The campaign of the workbook at ``path``; raises :class:`ValidationFailed` listing every
    problem of the file.  A workbook without a uid gives ``campaign.uid == ""``."""
    file = str(path)
    rows_by_title, formats = read_workbook_cells(
        path,
        wanted=lambda title: SHEETS.find(title) is not None,
        formatted=lambda title: SHEETS.key_of(title) == DOSSIERS_SHEET,
    )
    log = ProblemLog(file)
    sheets = locate_sheets(rows_by_title, REQUIRED_SHEETS, log, formats)
    data = _WorkbookReader(log, sheets).read()
    if log.problems:
        raise ValidationFailed(sorted(log.problems, key=_reading_order), file=file)
    return data


_SHEET_ORDER = [spelling.key for spelling in SHEETS.spellings]


def _reading_order(problem: Problem) -> tuple[int, int]:
    """Problems of the whole file first, then sheet by sheet in the export's order, row by row.

    (Criteria are checked before the Campaign sheet, whose tie-break names one of them.)
    """
    key = SHEETS.key_of(problem.sheet) if problem.sheet else None
    sheet_rank = _SHEET_ORDER.index(key) + 1 if key else 0
    return sheet_rank, problem.row or 0


@dataclass
class _ReviewRows:
    """What the first row of a review said, to compare the review's other rows with."""

    first_row: int
    values: dict[str, object]
    texts: dict[str, str]
    sound: set[str]


def read_score_sheet(
    sheet: Sheet,
    log: ProblemLog,
    criteria: Mapping[str, Criterion | None],
    jurors: Container[str],
    dossiers: Container[str],
    conflicts: Iterable[Conflict],
) -> tuple[tuple[Score, ...], tuple[Review, ...]]:
    """A long-format Scores sheet read alone, against a campaign's criteria, jurors, dossiers and
    conflicts — same checks and messages as in a campaign workbook (problems go to ``log``)."""
    reader = _WorkbookReader(log, {SCORES_SHEET: sheet})
    scores, reviews = reader._scores({ONLY_ROUND: criteria}, jurors, dossiers, tuple(conflicts))
    return tuple(score for _, score in scores), tuple(review for _, review in reviews)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order a user reads the workbook: sheet by sheet, row by row."""
    return sorted(problems, key=_reading_order)


@dataclass(frozen=True)
class _RoundRow:
    """A round of the Rounds sheet, and the round whose criteria it starts from."""

    value: Round
    criteria_from: str
    row: TableRow


CriteriaByCode = Mapping[str, Criterion | None]
ONLY_ROUND = ""
"""The round key of every row of a workbook without a Rounds sheet."""


class _WorkbookReader:
    def __init__(self, log: ProblemLog, sheets: Mapping[str, Sheet]) -> None:
        self.log = log
        self.sheets = sheets
        self.rounds: dict[str, _RoundRow] | None = None
        """The Rounds sheet's rounds by code, in order; ``None``: a campaign in one round."""
        self.round_column = False
        """Whether the tables are read with their round column (a campaign workbook's are)."""

    def read(self) -> CampaignData:
        self.round_column = True
        self.rounds = self._rounds()
        criteria = self._criteria()
        campaign = self._campaign(
            {code: c for by_code in criteria.values() for code, c in by_code.items()}
        )
        jurors = self._jurors()
        dossiers, field_types = self._dossiers()
        conflicts = self._conflicts(jurors, dossiers)
        assignments = self._assignments(jurors, dossiers, conflicts)
        scores, reviews = self._scores(criteria, jurors, dossiers, conflicts)
        decisions = self._decisions(dossiers)
        shared = CampaignData(
            campaign=campaign,
            jurors=tuple(jurors.values()),
            dossiers=tuple(dossiers.values()),
            conflicts=conflicts,
            field_types=field_types,
        )

        def own(value: Round) -> RoundData:
            code = value.code
            return RoundData(
                value,
                criteria=tuple(c for c in criteria.get(code, {}).values() if c is not None),
                assignments=tuple(item for key, item in assignments if key == code),
                scores=tuple(item for key, item in scores if key == code),
                reviews=tuple(item for key, item in reviews if key == code),
                decisions=tuple(item for key, item in decisions if key == code),
            )

        if self.rounds is None:
            return as_one_round(shared, own(Round(ONLY_ROUND, ONLY_ROUND)))
        return replace(shared, rounds=tuple(own(read.value) for read in self.rounds.values()))

    # --- Rounds --------------------------------------------------------------------------------

    def _rounds(self) -> dict[str, _RoundRow] | None:
        """The rounds of the Rounds sheet by code, in order (``None`` without that sheet)."""
        sheet = self.sheets.get(ROUNDS_SHEET)
        if sheet is None:
            return None
        rows = read_table(sheet, ROUND_COLUMNS, self.log)
        if not rows:
            self.log.add(NO_ROUNDS, sheet=sheet.title)
        rounds: dict[str, _RoundRow] = {}
        first_rows: dict[str, int] = {}
        open_round = ""
        for position, row in enumerate(rows, start=1):
            value = self._round(row, position)
            criteria_from = row.text("criteria_from")
            if criteria_from and criteria_from not in rounds:
                row.report(CRITERIA_FROM_NOT_EARLIER, "criteria_from", value=criteria_from)
            if value.closed and open_round and row.is_sound("status"):
                row.report(CLOSED_AFTER_OPEN, "status", round=value.code, open=open_round)
            if not value.closed and not open_round:
                open_round = value.code
            if _claim(first_rows, row, "code", value.code):
                rounds[value.code] = _RoundRow(value, criteria_from, row)
        return rounds

    @staticmethod
    def _round(row: TableRow, position: int) -> Round:
        # Read in the sheet's column order: a row's problems come in the order a user reads them.
        code, name = row.text("code", required=True), row.text("name", required=True)
        kind = RoundKind(row.word("kind", ROUND_KINDS, UNKNOWN_ROUND_KIND, RoundKind.DOSSIER))
        places = row.integer("places")
        if places is not None and places < 1:
            row.report(ROUND_PLACES_TOO_FEW, "places", value=places)
        method = row.word("method", METHODS, UNKNOWN_METHOD, "")
        weight = row.number("weight")
        if weight is not None and weight <= 0:
            row.report(WEIGHT_NOT_POSITIVE, "weight", value=weight)
        return Round(
            code=code,
            name=name,
            kind=kind,
            position=position,
            places=places,
            method=Method(method) if method else None,
            weight=weight,
            date=row.text("date"),
            status=RoundStatus(
                row.word("status", ROUND_STATUSES, UNKNOWN_ROUND_STATUS, RoundStatus.OPEN)
            ),
        )

    def _columns(self, columns: tuple[Column, ...]) -> tuple[Column, ...]:
        return (*columns, ROUND_COLUMN) if self.round_column else columns

    def _round_of(self, row: TableRow) -> str | None:
        """The round a row belongs to: its round cell, else the first round (every campaign
        starts there; in one round, the only one).  ``None`` (reported) for a round that the
        Rounds sheet does not list."""
        code = row.text("round")
        if self.rounds is None:
            if code:
                row.report(UNKNOWN_ROUND, "round", value=code)
                return None
            return ONLY_ROUND
        if not code:
            return next(iter(self.rounds), None)
        if code not in self.rounds:
            row.report(UNKNOWN_ROUND, "round", value=code)
            return None
        return code

    # --- Campaign ------------------------------------------------------------------------------

    def _campaign(self, criteria: Mapping[str, Criterion | None]) -> Campaign:
        sheet = self.sheets.get(CAMPAIGN_SHEET)
        settings = read_settings(sheet, CAMPAIGN_SETTINGS, self.log)

        def setting(key: str) -> TableRow:
            return settings.get(key) or TableRow(
                self.log, sheet.title if sheet else "", None, {}, {}
            )

        defaults = _CAMPAIGN_DEFAULTS
        name = setting("name").text("name")
        if not name and sheet is not None:
            self.log.add(
                MISSING_SETTING,
                sheet=sheet.title,
                row=setting("name").row_number,
                key=CAMPAIGN_SETTINGS.written("name", sheet.language),
            )
        return Campaign(
            uid=self._uid(setting("uid")),
            name=name,
            programme=setting("programme").text("programme"),
            places=self._places(setting("places")),
            language=setting("language").word(
                "language", LANGUAGE_NAMES, UNKNOWN_LANGUAGE, defaults.language
            ),
            method=Method(
                setting("method").word("method", METHODS, UNKNOWN_METHOD, defaults.method)
            ),
            criterion_decimals=self._criterion_decimals(setting("criterion_decimals")),
            tie_break=self._tie_break(setting("tie_break"), criteria),
            spread_threshold=self._non_negative(
                setting("spread_threshold"), "spread_threshold", defaults.spread_threshold
            ),
            confidence_weighting=setting("confidence_weighting").word(
                "confidence_weighting", BOOLEANS, NOT_A_BOOLEAN, "false"
            )
            == "true",
            stability_resamples=self._in_range(
                setting("stability_resamples"),
                "stability_resamples",
                defaults.stability_resamples,
                STABILITY_RESAMPLES_RANGE,
                STABILITY_RESAMPLES_OUT_OF_RANGE,
            ),
            stability_seed=self._in_range(
                setting("stability_seed"),
                "stability_seed",
                defaults.stability_seed,
                STABILITY_SEED_RANGE,
                STABILITY_SEED_OUT_OF_RANGE,
            ),
            meeting_date=setting("meeting_date").text("meeting_date"),
            meeting_place=setting("meeting_place").text("meeting_place"),
            contact=setting("contact").text("contact"),
            allow_draw=setting("allow_draw").word("allow_draw", BOOLEANS, NOT_A_BOOLEAN, "false")
            == "true",
        )

    @staticmethod
    def _uid(row: TableRow) -> str:
        text = row.text("uid")
        if not text:
            return ""
        try:
            return str(uuid.UUID(text))
        except ValueError:
            row.report(INVALID_UID, "uid", value=text)
            return ""

    @staticmethod
    def _places(row: TableRow) -> int:
        places = row.integer("places", _CAMPAIGN_DEFAULTS.places)
        assert places is not None
        if places < 1:
            row.report(PLACES_TOO_FEW, "places", value=places)
        return places

    @staticmethod
    def _criterion_decimals(row: TableRow) -> int | None:
        decimals = row.integer("criterion_decimals")
        if decimals is not None and decimals not in DECIMALS_RANGE:
            row.report(DECIMALS_OUT_OF_RANGE, "criterion_decimals", value=decimals)
        return decimals

    @staticmethod
    def _tie_break(row: TableRow, criteria: Mapping[str, Criterion | None]) -> str | None:
        code = row.text("tie_break")
        if code and code not in criteria:
            row.report(UNKNOWN_TIE_BREAK, "tie_break", value=code)
        return code or None

    @staticmethod
    def _in_range(row: TableRow, key: str, default: int, allowed: range, out_of_range: str) -> int:
        """A whole-number setting (``default`` when empty); a value outside ``allowed`` is reported
        with ``out_of_range``."""
        value = row.integer(key, default)
        assert value is not None
        if value not in allowed:
            row.report(out_of_range, key, value=value)
        return value

    @staticmethod
    def _non_negative(row: TableRow, key: str, default: float) -> float:
        value = row.number(key, default)
        assert value is not None
        if value < 0:
            row.report(NEGATIVE_NUMBER, key, value=value)
        return value

    # --- Criteria ------------------------------------------------------------------------------

    def _criteria(self) -> dict[str, dict[str, Criterion | None]]:
        """Each round's criteria by code; ``None`` for one with a wrong scale (its scores cannot be
        checked).  A round that names a round to start from has that round's criteria, those it
        lists itself replacing the ones of the same code or coming after them."""
        sheet = self.sheets.get(CRITERIA_SHEET)
        rows = read_table(sheet, self._columns(CRITERIA_COLUMNS), self.log)
        if sheet is not None and not rows:
            self.log.add(NO_CRITERIA, sheet=sheet.title)
        listed: dict[str, dict[str, Criterion | None]] = {}
        first_rows: dict[tuple[str, str], int] = {}
        for row in rows:
            criterion = self._criterion(row)
            round_code = self._round_of(row)
            if round_code is None or not criterion.code:
                continue
            key = (round_code, criterion.code)
            if key in first_rows:
                row.report(DUPLICATE_KEY, "code", value=criterion.code, first_row=first_rows[key])
                continue
            first_rows[key] = _row_number(row)
            sound_scale = row.is_sound("min", "max", "step")
            listed.setdefault(round_code, {})[criterion.code] = criterion if sound_scale else None
        if self.rounds is None:
            return {ONLY_ROUND: listed.get(ONLY_ROUND, {})}
        criteria: dict[str, dict[str, Criterion | None]] = {}
        for code, read in self.rounds.items():
            own = listed.get(code, {})
            criteria[code] = {**criteria.get(read.criteria_from, {}), **own}
            if not criteria[code] and sheet is not None and rows:
                read.row.report(ROUND_WITHOUT_CRITERIA, "code", round=code)
        return criteria

    def _criterion(self, row: TableRow) -> Criterion:
        defaults = _CRITERION_DEFAULTS
        weight = row.number("weight", required=True)
        lo = row.number("min", defaults.scale_min)
        hi = row.number("max", defaults.scale_max)
        step = row.number("step", defaults.step)
        assert lo is not None and hi is not None and step is not None
        threshold = row.number("threshold")
        criterion = Criterion(
            code=row.text("code", required=True),
            label=row.text("label", required=True),
            weight=weight if weight is not None else defaults.weight,
            scale_min=lo,
            scale_max=hi,
            step=step,
            threshold=threshold,
            group=row.text("group"),
            description=row.text("description"),
            levels=_levels(row),
        )
        _check_criterion(row, criterion)
        return criterion

    # --- Jurors and dossiers -------------------------------------------------------------------

    def _jurors(self) -> dict[str, Juror]:
        rows = read_table(self.sheets.get(JURORS_SHEET), JUROR_COLUMNS, self.log)
        jurors: dict[str, Juror] = {}
        first_rows: dict[str, int] = {}
        for row in rows:
            juror = Juror(
                code=row.text("code", required=True),
                name=row.text("name", required=True),
                email=row.text("email"),
                role=Role(row.word("role", ROLES, UNKNOWN_ROLE, Role.MEMBER)),
            )
            if _claim(first_rows, row, "code", juror.code):
                jurors[juror.code] = juror
        return jurors

    def _dossiers(self) -> tuple[dict[str, Dossier], dict[str, str]]:
        """The dossiers, and the type of each field whose column holds typed cells (a number,
        an amount, a percentage, a date: :mod:`~selection_desk.formats.typed_cells`)."""
        sheet = self.sheets.get(DOSSIERS_SHEET)
        rows = read_table(sheet, DOSSIER_COLUMNS, self.log, extras_allowed=True)
        dossiers: dict[str, Dossier] = {}
        first_rows: dict[str, int] = {}
        cells: dict[str, list[TypedCell]] = {}
        for row in rows:
            formats = row.extra_formats or ("",) * len(row.extra)
            for (header, value), number_format in zip(row.extra, formats, strict=True):
                cells.setdefault(header, []).append((value, number_format))
            dossier = Dossier(
                ref=row.text("ref", required=True),
                name=row.text("name", required=True),
                fields={
                    header: field_text(value, number_format)
                    for (header, value), number_format in zip(row.extra, formats, strict=True)
                },
            )
            if _claim(first_rows, row, "ref", dossier.ref):
                dossiers[dossier.ref] = dossier
        return dossiers, typed_cell_columns(cells)

    # --- Conflicts, scores, decisions ----------------------------------------------------------

    def _conflicts(self, jurors: Container[str], dossiers: Container[str]) -> tuple[Conflict, ...]:
        rows = read_table(self.sheets.get(CONFLICTS_SHEET), CONFLICT_COLUMNS, self.log)
        conflicts: list[Conflict] = []
        first_rows: dict[tuple[str, str], int] = {}
        for row in rows:
            conflict = Conflict(
                juror=_reference(row, "juror", jurors, UNKNOWN_JUROR),
                dossier=_reference(row, "dossier", dossiers, UNKNOWN_DOSSIER),
                reason=row.text("reason"),
            )
            pair = (conflict.juror, conflict.dossier)
            if not all(pair):
                continue
            if pair in first_rows:
                row.report(DUPLICATE_CONFLICT, "dossier", first_row=first_rows[pair])
                continue
            first_rows[pair] = _row_number(row)
            conflicts.append(conflict)
        return tuple(conflicts)

    def _assignments(
        self, jurors: Container[str], dossiers: Container[str], conflicts: tuple[Conflict, ...]
    ) -> list[tuple[str, Assignment]]:
        """(round, assignment) pairs; a conflicted pair cannot be assigned."""
        columns = self._columns(ASSIGNMENT_COLUMNS)
        rows = read_table(self.sheets.get(ASSIGNMENTS_SHEET), columns, self.log)
        conflicted = conflicted_pairs(conflicts)
        assignments: list[tuple[str, Assignment]] = []
        first_rows: dict[tuple[str, str, str], int] = {}
        for row in rows:
            juror = _reference(row, "juror", jurors, UNKNOWN_JUROR)
            dossier = _reference(row, "dossier", dossiers, UNKNOWN_DOSSIER)
            round_code = self._round_of(row)
            if round_code is None or not (juror and dossier):
                continue
            key = (round_code, juror, dossier)
            if key in first_rows:
                row.report(DUPLICATE_ASSIGNMENT, "dossier", first_row=first_rows[key])
                continue
            first_rows[key] = _row_number(row)
            if not may_score(juror, dossier, conflicted):
                row.report(CONFLICT_OF_INTEREST, "juror", juror=juror, dossier=dossier)
            assignments.append((round_code, Assignment(juror, dossier)))
        return assignments

    def _scores(
        self,
        criteria: Mapping[str, CriteriaByCode],
        jurors: Container[str],
        dossiers: Container[str],
        conflicts: tuple[Conflict, ...],
    ) -> tuple[list[tuple[str, Score]], list[tuple[str, Review]]]:
        """(round, score) and (round, review) pairs; ``criteria``: each round's."""
        columns = self._columns(SCORE_COLUMNS)
        rows = read_table(self.sheets.get(SCORES_SHEET), columns, self.log)
        conflicted = conflicted_pairs(conflicts)
        scores: list[tuple[str, Score]] = []
        first_rows: dict[tuple[str, str, str, str], int] = {}
        reviews: dict[tuple[str, str, str], _ReviewRows] = {}
        for row in rows:
            round_code = self._round_of(row)
            own: Container[str] = _ANY if round_code is None else criteria.get(round_code, {})
            score = Score(
                juror=_reference(row, "juror", jurors, UNKNOWN_JUROR),
                dossier=_reference(row, "dossier", dossiers, UNKNOWN_DOSSIER),
                criterion=_reference(row, "criterion", own, UNKNOWN_CRITERION),
                value=_value_or_nan(row.number("score", required=True)),
                comment=row.text("comment"),
            )
            if round_code is None:
                continue
            _check_score_value(row, score, criteria.get(round_code, {}).get(score.criterion))
            key = (round_code, score.dossier, score.juror, score.criterion)
            if not all(key[1:]):
                continue
            if key in first_rows:
                row.report(
                    DUPLICATE_SCORE,
                    "criterion",
                    juror=score.juror,
                    dossier=score.dossier,
                    criterion=score.criterion,
                    first_row=first_rows[key],
                )
            else:
                first_rows[key] = _row_number(row)
                scores.append((round_code, score))
            review_key = (round_code, score.juror, score.dossier)
            if not may_score(score.juror, score.dossier, conflicted) and review_key not in reviews:
                row.report(CONFLICT_OF_INTEREST, "juror", juror=score.juror, dossier=score.dossier)
            _gather_review(row, reviews, review_key)
        return scores, [(key[0], _review(key[1:], gathered)) for key, gathered in reviews.items()]

    def _decisions(self, dossiers: Container[str]) -> list[tuple[str, Decision]]:
        """(round, decision) pairs."""
        columns = self._columns(DECISION_COLUMNS)
        rows = read_table(self.sheets.get(DECISIONS_SHEET), columns, self.log)
        decisions: list[tuple[str, Decision]] = []
        first_rows: dict[tuple[str, str], int] = {}
        for row in rows:
            round_code = self._round_of(row)
            dossier = _reference(row, "dossier", dossiers, UNKNOWN_DOSSIER)
            row.text("outcome", required=True)
            decision = Decision(
                dossier=dossier,
                outcome=Outcome(row.word("outcome", OUTCOMES, UNKNOWN_OUTCOME, Outcome.SELECTED)),
                rationale=row.text("rationale"),
                votes_for=_vote_count(row, "votes_for"),
                votes_against=_vote_count(row, "votes_against"),
                votes_abstain=_vote_count(row, "votes_abstain"),
                decided_at=row.text("decided_at"),
                decided_by=row.text("decided_by"),
            )
            if round_code is None or not dossier:
                continue
            key = (round_code, dossier)
            if key in first_rows:
                row.report(DUPLICATE_KEY, "dossier", value=dossier, first_row=first_rows[key])
                continue
            first_rows[key] = _row_number(row)
            decisions.append((round_code, decision))
        return decisions


# --- Row checks (module functions: they need nothing but the row) ---------------------------------


def _claim(first_rows: dict[str, int], row: TableRow, key: str, value: str) -> bool:
    """Records that ``value`` (a code, a ref) is declared on this row; reports a second time."""
    if not value:
        return False
    if value in first_rows:
        row.report(DUPLICATE_KEY, key, value=value, first_row=first_rows[value])
        return False
    first_rows[value] = _row_number(row)
    return True


def _row_number(row: TableRow) -> int:
    assert row.row_number is not None  # table rows always have one; only settings may lack it
    return row.row_number


class _AnyCode:
    """Every code: a row whose round is unknown (reported) is not checked against a round."""

    def __contains__(self, item: object) -> bool:
        return True


_ANY = _AnyCode()


def _reference(row: TableRow, key: str, known: Container[str], unknown_code: str) -> str:
    value = row.text(key, required=True)
    if value and value not in known:
        row.report(unknown_code, key, value=value)
    return value


def _levels(row: TableRow) -> tuple[RubricLevel, ...]:
    try:
        return parse_levels(row.text("levels"))
    except LevelSyntaxError as error:
        row.report(BAD_LEVEL, "levels", part=error.part)
        return ()


def _check_criterion(row: TableRow, criterion: Criterion) -> None:
    lo, hi, step = criterion.scale_min, criterion.scale_max, criterion.step
    if row.is_sound("weight") and not row.is_empty("weight") and criterion.weight <= 0:
        row.report(WEIGHT_NOT_POSITIVE, "weight", value=criterion.weight)
    if not row.is_sound("min", "max", "step"):
        return
    if lo >= hi:
        row.report(SCALE_INVERTED, "max", min=lo, max=hi)
        return
    if step <= 0:
        row.report(STEP_NOT_POSITIVE, "step", value=step)
        return
    steps = (hi - lo) / step
    if not math.isclose(steps, round(steps), abs_tol=_STEP_TOLERANCE):
        row.report(STEP_NOT_DIVIDING, "step", step=step, min=lo, max=hi)
    threshold = criterion.threshold
    if threshold is not None and not criterion.in_scale(threshold):
        row.report(THRESHOLD_OUTSIDE_SCALE, "threshold", value=threshold, min=lo, max=hi)
    _check_levels(row, criterion)


def _check_levels(row: TableRow, criterion: Criterion) -> None:
    seen: set[float] = set()
    for level in criterion.levels:
        if not criterion.in_scale(level.value):
            row.report(
                LEVEL_OUTSIDE_SCALE,
                "levels",
                value=level.value,
                min=criterion.scale_min,
                max=criterion.scale_max,
            )
        elif level.value in seen:
            row.report(DUPLICATE_LEVEL, "levels", value=level.value)
        seen.add(level.value)


def _value_or_nan(value: float | None) -> float:
    return math.nan if value is None else value


def _check_score_value(row: TableRow, score: Score, criterion: Criterion | None) -> None:
    if criterion is None or math.isnan(score.value):
        return
    facts = {"value": score.value, "criterion": criterion.code, "min": criterion.scale_min}
    if not criterion.in_scale(score.value):
        row.report(SCORE_OUTSIDE_SCALE, "score", max=criterion.scale_max, **facts)
    elif not criterion.on_step(score.value):
        row.report(SCORE_OFF_STEP, "score", step=criterion.step, **facts)


def _review_fields(row: TableRow) -> dict[str, object]:
    status = row.word("status", STATUSES, UNKNOWN_STATUS, ReviewStatus.FINAL)
    confidence = row.integer("confidence")
    if confidence is not None and confidence not in CONFIDENCE_RANGE:
        row.report(CONFIDENCE_OUT_OF_RANGE, "confidence", value=confidence)
    return {
        "status": ReviewStatus(status),
        "confidence": confidence,
        "review_comment": row.text("review_comment"),
        "feedback": row.text("feedback"),
    }


def _gather_review(
    row: TableRow,
    reviews: dict[tuple[str, str, str], _ReviewRows],
    review_key: tuple[str, str, str],
) -> None:
    """``review_key``: (round, juror, dossier)."""
    pair = review_key[1:]
    values = _review_fields(row)
    texts = {key: row.text(key) for key in values}
    first = reviews.get(review_key)
    if first is None:
        sound = {key for key in values if row.is_sound(key)}
        reviews[review_key] = _ReviewRows(_row_number(row), values, texts, sound)
        return
    for key, value in values.items():
        comparable = key in first.sound and row.is_sound(key)
        if comparable and value != first.values[key]:
            row.report(
                REVIEW_MISMATCH,
                key,
                juror=pair[0],
                dossier=pair[1],
                header=row.headers.get(key, key),
                first=first.texts[key],
                value=texts[key],
                first_row=first.first_row,
            )


def _review(pair: tuple[str, str], rows: _ReviewRows) -> Review:
    confidence = rows.values["confidence"]
    status = rows.values["status"]
    assert isinstance(status, ReviewStatus) and (confidence is None or isinstance(confidence, int))
    return Review(
        juror=pair[0],
        dossier=pair[1],
        status=status,
        comment=str(rows.values["review_comment"]),
        confidence=confidence,
        feedback=str(rows.values["feedback"]),
    )


def _vote_count(row: TableRow, key: str) -> int | None:
    votes = row.integer(key)
    if votes is not None and votes < 0:
        row.report(NEGATIVE_NUMBER, key, value=votes)
    return votes
