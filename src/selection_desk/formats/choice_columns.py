"""A multiple-choice question split into one column per option, read back as one choices field.

Form tools write a multiple choice in one column (Google Forms' “Cricket, Volleyball”, KoBo's
space-joined “energy mobility”) — kept as it is — or in one column per option: KoBoToolbox's
``Sectors/energy`` marked ``0``/``1``, Framaforms' “separate” columns marked ``X`` (read as
``Secteurs: Énergie`` under its grouped header), SurveyMonkey's sub-answer columns holding the
option's text (read as ``Sectors – Energy``).  :func:`choice_groups` finds those runs of columns;
:meth:`ChoiceGroup.value` joins a row's chosen options with commas.  When the tool also wrote
the question's own column (KoBo's “both”), the option columns are dropped in its favour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_OPTION_HEADER = re.compile(r"^(?P<question>.+?)(?:/| – |: )(?P<option>[^/]+)$")
_OTHER_OPTION = re.compile(r"\b(other|autre|autres)\b", re.IGNORECASE)
_UNCHOSEN = {"", "0", "false", "faux", "non", "no"}
_MARKS = {"x", "1", "true", "vrai", "oui", "yes"}


@dataclass(frozen=True)
class ChoiceGroup:
    """The option columns of one question, and the field they become."""

    question: str
    """The field's name (the question), or the question's own column when the tool wrote one."""
    options: tuple[tuple[int, str], ...]
    """(column index, option label), in the file's order."""
    summary: int | None = None
    """The index of the question's own column (KoBo's space-joined answers), if any."""

    def value(self, texts: Sequence[str]) -> str:
        """The chosen options of a row, comma-joined; an option's free text (SurveyMonkey's
        “Other (please specify)”) stands for its label."""
        if self.summary is not None:
            return texts[self.summary]
        chosen: list[str] = []
        for index, label in self.options:
            text = texts[index].strip() if index < len(texts) else ""
            if text.casefold() in _UNCHOSEN:
                continue
            chosen.append(label if text.casefold() in _MARKS else text)
        return ", ".join(chosen)

    @property
    def columns(self) -> tuple[int, ...]:
        return tuple(index for index, _label in self.options)


def choice_groups(
    headers: Sequence[str], sample: Sequence[Sequence[str]], taken: Sequence[int] = ()
) -> tuple[ChoiceGroup, ...]:
    """Runs of at least two neighbouring columns named ``question<separator>option`` with the same
    question, whose ``sample`` rows hold only marks or the option's own label (“Adresse: rue”,
    “Adresse: ville” hold answers: they stay two fields); columns in ``taken`` (the reference,
    the name…) are left alone."""
    groups: list[ChoiceGroup] = []
    run: list[tuple[int, str]] = []
    run_question = ""

    def close() -> None:
        if len(run) >= 2 and all(_holds_choices(sample, index, label) for index, label in run):
            summary = headers.index(run_question) if run_question in headers else None
            groups.append(ChoiceGroup(run_question, tuple(run), summary))

    for index, header in enumerate(headers):
        found = _OPTION_HEADER.match(header) if index not in taken else None
        question = found.group("question").strip() if found else ""
        if found and question == run_question:
            run.append((index, found.group("option").strip()))
            continue
        close()
        run = [(index, found.group("option").strip())] if found else []
        run_question = question
    close()
    return tuple(groups)


def _holds_choices(sample: Sequence[Sequence[str]], index: int, label: str) -> bool:
    """Whether the column at ``index`` reads like one option: marks, blanks, or its label (an
    “Other” option may hold free text)."""
    if _OTHER_OPTION.search(label):
        return True
    accepted = _UNCHOSEN | _MARKS | {label.casefold()}
    return all(
        (row[index].strip().casefold() if index < len(row) else "") in accepted for row in sample
    )
