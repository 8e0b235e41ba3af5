"""Which column of a dossier list is the reference, the name, the e-mail, the attachments.

Web form tools name their columns after the questions (“Quel est le nom de votre start-up ?”,
“Company name”, “Adresse e-mail”) and add their own (Google Forms' “Horodateur”/“Timestamp”,
Microsoft Forms' “ID”, “Start time”, Typeform's “#”, Airtable's “Record ID”).
:func:`detect_mapping` reads the headers in French and English, then checks each candidate against
the column's content: a timestamp column is never a reference even though its values are unique,
an e-mail column holds e-mail addresses, an attachment column holds file names or links.

Every other column is kept as a dossier field, with its header and in its order.  Without a
reference column, each dossier gets a **stable generated reference** computed from its e-mail (else
its name): the same applicant gets the same reference in every later export, whatever the order
of the rows.  A mapping is saved as a small JSON document (:meth:`ColumnMapping.to_json`), in the
campaign and, on request, in a file to reuse (``--mapping M.json``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from selection_desk.errors import InvalidInput, Problem, ValidationFailed, define_message
from selection_desk.formats.cell_values import cell_text, is_blank
from selection_desk.formats.headers import normalise_header
from selection_desk.formats.shown import TranslatedWhenShown
from selection_desk.formats.source_table import SourceTable
from selection_desk.i18n import N_

MAPPING_FORMAT = "selection-desk/column-mapping"
MAPPING_VERSION = 1
GENERATED_PREFIX = "A-"
CONTENT_SAMPLE_ROWS = 300
"""Content checks look at the first rows only (uniqueness of a reference: at every row)."""
MAX_REF_LENGTH = 64

MAPPING_UNREADABLE = define_message(
    "mapping_unreadable", N_("The mapping file {path} cannot be read: {reason}")
)
MAPPING_INVALID = define_message(
    "mapping_invalid",
    N_("The mapping file {path} is not a Selection Desk column mapping ({reason})."),
)
MAPPING_UNKNOWN_COLUMN = define_message(
    "mapping_unknown_column",
    N_("The mapping names the column “{header}” as {role}, but the file has no such column."),
)
MAPPING_SAME_COLUMN = define_message(
    "mapping_same_column",
    N_("The column “{header}” cannot be both the reference and the name."),
)
MAPPING_NO_NAME = define_message(
    "mapping_no_name",
    N_(
        "No column of the file could be recognised as the dossiers' names; choose it in the "
        "import's mapping (or name it in a mapping file with --mapping)."
    ),
)


ROLE_NAMES = {
    "ref": TranslatedWhenShown(N_("the reference")),
    "name": TranslatedWhenShown(N_("the name")),
    "email": TranslatedWhenShown(N_("the e-mail")),
    "attachments": TranslatedWhenShown(N_("an attachment column")),
}


@dataclass(frozen=True)
class ColumnMapping:
    """Headers (as :attr:`SourceTable.headers` spells them) of the columns with a role."""

    ref: str | None = None
    """``None``: references are generated (see :func:`generated_ref`)."""
    name: str | None = None
    email: str | None = None
    attachments: tuple[str, ...] = ()
    types: Mapping[str, str] = field(default_factory=dict)
    """Header → type the secretary chose (``"money"``, ``"date:DMY"``): wins over detection
    (:func:`selection_desk.formats.column_types.detect_column_types`)."""
    personal: Mapping[str, bool] = field(default_factory=dict)
    """Header → whether the column holds personal data, as the secretary chose: wins over
    detection (:func:`selection_desk.formats.personal_fields.detect_personal_columns`)."""

    def roles(self) -> dict[str, str]:
        """Header → role key, for the columns that have one."""
        roles: dict[str, str] = {}
        for header in self.attachments:
            roles[header] = "attachments"
        if self.email:
            roles[self.email] = "email"
        if self.name:
            roles[self.name] = "name"
        if self.ref:
            roles[self.ref] = "ref"
        return roles

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MAPPING_FORMAT,
            "version": MAPPING_VERSION,
            "ref": self.ref,
            "name": self.name,
            "email": self.email,
            "attachments": list(self.attachments),
            **({"types": dict(self.types)} if self.types else {}),
            **({"personal": dict(self.personal)} if self.personal else {}),
        }

    @classmethod
    def from_json(cls, value: object, path: str = "") -> ColumnMapping:
        def invalid(reason: str) -> InvalidInput:
            return InvalidInput(MAPPING_INVALID, path=path, reason=reason)

        if not isinstance(value, dict):
            raise invalid("not a JSON object")
        if value.get("format", MAPPING_FORMAT) != MAPPING_FORMAT:
            raise invalid(f"format {value.get('format')!r}")
        version = value.get("version", MAPPING_VERSION)
        if not isinstance(version, int) or version > MAPPING_VERSION:
            raise invalid(f"version {version!r}")

        def header(key: str) -> str | None:
            found = value.get(key)
            if found is None or found == "":
                return None
            if not isinstance(found, str):
                raise invalid(f"{key} is not a text")
            return found

        attachments = value.get("attachments", [])
        if isinstance(attachments, str):
            attachments = [attachments]
        if not isinstance(attachments, list) or not all(isinstance(a, str) for a in attachments):
            raise invalid("attachments is not a list of texts")
        types = value.get("types", {})
        if not isinstance(types, dict) or not all(
            isinstance(key, str) and isinstance(kind, str) for key, kind in types.items()
        ):
            raise invalid("types is not an object of texts")
        personal = value.get("personal", {})
        if not isinstance(personal, dict) or not all(
            isinstance(key, str) and isinstance(flag, bool) for key, flag in personal.items()
        ):
            raise invalid("personal is not an object of true/false values")
        return cls(
            ref=header("ref"),
            name=header("name"),
            email=header("email"),
            attachments=tuple(attachments),
            types=types,
            personal=personal,
        )

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


def load_mapping(path: Path) -> ColumnMapping:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InvalidInput(
            MAPPING_UNREADABLE, path=str(path), reason=error.strerror or str(error)
        ) from None
    except UnicodeDecodeError:
        raise InvalidInput(MAPPING_INVALID, path=str(path), reason="not UTF-8 text") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(MAPPING_INVALID, path=str(path), reason=error.msg) from None
    return ColumnMapping.from_json(value, str(path))


def save_mapping(mapping: ColumnMapping, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_text(mapping.dumps() + "\n", encoding="utf-8")
    temporary.replace(path)


def mapping_problems(mapping: ColumnMapping, table: SourceTable) -> list[Problem]:
    """What makes ``mapping`` unusable on ``table`` (columns it lacks, no name)."""
    problems: list[Problem] = []
    headers = set(table.headers)
    named: list[tuple[str, str]] = [
        (role, header)
        for role, header in (("ref", mapping.ref), ("name", mapping.name), ("email", mapping.email))
        if header
    ]
    named.extend(("attachments", header) for header in mapping.attachments)
    for role, header in named:
        if header not in headers:
            problems.append(
                Problem(
                    MAPPING_UNKNOWN_COLUMN,
                    {"header": header, "role": ROLE_NAMES[role]},
                    file=table.file,
                    sheet=table.sheet,
                )
            )
    if mapping.name is None:
        problems.append(Problem(MAPPING_NO_NAME, {}, file=table.file, sheet=table.sheet))
    elif mapping.ref is not None and mapping.ref == mapping.name:
        problems.append(
            Problem(
                MAPPING_SAME_COLUMN, {"header": mapping.ref}, file=table.file, sheet=table.sheet
            )
        )
    return problems


def check_mapping(mapping: ColumnMapping, table: SourceTable) -> None:
    problems = mapping_problems(mapping, table)
    if problems:
        raise ValidationFailed(problems, file=table.file)


def fits(mapping: ColumnMapping, table: SourceTable) -> bool:
    """Whether a saved mapping can be applied to ``table`` as it is."""
    return not mapping_problems(mapping, table)


# --- Generated references -----------------------------------------------------------------------


def identity_key(email: str, name: str, cells: Iterable[str], submitted: str = "") -> str:
    """What identifies an application across exports: its e-mail; else when it was submitted and
    under which name; else its whole row.  Never the name alone: two applicants may share it."""
    if email.strip():
        return "email:" + email.strip().casefold()
    if submitted.strip():
        return "submitted:" + submitted.strip() + "\x1f" + normalise_header(name)
    return "row:" + "\x1f".join(cells)


def name_only_key(name: str) -> str:
    """The key references were generated from when a list had no e-mail (before issue 19): kept
    so that a campaign imported then finds its dossiers again."""
    return "name:" + normalise_header(name)


def submission_time_column(headers: Sequence[str]) -> str | None:
    """The column telling when each application was sent (``Horodateur``, ``Submitted at``…)."""
    for header in headers:
        if normalise_header(header) in _SUBMITTED_HEADERS:
            return header
    return None


def generated_ref(key: str) -> str:
    """``A-`` and 8 base-32 characters (40 bits) of the key's SHA-256: stable, and with 100,000
    dossiers the chance that two collide stays under 1 %."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return GENERATED_PREFIX + base64.b32encode(digest)[:8].decode("ascii")


# --- Detection ------------------------------------------------------------------------------------

_REF_STRONG = {
    "ref",
    "ref dossier",
    "reference",
    "reference dossier",
    "reference du dossier",
    "reference de candidature",
    "ref candidature",
    "numero de dossier",
    "numero dossier",
    "n° dossier",
    "n° de dossier",
    "no dossier",
    "no de dossier",
    "numero de candidature",
    "n° de candidature",
    "dossier ref",
    "dossier reference",
    "application id",
    "application number",
    "application reference",
    "application ref",
    "submission id",
    "response id",
    "record id",
    "id de reponse",
    "id de la reponse",
    "identifiant du dossier",
    "identifiant de candidature",
    "code dossier",
    "dossier id",
}
_REF_WEAK = {
    "id",
    "#",
    "identifiant",
    "n°",
    "no",
    "num",
    "numero",
    "number",
    "code",
    "token",
    "record",
    "response",
    "key",
    "cle",
    "dossier",
    "candidature",
}
_TIMESTAMP_HEADERS = {
    "horodateur",
    "horodatage",
    "timestamp",
    "date",
    "heure",
    "start time",
    "completion time",
    "end time",
    "last modified time",
    "heure de debut",
    "heure de fin",
    "heure de la derniere modification",
    "start date (utc)",
    "submit date (utc)",
    "start date",
    "submit date",
    "submitted at",
    "created",
    "created at",
    "created time",
    "date de creation",
    "date de soumission",
    "date de depot",
    "date d'envoi",
    "updated at",
    "modified",
}
_SUBMITTED_HEADERS = {
    "horodateur",
    "horodatage",
    "timestamp",
    "marca temporal",
    "completion time",
    "heure de fin",
    "submit date (utc)",
    "submitted at",
    "submission date",
    "submitted time",
    "submitdate",
    "date submitted",
    "date de soumission",
    "date de depot",
    "date d'envoi",
    "submission time",
    "recorded date",
    "end date",
}
_NAME_PROJECT = re.compile(
    r"\b(nom|name|titre|title|intitule|denomination|appellation)\b.*"
    r"\b(projet|project|start ?up|entreprise|societe|company|structure|association|"
    r"organi[sz]ation|dossier|candidature|application|venture|business|marque|brand)\b"
    r"|\b(project|company|start ?up|organi[sz]ation|venture|business)( s)? (name|title)\b"
)
_NAME_PROJECT_EXACT = {
    "raison sociale",
    "entreprise",
    "societe",
    "company",
    "startup",
    "start up",
    "projet",
    "project",
    "organisation",
    "organization",
    "structure",
    "association",
    "denomination",
    "nom commercial",
    "marque",
}
_NAME_PERSON_EXACT = {
    "nom",
    "name",
    "full name",
    "nom complet",
    "nom et prenom",
    "nom prenom",
    "prenom nom",
    "prenom et nom",
    "votre nom",
    "your name",
    "candidat",
    "candidate",
    "applicant",
    "applicant name",
    "nom du candidat",
    "nom du porteur",
    "nom du porteur de projet",
    "porteur de projet",
    "titre",
    "title",
    "libelle",
    "intitule",
}
_EMAIL_HEADER = re.compile(
    r"\b(e ?mail|courriel|mel|adresse electronique|adresse mail|email address)\b"
)
_ATTACHMENT_HEADER = re.compile(
    r"\b(piece jointe|pieces jointes|attachments?|fichiers?|files?|uploads?|telecharg\w*|"
    r"deposez|joindre|joignez|pitch ?deck|deck|business ?plan|pdf|documents?|cv|plaquette|"
    r"presentation|annexes?)\b"
)
_UPLOAD_LINK = re.compile(
    r"^https?://(drive\.google\.com/(open\?id=|file/d/)|docs\.google\.com/|"
    r"(www\.|eu\.)?jotform\.com/uploads/|storage\.tally\.so/|[\w.-]*typeform\.com/.*files|"
    r"dl\.airtable\.com/|v5\.airtableusercontent\.com/|[\w.-]*framaforms\.org/system/files/|"
    r"[\w.-]*/sites/default/files/webform/|kc\.kobotoolbox\.org/|kc-eu\.kobotoolbox\.org/|"
    r"[\w.-]*\.sharepoint\.com/|[\w.-]*qualtrics\.com/.*File)",
    re.IGNORECASE,
)
"""Where form tools keep uploaded files: a cell holding such a link is an attachment by link
(kept as a link on the dossier, never fetched)."""
_EMAIL_VALUE = re.compile(r"^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]{2,}$")
_FILE_VALUE = re.compile(r"\.[A-Za-z0-9]{2,5}(\s*\(.*\))?$|^https?://", re.IGNORECASE)
_DATE_TEXT = re.compile(
    r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    r"([ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?\s*([AaPp][Mm])?\s*(Z|UTC|GMT|[+-]\d{1,2}(:?\d{2})?)?"
    r"\s*([+-]\d{1,2}(:?\d{2})?)?)?\s*$"
)
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-./#]{0,63}$")
_NUMBER_TEXT = re.compile(r"^\s*[-+]?[\d\s\u00a0\u202f.,']*\d\s*(%|€|\$|eur)?\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass
class _ColumnFacts:
    header: str
    key: str
    filled: int = 0
    rows: int = 0
    dates: int = 0
    emails: int = 0
    files: int = 0
    uploads: int = 0
    """Links to a file a form tool stored (whatever the header says): attachments by link."""
    identifiers: int = 0
    long_values: int = 0
    numbers: int = 0
    wordy: int = 0
    """Values with a word of at least two letters, mostly letters (“Alpha SAS”, not “X-101”)."""
    short: int = 0
    distinct: set[str] = field(default_factory=set)
    unique: bool = True
    complete: bool = True
    samples: list[str] = field(default_factory=list)

    def share(self, count: int) -> float:
        return count / self.filled if self.filled else 0.0

    @property
    def date_like(self) -> bool:
        return self.filled > 0 and self.share(self.dates) >= 0.8


def _is_date_value(value: object) -> bool:
    if isinstance(value, datetime | date | time):
        return True
    return isinstance(value, str) and _DATE_TEXT.match(value) is not None


def _column_facts(table: SourceTable) -> list[_ColumnFacts]:
    facts = [_ColumnFacts(header, normalise_header(header)) for header in table.headers]
    sample = table.rows[:CONTENT_SAMPLE_ROWS]
    for fact_index, fact in enumerate(facts):
        for row in sample:
            value = row.cells[fact_index] if fact_index < len(row.cells) else None
            fact.rows += 1
            if is_blank(value):
                continue
            fact.filled += 1
            text = cell_text(value)
            if _is_date_value(value):
                fact.dates += 1
            if _EMAIL_VALUE.match(text):
                fact.emails += 1
            if _FILE_VALUE.search(text):
                fact.files += 1
                if _UPLOAD_LINK.match(text):
                    fact.uploads += 1
            if _IDENTIFIER.match(text):
                fact.identifiers += 1
            if len(text) > 200:
                fact.long_values += 1
            if len(text) <= 80:
                fact.short += 1
            if isinstance(value, int | float) or _NUMBER_TEXT.match(text):
                fact.numbers += 1
            letters = sum(1 for char in text if char.isalpha())
            if _WORD.search(text) and letters >= 0.6 * len(text.replace(" ", "")):
                fact.wordy += 1
            fact.distinct.add(normalise_header(text))
            if len(fact.samples) < 3:
                fact.samples.append(text[:60])
    return facts


def _uniqueness(table: SourceTable, index: int) -> tuple[bool, bool]:
    """(every value distinct, every row filled) over the whole table."""
    seen: set[str] = set()
    unique = True
    complete = True
    for row in table.rows:
        value = row.cells[index] if index < len(row.cells) else None
        if is_blank(value):
            complete = False
            continue
        text = cell_text(value)
        if text in seen:
            unique = False
        seen.add(text)
    return unique, complete


def detect_mapping(table: SourceTable) -> ColumnMapping:
    """The most likely roles of ``table``'s columns (any of them may stay unknown)."""
    facts = _column_facts(table)
    timestamps = {fact.header for fact in facts if fact.key in _TIMESTAMP_HEADERS or fact.date_like}
    email = _detect_email(facts, timestamps)
    excluded = timestamps | ({email} if email else set())
    ref = _tool_id_column(table, facts, excluded) or _detect_ref(table, facts, excluded)
    taken = timestamps | {header for header in (email, ref) if header}
    name = _detect_name(facts, taken)
    taken |= {name} if name else set()
    attachments = tuple(
        fact.header
        for fact in facts
        if fact.header not in taken
        and fact.filled
        and (
            (_ATTACHMENT_HEADER.search(fact.key) and fact.share(fact.files) >= 0.5)
            or fact.share(fact.uploads) >= 0.8
        )
    )
    return ColumnMapping(ref=ref, name=name, email=email, attachments=attachments)


def _detect_email(facts: Sequence[_ColumnFacts], excluded: set[str]) -> str | None:
    by_header = [
        fact
        for fact in facts
        if fact.header not in excluded
        and _EMAIL_HEADER.search(fact.key)
        and fact.share(fact.emails) >= 0.8
    ]
    if by_header:
        return by_header[0].header
    by_content = [
        fact
        for fact in facts
        if fact.header not in excluded and fact.filled and fact.share(fact.emails) >= 0.95
    ]
    return by_content[0].header if by_content else None


def _detect_ref(
    table: SourceTable, facts: Sequence[_ColumnFacts], excluded: set[str]
) -> str | None:
    candidates = [fact for fact in facts if fact.header not in excluded and fact.filled]
    for fact in candidates:
        if (
            fact.key in _REF_STRONG
            and not fact.long_values
            and fact.share(fact.files) < 0.5
            and fact.share(fact.emails) < 0.5
        ):
            return fact.header
    for fact in candidates:
        if fact.key in _REF_WEAK and _is_identifier_column(table, fact):
            return fact.header
    # Vague headers: the first columns whose content reads like identifiers.
    for fact in candidates[:3]:
        if (
            fact.share(fact.identifiers) == 1.0
            and any(char.isdigit() for sample in fact.samples for char in sample)
            and _is_identifier_column(table, fact)
            and not _NAME_PROJECT.search(fact.key)
            and fact.key not in _NAME_PERSON_EXACT | _NAME_PROJECT_EXACT
        ):
            return fact.header
    return None


def _tool_id_column(
    table: SourceTable, facts: Sequence[_ColumnFacts], excluded: set[str]
) -> str | None:
    """The submission id column of the recognised form tool, when every row has its own."""
    if table.tool is None:
        return None
    for id_header in table.tool.id_headers:
        for fact in facts:
            if fact.key == id_header and fact.header not in excluded and fact.filled:
                unique, complete = _uniqueness(table, table.column(fact.header))
                if unique and complete:
                    return fact.header
    return None


def _is_identifier_column(table: SourceTable, fact: _ColumnFacts) -> bool:
    if fact.long_values or fact.share(fact.identifiers) < 0.95:
        return False
    unique, complete = _uniqueness(table, table.column(fact.header))
    return unique and complete


def _detect_name(facts: Sequence[_ColumnFacts], excluded: set[str]) -> str | None:
    def usable(fact: _ColumnFacts) -> bool:
        return (
            fact.header not in excluded
            and fact.filled > 0
            and fact.filled >= 0.5 * fact.rows
            and fact.share(fact.emails) < 0.5
            and fact.share(fact.long_values) < 0.5
        )

    candidates = [fact for fact in facts if usable(fact)]
    tests: tuple[Callable[[_ColumnFacts], bool], ...] = (
        lambda fact: fact.key in _NAME_PROJECT_EXACT,
        lambda fact: _NAME_PROJECT.search(fact.key) is not None,
        lambda fact: fact.key in _NAME_PERSON_EXACT,
        lambda fact: re.search(r"\b(nom|name)\b", fact.key) is not None,
    )
    for test in tests:
        for fact in candidates:
            if test(fact):
                return fact.header
    # Vague headers (“Q3”): the first column whose content reads like names.
    for fact in candidates:
        if _reads_like_names(fact):
            return fact.header
    return None


def _reads_like_names(fact: _ColumnFacts) -> bool:
    """Mostly short, mostly distinct words — not numbers, e-mails, dates, files or codes."""
    return (
        fact.filled >= 2
        and fact.share(fact.short) >= 0.9
        and fact.share(fact.wordy) >= 0.8
        and fact.share(fact.numbers) < 0.2
        and fact.share(fact.dates) < 0.2
        and fact.share(fact.emails) < 0.1
        and fact.share(fact.files) < 0.2
        and len(fact.distinct) >= 0.9 * fact.filled
    )


def with_role(mapping: ColumnMapping, role: str, header: str | None) -> ColumnMapping:
    """``mapping`` with ``header`` given ``role`` (``None``: no column), taken from any other role
    it had: one column has one role."""

    def kept(current: str | None) -> str | None:
        return None if header is not None and current == header else current

    result = ColumnMapping(
        ref=kept(mapping.ref),
        name=kept(mapping.name),
        email=kept(mapping.email),
        attachments=tuple(a for a in mapping.attachments if a != header),
        types=mapping.types,
        personal=mapping.personal,
    )
    if role == "attachments":
        if header is None:
            return result
        return replace(result, attachments=(*result.attachments, header))
    if role == "ref":
        return replace(result, ref=header)
    if role == "name":
        return replace(result, name=header)
    if role == "email":
        return replace(result, email=header)
    raise ValueError(role)
