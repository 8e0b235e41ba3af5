"""Use case: the campaign as a pseudonymised export shows it (``export --pseudonymise``, §11).

For observers and statistics: each dossier is named by its reference, its personal fields
(:func:`~selection_desk.services.field_metadata.personal_field_names`) are dropped, the jurors
become “Juror A, B…” (code ``A``, ``B``… in the campaign's order: stable within one export), their
e-mail addresses go, and so do the jurors' private comments and the feedback written for the
applicants (it may name them).  Scores, weights, decisions and their rationales stay, so the
ranking is the same; a rationale or a kept field that quotes its dossier's name, one of its
personal values or a juror's name has it replaced (by the reference, ``***``, “Juror A”).
The transformation applies to the campaign's values and to the ranking's input *before* the
ranking is computed, so every report built from them — workbook and minutes — is pseudonymised
throughout, without the exporters knowing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from selection_desk.aggregation import RankingInput
from selection_desk.aggregation.agenda import juror_alias, juror_letters
from selection_desk.domain import CampaignData, Dossier, Juror


@dataclass(frozen=True)
class Pseudonyms:
    """What a pseudonymised export replaces: juror code → its letters, the personal fields."""

    juror_codes: Mapping[str, str]
    personal_fields: frozenset[str]

    @classmethod
    def of(cls, jurors: Sequence[Juror], personal_fields: Sequence[str]) -> Pseudonyms:
        codes = {juror.code: juror_letters(index) for index, juror in enumerate(jurors)}
        return cls(codes, frozenset(personal_fields))

    def juror(self, code: str) -> str:
        """The letters standing for ``code`` (an unknown code, never a name, stays as it is)."""
        return self.juror_codes.get(code, code)

    def jurors(self, codes: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.juror(code) for code in codes)


def pseudonymised_data(data: CampaignData, pseudonyms: Pseudonyms) -> CampaignData:
    """``data`` without names, personal fields, e-mail addresses nor jurors' private texts."""
    jurors = tuple(
        replace(juror, code=pseudonyms.juror(juror.code), name=juror_alias(index), email="")
        for index, juror in enumerate(data.jurors)
    )
    juror_names = {old.name: new.name for old, new in zip(data.jurors, jurors, strict=True)}
    scrubbers = {d.ref: _scrubber(d, pseudonyms, juror_names) for d in data.dossiers}

    def scrubbed(ref: str, text: str) -> str:
        scrub = scrubbers.get(ref)
        return scrub(text) if scrub is not None else text

    return replace(
        data,
        jurors=jurors,
        dossiers=tuple(
            _dossier(dossier, pseudonyms, scrubbers[dossier.ref]) for dossier in data.dossiers
        ),
        conflicts=tuple(
            replace(item, juror=pseudonyms.juror(item.juror), reason="") for item in data.conflicts
        ),
        assignments=tuple(
            replace(item, juror=pseudonyms.juror(item.juror)) for item in data.assignments
        ),
        scores=tuple(
            replace(item, juror=pseudonyms.juror(item.juror), comment="") for item in data.scores
        ),
        reviews=tuple(
            replace(item, juror=pseudonyms.juror(item.juror), comment="", feedback="")
            for item in data.reviews
        ),
        decisions=tuple(
            # ``decided_by`` is a juror's code or the name of whoever recorded the decision.
            replace(
                item,
                rationale=scrubbed(item.dossier, item.rationale),
                decided_by=pseudonyms.juror_codes.get(item.decided_by, ""),
            )
            for item in data.decisions
        ),
    )


def _dossier(dossier: Dossier, pseudonyms: Pseudonyms, scrub: Callable[[str], str]) -> Dossier:
    fields = {
        name: scrub(value)
        for name, value in dossier.fields.items()
        if name not in pseudonyms.personal_fields
    }
    return Dossier(dossier.ref, dossier.ref, fields)


MASK = "***"
MIN_QUOTED = 3
"""Shorter values (“Oui”, “12”) are not looked for in texts: they would mask ordinary words."""


def _scrubber(
    dossier: Dossier, pseudonyms: Pseudonyms, juror_names: Mapping[str, str]
) -> Callable[[str], str]:
    """What replaces, in one dossier's texts, its name, its personal values and the jurors'
    names (case ignored, longest first)."""
    replacements = {name.casefold(): alias for name, alias in juror_names.items()}
    replacements.update(
        (value.strip().casefold(), MASK)
        for field, value in dossier.fields.items()
        if field in pseudonyms.personal_fields
    )
    replacements[dossier.name.strip().casefold()] = dossier.ref
    quoted = sorted((key for key in replacements if len(key) >= MIN_QUOTED), key=len, reverse=True)
    if not quoted:
        return str
    pattern = re.compile("|".join(map(re.escape, quoted)), re.IGNORECASE)

    def scrub(text: str) -> str:
        if not text:
            return text
        return pattern.sub(lambda found: replacements.get(found.group(0).casefold(), MASK), text)

    return scrub


def pseudonymised_input(ranking_input: RankingInput, pseudonyms: Pseudonyms) -> RankingInput:
    """The ranking's input with the dossiers named by their references and the jurors by their
    letters: the ranking computed from it is the campaign's, without a name."""
    return replace(
        ranking_input,
        dossiers=tuple((ref, ref) for ref, _name in ranking_input.dossiers),
        jurors=pseudonyms.jurors(ranking_input.jurors),
        incomplete=tuple(
            replace(review, juror=pseudonyms.juror(review.juror))
            for review in ranking_input.incomplete
        ),
        recused=tuple((pseudonyms.juror(juror), ref) for juror, ref in ranking_input.recused),
    )
