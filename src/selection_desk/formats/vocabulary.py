"""The words a spreadsheet uses for enumerated values: roles, statuses, outcomes, methods, booleans.

Same mechanism as the headers (:mod:`selection_desk.formats.headers`): each value has an English and
a French written form, the import also accepts variants (feminine forms, ``président(e)``, ``liste
d’attente`` with either apostrophe), compared without case or accents.  Keys are the domain enums'
values, so ``Role(ROLES.key_of("Présidente"))`` is ``Role.PRESIDENT``.
"""

from __future__ import annotations

from selection_desk.domain.model import (
    Method,
    Outcome,
    ReviewStatus,
    Role,
    RoundKind,
    RoundStatus,
)
from selection_desk.formats.headers import Lexicon, Spelling

ROLES = Lexicon(
    [
        Spelling(
            Role.PRESIDENT,
            "president",
            "président",
            ("présidente", "président(e)", "chair", "chairperson"),
        ),
        Spelling(Role.MEMBER, "member", "membre"),
        Spelling(Role.SECRETARY, "secretary", "secrétaire"),
        Spelling(
            Role.OBSERVER,
            "observer",
            "observateur",
            ("observatrice", "observateur(trice)", "observateur(rice)"),
        ),
    ]
)

STATUSES = Lexicon(
    [
        Spelling(ReviewStatus.FINAL, "final", "finale", ("final(e)", "définitif", "définitive")),
        Spelling(ReviewStatus.DRAFT, "draft", "brouillon"),
    ]
)

OUTCOMES = Lexicon(
    [
        Spelling(
            Outcome.SELECTED,
            "selected",
            "retenu",
            ("retenue", "retenu(e)", "sélectionné", "sélectionnée", "sélectionné(e)"),
        ),
        Spelling(
            Outcome.WAITING_LIST,
            "waiting list",
            "liste d’attente",
            ("waiting_list", "waitlist", "waitlisted", "en liste d'attente"),
        ),
        Spelling(
            Outcome.REJECTED,
            "rejected",
            "non retenu",
            ("non retenue", "non retenu(e)", "rejeté", "rejetée", "rejeté(e)", "refusé", "refusée"),
        ),
        Spelling(
            Outcome.DEFERRED,
            "deferred",
            "ajourné",
            ("ajournée", "ajourné(e)", "reporté", "reportée", "reporté(e)", "postponed"),
        ),
    ]
)

METHODS = Lexicon(
    [
        Spelling(Method.MEAN, "mean", "moyenne", ("average",)),
        Spelling(Method.MEDIAN, "median", "médiane"),
        Spelling(Method.TRIMMED, "trimmed", "moyenne tronquée", ("trimmed mean", "tronquée")),
        Spelling(Method.ZSCORE, "zscore", "score z", ("z-score", "z score", "scores z")),
        Spelling(Method.BORDA, "borda", "borda"),
        Spelling(Method.SCHULZE, "schulze", "schulze"),
    ]
)

ROUND_KINDS = Lexicon(
    [
        Spelling(
            RoundKind.DOSSIER,
            "dossier",
            "dossier",
            ("dossier round", "tour sur dossier", "présélection", "présélection sur dossier"),
        ),
        Spelling(
            RoundKind.HEARING,
            "hearing",
            "audition",
            ("pitch", "pitch day", "auditions", "jury de sélection"),
        ),
    ]
)

ROUND_STATUSES = Lexicon(
    [
        Spelling(RoundStatus.OPEN, "open", "ouvert", ("ouverte", "en cours")),
        Spelling(RoundStatus.CLOSED, "closed", "clos", ("close", "fermé", "fermée", "clôturé")),
    ]
)

BOOLEANS = Lexicon(
    [
        Spelling("true", "yes", "oui", ("true", "vrai", "1", "x")),
        Spelling("false", "no", "non", ("false", "faux", "0")),
    ]
)

LANGUAGE_NAMES = Lexicon(
    [
        Spelling("fr", "fr", "fr", ("français", "french")),
        Spelling("en", "en", "en", ("english", "anglais")),
    ]
)
