"""The schema of the campaign file, as forward migrations.

Each step is a sqlite-utils migration; ``PRAGMA user_version`` is the number of steps applied, so a
file written by a newer Selection Desk (a higher number) is recognised and refused.  Never edit a
released step: add a new one.
"""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from selection_desk.storage import audit, state_digest

# "SeDk" in ASCII: identifies a Selection Desk campaign file (``PRAGMA application_id``).
APPLICATION_ID = 0x5365446B

migrations = Migrations("selection_desk")


def _audit_table(name: str, hash_constraint: str = "") -> str:
    """The audit log's table; its hashes were UNIQUE until migration 0005."""
    return f"""CREATE TABLE {name} (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        before TEXT,
        after TEXT,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL{hash_constraint}
    ) STRICT"""


# The audit log is append-only: the database itself refuses edits and deletions.
_AUDIT_TRIGGERS = [
    """CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]

_V1 = [
    """CREATE TABLE campaign (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        uid TEXT NOT NULL,
        name TEXT NOT NULL,
        programme TEXT NOT NULL DEFAULT '',
        places INTEGER NOT NULL DEFAULT 1 CHECK (places >= 1),
        language TEXT NOT NULL DEFAULT 'fr',
        method TEXT NOT NULL DEFAULT 'mean',
        criterion_decimals INTEGER CHECK (criterion_decimals BETWEEN 0 AND 6),
        tie_break TEXT,
        spread_threshold REAL NOT NULL DEFAULT 15,
        confidence_weighting INTEGER NOT NULL DEFAULT 0,
        meeting_date TEXT NOT NULL DEFAULT '',
        meeting_place TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign', 'juror_kit'))
    ) STRICT""",
    """CREATE TABLE criterion (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        weight REAL NOT NULL CHECK (weight > 0),
        scale_min REAL NOT NULL,
        scale_max REAL NOT NULL,
        step REAL NOT NULL CHECK (step >= 0),
        threshold REAL,
        grp TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        CHECK (scale_max > scale_min)
    ) STRICT""",
    """CREATE TABLE rubric_level (
        criterion_id INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
        value REAL NOT NULL,
        label TEXT NOT NULL,
        descriptor TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (criterion_id, value)
    ) STRICT""",
    """CREATE TABLE dossier (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        fields TEXT NOT NULL DEFAULT '{}'
    ) STRICT""",
    """CREATE TABLE blob (
        sha256 TEXT PRIMARY KEY,
        content BLOB NOT NULL
    ) STRICT""",
    """CREATE TABLE attachment (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blob(sha256),
        UNIQUE (dossier_id, file_name)
    ) STRICT""",
    """CREATE TABLE juror (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT 'member'
            CHECK (role IN ('president', 'member', 'secretary', 'observer')),
        public_key BLOB,
        pin_hash TEXT
    ) STRICT""",
    """CREATE TABLE conflict (
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (juror_id, dossier_id)
    ) STRICT""",
    """CREATE TABLE assignment (
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        PRIMARY KEY (juror_id, dossier_id)
    ) STRICT""",
    """CREATE TABLE review (
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
        comment TEXT NOT NULL DEFAULT '',
        confidence INTEGER CHECK (confidence BETWEEN 1 AND 5),
        revision INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL DEFAULT '',
        scored INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (juror_id, dossier_id)
    ) STRICT, WITHOUT ROWID""",
    # Clustered by review so that a juror's sheet, and the ranking's scan, read contiguous pages.
    """CREATE TABLE score (
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        criterion_id INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
        value REAL NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (juror_id, dossier_id, criterion_id)
    ) STRICT, WITHOUT ROWID""",
    """CREATE TABLE decision (
        dossier_id INTEGER PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('selected', 'waiting_list', 'rejected', 'deferred')),
        rationale TEXT NOT NULL DEFAULT '',
        votes_for INTEGER,
        votes_against INTEGER,
        votes_abstain INTEGER,
        decided_at TEXT NOT NULL DEFAULT '',
        decided_by TEXT NOT NULL DEFAULT ''
    ) STRICT""",
    _audit_table("audit", hash_constraint=" UNIQUE"),
    """CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT""",
    *_AUDIT_TRIGGERS,
    # A conflicted juror never scores the dossier, whatever path the write takes.
    """CREATE TRIGGER score_refuses_conflicts BEFORE INSERT ON score
       WHEN EXISTS (SELECT 1 FROM conflict
                    WHERE juror_id = NEW.juror_id AND dossier_id = NEW.dossier_id)
       BEGIN SELECT RAISE(ABORT, 'conflict of interest'); END""",
    "CREATE INDEX score_by_dossier ON score (dossier_id, criterion_id)",
    # Every score belongs to a review (a draft until the juror marks it final), and the review
    # counts its scores, kept by the database itself: the ranking reads completeness from the
    # review table instead of grouping 250,000 score rows.
    """CREATE TRIGGER score_counted_in_review AFTER INSERT ON score
       BEGIN
         INSERT OR IGNORE INTO review (juror_id, dossier_id) VALUES (NEW.juror_id, NEW.dossier_id);
         UPDATE review SET scored = scored + 1
          WHERE juror_id = NEW.juror_id AND dossier_id = NEW.dossier_id;
       END""",
    """CREATE TRIGGER score_uncounted_in_review AFTER DELETE ON score
       BEGIN
         UPDATE review SET scored = scored - 1
          WHERE juror_id = OLD.juror_id AND dossier_id = OLD.dossier_id;
       END""",
]


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    for statement in _V1:
        db.execute(statement)


def schema_version() -> int:
    """The ``user_version`` this build writes: one per migration step."""
    return len(migrations._migrations)


@migrations(name="0002_decision_recusals")
def _decision_recusals(db: Database) -> None:
    # The jurors recused from a decision's vote, as a JSON list of juror codes, recorded when the
    # decision is taken (conflicts declared later do not rewrite history).  NULL: not recorded
    # (a decision imported from a workbook): readers fall back to the declared conflicts.
    db.execute("ALTER TABLE decision ADD COLUMN recused TEXT")


_OFFLINE = [
    # In a juror kit (campaign.kind = 'juror_kit'), one row: whom the kit is for, its signing key
    # (raw, or sealed with the kit's passphrase when ``key_salt`` is set), the key that seals its
    # ballots, and the ballot counter.  Empty in a campaign file.
    """CREATE TABLE kit_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kit_id TEXT NOT NULL,
        juror_code TEXT NOT NULL,
        campaign_uid TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        private_key BLOB NOT NULL,
        key_salt BLOB,
        key_nonce BLOB,
        ballot_key BLOB NOT NULL,
        seal_ballots INTEGER NOT NULL DEFAULT 0,
        ballot_revision INTEGER NOT NULL DEFAULT 0,
        last_ballot BLOB
    ) STRICT""",
    # In a campaign file: every kit issued, with the public key that verifies its ballots.
    """CREATE TABLE kit_issue (
        kit_id TEXT PRIMARY KEY,
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        public_key BLOB NOT NULL,
        ballot_key BLOB NOT NULL,
        first_revision INTEGER NOT NULL,
        sealed INTEGER NOT NULL DEFAULT 0,
        issued_at TEXT NOT NULL
    ) STRICT""",
    # Every ballot merged, by the SHA-256 of its signed document (the merge log).
    """CREATE TABLE ballot_merge (
        hash TEXT PRIMARY KEY,
        kit_id TEXT NOT NULL,
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        merged_at TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}'
    ) STRICT""",
    "CREATE INDEX ballot_merge_by_juror ON ballot_merge (juror_id, revision)",
    # Every Excel scoring sheet imported back, by the SHA-256 of its file.
    """CREATE TABLE sheet_import (
        hash TEXT PRIMARY KEY,
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        sheet_id TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}'
    ) STRICT""",
]


@migrations(name="0003_offline")
def _offline(db: Database) -> None:
    for statement in _OFFLINE:
        db.execute(statement)


@migrations(name="0004_campaign_contact")
def _campaign_contact(db: Database) -> None:
    # The programme's contact line for the applicants' feedback letters.
    db.execute("ALTER TABLE campaign ADD COLUMN contact TEXT NOT NULL DEFAULT ''")


@migrations(name="0005_audit_without_hash_index")
def _audit_without_hash_index(db: Database) -> None:
    # The chain itself proves every hash (``check`` recomputes them all) and nothing looks an entry
    # up by its hash, so the UNIQUE index on it only cost every audited write one more page to
    # journal and sync.  SQLite cannot drop a column constraint: the table is rebuilt, its
    # append-only triggers with it.
    for trigger in ("audit_is_append_only_update", "audit_is_append_only_delete"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute(_audit_table("audit_rebuilt"))
    db.execute("INSERT INTO audit_rebuilt SELECT * FROM audit ORDER BY seq")
    db.execute("DROP TABLE audit")
    db.execute("ALTER TABLE audit_rebuilt RENAME TO audit")
    for statement in _AUDIT_TRIGGERS:
        db.execute(statement)


KIT_REFUSES_SETUP = "a juror kit takes its juror's scores only"
"""The text of the database's refusal when a kit is asked to change its set-up (see 0006)."""

_SET_UP_TABLES = (
    "criterion",
    "rubric_level",
    "dossier",
    "attachment",
    "conflict",
    "assignment",
    "decision",
)
_IN_A_KIT = "(SELECT kind FROM campaign WHERE id = 1) = 'juror_kit'"


def _kit_guard(name: str, event: str, table: str, when: str = _IN_A_KIT) -> str:
    return f"""CREATE TRIGGER {name} BEFORE {event} ON {table} WHEN {when}
       BEGIN SELECT RAISE(ABORT, '{KIT_REFUSES_SETUP.replace("'", "''")}'); END"""


def _kit_guards() -> list[str]:
    statements = [
        _kit_guard(f"kit_keeps_{table}_{event.lower()}", event, table)
        for table in _SET_UP_TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ]
    statements += [
        _kit_guard(f"kit_keeps_juror_{event.split()[0].lower()}", event, "juror")
        for event in ("INSERT", "DELETE", "UPDATE OF code, name, email, role, public_key")
    ]
    statements.append(
        _kit_guard("kit_keeps_campaign", "UPDATE", "campaign", "OLD.kind = 'juror_kit'")
    )
    return statements


@migrations(name="0006_kits_keep_their_set_up")
def _kits_keep_their_set_up(db: Database) -> None:
    # A juror kit holds one juror's work: conflicts, assignments, decisions, criteria, jurors and
    # dossiers are the secretary's, decided in the campaign file.  Every command path could be
    # guarded one by one; the database refuses instead, whatever asks (`conflict … --yes` once
    # deleted a kit's scores without its PIN).  A kit is made as a campaign, then turned into a
    # kit once its rows are written.
    for statement in _kit_guards():
        db.execute(statement)


@migrations(name="0007_campaign_stability")
def _campaign_stability(db: Database) -> None:
    # One stability setting per campaign (B resamples, seed): the Ranking page, the deliberation
    # and the minutes show the same p_top.  Older files get the figures the Ranking page used.
    db.execute(
        "ALTER TABLE campaign ADD COLUMN stability_resamples INTEGER NOT NULL DEFAULT 1000"
        " CHECK (stability_resamples >= 1)"
    )
    db.execute(
        "ALTER TABLE campaign ADD COLUMN stability_seed INTEGER NOT NULL DEFAULT 0"
        " CHECK (stability_seed >= 0)"
    )


_EXPERTISE_TABLES = (
    """CREATE TABLE juror_tag (
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        tag TEXT NOT NULL CHECK (tag <> ''),
        PRIMARY KEY (juror_id, tag)
    ) STRICT""",
    """CREATE TABLE dossier_tag (
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        tag TEXT NOT NULL CHECK (tag <> ''),
        PRIMARY KEY (dossier_id, tag)
    ) STRICT""",
    """CREATE TABLE bid (
        juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        level TEXT NOT NULL CHECK (level IN ('eager', 'willing', 'not')),
        PRIMARY KEY (juror_id, dossier_id)
    ) STRICT""",
    """CREATE TABLE juror_load_limit (
        juror_id INTEGER PRIMARY KEY REFERENCES juror(id) ON DELETE CASCADE,
        max_load INTEGER NOT NULL CHECK (max_load >= 0)
    ) STRICT""",
)


@migrations(name="0008_deciding_under_uncertainty")
def _deciding_under_uncertainty(db: Database) -> None:
    # Design §12: whether the committee's rules allow an audited draw in the cut-off zone, and
    # what the assignment by expertise reads (tags, bids, each juror's maximum load).  They are
    # the secretary's set-up: a juror kit refuses them like the rest of its set-up (0006).
    db.execute("ALTER TABLE campaign ADD COLUMN allow_draw INTEGER NOT NULL DEFAULT 0")
    for statement in _EXPERTISE_TABLES:
        db.execute(statement)
    for table in ("juror_tag", "dossier_tag", "bid", "juror_load_limit"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(_kit_guard(f"kit_keeps_{table}_{event.lower()}", event, table))


@migrations(name="0009_state_digest")
def _state_digest(db: Database) -> None:
    # The database keeps a digest of every covered table (storage.state_digest): a row changed
    # behind the audit log's back is refused, or found by `check`.
    state_digest.install(db)


FEEDBACK_APPROVAL_TABLE = """CREATE TABLE feedback_approval (
        dossier_id INTEGER PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        approved_at TEXT NOT NULL,
        approved_by TEXT NOT NULL
    ) STRICT"""


@migrations(name="0010_feedback")
def _feedback(db: Database) -> None:
    # Design §11: a review's ``comment`` stays inside the committee; the new ``feedback`` is what
    # the juror writes for the applicant, and reaches a letter only once the secretary approved the
    # dossier's text (``feedback_approval``).  Every existing comment stays a private comment:
    # nothing that was private becomes public, so older reviews start with no feedback.
    db.execute("ALTER TABLE review ADD COLUMN feedback TEXT NOT NULL DEFAULT ''")
    db.execute(FEEDBACK_APPROVAL_TABLE)
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            _kit_guard(f"kit_keeps_feedback_approval_{event.lower()}", event, "feedback_approval")
        )
    state_digest.install(db)


ROUND_IS_CLOSED = "the round is closed"
"""The text of the database's refusal to change anything of a closed round (see 0011)."""

_ROUND_TABLES = (
    """CREATE TABLE round (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'dossier' CHECK (kind IN ('dossier', 'hearing')),
        position INTEGER NOT NULL,
        places INTEGER CHECK (places >= 1),
        method TEXT,
        weight REAL CHECK (weight > 0),
        date TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        closed_at TEXT NOT NULL DEFAULT ''
    ) STRICT""",
    # The roster of every round after the first (the first takes every dossier), written when
    # the previous round closes.
    """CREATE TABLE round_dossier (
        round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        PRIMARY KEY (round_id, dossier_id)
    ) STRICT, WITHOUT ROWID""",
)

# The tables that gain a round, rebuilt with it in their key: (new table, columns copied).  Their
# ``round_id`` defaults to 1, the first round (always id 1): SQL written before rounds — another
# tool's, a benchmark's bare-SQL baseline — still writes a one-round campaign's rows.
_ROUND_REBUILDS = {
    "criterion": (
        """CREATE TABLE criterion (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL DEFAULT 1 REFERENCES round(id),
            code TEXT NOT NULL,
            position INTEGER NOT NULL,
            label TEXT NOT NULL,
            weight REAL NOT NULL CHECK (weight > 0),
            scale_min REAL NOT NULL,
            scale_max REAL NOT NULL,
            step REAL NOT NULL CHECK (step >= 0),
            threshold REAL,
            grp TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            UNIQUE (round_id, code),
            CHECK (scale_max > scale_min)
        ) STRICT""",
        "id, code, position, label, weight, scale_min, scale_max, step, threshold, grp,"
        " description",
    ),
    "assignment": (
        """CREATE TABLE assignment (
            round_id INTEGER NOT NULL DEFAULT 1 REFERENCES round(id),
            juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
            dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
            PRIMARY KEY (round_id, juror_id, dossier_id)
        ) STRICT""",
        "juror_id, dossier_id",
    ),
    # Clustered by round, then juror: the ranking of a round scans its reviews in one range.
    "review": (
        """CREATE TABLE review (
            round_id INTEGER NOT NULL DEFAULT 1 REFERENCES round(id),
            juror_id INTEGER NOT NULL REFERENCES juror(id) ON DELETE CASCADE,
            dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
            comment TEXT NOT NULL DEFAULT '',
            confidence INTEGER CHECK (confidence BETWEEN 1 AND 5),
            revision INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL DEFAULT '',
            scored INTEGER NOT NULL DEFAULT 0,
            feedback TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (round_id, juror_id, dossier_id)
        ) STRICT, WITHOUT ROWID""",
        "juror_id, dossier_id, status, comment, confidence, revision, updated_at, scored, feedback",
    ),
    "decision": (
        """CREATE TABLE decision (
            round_id INTEGER NOT NULL DEFAULT 1 REFERENCES round(id),
            dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL
                CHECK (outcome IN ('selected', 'waiting_list', 'rejected', 'deferred')),
            rationale TEXT NOT NULL DEFAULT '',
            votes_for INTEGER,
            votes_against INTEGER,
            votes_abstain INTEGER,
            decided_at TEXT NOT NULL DEFAULT '',
            decided_by TEXT NOT NULL DEFAULT '',
            recused TEXT,
            PRIMARY KEY (round_id, dossier_id)
        ) STRICT""",
        "dossier_id, outcome, rationale, votes_for, votes_against, votes_abstain, decided_at,"
        " decided_by, recused",
    ),
}

_ROUND_OF_SCORE = "(SELECT round_id FROM criterion WHERE id = {row}.criterion_id)"

# A score counts in the review of its criterion's round (a criterion belongs to one round).
_ROUND_SCORE_TRIGGERS = (
    # The review is inserted only when missing: an INSERT OR IGNORE would run the review's
    # closed-round guard for every score (a merge writes its reviews first).
    f"""CREATE TRIGGER score_counted_in_review AFTER INSERT ON score
       BEGIN
         INSERT INTO review (round_id, juror_id, dossier_id)
           SELECT c.round_id, NEW.juror_id, NEW.dossier_id FROM criterion AS c
            WHERE c.id = NEW.criterion_id
              AND NOT EXISTS (SELECT 1 FROM review AS r WHERE r.round_id = c.round_id
                              AND r.juror_id = NEW.juror_id AND r.dossier_id = NEW.dossier_id);
         UPDATE review SET scored = scored + 1
          WHERE round_id = {_ROUND_OF_SCORE.format(row="NEW")}
            AND juror_id = NEW.juror_id AND dossier_id = NEW.dossier_id;
       END""",
    f"""CREATE TRIGGER score_uncounted_in_review AFTER DELETE ON score
       BEGIN
         UPDATE review SET scored = scored - 1
          WHERE round_id = {_ROUND_OF_SCORE.format(row="OLD")}
            AND juror_id = OLD.juror_id AND dossier_id = OLD.dossier_id;
       END""",
    # A deleted criterion's scores go first, while the criterion still tells their round (the
    # cascade of the foreign key would delete them after it, uncounted).
    """CREATE TRIGGER criterion_takes_its_scores BEFORE DELETE ON criterion
       BEGIN DELETE FROM score WHERE criterion_id = OLD.id; END""",
)


# A review's ``scored`` is the count of its scores, kept by the triggers above: the scores' own
# guard covers it, and the review's guard leaves it out (it would run for every score written).
_REVIEW_UPDATED = (
    "UPDATE OF round_id, juror_id, dossier_id, status, comment, confidence, revision, updated_at,"
    " feedback"
)


def _closed_round_guard(table: str, event: str, round_of: str) -> str:
    """A trigger refusing ``event`` on ``table`` when ``round_of`` (an SQL expression giving the
    row's round id) names a closed round."""
    name = f"closed_round_keeps_{table}_{event.lower()}"
    if table == "review" and event == "UPDATE":
        event = _REVIEW_UPDATED
    return f"""CREATE TRIGGER {name} BEFORE {event} ON {table}
       WHEN (SELECT status FROM round WHERE id = {round_of}) = 'closed'
       BEGIN SELECT RAISE(ABORT, '{ROUND_IS_CLOSED}'); END"""


def _closed_round_guards() -> list[str]:
    """A closed round's criteria, rubric, assignments, reviews, scores and decisions are
    read-only, whatever path the write takes (reopen the round first)."""
    round_of = {
        "criterion": "{row}.round_id",
        "assignment": "{row}.round_id",
        "review": "{row}.round_id",
        "decision": "{row}.round_id",
        "score": _ROUND_OF_SCORE,
        "rubric_level": "(SELECT round_id FROM criterion WHERE id = {row}.criterion_id)",
    }
    statements = []
    for table, expression in round_of.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            statements.append(_closed_round_guard(table, event, expression.format(row=row)))
    return statements


def _rebuild_with_round(db: Database, table: str) -> None:
    # New table first, then the old one dropped and the new renamed: renaming the old table
    # instead would make SQLite rewrite the other tables' references to follow it.
    create, columns = _ROUND_REBUILDS[table]
    db.execute(create.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}_with_rounds (", 1))
    db.execute(
        f"INSERT INTO {table}_with_rounds (round_id, {columns}) SELECT 1, {columns} FROM {table}"
    )
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_with_rounds RENAME TO {table}")


# The first round's uid derives from the campaign's: a juror kit made before rounds (a copy of
# its campaign's uid) migrated on its own names the same round as its campaign file, so that its
# ballots still merge.  Later rounds get a random uid.
_FIRST_ROUND = """INSERT INTO round (id, uid, code, name, position)
    SELECT 1, coalesce({uid} || '/R1', lower(hex(randomblob(16)))), 'R1', {name}, 1"""


@migrations(name="0011_rounds", transactional=False)
def _rounds(db: Database) -> None:
    # Design §10.  A campaign made before rounds is one round, R1, named after the campaign, that
    # holds every criterion, assignment, review and decision.  Criteria, assignments, reviews and
    # decisions are rebuilt with their round in their key (criterion codes are unique per round:
    # a hearing round starts from the dossier round's criteria, same codes); scores keep theirs
    # (a criterion belongs to one round).  Rebuilding a table others reference needs foreign keys
    # off (a DROP would cascade into rubric levels and scores), and that pragma is a no-op inside
    # a transaction: this step opens its own, and is idempotent (a crash between its COMMIT and
    # the record of the step leaves a round table, and the step is not redone).
    if db["round"].exists():
        return
    foreign_keys = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            _add_rounds(db)
    finally:
        db.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")


def _add_rounds(db: Database) -> None:
    for statement in _ROUND_TABLES:
        db.execute(statement)
    db.execute(
        _FIRST_ROUND.format(
            uid="(SELECT uid FROM campaign WHERE id = 1)",
            name="coalesce((SELECT name FROM campaign WHERE id = 1), 'R1')",
        )
        + " WHERE EXISTS (SELECT 1 FROM campaign)"
        " OR EXISTS (SELECT 1 FROM criterion) OR EXISTS (SELECT 1 FROM review)"
    )
    # A new campaign starts with its first round, named after it.
    db.execute(
        """CREATE TRIGGER campaign_starts_with_a_round AFTER INSERT ON campaign
           WHEN NOT EXISTS (SELECT 1 FROM round)
           BEGIN """
        + _FIRST_ROUND.format(uid="NEW.uid", name="NEW.name")
        + "; END"
    )
    for trigger in ("score_counted_in_review", "score_uncounted_in_review"):
        db.execute(f"DROP TRIGGER {trigger}")
    for table in _ROUND_REBUILDS:
        _rebuild_with_round(db, table)
    for table in ("criterion", "assignment", "decision", "round", "round_dossier"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(_kit_guard(f"kit_keeps_{table}_{event.lower()}", event, table))
    db.execute("CREATE INDEX criterion_by_round ON criterion (round_id, position)")
    for statement in (*_ROUND_SCORE_TRIGGERS, *_closed_round_guards()):
        db.execute(statement)
    # Row ids were copied as they were: only what references the rebuilt tables is checked.
    for table in (*_ROUND_REBUILDS, "rubric_level"):
        broken = db.execute(f"PRAGMA foreign_key_check({table})").fetchall()
        if broken:
            raise sqlite3.IntegrityError(f"foreign keys broken by the rounds migration: {broken}")
    # The scores and every other table keep their rows and columns, hence their digest.
    state_digest.install(db, changed=(*_ROUND_REBUILDS, "round", "round_dossier"))


# From 0012 the audit log refuses every edit but a redaction (storage.audit): the payload set to
# NULL, every other column as it was, ``redacted_by`` set once to a later entry's seq.
_AUDIT_REDACTION_TRIGGERS = [
    """CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
       WHEN NOT coalesce((NEW.before IS NULL AND NEW.after IS NULL
                 AND OLD.redacted_by IS NULL AND NEW.redacted_by > OLD.seq
                 AND EXISTS (SELECT 1 FROM audit WHERE seq = NEW.redacted_by)
                 AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor
                 AND NEW.action = OLD.action AND NEW.entity = OLD.entity
                 AND NEW.previous_hash = OLD.previous_hash AND NEW.hash = OLD.hash
                 AND NEW.payload_hash = OLD.payload_hash
                 AND NEW.legacy_hash IS OLD.legacy_hash), 0)
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    _AUDIT_TRIGGERS[1],
]


@migrations(name="0012_erasure")
def _erasure(db: Database) -> None:
    # Design §11: entries chain over a hash of their payload, so that an erased applicant's data
    # can be redacted from the log while the chain still verifies.  The chain of an older file is
    # re-based to that rule, its old hashes kept (storage.audit explains how old anchors are still
    # followed).  A trigger someone dropped does not stop the upgrade: ``check`` reports the
    # entries altered meanwhile (their old hashes are verified).
    for trigger in ("audit_is_append_only_update", "audit_is_append_only_delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("ALTER TABLE audit ADD COLUMN payload_hash TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE audit ADD COLUMN legacy_hash TEXT")
    db.execute("ALTER TABLE audit ADD COLUMN redacted_by INTEGER")
    audit.rebase(db, actor="selection-desk")
    for statement in _AUDIT_REDACTION_TRIGGERS:
        db.execute(statement)


HEARING_TABLES = (
    # One plan per round (rounds arrive with 0011: until then the only round is 1, hence no
    # foreign key).  Times are "HH:MM"; the breaks a JSON list of {after, minutes, label}.
    """CREATE TABLE hearing_plan (
        round_id INTEGER NOT NULL DEFAULT 1 PRIMARY KEY,
        start TEXT NOT NULL,
        pitch_minutes INTEGER NOT NULL CHECK (pitch_minutes >= 1),
        question_minutes INTEGER NOT NULL CHECK (question_minutes >= 0),
        changeover_minutes INTEGER NOT NULL DEFAULT 0 CHECK (changeover_minutes >= 0),
        breaks TEXT NOT NULL DEFAULT '[]',
        end_time TEXT,
        day TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        bring TEXT NOT NULL DEFAULT ''
    ) STRICT""",
    # The order of the day: one slot per team, by position.
    """CREATE TABLE hearing_slot (
        round_id INTEGER NOT NULL DEFAULT 1,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (round_id, dossier_id)
    ) STRICT""",
)


@migrations(name="0013_hearing")
def _hearing(db: Database) -> None:
    # Design §10: the pitch day's timetable and its order.  Set-up of the secretary's: a juror
    # kit refuses it (0006), and the state digest covers it (0009).
    for statement in HEARING_TABLES:
        db.execute(statement)
    for table in ("hearing_plan", "hearing_slot"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(_kit_guard(f"kit_keeps_{table}_{event.lower()}", event, table))
    state_digest.install(db)


DOSSIER_FIELD_TABLE = """CREATE TABLE dossier_field (
        name TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        type TEXT NOT NULL DEFAULT 'text',
        personal INTEGER CHECK (personal IN (0, 1))
    ) STRICT"""
FIELD_TYPES_SETTING_BEFORE_0014 = "dossier_import.field_types"
"""Where the fields' types were kept before 0014 (a JSON object in the setting table)."""


@migrations(name="0014_field_metadata")
def _field_metadata(db: Database) -> None:
    # Design §11, issue 19: what the campaign knows of each dossier field — its type (kept in a
    # setting until now, moved here) and whether it holds personal data, which erasure and the
    # pseudonymised exports read.  ``personal`` NULL: never decided (an older file, a campaign
    # workbook's fields); the services detect it from the header and values when asked.
    db.execute(DOSSIER_FIELD_TABLE)
    before = FIELD_TYPES_SETTING_BEFORE_0014
    row = db.execute("SELECT value FROM setting WHERE key = ?", [before]).fetchone()
    types = json_object(row[0]) if row else {}
    db.conn.executemany(
        "INSERT INTO dossier_field (name, position, type) VALUES (?, ?, ?)",
        [(str(name), position, str(kind)) for position, (name, kind) in enumerate(types.items())],
    )
    db.execute("DELETE FROM setting WHERE key = ?", [before])
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(_kit_guard(f"kit_keeps_dossier_field_{event.lower()}", event, "dossier_field"))
    state_digest.install(db)


def json_object(text: str) -> dict[str, object]:
    """``text`` read as a JSON object; empty when it is not one."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}
