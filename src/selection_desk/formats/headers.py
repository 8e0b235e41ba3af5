"""The names a spreadsheet uses: sheet names, column headers and campaign setting keys.

People type these names by hand, in English or French, with or without accents, capitals, stray
spaces or a trailing dot (``Réf.``).  Every name is compared through :func:`normalise_header`, and
each known name has a :class:`Spelling`: the English and French forms that the export writes plus
the variants that the import tolerates.  The tables of the campaign workbook (design §3) live here
so that the import of web-form dossier lists can reuse them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[\s_\-]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def fold(text: str) -> str:
    """Lower case without accents: “Éco” and “eco” find each other."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def normalise_header(text: object) -> str:
    """The comparison key of a name: ``"  Réf. "`` → ``"ref"``, ``"E-mail"`` → ``"e mail"``.

    Accents and case are dropped, underscores, hyphens and runs of spaces (non-breaking ones too,
    which French Excel inserts) become one space, typographic apostrophes become ``'`` and a
    trailing dot or colon is ignored.  Values such as roles and statuses are compared the same way.
    """
    if text is None:
        return ""
    folded = fold(str(text)).translate(_APOSTROPHES)
    return _SEPARATORS.sub(" ", folded).strip().rstrip(".:").strip()


@dataclass(frozen=True)
class Spelling:
    """One name in both languages: ``english`` and ``french`` are written, all are accepted."""

    key: str
    english: str
    french: str
    variants: tuple[str, ...] = ()

    def written(self, language: str) -> str:
        return self.french if language == "fr" else self.english

    def accepted(self) -> set[str]:
        return {normalise_header(name) for name in (self.english, self.french, *self.variants)}

    def language_of(self, text: str) -> str:
        """``"fr"`` when ``text`` is a French-only form of this name, else ``"en"``."""
        found = normalise_header(text)
        if found == normalise_header(self.english):
            return "en"
        return "fr" if found == normalise_header(self.french) else "en"


class Lexicon:
    """Looks a typed name up among known spellings."""

    def __init__(self, spellings: Iterable[Spelling]) -> None:
        self.spellings: tuple[Spelling, ...] = tuple(spellings)
        self._by_key = {spelling.key: spelling for spelling in self.spellings}
        self._by_form: dict[str, Spelling] = {}
        for spelling in self.spellings:
            for form in spelling.accepted():
                other = self._by_form.setdefault(form, spelling)
                if other is not spelling:
                    raise ValueError(f"{form!r} would name both {other.key!r} and {spelling.key!r}")

    def find(self, text: object) -> Spelling | None:
        return self._by_form.get(normalise_header(text))

    def key_of(self, text: object) -> str | None:
        spelling = self.find(text)
        return spelling.key if spelling else None

    def spelling(self, key: str) -> Spelling:
        return self._by_key[key]

    def written(self, key: str, language: str) -> str:
        return self._by_key[key].written(language)


@dataclass(frozen=True)
class Column(Spelling):
    """A known column of a table; a required column must be present and filled on every row."""

    required: bool = False


@dataclass(frozen=True)
class HeaderMatch:
    """Where each known column of a header row is, and what else the row holds.

    Positions are 0-based indexes into the row.  When a known column appears twice, the first one
    is used and the later ones are listed in ``duplicates``; callers decide whether that is a
    problem (it is in the workbook's fixed tables) or a field like any other (dossier lists).
    """

    positions: Mapping[str, int]
    written: Mapping[str, str]
    """Column key → header text as written (surrounding spaces removed)."""
    unknown: tuple[tuple[int, str], ...]
    duplicates: tuple[tuple[int, str], ...]
    missing: tuple[Column, ...]


def match_headers(row: Sequence[object], columns: Sequence[Column]) -> HeaderMatch:
    """Map a header row onto ``columns``; empty header cells are skipped."""
    lexicon = Lexicon(columns)
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    unknown: list[tuple[int, str]] = []
    duplicates: list[tuple[int, str]] = []
    for index, cell in enumerate(row):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        key = lexicon.key_of(text)
        if key is None:
            unknown.append((index, text))
        elif key in positions:
            duplicates.append((index, text))
        else:
            positions[key] = index
            written[key] = text
    missing = tuple(column for column in columns if column.required and column.key not in positions)
    return HeaderMatch(positions, written, tuple(unknown), tuple(duplicates), missing)


# --- The campaign workbook (design §3) --------------------------------------------------------

CAMPAIGN_SHEET = "campaign"
ROUNDS_SHEET = "rounds"
CRITERIA_SHEET = "criteria"
JURORS_SHEET = "jurors"
DOSSIERS_SHEET = "dossiers"
CONFLICTS_SHEET = "conflicts"
ASSIGNMENTS_SHEET = "assignments"
SCORES_SHEET = "scores"
DECISIONS_SHEET = "decisions"

SHEETS = Lexicon(
    [
        Spelling(CAMPAIGN_SHEET, "Campaign", "Campagne"),
        Spelling(ROUNDS_SHEET, "Rounds", "Tours", ("stages", "étapes")),
        Spelling(CRITERIA_SHEET, "Criteria", "Critères", ("criterion", "critere")),
        Spelling(JURORS_SHEET, "Jurors", "Jury", ("jurés", "jurys", "committee", "comité")),
        Spelling(DOSSIERS_SHEET, "Dossiers", "Dossiers", ("dossier", "applications")),
        Spelling(CONFLICTS_SHEET, "Conflicts", "Conflits", ("conflicts of interest",)),
        Spelling(ASSIGNMENTS_SHEET, "Assignments", "Affectations", ("attributions",)),
        Spelling(SCORES_SHEET, "Scores", "Notes"),
        Spelling(DECISIONS_SHEET, "Decisions", "Décisions"),
    ]
)
"""The sheets in the order the export writes them."""

_CODE = Column("code", "code", "code", required=True)
_NAME = Column("name", "name", "nom", required=True)
_JUROR = Column("juror", "juror", "juré", ("jurée", "juré(e)", "jury member"), required=True)
_DOSSIER = Column("dossier", "dossier", "dossier", ("candidature", "application"), required=True)

CRITERIA_COLUMNS: tuple[Column, ...] = (
    _CODE,
    Column("label", "label", "libellé", ("intitulé", "name", "nom"), required=True),
    Column("weight", "weight", "poids", ("coefficient", "coef"), required=True),
    Column("min", "min", "min", ("minimum",)),
    Column("max", "max", "max", ("maximum",)),
    Column("step", "step", "pas"),
    Column("threshold", "threshold", "seuil", ("eliminatory threshold", "seuil éliminatoire")),
    Column("group", "group", "groupe"),
    Column("description", "description", "description"),
    Column("levels", "levels", "niveaux", ("rubric", "grille")),
)

JUROR_COLUMNS: tuple[Column, ...] = (
    _CODE,
    _NAME,
    Column("email", "email", "e-mail", ("courriel", "mail", "adresse e-mail", "email address")),
    Column("role", "role", "rôle", ("fonction",)),
)

DOSSIER_COLUMNS: tuple[Column, ...] = (
    Column("ref", "ref", "réf", ("référence", "reference", "ref dossier"), required=True),
    _NAME,
)

CONFLICT_COLUMNS: tuple[Column, ...] = (
    _JUROR,
    _DOSSIER,
    Column("reason", "reason", "motif", ("raison",)),
)

SCORE_COLUMNS: tuple[Column, ...] = (
    _DOSSIER,
    _JUROR,
    Column("criterion", "criterion", "critère", required=True),
    Column("score", "score", "note", ("value", "valeur"), required=True),
    Column("comment", "comment", "commentaire"),
    Column("status", "status", "statut"),
    Column("confidence", "confidence", "confiance"),
    Column("review_comment", "review comment", "commentaire général", ("appréciation générale",)),
    Column("feedback", "feedback for the applicant", "retour pour le candidat", ("feedback",)),
)

DECISION_COLUMNS: tuple[Column, ...] = (
    _DOSSIER,
    Column("outcome", "outcome", "décision", ("decision", "résultat", "result"), required=True),
    Column("rationale", "rationale", "motivation", ("justification", "reason", "motif")),
    Column("votes_for", "votes for", "voix pour"),
    Column("votes_against", "votes against", "voix contre"),
    Column("votes_abstain", "abstentions", "abstentions", ("abstain", "votes abstain")),
    Column("decided_at", "decided at", "date de décision", ("date",)),
    Column("decided_by", "decided by", "décidé par", ("décidée par", "decided_by")),
)

ASSIGNMENT_COLUMNS: tuple[Column, ...] = (_JUROR, _DOSSIER)

ROUND_COLUMN = Column("round", "round", "tour", ("round code", "stage", "étape"))
"""The round of a row of the Criteria, Assignments, Scores and Decisions sheets of a campaign in
several rounds (design §10), written last so that the other columns keep their letters."""

ROUND_COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", "Tour", ("round", "code du tour"), required=True),
    Column("name", "Name", "Nom", required=True),
    Column("kind", "Kind", "Type", ("kind of round", "type de tour")),
    Column("places", "Places", "Places", ("shortlist", "goes on", "nombre de places")),
    Column("method", "Method", "Méthode"),
    Column("weight", "Weight", "Poids", ("lambda", "λ")),
    Column("date", "Date", "Date"),
    Column("status", "Status", "Statut", ("état",)),
    Column(
        "criteria_from",
        "Criteria from",
        "Critères repris de",
        ("criteria_from", "criteria from round", "critères de", "criteres_de"),
    ),
)
"""The Rounds sheet: one round a row, in order."""

TABLE_COLUMNS: Mapping[str, tuple[Column, ...]] = {
    CRITERIA_SHEET: CRITERIA_COLUMNS,
    JURORS_SHEET: JUROR_COLUMNS,
    DOSSIERS_SHEET: DOSSIER_COLUMNS,
    CONFLICTS_SHEET: CONFLICT_COLUMNS,
    SCORES_SHEET: SCORE_COLUMNS,
    DECISIONS_SHEET: DECISION_COLUMNS,
}

SETTING_HEADER = (Spelling("key", "key", "clé"), Spelling("value", "value", "valeur"))
"""The optional header row of the Campaign sheet."""

CAMPAIGN_SETTINGS = Lexicon(
    [
        Spelling("name", "name", "nom"),
        Spelling("programme", "programme", "programme", ("program",)),
        Spelling("places", "places", "places", ("number of places", "nombre de places")),
        Spelling("language", "language", "langue"),
        Spelling("method", "method", "méthode"),
        Spelling("criterion_decimals", "criterion_decimals", "décimales", ("decimals",)),
        Spelling("tie_break", "tie_break", "départage"),
        Spelling("spread_threshold", "spread_threshold", "seuil_dispersion"),
        Spelling("confidence_weighting", "confidence_weighting", "pondération_confiance"),
        Spelling(
            "stability_resamples",
            "stability_resamples",
            "stabilité_tirages",
            ("bootstrap", "resamples", "rééchantillonnages"),
        ),
        Spelling("stability_seed", "stability_seed", "stabilité_graine", ("seed", "graine")),
        Spelling("meeting_date", "meeting_date", "date_réunion"),
        Spelling("meeting_place", "meeting_place", "lieu_réunion"),
        Spelling("contact", "contact", "contact"),
        Spelling("allow_draw", "allow_draw", "tirage_au_sort", ("tirage autorisé",)),
        Spelling("uid", "uid", "uid", ("uuid", "identifiant")),
    ]
)
"""Campaign settings in the order the export writes them."""
