"""A later call made from an earlier campaign: ``new FILE --like OLD`` (issue 17, item 7).

The earlier campaign is a real one: jurors with a PIN, kits issued, a ballot merged, decisions,
expertise tags, an import mapping, attendance.  What the new file holds is read back from it, and
the old file is compared byte for byte."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.domain import Outcome
from selection_desk.formats.column_mapping import ColumnMapping
from selection_desk.formats.file_digest import file_sha256
from selection_desk.services.campaign_settings import update_campaign
from selection_desk.services.decisions import record_attendance, record_decision
from selection_desk.services.expertise import set_dossier_tags, set_juror_profile
from selection_desk.services.jurors import set_juror_pin
from selection_desk.services.merge import MergeOutcome
from selection_desk.storage import dossier_import as import_settings
from selection_desk.storage import expertise as expertise_rows
from selection_desk.storage import setup as pin_rows
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.decisions import ATTENDANCE_SETTING
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.offline.flows import export, issue_kit, merge, score_in_kit
from tests.raw_sqlite import as_format_3

PIN = "4821"
MAPPING = json.dumps(ColumnMapping(ref="Numéro", name="Nom du projet").to_json())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def earlier(campaign: Path, tmp_path: Path) -> Path:
    """The offline campaign after its meeting: J2 has a PIN and sent a ballot, J3 has tags and a
    maximum load, a dossier has tags, two decisions and the attendance are recorded."""
    with CampaignStore.open(campaign) as store:
        set_juror_pin(store, "J2", PIN)
        set_juror_profile(store, "J3", tags=["fintech", "Santé"], max_load=12)
        set_dossier_tags(store, "D02", ["fintech"])
        update_campaign(store, replace(store.campaign(), meeting_date="2026-06-12"))
        with store.transaction():
            import_settings.write_setting(store, import_settings.MAPPING_SETTING, MAPPING)
    kit = issue_kit(campaign, "J2", tmp_path / "old-kit" / "kit-J2.seldesk")
    score_in_kit(kit, "J2", [("D02", "TEAM", 4.0), ("D02", "MARKET", 3.5)], final=["D02"])
    [merged] = merge(campaign, export(kit, tmp_path / "old-ballot.json", pin=PIN).path)
    assert merged.outcome is MergeOutcome.ACCEPTED
    with CampaignStore.open(campaign) as store:
        record_decision(store, "D02", Outcome.SELECTED, rationale="Équipe solide")
        record_attendance(store, ["J1", "J2", "J3"])
    return campaign


def test_new_like_copies_the_set_up_and_leaves_the_old_file_untouched(
    earlier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = file_sha256(earlier)
    with CampaignStore.open(earlier, readonly=True) as old:
        old_campaign, old_criteria, old_jurors = old.campaign(), old.criteria(), old.jurors()
        old_pins, old_head = pin_rows.pin_hashes(old), old.latest_audit_hash()
    new = tmp_path / "appel-2027.seldesk"
    code, out, err = run(capsys, "new", str(new), "--like", str(earlier), "--name", "Appel 2027")
    assert (code, err) == (0, "")
    assert f"Created {new} from {earlier}: 2 criteria, 3 jurors (1 with a PIN)." in out
    assert "No dossiers, scores or decisions were copied" in out
    assert file_sha256(earlier) == before
    with CampaignStore.open(new, readonly=True) as store:
        campaign = store.campaign()
        assert campaign.uid != old_campaign.uid and campaign.name == "Appel 2027"
        later = replace(old_campaign, uid=campaign.uid, name="Appel 2027", meeting_date="")
        assert campaign == later
        assert store.criteria() == old_criteria  # rubric levels included
        assert store.criteria()[0].levels
        assert store.jurors() == tuple(replace(j, public_key=None) for j in old_jurors)
        assert any(j.public_key for j in old_jurors)  # J2's kit key stays with the old campaign
        assert pin_rows.pin_hashes(store) == old_pins
        assert expertise_rows.juror_tags(store) == {"J3": ("fintech", "santé")}
        assert expertise_rows.load_limits(store) == {"J3": 12}
        assert import_settings.read_setting(store, import_settings.MAPPING_SETTING) == MAPPING
        assert import_settings.read_setting(store, ATTENDANCE_SETTING) is None
        data = store.campaign_data()
        assert (data.dossiers, data.conflicts, data.assignments) == ((), (), ())
        assert (data.scores, data.reviews, data.decisions) == ((), (), ())
        for table in ("kit_issue", "ballot_merge", "sheet_import", "dossier_tag", "bid", "blob"):
            assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        entries = store.audit_entries()
    assert entries[0].action == "create"
    assert json.loads(entries[0].after or "{}")["made_from"] == {
        "file": earlier.name,
        "uid": old_campaign.uid,
        "audit_head": old_head,
    }
    assert [e.action for e in entries] == ["create", "copy_set_up"]
    assert check_campaign_file(new).ok


def test_the_same_pin_opens_the_new_campaigns_kit_and_the_old_ballot_is_refused(
    earlier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "appel-2027.seldesk"
    assert run(capsys, "new", str(new), "--like", str(earlier))[0] == 0
    applications = tmp_path / "candidatures-2027.csv"  # this call's export of the same form
    applications.write_text("Numéro;Nom du projet;Ville\nN01;Nouvelle pousse;Lyon\n", "utf-8")
    code, out, _ = run(capsys, "import", str(new), str(applications), "--json")
    assert code == 0
    assert json.loads(out)["mapping"]["origin"] == "saved"  # the earlier call's mapping
    [refused] = merge(new, tmp_path / "old-ballot.json")  # J2's ballot of the earlier call
    assert refused.outcome is MergeOutcome.REFUSED
    assert refused.reason is not None and refused.reason.code == "ballot_other_campaign"
    kit = issue_kit(new, "J2", tmp_path / "new-kit" / "kit-J2.seldesk")
    score_in_kit(kit, "J2", [("N01", "TEAM", 5.0), ("N01", "MARKET", 4.0)], final=["N01"])
    ballot = export(kit, tmp_path / "new-ballot.json", pin=PIN).path  # the PIN J2 already knows
    [accepted] = merge(new, ballot)
    assert accepted.outcome is MergeOutcome.ACCEPTED
    with CampaignStore.open(new, readonly=True) as store:
        assert {s.dossier for s in store.scores()} == {"N01"}
        assert store.campaign().name == "Appel test"  # the earlier campaign's name by default


def test_an_older_file_is_read_as_it_is_and_never_migrated(
    earlier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_format_3(earlier)
    before = file_sha256(earlier)
    new = tmp_path / "appel-2027.seldesk"
    assert run(capsys, "new", str(new), "--like", str(earlier), "--name", "Appel 2027")[0] == 0
    assert file_sha256(earlier) == before
    with CampaignStore.open(new, readonly=True) as store:
        assert [j.code for j in store.jurors()] == ["J1", "J2", "J3"]
        assert pin_rows.pin_hashes(store).keys() == {"J2"}


def test_a_kit_is_no_campaign_to_start_from(
    earlier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = issue_kit(earlier, "J3", tmp_path / "kit-J3.seldesk")
    new = tmp_path / "appel-2027.seldesk"
    code, _, err = run(capsys, "new", str(new), "--like", str(kit))
    assert code == 1
    assert f"{kit} is a juror kit: start the new campaign from the secretary's" in err
    assert not new.exists()


def test_usage_errors(earlier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "appel-2027.seldesk"
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "new", str(new)])
    assert exited.value.code == 2
    assert "--name" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "new", str(new), "--like", str(earlier), "--template", "startup"])
    assert exited.value.code == 2
    assert not new.exists()
    code, _, err = run(capsys, "new", str(earlier), "--like", str(earlier))
    assert code == 1 and err  # never over the earlier file


def test_a_campaign_in_rounds_gives_its_rounds_and_each_rounds_criteria(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selection_desk.domain import Round, RoundKind
    from selection_desk.services.rounds import add_round, close_round, edit_round

    old = make_campaign_file(tmp_path / "old.seldesk", make_campaign_data(dossiers=6, jurors=3))
    with CampaignStore.open(old) as store:
        edit_round(store, "R1", name="Présélection", places=3)
        hearing = Round("R2", "Audition", kind=RoundKind.HEARING, places=1, weight=60)
        add_round(store, hearing, criteria_from="R1")
        store.use_round("R2")
        edited = [replace(c, label=f"{c.label} (on the day)") for c in store.criteria()]
        store.write_criteria(edited, {c.code: i for i, c in enumerate(edited)})  # R2's own grid
        second_round = [(c.code, c.label) for c in store.criteria()]
        store.use_round("R1")
        first_round = [(c.code, c.label) for c in store.criteria()]
        close_round(store)  # the old campaign now shows R2: R1's grid must still come first
    new = tmp_path / "new.seldesk"
    assert main(["--lang", "en", "new", str(new), "--like", str(old)]) == 0
    capsys.readouterr()
    with CampaignStore.open(new, readonly=True) as store:
        rounds = store.rounds()
        assert [(r.code, r.name, r.kind, r.places, r.closed) for r in rounds] == [
            ("R1", "Présélection", RoundKind.DOSSIER, 3, False),
            ("R2", "Audition", RoundKind.HEARING, 1, False),
        ]
        assert rounds[1].weight == 60
        assert [(c.code, c.label) for c in store.criteria()] == first_round  # the open round
        store.use_round("R2")
        assert [(c.code, c.label) for c in store.criteria()] == second_round != first_round
        assert store.dossiers() == ()
    assert check_campaign_file(new).rule_violations == ()


def test_the_pitch_days_plan_comes_along_without_its_date_and_teams(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hearing round's plan (start, minutes, breaks, end, place, what to bring) is copied
    onto the new hearing round; its date and its order of the day are the earlier call's."""
    from selection_desk.domain import Round, RoundKind
    from selection_desk.domain.hearing import HearingBreak, HearingPlan
    from selection_desk.services.hearing import (
        hearing_plan,
        hearing_timetable,
        order_of_the_day,
        plan_hearing,
    )
    from selection_desk.services.rounds import add_round, close_round

    plan = HearingPlan(
        start=9 * 60 + 30,
        pitch_minutes=8,
        question_minutes=12,
        changeover_minutes=5,
        breaks=(HearingBreak(1, 45, "Déjeuner"),),
        end=17 * 60,
        day="2026-09-18",
        place="Salle des Dragons",
        bring="Un ordinateur, un adaptateur HDMI",
    )
    old = make_campaign_file(tmp_path / "old.seldesk", make_campaign_data(dossiers=6, jurors=3))
    with CampaignStore.open(old) as store:
        add_round(store, Round("R2", "Audition", kind=RoundKind.HEARING, places=1))
        close_round(store, "R1")
        store.use_round("R2")
        teams = order_of_the_day(store)
        plan_hearing(store, plan, teams[::-1])
        assert order_of_the_day(store) == teams[::-1] and len(teams) == 2
    new = tmp_path / "new.seldesk"
    code, out, err = run(capsys, "new", str(new), "--like", str(old))
    assert (code, err) == (0, "")
    assert "The pitch day's plan was copied, without its date and its teams." in out
    with CampaignStore.open(new, readonly=True) as store:
        assert hearing_plan(store) is None  # R1 had no pitch day
        store.use_round("R2")
        assert hearing_plan(store) == replace(plan, day="")
        assert order_of_the_day(store) == ()
        day = hearing_timetable(store)
        assert day is not None and day.slots == () and day.pauses == ()
        assert [e.action for e in store.audit_entries()][-1] == "plan_hearing"
    assert check_campaign_file(new).ok


def test_the_service_copies_a_one_round_campaigns_pitch_day_and_says_how_many(
    tmp_path: Path,
) -> None:
    from selection_desk.domain.hearing import HearingPlan
    from selection_desk.services.campaign_like import new_campaign_like
    from selection_desk.services.hearing import hearing_plan, plan_hearing

    old = make_campaign_file(tmp_path / "old.seldesk", make_campaign_data())
    plan = HearingPlan(start=14 * 60, pitch_minutes=5, question_minutes=5, day="2026-06-12")
    made = new_campaign_like(tmp_path / "plain.seldesk", old)
    with made.store:
        assert made.hearing_plans == 0 and hearing_plan(made.store) is None
    with CampaignStore.open(old) as store:
        plan_hearing(store, plan)
    made = new_campaign_like(tmp_path / "with-plan.seldesk", old)
    with made.store as store:
        assert made.hearing_plans == 1
        assert hearing_plan(store) == replace(plan, day="")
        assert len(store.rounds()) == 1  # still a campaign in one round
