"""The SQL of the juror's scoring workspace: a read connection that can only see one juror's work.

**Blind by construction.**  :class:`JurorReader` opens its own read-only connection to the campaign
file, defines temporary views bound to one juror's row id (``my_dossier``: the dossiers assigned to
the juror and not conflicted; ``my_score`` / ``my_review``: that juror's own rows of those
dossiers; ``my_attachment`` / ``my_blob``: their documents; ``my_juror``: the juror), then installs
an SQLite *authorizer* on the connection.  From then on SQLite itself refuses, when a statement is
prepared, any read of the private tables (``score``, ``review``, ``dossier``, ``attachment``,
``blob``, ``juror``, ``conflict``, ``assignment``) that does not go through those views, any read
of any other table (``audit``, whose entries carry every juror's scores, ``decision``, the kit's
keys, and any table a later version adds) and every statement but ``SELECT``.  A query written
carelessly against this connection fails loudly instead of leaking another juror's scores.

Only the campaign's public settings (``campaign``, ``criterion``, ``rubric_level``) are readable
directly.  Writes never go through this connection: they are the scoring use cases'
(:mod:`selection_desk.services.scoring`), on the campaign store, bound to the same juror.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from selection_desk.domain import Attachment, Dossier, Review, ReviewStatus, Role, Score
from selection_desk.storage.campaign_file import BUSY_TIMEOUT_MS
from selection_desk.storage.store import CampaignStore

# table → the views through which it may be read (``None``: directly, by any statement).
_READABLE_THROUGH: dict[str, frozenset[str | None]] = {
    "campaign": frozenset({None}),
    "criterion": frozenset({None, "my_score"}),
    "rubric_level": frozenset({None}),
    "dossier": frozenset({"my_dossier"}),
    "conflict": frozenset({"my_dossier"}),
    "assignment": frozenset({"my_dossier"}),
    "round_dossier": frozenset({"my_dossier"}),
    "review": frozenset({"my_review"}),
    "score": frozenset({"my_score"}),
    "attachment": frozenset({"my_attachment"}),
    "blob": frozenset({"my_blob"}),
    "juror": frozenset({"my_juror"}),
}
_VIEWS = frozenset({"my_dossier", "my_review", "my_score", "my_attachment", "my_blob", "my_juror"})


def _view_statements(juror_id: int, round_id: int, in_roster: str) -> list[str]:
    """``in_roster``: the store's SQL condition on dossier ``d`` (row ids only)."""
    j, r = int(juror_id), int(round_id)  # integers from the store, never user text
    return [
        # Assigned (explicit assignments, or everyone when the campaign has none) and not
        # conflicted: two index probes per dossier.
        f"""CREATE TEMP VIEW my_dossier AS
            SELECT d.id, d.ref, d.name, d.position, d.fields FROM main.dossier AS d
            WHERE NOT EXISTS (SELECT 1 FROM main.conflict AS c
                              WHERE c.juror_id = {j} AND c.dossier_id = d.id)
              AND (NOT EXISTS (SELECT 1 FROM main.assignment AS a WHERE a.round_id = {r})
                   OR EXISTS (SELECT 1 FROM main.assignment AS a
                              WHERE a.round_id = {r} AND a.juror_id = {j}
                                AND a.dossier_id = d.id))
              AND {in_roster.replace("round_dossier", "main.round_dossier")}""",
        # The others check each row against my_dossier by its id (a correlated lookup), so that
        # one dossier's rows cost a few index probes, not a pass over every dossier.
        f"""CREATE TEMP VIEW my_review AS
            SELECT r.dossier_id, r.status, r.comment, r.confidence, r.revision, r.updated_at,
                   r.feedback,
                   r.scored
            FROM main.review AS r
            WHERE r.juror_id = {j} AND r.round_id = {r}
              AND EXISTS (SELECT 1 FROM my_dossier AS d WHERE d.id = r.dossier_id)""",
        f"""CREATE TEMP VIEW my_score AS
            SELECT s.dossier_id, s.criterion_id, s.value, s.comment, s.revision, s.updated_at
            FROM main.score AS s
            WHERE s.juror_id = {j}
              AND s.criterion_id IN (SELECT c.id FROM main.criterion AS c WHERE c.round_id = {r})
              AND EXISTS (SELECT 1 FROM my_dossier AS d WHERE d.id = s.dossier_id)""",
        """CREATE TEMP VIEW my_attachment AS
            SELECT a.dossier_id, a.file_name, a.mime_type, a.size, a.sha256
            FROM main.attachment AS a
            WHERE EXISTS (SELECT 1 FROM my_dossier AS d WHERE d.id = a.dossier_id)""",
        """CREATE TEMP VIEW my_blob AS
            SELECT b.sha256, b.content FROM main.blob AS b
            WHERE EXISTS (SELECT 1 FROM my_attachment AS a WHERE a.sha256 = b.sha256)""",
        f"""CREATE TEMP VIEW my_juror AS
            SELECT j.id, j.code, j.name, j.email, j.role FROM main.juror AS j
            WHERE j.id = {j}""",
    ]


def _authorizer(
    action: int, arg1: str | None, arg2: str | None, database: str | None, source: str | None
) -> int:
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_FUNCTION):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_READ and arg1 is not None:
        if database == "temp" and arg1 in _VIEWS:
            return sqlite3.SQLITE_OK
        allowed = _READABLE_THROUGH.get(arg1)
        if allowed is None or database not in ("main", None):
            return sqlite3.SQLITE_DENY
        if source in allowed:
            return sqlite3.SQLITE_OK
        # SQLite names no view when a statement reads a table but none of its columns (an
        # ``IN (SELECT id …)`` answered from an index, a ``count(*)``).  Allowed for the tables
        # the views read: it can tell how many rows such a table holds, never what is in them —
        # filtering or ordering rows reads a column, which is checked as above.
        if arg2 == "":
            return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


@dataclass(frozen=True)
class QueueRow:
    ref: str
    name: str
    position: int
    status: ReviewStatus | None
    """``None``: no review yet (nothing scored, nothing written)."""
    scored: int


class JurorReader:
    """A read-only connection to a campaign file that sees one juror's work only (module doc)."""

    def __init__(self, store: CampaignStore, juror: str) -> None:
        juror_id = store.juror_id(juror)
        self.juror = juror
        uri = f"{store.path.resolve().as_uri()}?mode=ro"
        self._conn = sqlite3.connect(
            uri,
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        try:
            for statement in _view_statements(juror_id, store.round_id, store.in_roster("d")):
                self._conn.execute(statement)
            self._conn.set_authorizer(_authorizer)
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Any ``SELECT`` the authorizer allows (tests use it to prove what it refuses)."""
        return self._conn.execute(sql, parameters)

    # -- the juror's queue ----------------------------------------------------------------------

    def queue(self) -> list[QueueRow]:
        rows = self._conn.execute(
            "SELECT d.ref, d.name, d.position, r.status, coalesce(r.scored, 0)"
            " FROM my_dossier AS d LEFT JOIN my_review AS r ON r.dossier_id = d.id"
            " ORDER BY d.position, d.id"
        )
        return [
            QueueRow(ref, name, position, None if status is None else ReviewStatus(status), scored)
            for ref, name, position, status, scored in rows
        ]

    def _dossier_id(self, ref: str) -> int | None:
        row = self._conn.execute("SELECT id FROM my_dossier WHERE ref = ?", (ref,)).fetchone()
        return None if row is None else int(row[0])

    def has_dossier(self, ref: str) -> bool:
        return self._dossier_id(ref) is not None

    def dossier(self, ref: str) -> Dossier | None:
        row = self._conn.execute(
            "SELECT ref, name, fields FROM my_dossier WHERE ref = ?", (ref,)
        ).fetchone()
        return None if row is None else Dossier(row[0], row[1], json.loads(row[2]))

    def attachments(self, ref: str) -> tuple[Attachment, ...]:
        rows = self._conn.execute(
            "SELECT d.ref, a.file_name, a.mime_type, a.size, a.sha256"
            " FROM my_attachment AS a JOIN my_dossier AS d ON d.id = a.dossier_id"
            " WHERE d.ref = ? ORDER BY a.file_name",
            (ref,),
        )
        return tuple(Attachment(*row) for row in rows)

    def attachment_content(self, ref: str, file_name: str) -> bytes | None:
        row = self._conn.execute(
            "SELECT b.content FROM my_attachment AS a JOIN my_dossier AS d ON d.id = a.dossier_id"
            " JOIN my_blob AS b ON b.sha256 = a.sha256 WHERE d.ref = ? AND a.file_name = ?",
            (ref, file_name),
        ).fetchone()
        return None if row is None else bytes(row[0])

    # -- the juror's own scores and review --------------------------------------------------------

    def scores(self, ref: str) -> dict[str, Score]:
        """The juror's scores of dossier ``ref``, by criterion code."""
        rows = self._conn.execute(
            "SELECT c.code, s.value, s.comment, s.revision, s.updated_at"
            " FROM my_score AS s JOIN my_dossier AS d ON d.id = s.dossier_id"
            " JOIN criterion AS c ON c.id = s.criterion_id WHERE d.ref = ?",
            (ref,),
        )
        return {
            code: Score(self.juror, ref, code, value, comment, revision, updated)
            for code, value, comment, revision, updated in rows
        }

    def review(self, ref: str) -> Review | None:
        row = self._conn.execute(
            "SELECT r.status, r.comment, r.confidence, r.revision, r.updated_at, r.feedback"
            " FROM my_review AS r JOIN my_dossier AS d ON d.id = r.dossier_id WHERE d.ref = ?",
            (ref,),
        ).fetchone()
        if row is None:
            return None
        status, *rest = row
        return Review(self.juror, ref, ReviewStatus(status), *rest)


# -- writes (inside ``store.transaction()``, by the scoring use cases) ----------------------------


def delete_score(store: CampaignStore, juror: str, dossier: str, criterion: str) -> bool:
    """Remove one score (the review's ``scored`` count follows, by trigger)."""
    cursor = store.db.execute(
        "DELETE FROM score WHERE juror_id = ? AND dossier_id = ? AND criterion_id = ?",
        [store.juror_id(juror), store.dossier_id(dossier), store.criterion_id(criterion)],
    )
    return bool(cursor.rowcount)


def pair_scores(store: CampaignStore, juror: str, dossier: str) -> dict[str, Score]:
    """``juror``'s scores of ``dossier`` in the current round, by criterion code."""
    rows = store.db.execute(
        "SELECT c.code, s.value, s.comment, s.revision, s.updated_at"
        " FROM score AS s JOIN criterion AS c ON c.id = s.criterion_id"
        " WHERE c.round_id = ? AND s.juror_id = ? AND s.dossier_id = ?",
        [store.round_id, store.juror_id(juror), store.dossier_id(dossier)],
    )
    return {
        code: Score(juror, dossier, code, value, comment, revision, updated)
        for code, value, comment, revision, updated in rows
    }


def scored_criteria(store: CampaignStore, juror: str, dossier: str) -> frozenset[str]:
    return frozenset(pair_scores(store, juror, dossier))


def juror_role(store: CampaignStore, juror: str) -> Role | None:
    """A juror's role (one index probe: checked before each score is written); None: unknown."""
    row = store.db.execute("SELECT role FROM juror WHERE code = ?", [juror]).fetchone()
    return None if row is None else Role(row[0])
