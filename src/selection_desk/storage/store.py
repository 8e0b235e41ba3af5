"""The campaign store: the only place that speaks SQL about campaign entities.

It reads rows into domain objects and writes domain objects back, inside the transactions that the
use cases (``selection_desk.services``) open.  Identities are the users' codes; row ids never leave
this module.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlite_utils import Database

from selection_desk.domain import (
    Assignment,
    Attachment,
    AuditEntry,
    Campaign,
    CampaignData,
    Conflict,
    Criterion,
    Decision,
    Dossier,
    Juror,
    Method,
    Outcome,
    Review,
    ReviewStatus,
    Role,
    Round,
    RoundKind,
    RoundStatus,
    RubricLevel,
    Score,
)
from selection_desk.domain.score_columns import ScoreColumns
from selection_desk.errors import InvalidInput, NotFound, define_message
from selection_desk.i18n import N_
from selection_desk.storage import audit
from selection_desk.storage.campaign_file import (
    CampaignFile,
    create_campaign_file,
    open_campaign_file,
)
from selection_desk.storage.schema import KIT_REFUSES_SETUP, ROUND_IS_CLOSED

KIT_SET_UP_IS_THE_SECRETARYS = define_message(
    "kit_set_up_is_the_secretarys",
    N_(
        "{path} is a juror kit: it takes its juror's scores only. Criteria, jurors, dossiers, "
        "conflicts, assignments and decisions are changed in the secretary's campaign file."
    ),
)
UNKNOWN_JUROR = define_message("unknown_juror", N_("There is no juror with the code {code}."))
UNKNOWN_DOSSIER = define_message(
    "unknown_dossier", N_("There is no dossier with the reference {ref}.")
)
UNKNOWN_CRITERION = define_message(
    "unknown_criterion", N_("There is no criterion with the code {code}.")
)
UNKNOWN_ROUND = define_message("unknown_round", N_("There is no round with the code {code}."))
CLOSED_ROUND_IS_READ_ONLY = define_message(
    "closed_round_is_read_only",
    N_(
        "Round {round} is closed: its criteria, assignments, scores and decisions can no longer "
        "change (reopen it first)."
    ),
)
DOSSIER_NOT_IN_ROUND = define_message(
    "dossier_not_in_round", N_("Dossier {dossier} does not take part in round {round}.")
)
EMPTY_CAMPAIGN = define_message(
    "empty_campaign", N_("{path} holds no campaign yet: import a campaign workbook first.")
)

if TYPE_CHECKING:
    from selection_desk.aggregation import RankingInput, RankingSettings

_CAMPAIGN_COLUMNS = [
    "uid",
    "name",
    "programme",
    "places",
    "language",
    "method",
    "criterion_decimals",
    "tie_break",
    "spread_threshold",
    "confidence_weighting",
    "stability_resamples",
    "stability_seed",
    "meeting_date",
    "meeting_place",
    "contact",
    "allow_draw",
]


class PairAccess(NamedTuple):
    role: Role
    conflicted: bool
    """A declared conflict of interest: the juror never scores the dossier."""
    assigned: bool
    """Everyone scores every dossier unless the campaign has explicit assignments."""


_PAIR_ACCESS = (
    "SELECT (SELECT role FROM juror WHERE id = :juror),"
    " EXISTS (SELECT 1 FROM conflict WHERE juror_id = :juror AND dossier_id = :dossier),"
    " (:first OR EXISTS (SELECT 1 FROM round_dossier"
    "                    WHERE round_id = :round AND dossier_id = :dossier))"
    " AND (NOT EXISTS (SELECT 1 FROM assignment WHERE round_id = :round)"
    "      OR EXISTS (SELECT 1 FROM assignment"
    "                 WHERE round_id = :round AND juror_id = :juror AND dossier_id = :dossier))"
)

_ROUND_COLUMNS = (
    "id, code, name, uid, kind, position, places, method, weight, date, status, closed_at"
)


def round_from_row(row: tuple[Any, ...]) -> tuple[int, Round]:
    """A ``round`` row (``_ROUND_COLUMNS``) as its id and its domain value."""
    row_id, code, name, uid, kind, position, places, method, weight, date, status, closed = row
    return row_id, Round(
        code=code,
        name=name,
        uid=uid,
        kind=RoundKind(kind),
        position=position,
        places=places,
        method=None if method is None else Method(method),
        weight=weight,
        date=date,
        status=RoundStatus(status),
        closed_at=closed,
    )


class CampaignStore:
    """Domain-level access to one open campaign file."""

    def __init__(self, campaign_file: CampaignFile) -> None:
        self.file = campaign_file
        self._ids: dict[str, dict[str, int]] = {}
        self._criteria: tuple[Criterion, ...] | None = None
        self._round: tuple[int, Round, bool] | None = None
        """The current round: its id, its value, whether it is the first (takes every dossier)."""

    # -- life cycle -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> CampaignStore:
        return cls(open_campaign_file(path, readonly=readonly))

    @classmethod
    def create(
        cls,
        path: Path,
        campaign: Campaign,
        actor: str = "system",
        *,
        made_from: dict[str, str] | None = None,
    ) -> CampaignStore:
        """A new file holding ``campaign`` (a fresh uid when it has none); its audit log starts
        with the creation, which names the campaign it was ``made_from`` when there is one."""
        store = cls(create_campaign_file(path))
        try:
            if not campaign.uid:
                campaign = _with_uid(campaign)
            created: dict[str, Any] = _campaign_row(campaign)
            if made_from is not None:
                created["made_from"] = made_from
            with store.transaction() as db:
                store.write_campaign(campaign)
                audit.append(db, actor, "create", "campaign", after=created)
        except BaseException:
            store.close()
            raise
        return store

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def db(self) -> Database:
        return self.file.db

    @property
    def readonly(self) -> bool:
        return self.file.readonly

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user action.  The code → id caches survive commits (each ``write_*`` drops the
        cache it invalidates) but not a rollback, which may undo inserted rows."""
        try:
            with self.file.transaction() as db:
                yield db
        except BaseException as error:
            closed = self._closed_round_code()
            self._ids.clear()
            self._criteria = None
            self.forget_round()
            if isinstance(error, sqlite3.IntegrityError) and str(error) == KIT_REFUSES_SETUP:
                raise InvalidInput(KIT_SET_UP_IS_THE_SECRETARYS, path=str(self.path)) from None
            if isinstance(error, sqlite3.IntegrityError) and str(error) == ROUND_IS_CLOSED:
                raise InvalidInput(CLOSED_ROUND_IS_READ_ONLY, round=closed) from None
            raise

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> CampaignStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the current round -------------------------------------------------------------------
    #
    # Every query about criteria, rubrics, assignments, reviews, scores and decisions, and the
    # dossier list of a round after the first (its roster), is about the current round: by
    # default the first open round by position, else the last round.

    def rounds(self) -> tuple[Round, ...]:
        rows = self.db.execute(f"SELECT {_ROUND_COLUMNS} FROM round ORDER BY position, id")
        return tuple(round_from_row(row)[1] for row in rows)

    def _current_round(self) -> tuple[int, Round, bool]:
        if self._round is None:
            rows = [
                round_from_row(row)
                for row in self.db.execute(
                    f"SELECT {_ROUND_COLUMNS} FROM round ORDER BY position, id"
                )
            ]
            if not rows:
                # A file with no campaign yet: its first round comes with the campaign.
                return 1, Round("R1", ""), True
            chosen = next((r for r in rows if not r[1].closed), rows[-1])
            self._round = (chosen[0], chosen[1], chosen[0] == rows[0][0])
        return self._round

    @property
    def round(self) -> Round:
        """The round that every round-scoped query is about."""
        return self._current_round()[1]

    @property
    def round_id(self) -> int:
        return self._current_round()[0]

    @property
    def is_first_round(self) -> bool:
        """The first round takes every dossier; later rounds their roster."""
        return self._current_round()[2]

    def _closed_round_code(self) -> str:
        """The round a "closed round" refusal is about: the current one when it is closed, else
        the first closed round (a juror's deletion reaches every round)."""
        if self.round.closed:
            return self.round.code
        return next((r.code for r in self.rounds() if r.closed), self.round.code)

    def takes_part(self, ref: str) -> bool:
        """Whether dossier ``ref`` is in the current round (every dossier is in the first)."""
        dossier_id = self.dossier_id(ref)
        if self.is_first_round:
            return True
        row = self.db.execute(
            "SELECT 1 FROM round_dossier WHERE round_id = ? AND dossier_id = ?",
            [self.round_id, dossier_id],
        ).fetchone()
        return row is not None

    def use_round(self, code: str | None) -> Round:
        """Make round ``code`` the current one (``None``: the default round)."""
        self._round = None
        self._criteria = None
        self._ids.pop("criterion", None)
        if code is None:
            return self.round
        rows = [
            round_from_row(row)
            for row in self.db.execute(f"SELECT {_ROUND_COLUMNS} FROM round ORDER BY position, id")
        ]
        for row_id, value in rows:
            if value.code == code:
                self._round = (row_id, value, row_id == rows[0][0])
                return value
        raise NotFound(UNKNOWN_ROUND, code=code)

    def forget_round(self) -> None:
        """Re-read the current round (its status changed, or a round was added)."""
        current = None if self._round is None else self._round[1].code
        self._round = None
        if current is not None and any(r.code == current for r in self.rounds()):
            self.use_round(current)

    def in_roster(self, alias: str) -> str:
        """An SQL condition: dossier ``alias`` takes part in the current round (every dossier in
        the first round).  Row ids only, never user text."""
        if self.is_first_round:
            return "1"
        return (
            f"{alias}.id IN (SELECT dossier_id FROM round_dossier"
            f" WHERE round_id = {int(self.round_id)})"
        )

    # -- identities -------------------------------------------------------------------------

    def _id_map(self, table: str, key: str) -> dict[str, int]:
        if table not in self._ids:
            # A criterion code names a criterion of the current round.
            where = f" WHERE round_id = {int(self.round_id)}" if table == "criterion" else ""
            self._ids[table] = {
                code: row_id
                for row_id, code in self.db.execute(f"SELECT id, {key} FROM {table}{where}")
            }
        return self._ids[table]

    def juror_id(self, code: str) -> int:
        try:
            return self._id_map("juror", "code")[code]
        except KeyError:
            raise NotFound(UNKNOWN_JUROR, code=code) from None

    def dossier_id(self, ref: str) -> int:
        try:
            return self._id_map("dossier", "ref")[ref]
        except KeyError:
            raise NotFound(UNKNOWN_DOSSIER, ref=ref) from None

    def has_dossier(self, ref: str) -> bool:
        """Whether the campaign has dossier ``ref`` (in any round)."""
        return ref in self._id_map("dossier", "ref")

    def criterion_id(self, code: str) -> int:
        try:
            return self._id_map("criterion", "code")[code]
        except KeyError:
            raise NotFound(UNKNOWN_CRITERION, code=code) from None

    # -- reading ----------------------------------------------------------------------------

    def has_campaign(self) -> bool:
        return self.db.execute("SELECT 1 FROM campaign").fetchone() is not None

    def campaign(self) -> Campaign:
        row = self.db.execute(f"SELECT {', '.join(_CAMPAIGN_COLUMNS)} FROM campaign").fetchone()
        if row is None:
            raise NotFound(EMPTY_CAMPAIGN, path=str(self.path))
        values = dict(zip(_CAMPAIGN_COLUMNS, row, strict=True))
        values["method"] = Method(values["method"])
        values["confidence_weighting"] = bool(values["confidence_weighting"])
        values["allow_draw"] = bool(values["allow_draw"])
        return Campaign(**values)

    def round_campaign(self) -> Campaign:
        """The campaign as the current round ranks it: the round's places and method where it
        sets them (a one-round campaign's round sets neither)."""
        campaign, current = self.campaign(), self.round
        if current.places is None and current.method is None:
            return campaign
        return replace(
            campaign, places=current.places_in(campaign), method=current.method_in(campaign)
        )

    def criteria(self) -> tuple[Criterion, ...]:
        """Cached: scoring reads them on every keystroke; ``write_criteria`` drops the cache."""
        if self._criteria is None:
            self._criteria = self._read_criteria()
        return self._criteria

    def _read_criteria(self) -> tuple[Criterion, ...]:
        levels: dict[int, list[RubricLevel]] = {}
        for criterion_id, value, label, descriptor in self.db.execute(
            "SELECT criterion_id, value, label, descriptor FROM rubric_level"
            " WHERE criterion_id IN (SELECT id FROM criterion WHERE round_id = ?)"
            " ORDER BY criterion_id, value",
            [self.round_id],
        ):
            levels.setdefault(criterion_id, []).append(RubricLevel(value, label, descriptor))
        rows = self.db.execute(
            "SELECT id, code, label, weight, scale_min, scale_max, step, threshold, grp,"
            " description FROM criterion WHERE round_id = ? ORDER BY position, id",
            [self.round_id],
        )
        return tuple(
            Criterion(
                code=code,
                label=label,
                weight=weight,
                scale_min=scale_min,
                scale_max=scale_max,
                step=step,
                threshold=threshold,
                group=group,
                description=description,
                levels=tuple(levels.get(criterion_id, ())),
            )
            for (
                criterion_id,
                code,
                label,
                weight,
                scale_min,
                scale_max,
                step,
                threshold,
                group,
                description,
            ) in rows
        )

    def jurors(self) -> tuple[Juror, ...]:
        rows = self.db.execute("SELECT code, name, email, role, public_key FROM juror ORDER BY id")
        return tuple(
            Juror(code, name, email, Role(role), public_key)
            for code, name, email, role, public_key in rows
        )

    def dossiers(self) -> tuple[Dossier, ...]:
        """The dossiers of the current round (every dossier in the first round)."""
        rows = self.db.execute(
            f"SELECT ref, name, fields FROM dossier d WHERE {self.in_roster('d')}"
            " ORDER BY position, id"
        )
        return tuple(Dossier(ref, name, json.loads(fields)) for ref, name, fields in rows)

    def conflicts(self) -> tuple[Conflict, ...]:
        rows = self.db.execute(
            "SELECT j.code, d.ref, c.reason FROM conflict c JOIN juror j ON j.id = c.juror_id"
            " JOIN dossier d ON d.id = c.dossier_id ORDER BY j.id, d.position, d.id"
        )
        return tuple(Conflict(*row) for row in rows)

    def assignments(self) -> tuple[Assignment, ...]:
        rows = self.db.execute(
            "SELECT j.code, d.ref FROM assignment a JOIN juror j ON j.id = a.juror_id"
            " JOIN dossier d ON d.id = a.dossier_id WHERE a.round_id = ?"
            " ORDER BY j.id, d.position, d.id",
            [self.round_id],
        )
        return tuple(Assignment(*row) for row in rows)

    def scores(self, juror: str | None = None) -> tuple[Score, ...]:
        # One string object per distinct code, ref or text: a score row repeats them all.
        shared: dict[str, str] = {}
        share = shared.setdefault
        return tuple(
            Score(share(j, j), share(d, d), share(c, c), value, share(note, note), rev, share(t, t))
            for j, d, c, value, note, rev, t in self._score_rows(juror)
        )

    def score_columns(self) -> ScoreColumns:
        """The round's scores as :meth:`scores` gives them, held as columns (a fraction of the
        memory: what an export of a large campaign reads)."""
        return ScoreColumns(self._score_rows(None))

    def _score_rows(self, juror: str | None) -> Iterator[tuple[Any, ...]]:
        where, params = "WHERE c.round_id = ?", [self.round_id]
        if juror:
            where, params = f"{where} AND s.juror_id = ?", [*params, self.juror_id(juror)]
        rows: Iterator[tuple[Any, ...]] = self.db.execute(
            "SELECT j.code, d.ref, c.code, s.value, s.comment, s.revision, s.updated_at"
            " FROM score s JOIN juror j ON j.id = s.juror_id"
            " JOIN dossier d ON d.id = s.dossier_id JOIN criterion c ON c.id = s.criterion_id"
            f" {where} ORDER BY j.id, d.position, d.id, c.position, c.id",
            params,
        )
        return rows

    def reviews(self, juror: str | None = None) -> tuple[Review, ...]:
        where, params = "WHERE r.round_id = ?", [self.round_id]
        if juror:
            where, params = f"{where} AND r.juror_id = ?", [*params, self.juror_id(juror)]
        rows = self.db.execute(
            "SELECT j.code, d.ref, r.status, r.comment, r.confidence, r.revision, r.updated_at,"
            " r.feedback FROM review r JOIN juror j ON j.id = r.juror_id"
            f" JOIN dossier d ON d.id = r.dossier_id {where} ORDER BY j.id, d.position, d.id",
            params,
        )
        return tuple(
            Review(code, ref, ReviewStatus(status), *rest) for code, ref, status, *rest in rows
        )

    def decisions(self) -> tuple[Decision, ...]:
        rows = self.db.execute(
            "SELECT d.ref, x.outcome, x.rationale, x.votes_for, x.votes_against,"
            " x.votes_abstain, x.decided_at, x.decided_by"
            " FROM decision x JOIN dossier d ON d.id = x.dossier_id WHERE x.round_id = ?"
            " ORDER BY d.position, d.id",
            [self.round_id],
        )
        return tuple(Decision(ref, Outcome(outcome), *rest) for ref, outcome, *rest in rows)

    def campaign_data(self, *, scores: bool = True) -> CampaignData:
        """The whole campaign; ``scores=False`` leaves the scores out (``scores`` empty): the app
        keeps no copy of them in memory (on a large campaign they are most of it) and reads them
        through the ranking input and the scoring workspace."""
        return CampaignData(
            campaign=self.campaign(),
            criteria=self.criteria(),
            jurors=self.jurors(),
            dossiers=self.dossiers(),
            conflicts=self.conflicts(),
            assignments=self.assignments(),
            scores=self.scores() if scores else (),
            reviews=self.reviews(),
            decisions=self.decisions(),
        )

    def ranking_input(self, settings: RankingSettings | None = None) -> RankingInput:
        # numpy loads with the first ranking, not with the store.
        from selection_desk.storage.ranking_source import load_ranking_input

        return load_ranking_input(
            self.db,
            self.round_campaign(),
            self.criteria(),
            settings,
            self.round_id,
            self.in_roster("d"),
        )

    def score_value(self, juror: str, dossier: str, criterion: str) -> Score | None:
        row = self.db.execute(
            "SELECT value, comment, revision, updated_at FROM score"
            " WHERE juror_id = ? AND dossier_id = ? AND criterion_id = ?",
            [self.juror_id(juror), self.dossier_id(dossier), self.criterion_id(criterion)],
        ).fetchone()
        return None if row is None else Score(juror, dossier, criterion, *row)

    def review(self, juror: str, dossier: str) -> Review | None:
        row = self.db.execute(
            "SELECT status, comment, confidence, revision, updated_at, feedback FROM review"
            " WHERE round_id = ? AND juror_id = ? AND dossier_id = ?",
            [self.round_id, self.juror_id(juror), self.dossier_id(dossier)],
        ).fetchone()
        if row is None:
            return None
        status, *rest = row
        return Review(juror, dossier, ReviewStatus(status), *rest)

    def pair_access(self, juror: str, dossier: str) -> PairAccess:
        """What decides whether ``juror`` may score ``dossier``, in one query: checked before every
        score is written."""
        role, conflicted, assigned = self.db.execute(
            _PAIR_ACCESS,
            {
                "juror": self.juror_id(juror),
                "dossier": self.dossier_id(dossier),
                "round": self.round_id,
                "first": int(self.is_first_round),
            },
        ).fetchone()
        return PairAccess(Role(role), bool(conflicted), bool(assigned))

    def is_conflicted(self, juror: str, dossier: str) -> bool:
        return self.pair_access(juror, dossier).conflicted

    def is_assigned(self, juror: str, dossier: str) -> bool:
        return self.pair_access(juror, dossier).assigned

    def attachments(self, dossier: str | None = None) -> tuple[Attachment, ...]:
        where, params = (
            ("WHERE a.dossier_id = ?", [self.dossier_id(dossier)]) if dossier else ("", [])
        )
        rows = self.db.execute(
            "SELECT d.ref, a.file_name, a.mime_type, a.size, a.sha256 FROM attachment a"
            f" JOIN dossier d ON d.id = a.dossier_id {where} ORDER BY d.position, a.file_name",
            params,
        )
        return tuple(Attachment(*row) for row in rows)

    def attachment_content(self, sha256: str) -> bytes:
        row = self.db.execute("SELECT content FROM blob WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            raise KeyError(sha256)
        return bytes(row[0])

    def audit_entries(self) -> tuple[AuditEntry, ...]:
        return tuple(audit.entries(self.db))

    def latest_audit_hash(self) -> str:
        return audit.latest_hash(self.db)

    # -- writing (call inside ``transaction()``) --------------------------------------------

    def write_campaign(self, campaign: Campaign) -> None:
        row = _campaign_row(campaign)
        assignments = ", ".join(f"{column} = :{column}" for column in _CAMPAIGN_COLUMNS)
        updated = self.db.execute(f"UPDATE campaign SET {assignments} WHERE id = 1", row).rowcount
        if not updated:
            columns = ", ".join(_CAMPAIGN_COLUMNS)
            values = ", ".join(f":{column}" for column in _CAMPAIGN_COLUMNS)
            self.db.execute(f"INSERT INTO campaign (id, {columns}) VALUES (1, {values})", row)

    def write_criteria(self, criteria: Iterable[Criterion], positions: dict[str, int]) -> None:
        for criterion in criteria:
            self.db.execute(
                "INSERT INTO criterion (round_id, code, position, label, weight, scale_min,"
                " scale_max, step, threshold, grp, description)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (round_id, code) DO UPDATE SET position = excluded.position,"
                " label = excluded.label, weight = excluded.weight,"
                " scale_min = excluded.scale_min, scale_max = excluded.scale_max,"
                " step = excluded.step, threshold = excluded.threshold, grp = excluded.grp,"
                " description = excluded.description",
                [
                    self.round_id,
                    criterion.code,
                    positions[criterion.code],
                    criterion.label,
                    criterion.weight,
                    criterion.scale_min,
                    criterion.scale_max,
                    criterion.step,
                    criterion.threshold,
                    criterion.group,
                    criterion.description,
                ],
            )
            self._ids.pop("criterion", None)
            self._criteria = None
            criterion_id = self.criterion_id(criterion.code)
            self.db.execute("DELETE FROM rubric_level WHERE criterion_id = ?", [criterion_id])
            self.db.conn.executemany(
                "INSERT INTO rubric_level (criterion_id, value, label, descriptor)"
                " VALUES (?, ?, ?, ?)",
                [(criterion_id, lv.value, lv.label, lv.descriptor) for lv in criterion.levels],
            )

    def write_jurors(self, jurors: Iterable[Juror]) -> None:
        self.db.conn.executemany(
            "INSERT INTO juror (code, name, email, role, public_key) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (code) DO UPDATE SET name = excluded.name, email = excluded.email,"
            " role = excluded.role,"
            " public_key = coalesce(excluded.public_key, juror.public_key)",
            [(j.code, j.name, j.email, j.role.value, j.public_key) for j in jurors],
        )
        self._ids.pop("juror", None)

    def write_dossiers(self, dossiers: Iterable[Dossier], positions: dict[str, int]) -> None:
        self.db.conn.executemany(
            "INSERT INTO dossier (ref, name, position, fields) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (ref) DO UPDATE SET name = excluded.name,"
            " position = excluded.position, fields = excluded.fields",
            [
                (d.ref, d.name, positions[d.ref], json.dumps(dict(d.fields), ensure_ascii=False))
                for d in dossiers
            ],
        )
        self._ids.pop("dossier", None)

    def write_conflicts(self, conflicts: Iterable[Conflict]) -> None:
        self.db.conn.executemany(
            "INSERT INTO conflict (juror_id, dossier_id, reason) VALUES (?, ?, ?)"
            " ON CONFLICT DO UPDATE SET reason = excluded.reason",
            [(self.juror_id(c.juror), self.dossier_id(c.dossier), c.reason) for c in conflicts],
        )

    def write_assignments(self, assignments: Iterable[Assignment]) -> None:
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO assignment (round_id, juror_id, dossier_id) VALUES (?, ?, ?)",
            [
                (self.round_id, self.juror_id(a.juror), self.dossier_id(a.dossier))
                for a in assignments
            ],
        )

    def write_scores(self, scores: Iterable[Score]) -> None:
        self.db.conn.executemany(
            "INSERT INTO score (juror_id, dossier_id, criterion_id, value, comment, revision,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO UPDATE SET value = excluded.value, comment = excluded.comment,"
            " revision = excluded.revision, updated_at = excluded.updated_at",
            [
                (
                    self.juror_id(s.juror),
                    self.dossier_id(s.dossier),
                    self.criterion_id(s.criterion),
                    s.value,
                    s.comment,
                    s.revision,
                    s.updated_at,
                )
                for s in scores
            ],
        )

    def write_reviews(self, reviews: Iterable[Review]) -> None:
        self.db.conn.executemany(
            "INSERT INTO review (round_id, juror_id, dossier_id, status, comment, confidence,"
            " revision, updated_at, feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO UPDATE SET status = excluded.status, comment = excluded.comment,"
            " confidence = excluded.confidence, revision = excluded.revision,"
            " updated_at = excluded.updated_at, feedback = excluded.feedback",
            [
                (
                    self.round_id,
                    self.juror_id(r.juror),
                    self.dossier_id(r.dossier),
                    r.status.value,
                    r.comment,
                    r.confidence,
                    r.revision,
                    r.updated_at,
                    r.feedback,
                )
                for r in reviews
            ],
        )

    def write_decisions(self, decisions: Iterable[Decision]) -> None:
        self.db.conn.executemany(
            "INSERT INTO decision (round_id, dossier_id, outcome, rationale, votes_for,"
            " votes_against, votes_abstain, decided_at, decided_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO UPDATE SET outcome = excluded.outcome,"
            " rationale = excluded.rationale, votes_for = excluded.votes_for,"
            " votes_against = excluded.votes_against, votes_abstain = excluded.votes_abstain,"
            " decided_at = excluded.decided_at, decided_by = excluded.decided_by",
            [
                (
                    self.round_id,
                    self.dossier_id(d.dossier),
                    d.outcome.value,
                    d.rationale,
                    d.votes_for,
                    d.votes_against,
                    d.votes_abstain,
                    d.decided_at,
                    d.decided_by,
                )
                for d in decisions
            ],
        )

    def write_attachment(
        self, dossier: str, file_name: str, mime_type: str, content: bytes
    ) -> Attachment:
        """Store ``content`` once per SHA-256, and link it to the dossier under ``file_name``."""
        digest = hashlib.sha256(content).hexdigest()
        self.db.execute(
            "INSERT OR IGNORE INTO blob (sha256, content) VALUES (?, ?)", [digest, content]
        )
        self.db.execute(
            "INSERT INTO attachment (dossier_id, file_name, mime_type, size, sha256)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (dossier_id, file_name) DO UPDATE SET"
            " mime_type = excluded.mime_type, size = excluded.size, sha256 = excluded.sha256",
            [self.dossier_id(dossier), file_name, mime_type, len(content), digest],
        )
        return Attachment(dossier, file_name, mime_type, len(content), digest)

    def record_audit(
        self, actor: str, action: str, entity: str, before: Any = None, after: Any = None
    ) -> str:
        return audit.append(self.db, actor, action, entity, before, after)


def _with_uid(campaign: Campaign) -> Campaign:
    return replace(campaign, uid=str(uuid.uuid4()))


def _campaign_row(campaign: Campaign) -> dict[str, Any]:
    return {
        "uid": campaign.uid,
        "name": campaign.name,
        "programme": campaign.programme,
        "places": campaign.places,
        "language": campaign.language,
        "method": campaign.method.value,
        "criterion_decimals": campaign.criterion_decimals,
        "tie_break": campaign.tie_break,
        "spread_threshold": campaign.spread_threshold,
        "confidence_weighting": int(campaign.confidence_weighting),
        "stability_resamples": campaign.stability_resamples,
        "stability_seed": campaign.stability_seed,
        "meeting_date": campaign.meeting_date,
        "meeting_place": campaign.meeting_place,
        "contact": campaign.contact,
        "allow_draw": int(campaign.allow_draw),
    }
