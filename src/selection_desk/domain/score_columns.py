"""Many scores held as columns: what an export of a large campaign reads and streams.

A campaign of 1.5 million scores held as :class:`~selection_desk.domain.model.Score` objects took
some 200 MB, and every sheet row built from them as many again.  :class:`ScoreColumns` keeps the
same scores in typed arrays (codes as small indexes, texts shared) — about 45 bytes a score — and
is a ``Sequence[Score]``: a reader iterates it as it iterates a tuple of scores, each
:class:`Score` built only when it is read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from selection_desk.domain.model import Score

ScoreRow = tuple[str, str, str, float, str, int, str]
"""juror, dossier, criterion, value, comment, revision, updated_at (a :class:`Score`'s fields)."""


class ScoreColumns(Sequence[Score]):
    """Scores as columns, in the order they were given; read-only once built."""

    def __init__(self, rows: Iterable[ScoreRow] = ()) -> None:
        self._codes: tuple[list[str], list[str], list[str]] = ([], [], [])
        self._indexes = (array("i"), array("i"), array("i"))
        self._values = array("d")
        self._revisions = array("q")
        self._comments: list[str] = []
        self._updated: list[str] = []
        positions: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        texts: dict[str, str] = {}  # one string object per distinct comment or time
        share = texts.setdefault
        append_value, append_revision = self._values.append, self._revisions.append
        append_comment, append_updated = self._comments.append, self._updated.append
        for juror, dossier, criterion, value, comment, revision, updated_at in rows:
            for code, codes, index, position in zip(
                (juror, dossier, criterion), self._codes, self._indexes, positions, strict=True
            ):
                found = position.get(code)
                if found is None:
                    found = position[code] = len(codes)
                    codes.append(code)
                index.append(found)
            append_value(value)
            append_revision(revision)
            append_comment(share(comment, comment))
            append_updated(share(updated_at, updated_at))

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Score]:
        jurors, dossiers, criteria = self._codes
        juror, dossier, criterion = self._indexes
        for j, d, c, value, comment, revision, updated_at in zip(
            juror,
            dossier,
            criterion,
            self._values,
            self._comments,
            self._revisions,
            self._updated,
            strict=True,
        ):
            yield Score(jurors[j], dossiers[d], criteria[c], value, comment, revision, updated_at)

    @overload
    def __getitem__(self, index: int) -> Score: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Score]: ...

    def __getitem__(self, index: int | slice) -> Score | Sequence[Score]:
        if isinstance(index, slice):
            return tuple(self._score(position) for position in range(len(self))[index])
        return self._score(range(len(self))[index])  # negative indexes; IndexError past the end

    def _score(self, position: int) -> Score:
        (jurors, dossiers, criteria), (juror, dossier, criterion) = self._codes, self._indexes
        return Score(
            jurors[juror[position]],
            dossiers[dossier[position]],
            criteria[criterion[position]],
            self._values[position],
            self._comments[position],
            self._revisions[position],
            self._updated[position],
        )
