"""Which columns of a dossier list hold an applicant's personal data (design §11).

A column is *personal* when its header says so, in French or English (“Prénom”, “Courriel”,
“Téléphone”, “Adresse postale”, “Date de naissance”, “LinkedIn”…), or when its values do: e-mail
addresses, phone numbers, postal addresses, birth dates (dates at least
:data:`MIN_AGE_YEARS` years old), people's names (two or three capitalised words, one of them a
common first name).  A project's name (“Nom du projet”) is not personal; a person's (“Nom du
porteur de projet”) is.  :func:`detect_personal_columns` gives the reason of each personal column,
which the secretary may overrule (the import wizard, the mapping file's ``"personal"``).

Pure: the caller passes the values (a sample of each column) and today's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from selection_desk.formats.column_types import mostly
from selection_desk.formats.headers import normalise_header

EMAIL = "e-mail"
PHONE = "phone"
ADDRESS = "address"
BIRTH = "birth date"
NAME = "name"
PROFILE = "online profile"
IDENTITY = "identity"
"""Nationality, gender, identity documents, bank details, a photo or a CV."""
REASONS = (EMAIL, PHONE, ADDRESS, BIRTH, NAME, PROFILE, IDENTITY)

MIN_AGE_YEARS = 14
"""A date column whose every date is at least this old is read as dates of birth (submission
and creation dates are recent)."""
SHARE_NEEDED = 0.8
"""The share of a column's filled values that must read as personal data."""

_HEADER_REASONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (EMAIL, re.compile(r"\b(e ?mail|courriel|mel|adresse electronique|adresse mail)\b")),
    (PHONE, re.compile(r"\b(tel|telephone|phone|mobile|portable|gsm|cell|whatsapp)\b")),
    (
        BIRTH,
        re.compile(r"\b(naissance|ne le|nee le|ne e le|birth|birthday|born|dob|age)\b"),
    ),
    (
        ADDRESS,
        re.compile(
            r"\b(adresse|address|rue|street|code postal|postal code|zip|zip code|postcode|"
            r"domicile|residence)\b"
        ),
    ),
    (
        PROFILE,
        re.compile(r"\b(linkedin|twitter|facebook|instagram|tiktok|x com)\b"),
    ),
    (
        IDENTITY,
        re.compile(
            r"\b(nationalite|nationality|citizenship|genre|gender|sexe|sex|civilite|title of "
            r"address|passeport|passport|carte d'identite|identity card|securite sociale|nir|"
            r"social security|iban|rib|photo|cv|curriculum)\b"
        ),
    ),
)
_PERSON_NAME_HEADER = re.compile(
    r"\b(prenom|prenoms|first name|firstname|last name|lastname|surname|given name|family name|"
    r"full name|nom de famille|nom complet|nom de naissance|nom d'usage|middle name)\b"
)
_NAME_WORD = re.compile(r"\b(nom|name|noms|names)\b")
_PERSON_WORD = re.compile(
    r"\b(porteur|porteuse|porteurs|fondateur|fondatrice|fondateurs|founder|founders|cofounder|"
    r"co founder|contact|candidat|candidate|candidats|applicant|representant|representante|"
    r"responsable|dirigeant|dirigeante|ceo|referent|referente|personne|person|"
    r"etudiant|student|associe|partner|mentor|tuteur)\b"
)
_THING_WORD = re.compile(
    r"\b(projet|project|start ?up|entreprise|societe|company|structure|association|"
    r"organi[sz]ation|dossier|candidature|application|venture|business|marque|brand|produit|"
    r"product|produits|fichier|file|domaine|domain|ecole|school|lycee|college|universite|university|"
    r"programme|program|ville|city|pays|country|region|secteur|sector|etablissement|creation|"
    r"fondation|founded|established|immatriculation|registration)\b"
)
"""Words that make a header about a thing, not a person: its dates are not birth dates, its
names not people's."""

_EMAIL_VALUE = re.compile(r"^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]{2,}$")
_PHONE_VALUE = re.compile(r"^(\+|00|0)[\d\s().\-/]{7,20}$")
_STREET = re.compile(
    r"\b\d{1,4}\s*(bis|ter|[a-z])?,?\s+(rue|avenue|av|boulevard|bd|chemin|allee|impasse|place|"
    r"route|quai|cours|passage|square)\b"
    r"|\b\d{1,4}\s+([a-z]+\s+){1,3}(street|st|road|rd|lane|avenue|ave|drive|dr|way|court)\b"
)
_POSTCODE_TOWN = re.compile(r"\b\d{5}\s+[a-z]{2,}|\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_DATE_SHAPE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_NAME_VALUE = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[ '’.-]+[^\W\d_][^\W\d_'’.-]*){1,3}$")

_FIRST_NAMES_TEXT = """
    adam adele agathe agnes alain alexandre alexandra alice alix amandine amelie anais andre
    andrea anne antoine arnaud arthur aurelie axel bastien beatrice benjamin benoit bernard
    camille caroline catherine cecile celine charles charlotte chloe christian christine
    christophe claire clara claude clement corinne damien daniel david denis didier dominique
    elise eloise elodie emilie emma emmanuel eric esther etienne eva fabien fabrice fanny florence
    florian francois francoise frederic gabriel gael gaelle georges gerard guillaume helene henri
    hugo ines isabelle jacques jade jean jeanne jerome joseph jules julia julie julien juliette
    justine karim kevin laetitia laura laurent lea leo leon lina lisa louis louise luc lucas lucie
    manon marc marie marine martin mathieu mathilde maxime melanie michel mohamed nadia nathalie
    nicolas noemie olivier oscar patrick paul pauline philippe pierre quentin rachel raphael
    remi romain rose samuel sandrine sarah sebastien simon sophie stephane sylvie theo thomas
    valerie victor vincent virginie yann yannick yves zoe
    james john robert michael william richard joseph charles christopher matthew anthony mark
    steven andrew joshua kenneth kevin brian george timothy ronald jason edward jeffrey ryan
    jacob gary eric jonathan stephen larry justin scott brandon benjamin frank gregory raymond
    alexander patrick jack dennis jerry tyler aaron henry peter mary patricia jennifer linda
    elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly
    emily donna michelle carol amanda melissa deborah stephanie rebecca sharon laura cynthia
    kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine
    debra olivia sophia isabella mia ava grace chloe lily ella harry oliver noah liam ethan
"""
_FIRST_NAMES = frozenset(_FIRST_NAMES_TEXT.split())
"""Common French and English first names (accents dropped): a value made of two or three
capitalised words, one of them in this list, reads as a person's name."""


def personal_reason_of_header(header: str) -> str | None:
    """The kind of personal data a column's header names (``None``: the header says nothing)."""
    key = normalise_header(header)
    if _PERSON_NAME_HEADER.search(key):
        return NAME
    for reason, pattern in _HEADER_REASONS:
        if pattern.search(key):
            return reason
    if _NAME_WORD.search(key) and (_PERSON_WORD.search(key) or not _THING_WORD.search(key)):
        return NAME
    return None


def personal_reason_of_values(values: Sequence[str], today: date, header: str = "") -> str | None:
    """The kind of personal data a column's values are (``None``: not personal or empty).

    Under a header about a thing (“Date de création de l'entreprise”, “Nom du produit”), old
    dates are not birth dates and names are not people's."""
    filled = [value.strip() for value in values if value and value.strip()]
    if not filled:
        return None
    checks: list[tuple[str, Callable[[str], bool]]] = [
        (EMAIL, lambda value: _EMAIL_VALUE.match(value) is not None),
        (PHONE, _is_phone),
        (ADDRESS, _is_address),
    ]
    if not _THING_WORD.search(normalise_header(header)):
        checks.append((BIRTH, lambda value: _is_birth_date(value, today)))
        checks.append((NAME, _is_person_name))
    for reason, test in checks:
        if mostly(filled, test, SHARE_NEEDED):
            return reason
    return None


def detect_personal_columns(
    headers: Sequence[str],
    samples: Mapping[str, Sequence[str]],
    today: date,
    given: Mapping[str, bool] | None = None,
) -> dict[str, str | None]:
    """Header → why the column is personal (one of :data:`REASONS`), ``None`` when it is not.

    ``samples`` holds each column's values (its first rows suffice); ``given`` (the secretary's
    choice, from the wizard or a mapping file) wins: ``True`` without a detected reason reads
    ``"chosen"``."""
    found: dict[str, str | None] = {}
    for header in headers:
        reason = personal_reason_of_header(header) or personal_reason_of_values(
            samples.get(header, ()), today, header
        )
        if given is not None and header in given:
            reason = (reason or "chosen") if given[header] else None
        found[header] = reason
    return found


def _is_phone(value: str) -> bool:
    if _PHONE_VALUE.match(value) is None or _DATE_SHAPE.match(value):
        return False
    digits = sum(1 for char in value if char.isdigit())
    return 9 <= digits <= 15


def _is_address(value: str) -> bool:
    key = normalise_header(value)
    return _STREET.search(key) is not None or _POSTCODE_TOWN.search(key) is not None


def _is_birth_date(value: str, today: date) -> bool:
    """A date (day, month and year, or ISO) at least :data:`MIN_AGE_YEARS` years old."""
    text = value.split(" ")[0].split("T")[0]
    if not _DATE_SHAPE.match(text):
        return False
    year = _YEAR.search(text)
    return year is not None and 1900 <= int(year[1]) <= today.year - MIN_AGE_YEARS


def _is_person_name(value: str) -> bool:
    if len(value) > 60 or _NAME_VALUE.match(value) is None:
        return False
    words = re.split(r"[\s'’.-]+", normalise_header(value))
    return any(word in _FIRST_NAMES for word in words)
