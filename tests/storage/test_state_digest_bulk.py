"""The state digest's bulk path: rows written without a trigger call each, folded in bulk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from selection_desk.storage import state_digest
from selection_desk.storage.campaign_file import CACHE_KIB, READING_CACHE_KIB
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file

_EDIT = "UPDATE score SET value = value + 1 WHERE juror_id = ?"
_DELETE_SOME = "DELETE FROM score WHERE juror_id = ? AND criterion_id % 2 = 0"


def _digest_triggers(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE name LIKE 'digest_%' ORDER BY name"
        ).fetchall()


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    """A campaign file whose digest triggers must end as they were and ``check`` still pass."""
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    triggers = _digest_triggers(campaign)
    yield campaign
    assert _digest_triggers(campaign) == triggers
    assert check_campaign_file(campaign).ok


def _first_juror(store: CampaignStore) -> int:
    return int(store.db.execute("SELECT min(juror_id) FROM score").fetchone()[0])


def test_a_bulk_write_keeps_the_digest_and_the_triggers_exact(path: Path) -> None:
    with CampaignStore.open(path) as store:
        juror_id = _first_juror(store)
        before = state_digest.stored(store.db)
        with (
            store.transaction() as db,
            state_digest.bulk_write(db, ("score", "review"), "juror_id = ?", [juror_id]),
        ):
            assert not [name for name, _ in _digest_triggers_of(db) if "score" in name]
            db.execute(_EDIT, [juror_id])
            db.execute(_DELETE_SOME, [juror_id])
        assert state_digest.stored(store.db) == state_digest.recomputed(store.db)
        assert state_digest.stored(store.db)["score"] != before["score"]


def _digest_triggers_of(db: object) -> list[tuple[str, str]]:
    return db.execute(  # type: ignore[attr-defined, no-any-return]
        "SELECT name, sql FROM sqlite_master WHERE name LIKE 'digest_%'"
    ).fetchall()


def test_a_failed_bulk_write_rolls_back_rows_triggers_and_digest(path: Path) -> None:
    with CampaignStore.open(path) as store:
        juror_id = _first_juror(store)
        before = state_digest.stored(store.db)
        with (
            pytest.raises(RuntimeError, match="disk"),
            store.transaction() as db,
            state_digest.bulk_write(db, ("score",), "juror_id = ?", [juror_id]),
        ):
            db.execute(_EDIT, [juror_id])
            raise RuntimeError("disk gone")
        assert state_digest.stored(store.db) == before == state_digest.recomputed(store.db)


def test_rows_written_before_an_error_caught_inside_the_transaction_are_folded(path: Path) -> None:
    with CampaignStore.open(path) as store:
        juror_id = _first_juror(store)
        with (
            store.transaction() as db,
            pytest.raises(ValueError),
            state_digest.bulk_write(db, ("score",), "juror_id = ?", [juror_id]),
        ):
            db.execute(_EDIT, [juror_id])
            raise ValueError("a later row was refused")
        assert state_digest.stored(store.db) == state_digest.recomputed(store.db)


def test_a_bulk_write_outside_a_transaction_is_refused(path: Path) -> None:
    with (
        CampaignStore.open(path) as store,
        pytest.raises(RuntimeError, match="transaction"),
        state_digest.bulk_write(store.db, ("score",), "juror_id = ?", [1]),
    ):
        pass
    assert _digest_triggers(path)


def _score_rows(db: object, juror_id: int) -> list[tuple[object, ...]]:
    return db.execute(  # type: ignore[attr-defined, no-any-return]
        "SELECT juror_id, dossier_id, criterion_id, value, comment, revision FROM score"
        " WHERE juror_id = ? ORDER BY dossier_id, criterion_id",
        [juror_id],
    ).fetchall()


_SCORE_COLUMNS = ("juror_id", "dossier_id", "criterion_id", "value", "comment", "revision")
_UPSERT = (
    "INSERT INTO score (juror_id, dossier_id, criterion_id, value, comment, revision)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value,"
    " comment = excluded.comment, revision = excluded.revision"
)


def test_a_known_write_folds_the_rows_given_without_reading_them(path: Path) -> None:
    """One score changed, one deleted: the digest follows from the rows the caller gives."""
    with CampaignStore.open(path) as store:
        juror_id = _first_juror(store)
        with store.transaction() as db:
            first, second, *_ = _score_rows(db, juror_id)
            changed = (*first[:3], float(first[3]) + 1.0, "revu", int(first[5]) + 1)  # type: ignore[arg-type]
            change = state_digest.KnownRows(
                "score", _SCORE_COLUMNS, removed=[first, second], added=[changed]
            )
            with state_digest.known_write(db, [change]):
                assert not [name for name, _ in _digest_triggers_of(db) if "score" in name]
                db.execute(_UPSERT, changed)
                db.execute(
                    "DELETE FROM score WHERE juror_id = ? AND dossier_id = ? AND criterion_id = ?",
                    second[:3],
                )
        assert state_digest.stored(store.db) == state_digest.recomputed(store.db)


def test_a_known_write_that_fails_inside_the_transaction_refolds_the_table(path: Path) -> None:
    """What a failed block wrote is unknown: the table is folded whole, and the digest holds."""
    with CampaignStore.open(path) as store:
        juror_id = _first_juror(store)
        with store.transaction() as db, pytest.raises(ValueError):
            change = state_digest.KnownRows("score", _SCORE_COLUMNS, removed=[], added=[])
            with state_digest.known_write(db, [change]):
                db.execute(_EDIT, [juror_id])
                raise ValueError("a later row was refused")
        assert state_digest.stored(store.db) == state_digest.recomputed(store.db)


def test_a_known_write_outside_a_transaction_is_refused(path: Path) -> None:
    with (
        CampaignStore.open(path) as store,
        pytest.raises(RuntimeError, match="transaction"),
        state_digest.known_write(store.db, []),
    ):
        pass


def test_a_dossier_import_that_adds_and_updates_keeps_the_digest_exact(path: Path) -> None:
    from selection_desk.services.dossier_import import import_dossiers

    newer = path.parent / "newer.csv"
    newer.write_text(
        "ref;name;Secteur;Ville\nD02;Start-up 2 (renommée);SaaS;Lyon\nD05;Nouvelle;Santé;Nantes\n",
        encoding="utf-8",
    )
    with CampaignStore.open(path) as store:
        before = state_digest.stored(store.db)["dossier"]
        assert import_dossiers(store, newer, actor="secretary").written
        assert state_digest.stored(store.db) == state_digest.recomputed(store.db)
        assert state_digest.stored(store.db)["dossier"] != before


def test_a_writing_connection_keeps_dirty_pages_in_a_cache_large_enough(path: Path) -> None:
    """Spilling is off (nothing reaches the file before COMMIT); a cache at SQLite's default
    (2 MiB) made every page past it a vain search for one to recycle (a merge took twice as
    long), so the limit is raised far above a campaign's largest transaction while one runs —
    and only then: between transactions the pages read stay within a small cache (at 1 GiB at
    all times, opening a 130 MB campaign kept 280 MB of its pages), and a saved copy spills its
    own pages as it goes."""
    with CampaignStore.open(path) as store:
        assert store.db.execute("PRAGMA cache_spill").fetchone()[0] == 0
        assert store.db.execute("PRAGMA cache_size").fetchone()[0] == -READING_CACHE_KIB
        with store.transaction() as db:
            assert db.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
        assert store.db.execute("PRAGMA cache_size").fetchone()[0] == -READING_CACHE_KIB
        store.file.save_copy(path.with_name("copy.seldesk"))
        assert store.db.execute("PRAGMA cache_spill").fetchone()[0] == 0
        with pytest.raises(RuntimeError), store.transaction():
            raise RuntimeError("rolled back")
        assert store.db.execute("PRAGMA cache_size").fetchone()[0] == -READING_CACHE_KIB
        assert CACHE_KIB >= 1 << 20 > READING_CACHE_KIB
