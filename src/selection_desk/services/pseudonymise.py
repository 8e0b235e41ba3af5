"""Use case: the campaign as a pseudonymised export shows it (``export --pseudonymise``, §11).

For observers and statistics: each dossier is named by its reference, its personal fields
(:func:`~selection_desk.services.field_metadata.personal_field_names`) are dropped, the jurors
become “Juror A, B…” (code ``A``, ``B``… in the campaign's order: stable within one export), their
e-mail addresses go, and so do the jurors' private comments and the feedback written for the
applicants (it may name them).  Scores, weights, decisions and their rationales stay, so the
ranking is the same.  The transformation applies to the campaign's values and to the ranking's
input *before* the ranking is computed, so every report built from them — workbook and minutes —
is pseudonymised throughout, without the exporters knowing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    return replace(
        data,
        jurors=jurors,
        dossiers=tuple(_dossier(dossier, pseudonyms) for dossier in data.dossiers),
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
            replace(item, decided_by=pseudonyms.juror_codes.get(item.decided_by, ""))
            for item in data.decisions
        ),
    )


def _dossier(dossier: Dossier, pseudonyms: Pseudonyms) -> Dossier:
    fields = {
        name: value
        for name, value in dossier.fields.items()
        if name not in pseudonyms.personal_fields
    }
    return Dossier(dossier.ref, dossier.ref, fields)


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
