"""Import of the campaign workbook (design §3): a whole campaign, validated as a whole.

Every problem of the file is found and reported at once, each with its sheet, 1-based row and header
as written; a workbook with any problem yields nothing.  References are checked against every key
the file declares, even on rows that have problems of their own, so that one mistyped weight does
not also make each of that criterion's scores "unknown".

The Scores sheet is in long format, one score a row; a juror's review of a dossier is derived from
its rows (status, confidence and overall comment must agree across them).  Reviews come out in the
order of their first row.

One cohesive thing, kept whole past 600 lines: one reader of one workbook, its messages and its
row checks; every check needs the keys the whole file declares.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from selection_desk.aggregation.inputs import (
    STABILITY_RESAMPLES_OUT_OF_RANGE,
    STABILITY_SEED_OUT_OF_RANGE,
)
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
    SCORE_COLUMNS,
    SCORES_SHEET,
    SHEETS,
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
UNKNOWN_OUTCOME = define_message(
    "workbook_unknown_outcome",
    N_("“{value}” is not a decision; use selected, waiting list, rejected or deferred."),
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
    return reader._scores(criteria, jurors, dossiers, tuple(conflicts))


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order a user reads the workbook: sheet by sheet, row by row."""
    return sorted(problems, key=_reading_order)


class _WorkbookReader:
    def __init__(self, log: ProblemLog, sheets: Mapping[str, Sheet]) -> None:
        self.log = log
        self.sheets = sheets

    def read(self) -> CampaignData:
        criteria = self._criteria()
        campaign = self._campaign(criteria)
        jurors = self._jurors()
        dossiers, field_types = self._dossiers()
        conflicts = self._conflicts(jurors, dossiers)
        scores, reviews = self._scores(criteria, jurors, dossiers, conflicts)
        decisions = self._decisions(dossiers)
        return CampaignData(
            campaign=campaign,
            criteria=tuple(c for c in criteria.values() if c is not None),
            jurors=tuple(jurors.values()),
            dossiers=tuple(dossiers.values()),
            conflicts=conflicts,
            scores=scores,
            reviews=reviews,
            decisions=decisions,
            field_types=field_types,
        )

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

    def _criteria(self) -> dict[str, Criterion | None]:
        """Criteria by code; ``None`` for one with a wrong scale (its scores cannot be checked)."""
        sheet = self.sheets.get(CRITERIA_SHEET)
        rows = read_table(sheet, CRITERIA_COLUMNS, self.log)
        if sheet is not None and not rows:
            self.log.add(NO_CRITERIA, sheet=sheet.title)
        criteria: dict[str, Criterion | None] = {}
        first_rows: dict[str, int] = {}
        for row in rows:
            criterion = self._criterion(row)
            if _claim(first_rows, row, "code", criterion.code):
                sound_scale = row.is_sound("min", "max", "step")
                criteria[criterion.code] = criterion if sound_scale else None
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

    def _scores(
        self,
        criteria: Mapping[str, Criterion | None],
        jurors: Container[str],
        dossiers: Container[str],
        conflicts: tuple[Conflict, ...],
    ) -> tuple[tuple[Score, ...], tuple[Review, ...]]:
        rows = read_table(self.sheets.get(SCORES_SHEET), SCORE_COLUMNS, self.log)
        conflicted = conflicted_pairs(conflicts)
        scores: list[Score] = []
        first_rows: dict[tuple[str, str, str], int] = {}
        reviews: dict[tuple[str, str], _ReviewRows] = {}
        for row in rows:
            score = Score(
                juror=_reference(row, "juror", jurors, UNKNOWN_JUROR),
                dossier=_reference(row, "dossier", dossiers, UNKNOWN_DOSSIER),
                criterion=_reference(row, "criterion", criteria, UNKNOWN_CRITERION),
                value=_value_or_nan(row.number("score", required=True)),
                comment=row.text("comment"),
            )
            _check_score_value(row, score, criteria.get(score.criterion))
            triple = (score.dossier, score.juror, score.criterion)
            if not all(triple):
                continue
            if triple in first_rows:
                row.report(
                    DUPLICATE_SCORE,
                    "criterion",
                    juror=score.juror,
                    dossier=score.dossier,
                    criterion=score.criterion,
                    first_row=first_rows[triple],
                )
            else:
                first_rows[triple] = _row_number(row)
                scores.append(score)
            pair = (score.juror, score.dossier)
            if not may_score(*pair, conflicted) and pair not in reviews:
                row.report(CONFLICT_OF_INTEREST, "juror", juror=score.juror, dossier=score.dossier)
            _gather_review(row, reviews, pair)
        return tuple(scores), tuple(_review(pair, gathered) for pair, gathered in reviews.items())

    def _decisions(self, dossiers: Container[str]) -> tuple[Decision, ...]:
        rows = read_table(self.sheets.get(DECISIONS_SHEET), DECISION_COLUMNS, self.log)
        decisions: list[Decision] = []
        first_rows: dict[str, int] = {}
        for row in rows:
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
            if _claim(first_rows, row, "dossier", dossier):
                decisions.append(decision)
        return tuple(decisions)


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
    row: TableRow, reviews: dict[tuple[str, str], _ReviewRows], pair: tuple[str, str]
) -> None:
    values = _review_fields(row)
    texts = {key: row.text(key) for key in values}
    first = reviews.get(pair)
    if first is None:
        sound = {key for key in values if row.is_sound(key)}
        reviews[pair] = _ReviewRows(_row_number(row), values, texts, sound)
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
