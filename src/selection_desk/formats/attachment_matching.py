"""Which attachment goes to which dossier, in this order of trust: by a file name written in the
dossier's attachment column, by the dossier's reference in the file name, by the dossier's name in
the file name, by the respondent Google Drive appends to a downloaded upload (``deck - Hélène
Durand.pdf``).  A file that matches several dossiers equally is not guessed: it is reported, with
the files that match none.  Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from selection_desk.formats.attachments import CandidateFile
from selection_desk.formats.file_types import sanitise_file_name
from selection_desk.formats.headers import normalise_header


@dataclass(frozen=True)
class DossierKeys:
    """What identifies a dossier in an attachment's name."""

    ref: str
    name: str
    listed_files: tuple[str, ...] = ()
    """File names written in its attachment column(s)."""
    respondents: tuple[str, ...] = ()
    """Other names it goes by (its short answers: the founder's name…): Google Drive names the
    files of a form's upload folder ``original name - Respondent Name.ext``."""


@dataclass(frozen=True)
class Match:
    file: CandidateFile
    ref: str
    by: str
    """``"column"``, ``"ref"``, ``"name"`` or ``"respondent"`` (a Google Drive download)."""


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[Match, ...]
    unmatched: tuple[CandidateFile, ...]
    ambiguous: tuple[tuple[CandidateFile, tuple[str, ...]], ...]
    """Files that match several dossiers equally well, with those dossiers' references."""


def _words(text: str) -> str:
    """Lower-case words without accents, separated by single spaces: "Éco-Logis_v2" → "eco logis
    v2"."""
    return " ".join(re.findall(r"[a-z0-9]+", normalise_header(text)))


def listed_file_names(cell: str) -> tuple[str, ...]:
    """File names written in an attachment cell: ``deck.pdf``, several separated by commas or
    lines, Airtable's ``deck.pdf (https://…)``, or a link whose last part is a file name."""
    names: list[str] = []
    for part in re.split(r"[\n;]|,\s*(?=\S)", cell):
        part = part.strip()
        if not part:
            continue
        airtable = re.match(r"^(.*?\.[A-Za-z0-9]{2,5})\s*\(https?://[^)]*\)$", part)
        if airtable:
            names.append(airtable.group(1).strip())
            continue
        if re.match(r"^https?://", part, re.IGNORECASE):
            last = part.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
            if re.search(r"\.[A-Za-z0-9]{2,5}$", last):
                from urllib.parse import unquote

                names.append(unquote(last))
            continue
        names.append(part)
    return tuple(names)


def match_files(files: Sequence[CandidateFile], dossiers: Sequence[DossierKeys]) -> MatchResult:
    """Each file to at most one dossier (see the module's docstring for the order of trust).

    References and names are looked up by the word sequences of each file's path, so the cost
    grows with the number of files and dossiers, not with their product."""
    by_listed: dict[str, set[str]] = {}
    refs = _KeyIndex()
    names = _KeyIndex()
    by_respondent: dict[str, set[str]] = {}
    for dossier in dossiers:
        for written in dossier.listed_files:
            by_listed.setdefault(sanitise_file_name(written).casefold(), set()).add(dossier.ref)
        refs.add(_words(dossier.ref), dossier.ref)
        for respondent in dossier.respondents:
            key = _words(respondent)
            if len(key.replace(" ", "")) >= 3:
                by_respondent.setdefault(key, set()).add(dossier.ref)
        name = _words(dossier.name)
        if len(name.replace(" ", "")) >= 3:
            names.add(name, dossier.ref)
    matches: list[Match] = []
    unmatched: list[CandidateFile] = []
    ambiguous: list[tuple[CandidateFile, tuple[str, ...]]] = []
    for file in files:
        listed = by_listed.get(file.name.casefold(), set())
        if len(listed) == 1:
            matches.append(Match(file, next(iter(listed)), "column"))
            continue
        if len(listed) > 1:
            ambiguous.append((file, tuple(sorted(listed))))
            continue
        path = PurePosixPath(file.original)
        words = _words(path.with_suffix("").as_posix()).split()
        first_word = _words(path.stem).split(" ")[0]
        folders = {_words(folder) for folder in path.parts[:-1]}
        found = _refs_in(words, first_word, folders, refs)
        by = "ref"
        if not found:
            found = _longest(names.found_in(words))
            by = "name"
        if not found:
            found = sorted(by_respondent.get(_drive_respondent(path.stem), ()))
            by = "respondent"
        if len(found) == 1:
            matches.append(Match(file, found[0], by))
        elif found:
            ambiguous.append((file, tuple(sorted(found))))
        else:
            unmatched.append(file)
    return MatchResult(tuple(matches), tuple(unmatched), tuple(ambiguous))


def _drive_respondent(stem: str) -> str:
    """“Pitch deck - Hélène Durand” → “helene durand”: who uploaded a file Google Drive renamed
    when the form's upload folder was downloaded (``""`` when the name has no such part)."""
    _original, separator, respondent = stem.rpartition(" - ")
    return _words(respondent) if separator else ""


class _KeyIndex:
    """Word sequences (“eco logis”) → the dossiers they identify."""

    def __init__(self) -> None:
        self.refs: dict[str, set[str]] = {}
        self.longest = 0

    def add(self, key: str, ref: str) -> None:
        if not key:
            return
        self.refs.setdefault(key, set()).add(ref)
        self.longest = max(self.longest, key.count(" ") + 1)

    def found_in(self, words: Sequence[str]) -> dict[str, int]:
        """Dossier ref → the number of words of the longest key found in ``words``."""
        found: dict[str, int] = {}
        for start in range(len(words)):
            for length in range(1, min(self.longest, len(words) - start) + 1):
                key = " ".join(words[start : start + length])
                for ref in self.refs.get(key, ()):
                    found[ref] = max(found.get(ref, 0), len(key))
        return found


def _refs_in(
    words: Sequence[str], first_word: str, folders: set[str], refs: _KeyIndex
) -> list[str]:
    """References in a file's path.  A reference of digits only (Microsoft Forms' 1, 2, 3 …)
    must open the file name or be a folder's name: “deck 2024.pdf” is not dossier 2024's."""
    found: list[str] = []
    for ref, _length in refs.found_in(words).items():
        key = _words(ref)
        if not key.isdigit() or first_word == key or key in folders:
            found.append(ref)
    return found


def _longest(found: dict[str, int]) -> list[str]:
    """Among names found, the longest wins (“Eco” and “Eco Logis” in “eco logis deck”)."""
    if not found:
        return []
    longest = max(found.values())
    return [ref for ref, length in found.items() if length == longest]
