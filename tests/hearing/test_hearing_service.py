"""The pitch day in the campaign file: plan, order, audit, digest, kit guard, migration 0013."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from selection_desk.domain.hearing import HearingBreak, HearingPlan, clock, parse_clock
from selection_desk.errors import InvalidInput, NotFound
from selection_desk.services import hearing
from selection_desk.storage import schema
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.raw_sqlite import (
    drop_digest_triggers,
    drop_triggers,
    raw_connection,
    undo_state_digest,
)

PLAN = HearingPlan(
    start=parse_clock("09:00"),
    pitch_minutes=10,
    question_minutes=8,
    changeover_minutes=2,
    breaks=(HearingBreak(2, 15, "Pause café"),),
    end=parse_clock("10:00"),
    day="2026-12-10",
    place="Salle du conseil",
    bring="Un ordinateur et un adaptateur HDMI",
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_campaign_file(tmp_path / "h.seldesk", make_campaign_data(dossiers=4))


def test_a_plan_is_saved_read_back_and_audited(path: Path) -> None:
    with CampaignStore.open(path) as store:
        assert hearing.hearing_timetable(store) is None
        day = hearing.plan_hearing(store, PLAN, ["D03", "D01"])
        assert hearing.plan_hearing(store, PLAN) == day  # saved again unchanged: no entry
    with CampaignStore.open(path, readonly=True) as store:
        assert hearing.hearing_plan(store) == PLAN
        read = hearing.hearing_timetable(store)
        entries = [e for e in store.audit_entries() if e.action == "plan_hearing"]
    assert read == day
    assert [s.dossier for s in day.slots] == ["D03", "D01", "D02", "D04"]
    assert [clock(s.start) for s in day.slots] == ["09:00", "09:20", "09:53", "10:13"]
    assert day.slots[1].conflicted == ("J1",)  # the factory's conflict: J1 with D01
    assert day.overrun == 31
    assert len(entries) == 1
    assert json.loads(entries[0].after or "{}")["order"] == ["D03", "D01", "D02", "D04"]
    assert check_campaign_file(path).rule_violations == ()


def test_reordering_is_audited_and_a_move_is_clamped(path: Path) -> None:
    with CampaignStore.open(path) as store:
        hearing.plan_hearing(store, PLAN)
        hearing.move_team(store, "D04", 0)
        day = hearing.move_team(store, "D01", 99)
        hearing.reorder_hearing(store, [s.dossier for s in day.slots])  # unchanged: no entry
        actions = [e.action for e in store.audit_entries()]
    assert [s.dossier for s in day.slots] == ["D04", "D02", "D03", "D01"]
    assert actions.count("reorder_hearing") == 2
    assert check_campaign_file(path).rule_violations == ()


def test_a_team_added_later_pitches_last_and_a_deleted_one_leaves_the_day(path: Path) -> None:
    from selection_desk.domain import Dossier

    with CampaignStore.open(path) as store:
        hearing.plan_hearing(store, PLAN, ["D04"])
        with store.transaction():
            store.write_dossiers([Dossier("D09", "Nouvelle")], {"D09": 9})
            store.db.execute("DELETE FROM dossier WHERE ref = 'D02'")
        assert hearing.order_of_the_day(store) == ("D04", "D01", "D03", "D09")


def test_a_wrong_order_or_plan_changes_nothing(path: Path) -> None:
    with CampaignStore.open(path) as store:
        with pytest.raises(InvalidInput):
            hearing.reorder_hearing(store, ["D01"])  # not planned yet
        hearing.plan_hearing(store, PLAN)
        with pytest.raises(NotFound):
            hearing.plan_hearing(store, PLAN, ["D77"])
        with pytest.raises(InvalidInput):
            hearing.reorder_hearing(store, ["D01", "D01"])
        bad = HearingPlan(0, 10, 10, breaks=(HearingBreak(4, 5),))
        with pytest.raises(InvalidInput):
            hearing.plan_hearing(store, bad)
        assert hearing.hearing_plan(store) == PLAN


def test_a_raw_edit_of_the_order_is_refused_by_the_digest(path: Path) -> None:
    import sqlite3

    with CampaignStore.open(path) as store:
        hearing.plan_hearing(store, PLAN)
    with (
        contextlib.closing(sqlite3.connect(path)) as raw,
        pytest.raises(sqlite3.OperationalError, match="no such function"),
    ):
        raw.execute("UPDATE hearing_slot SET position = 9 WHERE position = 0")


def _before_hearing(path: Path) -> None:
    """Turn a current file into one written before migration 0013 (no pitch day)."""
    with contextlib.closing(raw_connection(path)) as old:
        drop_digest_triggers(old)
        drop_triggers(old, "kit_keeps_hearing")
        old.executescript(
            f"""
            DROP TABLE hearing_plan;
            DROP TABLE hearing_slot;
            DELETE FROM _sqlite_migrations WHERE name = '0013_hearing';
            PRAGMA user_version = {schema.schema_version() - 1};
            """
        )
        undo_state_digest(old)
        old.execute("PRAGMA user_version = 8")
        old.commit()


def test_migration_13_gives_an_older_campaign_an_empty_pitch_day(path: Path) -> None:
    _before_hearing(path)
    with CampaignStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        assert hearing.hearing_timetable(store) is None
        hearing.plan_hearing(store, PLAN)
    report = check_campaign_file(path)
    assert report.rule_violations == () and report.audit_breaks == ()


def test_a_juror_kit_holds_no_pitch_day_and_refuses_one(path: Path, tmp_path: Path) -> None:
    from selection_desk.services.kits import make_kit, open_kit

    with CampaignStore.open(path) as store:
        hearing.plan_hearing(store, PLAN)
        make_kit(store, "J2", tmp_path / "j2.seldesk")
    with open_kit(tmp_path / "j2.seldesk") as kit:
        assert hearing.hearing_timetable(kit) is None
        with pytest.raises(InvalidInput) as caught:
            hearing.plan_hearing(kit, PLAN)
    assert caught.value.code == "kit_set_up_is_the_secretarys"
