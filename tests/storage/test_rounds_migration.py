"""Migration ``0011_rounds``: a campaign made before rounds is one round, R1, named after the
campaign, holding every criterion, rubric level, assignment, review, score and decision — tested on
a file of every earlier format version, built by applying the migrations up to it."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from selection_desk.domain import Assignment, Outcome, ReviewStatus, RoundStatus
from selection_desk.storage import schema, state_digest
from selection_desk.storage.backups import backups_dir
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.raw_sqlite import raw_connection

_NAMES = [migration.name for migration in schema.migrations._migrations]
_ROUNDS = _NAMES.index("0011_rounds")

# Rows every format version holds (the tables and columns of 0001), written with plain SQL.
_ROWS = """
INSERT INTO campaign (id, uid, name, places) VALUES (1, 'uid-old', 'Appel 2024', 2);
INSERT INTO criterion (id, code, position, label, weight, scale_min, scale_max, step)
    VALUES (1, 'TEAM', 0, 'Équipe', 2, 0, 5, 1), (2, 'MARKET', 1, 'Marché', 1, 0, 5, 1);
INSERT INTO rubric_level (criterion_id, value, label) VALUES (1, 0, 'Absent'), (1, 5, 'Top');
INSERT INTO dossier (id, ref, name, position) VALUES (1, 'D1', 'Un', 0), (2, 'D2', 'Deux', 1),
    (3, 'D3', 'Trois', 2);
INSERT INTO juror (id, code, name) VALUES (1, 'J1', 'Juré 1'), (2, 'J2', 'Juré 2');
INSERT INTO conflict (juror_id, dossier_id) VALUES (2, 3);
INSERT INTO assignment (juror_id, dossier_id) VALUES (1, 1), (1, 2), (1, 3), (2, 1), (2, 2);
INSERT INTO score (juror_id, dossier_id, criterion_id, value) VALUES
    (1, 1, 1, 5), (1, 1, 2, 4), (1, 2, 1, 3), (1, 2, 2, 2), (1, 3, 1, 1), (1, 3, 2, 1),
    (2, 1, 1, 4), (2, 1, 2, 4), (2, 2, 1, 2);
UPDATE review SET status = 'final' WHERE NOT (juror_id = 2 AND dossier_id = 2);
INSERT INTO decision (dossier_id, outcome, rationale) VALUES (1, 'selected', 'le meilleur');
"""


def _file_of_version(path: Path, version: int) -> Path:
    """A campaign file as Selection Desk wrote it at format ``version``, with :data:`_ROWS`."""
    with contextlib.closing(raw_connection(path, isolation_level=None)) as connection:
        db = Database(connection, execute_plugins=False)
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        schema.migrations.apply(db, stop_before=_NAMES[version])
        db.execute(f"PRAGMA user_version = {version}")
        db.execute("BEGIN")
        for statement in filter(str.strip, _ROWS.split(";")):
            connection.execute(statement)
        state_digest.flush(db)
        db.execute("COMMIT")
    return path


@pytest.mark.parametrize("version", range(1, _ROUNDS + 1))
def test_a_campaign_of_every_earlier_version_becomes_one_round(
    tmp_path: Path, version: int
) -> None:
    path = _file_of_version(tmp_path / f"v{version}.seldesk", version)
    with CampaignStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        (only,) = store.rounds()
        assert (only.code, only.name, only.status) == ("R1", "Appel 2024", RoundStatus.OPEN)
        assert store.round == only and only.uid == "uid-old/R1"
        assert [c.code for c in store.criteria()] == ["TEAM", "MARKET"]
        assert [level.label for level in store.criteria()[0].levels] == ["Absent", "Top"]
        assert [d.ref for d in store.dossiers()] == ["D1", "D2", "D3"]
        assert store.assignments()[-1] == Assignment("J2", "D2")
        assert len(store.assignments()) == 5
        assert len(store.scores()) == 9
        reviews = {(r.juror, r.dossier): r for r in store.reviews()}
        assert reviews[("J2", "D2")].status is ReviewStatus.DRAFT
        assert sum(r.status is ReviewStatus.FINAL for r in reviews.values()) == 4
        scored = dict(
            store.db.execute("SELECT juror_id || '-' || dossier_id, scored FROM review").fetchall()
        )
        assert scored == {"1-1": 2, "1-2": 2, "1-3": 2, "2-1": 2, "2-2": 1}
        (decision,) = store.decisions()
        assert (decision.dossier, decision.outcome) == ("D1", Outcome.SELECTED)
        ranking_refs = [ref for ref, _name in store.ranking_input().dossiers]
        assert ranking_refs == ["D1", "D2", "D3"]
        # the rubric and the scores are still tied to their criteria (no cascade on rebuild)
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    (backup,) = backups_dir().glob("v*-before-upgrade.seldesk")
    with contextlib.closing(sqlite3.connect(backup)) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == version
    report = check_campaign_file(path)
    assert report.rule_violations == ()


def test_the_rounds_migration_is_not_redone_after_a_crash_before_its_record(
    tmp_path: Path,
) -> None:
    """The step commits on its own (foreign keys must be off to rebuild the criteria): a crash
    before its record is written leaves a round table, and the step is then skipped."""
    path = _file_of_version(tmp_path / "c.seldesk", _ROUNDS)
    with CampaignStore.open(path) as store:
        pass
    with contextlib.closing(raw_connection(path)) as connection:
        connection.execute("DELETE FROM _sqlite_migrations WHERE name = '0011_rounds'")
        connection.execute(f"PRAGMA user_version = {_ROUNDS}")
        connection.commit()
    with CampaignStore.open(path) as store:
        assert [r.code for r in store.rounds()] == ["R1"]
        assert len(store.scores()) == 9
