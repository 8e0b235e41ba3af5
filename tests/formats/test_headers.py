"""Names typed by hand are recognised whatever their case, accents, spacing or language."""

from __future__ import annotations

import pytest

from selection_desk.domain.model import Method, Outcome, ReviewStatus, Role
from selection_desk.formats.headers import (
    CAMPAIGN_SETTINGS,
    CRITERIA_COLUMNS,
    DOSSIER_COLUMNS,
    JUROR_COLUMNS,
    SHEETS,
    Column,
    Lexicon,
    Spelling,
    match_headers,
    normalise_header,
)
from selection_desk.formats.vocabulary import (
    BOOLEANS,
    LANGUAGE_NAMES,
    METHODS,
    OUTCOMES,
    ROLES,
    STATUSES,
)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Libellé", "libelle"),
        ("  LIBELLE  ", "libelle"),
        ("Réf.", "ref"),
        ("E-mail", "e mail"),
        ("seuil_dispersion", "seuil dispersion"),
        ("Seuil\u00a0 dispersion :", "seuil dispersion"),
        ("Liste d’attente", "liste d'attente"),
        ("CRITÈRES", "criteres"),
        (None, ""),
        (3, "3"),
    ],
)
def test_normalise_header(typed: object, normalised: str) -> None:
    assert normalise_header(typed) == normalised


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Campagne", "campaign"),
        ("critères", "criteria"),
        ("CRITERIA", "criteria"),
        ("Jury", "jurors"),
        ("notes", "scores"),
        ("Décisions", "decisions"),
        ("Ranking", None),
    ],
)
def test_sheet_names_in_both_languages(typed: str, key: str | None) -> None:
    assert SHEETS.key_of(typed) == key


def test_the_language_of_a_sheet_name() -> None:
    assert SHEETS.spelling("criteria").language_of("CRITERES") == "fr"
    assert SHEETS.spelling("criteria").language_of("Criteria") == "en"
    assert SHEETS.spelling("dossiers").language_of("Dossiers") == "en"


def test_match_headers_finds_known_columns_in_any_order_and_language() -> None:
    match = match_headers([" Courriel ", "Rôle", None, "NOM", "code", "Twitter"], JUROR_COLUMNS)
    assert match.positions == {"email": 0, "role": 1, "name": 3, "code": 4}
    assert match.written == {"email": "Courriel", "role": "Rôle", "name": "NOM", "code": "code"}
    assert match.unknown == ((5, "Twitter"),)
    assert match.duplicates == ()
    assert match.missing == ()


def test_match_headers_reports_duplicates_and_missing_required_columns() -> None:
    match = match_headers(["Libellé", "label", "Poids", "Seuil"], CRITERIA_COLUMNS)
    assert match.positions == {"label": 0, "weight": 2, "threshold": 3}
    assert match.duplicates == ((1, "label"),)
    assert [column.key for column in match.missing] == ["code"]


@pytest.mark.parametrize("typed", ["ref", "Réf.", "référence", "REFERENCE", "réf"])
def test_reference_synonyms(typed: str) -> None:
    assert match_headers([typed, "nom"], DOSSIER_COLUMNS).positions == {"ref": 0, "name": 1}


@pytest.mark.parametrize("typed", ["email", "E-mail", "e mail", "Courriel", "mail"])
def test_email_synonyms(typed: str) -> None:
    assert "email" in match_headers([typed], JUROR_COLUMNS).positions


def test_a_lexicon_refuses_a_name_given_to_two_keys() -> None:
    with pytest.raises(ValueError, match="ref"):
        Lexicon([Spelling("a", "ref", "réf"), Spelling("b", "Réf.", "x")])


def test_columns_write_the_name_of_their_language() -> None:
    weight = next(column for column in CRITERIA_COLUMNS if column.key == "weight")
    assert (weight.written("en"), weight.written("fr")) == ("weight", "poids")
    assert isinstance(weight, Column) and weight.required


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("nom", "name"),
        ("Méthode", "method"),
        ("décimales", "criterion_decimals"),
        ("départage", "tie_break"),
        ("Seuil dispersion", "spread_threshold"),
        ("pondération_confiance", "confidence_weighting"),
        ("date_réunion", "meeting_date"),
        ("lieu_réunion", "meeting_place"),
        ("UID", "uid"),
        ("colour", None),
    ],
)
def test_campaign_setting_keys(typed: str, key: str | None) -> None:
    assert CAMPAIGN_SETTINGS.key_of(typed) == key


@pytest.mark.parametrize(
    ("lexicon", "typed", "value"),
    [
        (ROLES, "Présidente", Role.PRESIDENT),
        (ROLES, "président(e)", Role.PRESIDENT),
        (ROLES, "observatrice", Role.OBSERVER),
        (ROLES, "Secrétaire", Role.SECRETARY),
        (ROLES, "membre", Role.MEMBER),
        (STATUSES, "Brouillon", ReviewStatus.DRAFT),
        (STATUSES, "FINALE", ReviewStatus.FINAL),
        (OUTCOMES, "retenue", Outcome.SELECTED),
        (OUTCOMES, "Sélectionné(e)", Outcome.SELECTED),
        (OUTCOMES, "liste d'attente", Outcome.WAITING_LIST),
        (OUTCOMES, "Waiting list", Outcome.WAITING_LIST),
        (OUTCOMES, "non retenu(e)", Outcome.REJECTED),
        (OUTCOMES, "rejetée", Outcome.REJECTED),
        (OUTCOMES, "reporté", Outcome.DEFERRED),
        (OUTCOMES, "ajournée", Outcome.DEFERRED),
        (METHODS, "Médiane", Method.MEDIAN),
        (METHODS, "moyenne tronquée", Method.TRIMMED),
        (METHODS, "z-score", Method.ZSCORE),
        (BOOLEANS, "Oui", "true"),
        (BOOLEANS, "FALSE", "false"),
        (LANGUAGE_NAMES, "Français", "fr"),
    ],
)
def test_vocabulary_in_both_languages(lexicon: Lexicon, typed: str, value: str) -> None:
    assert lexicon.key_of(typed) == value


def test_vocabulary_refuses_what_it_does_not_know() -> None:
    assert ROLES.key_of("chief") is None
    assert OUTCOMES.key_of("maybe") is None
