"""Which form tool wrote an export, and how many header rows it stacked above the answers.

Form tools do not all write one header row.  Qualtrics writes three (export tags, question texts,
``{"ImportId": …}``), its legacy format two (``V1…``, then the column names); SurveyMonkey two (the
question, then the sub-answer); Framaforms/Drupal Webform three (the form's title, “Submission
Details” and grouped question names, then ``Serial``, ``SID``… and the fields); KoBoToolbox may
add a row of HXL hashtags (``#date``) under its labels.  :func:`detect_form_export` recognises
each tool from its shape and system columns (``Timestamp``, ``Submission ID``, ``_uuid``…) among
the first rows of a table and gives the one header the rest of the import reads — the question
texts, a sub-answer joined to its question — so that no header row ever becomes a dossier.

Each tool also names the column its rows are identified by (:attr:`FormTool.id_headers`): the
reference of a dossier when the secretary gives none.  A table no tool claims keeps the generic
detection (:func:`selection_desk.formats.source_table.build_table`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from selection_desk.formats.cell_values import cell_text
from selection_desk.formats.headers import normalise_header

Row = Sequence[object]


@dataclass(frozen=True)
class FormExport:
    """What :func:`detect_form_export` found: the tool, where its header rows are, the header."""

    tool: str
    """A stable key (``"qualtrics"``), used in ``--json`` and the mapping file."""
    label: str
    """The tool's name as people know it (``"Qualtrics"``)."""
    first: int
    """0-based index (among the rows given) of the first header row."""
    header_rows: int
    headers: tuple[str, ...]
    """One header per column: the question text, with a sub-answer joined to its question."""
    id_headers: tuple[str, ...] = ()
    """Normalised headers of the tool's submission id column, best first."""


@dataclass(frozen=True)
class FormTool:
    """One tool: how to recognise its export among the first rows, and its id column."""

    key: str
    label: str
    match: Callable[[Sequence[tuple[str, ...]], int], FormExport | None]
    id_headers: tuple[str, ...] = ()


@lru_cache(maxsize=64)
def _keys(row: tuple[str, ...]) -> frozenset[str]:
    """The comparison keys of a row's cells, computed once per row whatever the tools asking."""
    return frozenset(normalise_header(text) for text in row if text)


def _single(
    key: str, label: str, id_headers: tuple[str, ...] = ()
) -> Callable[[Sequence[tuple[str, ...]], int], FormExport | None]:
    """A one-header-row tool: the row at ``index`` is the header as written."""

    def build(rows: Sequence[tuple[str, ...]], index: int) -> FormExport:
        return FormExport(key, label, index, 1, rows[index], id_headers)

    return build


def _has(row: tuple[str, ...], *wanted: str) -> bool:
    return _keys(row).issuperset(wanted)


def _any(row: tuple[str, ...], *wanted: str) -> bool:
    return bool(_keys(row) & set(wanted))


# --- Multi-row tools ------------------------------------------------------------------------------


def _qualtrics(rows: Sequence[tuple[str, ...]], index: int) -> FormExport | None:
    """Export tags, then question texts, then ``{"ImportId":"…"}`` cells (Qualtrics' CSV/TSV)."""
    if index + 2 >= len(rows) or not _has(rows[index], "responseid"):
        return None
    import_ids = [text for text in rows[index + 2] if text]
    if not import_ids or not all(text.lstrip().startswith('{"ImportId"') for text in import_ids):
        return None
    headers = _named_below(rows[index], rows[index + 1])
    return FormExport("qualtrics", "Qualtrics", index, 3, headers, ("response id", "responseid"))


def _qualtrics_legacy(rows: Sequence[tuple[str, ...]], index: int) -> FormExport | None:
    """``V1, V2…`` then the column names (``ResponseID``, ``ResponseSet``…): the legacy export."""
    first = [normalise_header(text) for text in rows[index][:2]]
    if first != ["v1", "v2"] or index + 1 >= len(rows) or not _has(rows[index + 1], "responseid"):
        return None
    headers = _named_below(rows[index], rows[index + 1])
    return FormExport("qualtrics_legacy", "Qualtrics (legacy)", index, 2, headers, ("responseid",))


def _named_below(tags: tuple[str, ...], names: tuple[str, ...]) -> tuple[str, ...]:
    """Each column's name from the row below its tag (``Q1`` → “Company name”), else the tag."""
    return tuple(name or tag for tag, name in zip(tags, _padded(names, tags), strict=True))


_SURVEYMONKEY_SYSTEM = (
    ("respondent id", "collector id"),
    ("id du repondant", "id du collecteur"),
)
_SURVEYMONKEY_PLAIN_ANSWER = {
    "response",
    "open ended response",
    "reponse",
    "reponse ouverte",
    "reponse libre",
}


def _surveymonkey(rows: Sequence[tuple[str, ...]], index: int) -> FormExport | None:
    """The question row (blank over a question's sub-answers), then the sub-answer row."""
    if not any(_has(rows[index], *pair) for pair in _SURVEYMONKEY_SYSTEM):
        return None
    if index + 1 >= len(rows):
        return None
    questions = _carried_forward(rows[index])
    answers = _padded(rows[index + 1], rows[index])
    headers = tuple(
        question
        if not answer or normalise_header(answer) in _SURVEYMONKEY_PLAIN_ANSWER
        else f"{question} – {answer}"
        for question, answer in zip(questions, answers, strict=True)
    )
    return FormExport(
        "surveymonkey", "SurveyMonkey", index, 2, headers, ("respondent id", "id du repondant")
    )


_WEBFORM_SYSTEM = (
    ("serial", "sid"),
    ("sequentiel", "sid"),
    ("numero de serie", "sid"),
    ("n° de serie", "sid"),
)
"""Webform's submission information: ``Serial, SID``; French ``Séquentiel, SID`` in the module's
own catalogue (po/fr.po), other spellings as French sites have been seen to carry."""
_WEBFORM_DETAILS = {"submission details", "details de la soumission", "details de soumission"}
_WEBFORM_FILE_URL = {"name", "nom"}
"""A file component's first column (its URL), headed ``Name`` under the file's name."""


def _webform(rows: Sequence[tuple[str, ...]], index: int) -> FormExport | None:
    """Drupal Webform (Framaforms): a title row, a row of grouped question names over
    “Submission Details”, then ``Serial, SID, Time…`` and the fields.  A question split into
    one column per option has its name over the first option only; a file has its name over
    ``Name`` (its URL) and ``Filesize (KB)``."""
    if not any(_has(rows[index], *pair) for pair in _WEBFORM_SYSTEM):
        return None
    group_row = rows[index - 1] if index >= 1 else ()
    if not _keys(group_row) & _WEBFORM_DETAILS:
        return None
    first = index - 2 if index >= 2 else index - 1
    groups = _padded(group_row, rows[index])
    below = rows[index + 1 :]
    headers: list[str] = []
    group = ""
    for column, (name, field) in enumerate(zip(groups, rows[index], strict=True)):
        if normalise_header(name) in _WEBFORM_DETAILS:
            group = ""
        elif name:
            group = name
        elif not _holds_marks(below, column):
            group = ""
        if name and normalise_header(field) in _WEBFORM_FILE_URL:
            headers.append(name)  # a file: its URL column is the question itself
            group = ""
            continue
        headers.append(f"{group}: {field}" if group and field else field or group)
    return FormExport(
        "webform", "Framaforms / Drupal Webform", first, index - first + 1, tuple(headers), ("sid",)
    )


def _kobo(rows: Sequence[tuple[str, ...]], index: int) -> FormExport | None:
    """KoBoToolbox: ``_uuid``, ``_submission_time``… with, optionally, a row of HXL hashtags."""
    if not _any(rows[index], "uuid", "submission time") or not _any(rows[index], "index", "id"):
        return None
    below = [text for text in rows[index + 1] if text] if index + 1 < len(rows) else []
    hxl = bool(below) and all(text.startswith("#") for text in below)
    return FormExport(
        "kobotoolbox", "KoBoToolbox", index, 2 if hxl else 1, rows[index], ("uuid", "id")
    )


# --- One-row tools, told apart by their system columns ----------------------------------------


def _when(
    test: Callable[[tuple[str, ...]], bool],
    key: str,
    label: str,
    id_headers: tuple[str, ...] = (),
) -> Callable[[Sequence[tuple[str, ...]], int], FormExport | None]:
    single = _single(key, label, id_headers)
    return lambda rows, index: single(rows, index) if test(rows[index]) else None


def _first_is(*names: str) -> Callable[[tuple[str, ...]], bool]:
    return lambda row: bool(row) and normalise_header(row[0]) in names


TOOLS: tuple[FormTool, ...] = (
    FormTool("qualtrics", "Qualtrics", _qualtrics),
    FormTool("qualtrics_legacy", "Qualtrics (legacy)", _qualtrics_legacy),
    FormTool("surveymonkey", "SurveyMonkey", _surveymonkey),
    FormTool("webform", "Framaforms / Drupal Webform", _webform),
    FormTool("kobotoolbox", "KoBoToolbox", _kobo),
    FormTool(
        "tally",
        "Tally",
        _when(
            lambda row: _has(row, "submission id", "respondent id", "submitted at"),
            "tally",
            "Tally",
            ("submission id",),
        ),
    ),
    FormTool(
        "limesurvey",
        "LimeSurvey",
        _when(
            lambda row: (
                _has(row, "id", "submitdate", "lastpage", "startlanguage")
                or _has(row, "response id", "date submitted", "last page", "start language")
                or _has(row, "id de la reponse", "date de soumission", "derniere page")
            ),
            "limesurvey",
            "LimeSurvey",
            ("response id", "id de la reponse", "id"),
        ),
    ),
    FormTool(
        "microsoft_forms",
        "Microsoft Forms",
        _when(
            lambda row: (
                _has(row, "id", "start time", "completion time")
                or _has(row, "id", "heure de debut", "heure de fin")
            ),
            "microsoft_forms",
            "Microsoft Forms",
            ("id",),
        ),
    ),
    FormTool(
        "typeform",
        "Typeform",
        _when(
            lambda row: _has(row, "submit date (utc)", "network id"),
            "typeform",
            "Typeform",
            ("#", "response id", "token"),
        ),
    ),
    FormTool(
        "jotform",
        "Jotform",
        _when(
            lambda row: (
                _has(row, "submission date", "submission id")
                or _has(row, "date de soumission", "id de soumission")
            ),
            "jotform",
            "Jotform",
            ("submission id", "id de soumission"),
        ),
    ),
    FormTool(
        "google_forms",
        "Google Forms",
        _when(
            _first_is("timestamp", "horodateur", "marca temporal", "zeitstempel"),
            "google_forms",
            "Google Forms",
        ),
    ),
    FormTool(
        "airtable",
        "Airtable",
        _when(lambda row: _has(row, "record id"), "airtable", "Airtable", ("record id",)),
    ),
    FormTool(
        "f6s",
        "F6S",
        _when(
            lambda row: _has(row, "f6s profile") or _has(row, "application id", "f6s url"),
            "f6s",
            "F6S",
            ("application id",),
        ),
    ),
    FormTool(
        "gust",
        "Gust",
        _when(
            lambda row: _has(row, "gust profile") or _has(row, "gust url"),
            "gust",
            "Gust",
            ("application id", "gust id"),
        ),
    ),
)
"""Tried in this order: the multi-row shapes first (their first row may look like a plain one)."""


def detect_form_export(rows: Sequence[Row], search: int) -> FormExport | None:
    """The tool that wrote ``rows`` (non-blank rows, top first), looking for its header among the
    first ``search`` rows; ``None`` when no known tool's shape is there."""
    texts = [tuple(cell_text(value) for value in row) for row in rows[: search + 3]]
    for index in range(min(search, len(texts))):
        if sum(1 for text in texts[index] if text) < 2:
            continue
        for tool in TOOLS:
            found = tool.match(texts, index)
            if found is not None:
                return found
    return None


_OPTION_MARKS = {"", "x", "1", "0"}


def _holds_marks(rows: Sequence[tuple[str, ...]], column: int) -> bool:
    """Whether ``column`` only holds option marks (``X``, ``1``, ``0``) in ``rows``: one column of
    a multiple choice split into one column per option."""
    return all(
        (row[column] if column < len(row) else "").strip().casefold() in _OPTION_MARKS
        for row in rows
    )


def _padded(row: tuple[str, ...], like: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(row[index] if index < len(row) else "" for index in range(len(like)))


def _carried_forward(row: tuple[str, ...]) -> tuple[str, ...]:
    """Each blank cell takes the text on its left: a question spans its sub-answers' columns."""
    carried: list[str] = []
    last = ""
    for text in row:
        last = text or last
        carried.append(text or last)
    return tuple(carried)
