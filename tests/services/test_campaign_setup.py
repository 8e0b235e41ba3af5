"""The set-up use cases on real campaign files: each change is one audited transaction, bad input
changes nothing, changes that cost jurors work ask first and say exactly what, and every inverse
use case (undo) puts the file back."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selection_desk.aggregation.inputs import (
    STABILITY_RESAMPLES_OUT_OF_RANGE,
    STABILITY_SEED_OUT_OF_RANGE,
)
from selection_desk.domain import (
    Campaign,
    Criterion,
    Juror,
    Method,
    ReviewStatus,
    Role,
    RubricLevel,
)
from selection_desk.domain.conflict_of_interest import CONFLICT_OF_INTEREST
from selection_desk.errors import InvalidInput, NotFound, ValidationFailed
from selection_desk.services.assignment_plan import balanced_assignment
from selection_desk.services.assignments import (
    PER_DOSSIER_RANGE,
    assign_balanced,
    assign_everyone,
    assignment_loads,
    current_assignments,
    plan_balanced_assignment,
    set_assignment,
    set_assignments,
)
from selection_desk.services.campaign_settings import (
    CAMPAIGN_NAME_EMPTY,
    DECIMALS_OUT_OF_RANGE,
    PLACES_TOO_FEW,
    SPREAD_NEGATIVE,
    UNKNOWN_LANGUAGE,
    UNKNOWN_TIE_BREAK,
    update_campaign,
)
from selection_desk.services.campaigns import new_campaign
from selection_desk.services.conflicts import declare_conflict, remove_conflict
from selection_desk.services.criteria import (
    CRITERION_CODE_SCORED,
    CRITERION_CODE_TAKEN,
    DUPLICATE_LEVEL,
    LABEL_EMPTY,
    LEVEL_LABEL_EMPTY,
    LEVEL_OUTSIDE_SCALE,
    SCALE_INVERTED,
    SOURCE_WITHOUT_CRITERIA,
    STEP_NOT_DIVIDING,
    STEP_NOT_POSITIVE,
    THRESHOLD_OUTSIDE_SCALE,
    WEIGHT_NOT_POSITIVE,
    add_criterion,
    criteria_from_campaign_file,
    criteria_from_template,
    delete_criterion,
    edit_criterion,
    move_criterion,
    reorder_criteria,
    replace_criteria,
    set_rubric_levels,
)
from selection_desk.services.jurors import (
    BAD_EMAIL,
    JUROR_CODE_FIXED,
    JUROR_CODE_TAKEN,
    JUROR_NAME_EMPTY,
    PIN_TOO_SHORT,
    add_juror,
    apply_juror_import,
    delete_juror,
    edit_juror,
    import_jurors,
    plan_juror_import,
    revert_juror_import,
    set_juror_pin,
    suggest_juror_code,
)
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.scoring import record_score
from selection_desk.services.setup_common import CODE_EMPTY, NOT_FINITE
from selection_desk.services.setup_impact import NeedsConfirmation
from selection_desk.storage.audit import verify_chain
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.setup import pin_hash, verify_pin
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


@pytest.fixture
def scored(tmp_path: Path) -> Path:
    """3 jurors × 4 dossiers × 2 criteria, every review final; J1 is conflicted with D01."""
    return make_campaign_file(tmp_path / "scored.seldesk")


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    """Same campaign, nothing scored yet."""
    return make_campaign_file(tmp_path / "blank.seldesk", make_campaign_data(scored=False))


def _open(path: Path) -> CampaignStore:
    return CampaignStore.open(path)


def _audit_count(path: Path) -> int:
    with CampaignStore.open(path, readonly=True) as store:
        return len(store.audit_entries())


def _last_audit(path: Path) -> tuple[str, str, dict[str, object] | None, dict[str, object] | None]:
    with CampaignStore.open(path, readonly=True) as store:
        entry = store.audit_entries()[-1]
    return (
        entry.action,
        entry.entity,
        json.loads(entry.before) if entry.before else None,
        json.loads(entry.after) if entry.after else None,
    )


def _consistent(path: Path) -> None:
    """Every review counts exactly its scores, the file and its audit chain are sound."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        wrong = connection.execute(
            "SELECT r.juror_id, r.dossier_id, r.scored, count(s.value) FROM review r"
            " LEFT JOIN score s USING (juror_id, dossier_id)"
            " GROUP BY r.juror_id, r.dossier_id HAVING r.scored != count(s.value)"
        ).fetchall()
        orphans = connection.execute(
            "SELECT count(*) FROM score s LEFT JOIN review r USING (juror_id, dossier_id)"
            " WHERE r.juror_id IS NULL"
        ).fetchone()[0]
    finally:
        connection.close()
    assert wrong == [] and orphans == 0
    report = check_campaign_file(path)
    assert report.ok, report


def _statuses(path: Path) -> Counter[ReviewStatus]:
    with CampaignStore.open(path, readonly=True) as store:
        return Counter(review.status for review in store.reviews())


# --- campaign properties ----------------------------------------------------------------------


def test_campaign_properties_are_saved_and_audited_field_by_field(blank: Path) -> None:
    with _open(blank) as store:
        before = store.campaign()
        change = update_campaign(
            store,
            replace(
                before,
                name="  Appel 2026 ",
                places=3,
                method=Method.TRIMMED,
                tie_break="TEAM",
                criterion_decimals=2,
                meeting_date="2026-03-12",
                meeting_place="Toulouse",
                uid="someone-else",
            ),
        )
    assert change.changed and change.before == before
    with CampaignStore.open(blank, readonly=True) as store:
        campaign = store.campaign()
    assert campaign.uid == before.uid  # never changes
    assert (campaign.name, campaign.places, campaign.method) == ("Appel 2026", 3, Method.TRIMMED)
    assert (campaign.tie_break, campaign.criterion_decimals) == ("TEAM", 2)
    assert (campaign.meeting_date, campaign.meeting_place) == ("2026-03-12", "Toulouse")
    action, entity, old, new = _last_audit(blank)
    assert (action, entity) == ("campaign.update", "campaign")
    assert old is not None and new is not None
    assert old["places"] == 2 and new["places"] == 3 and "programme" not in new
    with _open(blank) as store:
        undone = update_campaign(store, change.before)
        assert store.campaign() == before
    assert undone.after == before


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"name": "  "}, CAMPAIGN_NAME_EMPTY),
        ({"places": 0}, PLACES_TOO_FEW),
        ({"criterion_decimals": 7}, DECIMALS_OUT_OF_RANGE),
        ({"tie_break": "NOPE"}, UNKNOWN_TIE_BREAK),
        ({"spread_threshold": -1.0}, SPREAD_NEGATIVE),
        ({"spread_threshold": float("nan")}, NOT_FINITE),
        ({"language": "de"}, UNKNOWN_LANGUAGE),
        ({"stability_resamples": 99}, STABILITY_RESAMPLES_OUT_OF_RANGE),
        ({"stability_resamples": 100_001}, STABILITY_RESAMPLES_OUT_OF_RANGE),
        ({"stability_seed": -1}, STABILITY_SEED_OUT_OF_RANGE),
    ],
)
def test_bad_campaign_properties_change_nothing(
    blank: Path, changes: dict[str, object], code: str
) -> None:
    audit = _audit_count(blank)
    with _open(blank) as store:
        before = store.campaign()
        with pytest.raises(InvalidInput) as raised:
            update_campaign(store, replace(before, **changes))  # type: ignore[arg-type]
        assert store.campaign() == before
    assert raised.value.code == code
    assert _audit_count(blank) == audit


def test_an_unchanged_campaign_writes_nothing(blank: Path) -> None:
    audit = _audit_count(blank)
    with _open(blank) as store:
        change = update_campaign(store, store.campaign())
    assert not change.changed
    assert _audit_count(blank) == audit


# --- criteria ---------------------------------------------------------------------------------

IMPACT = Criterion(
    "IMPACT",
    "Impact",
    1.0,
    0,
    10,
    1,
    levels=(RubricLevel(0, "Nul"), RubricLevel(10, "Majeur", "Change le secteur")),
)


def test_a_criterion_is_added_where_asked_and_deleted_again(blank: Path) -> None:
    with _open(blank) as store:
        change = add_criterion(store, IMPACT, position=1)
        assert [c.code for c in store.criteria()] == ["TEAM", "IMPACT", "MARKET"]
        assert store.criteria()[1] == IMPACT
        assert change.impact.is_empty and change.position("IMPACT") == 1
        assert _last_audit(blank)[:2] == ("criterion.add", "criterion:IMPACT")
        delete_criterion(store, "IMPACT", restore=change)
        assert [c.code for c in store.criteria()] == ["TEAM", "MARKET"]
    _consistent(blank)


def test_adding_a_criterion_to_final_reviews_asks_then_sends_them_back_to_draft(
    scored: Path,
) -> None:
    audit = _audit_count(scored)
    with _open(scored) as store:
        with pytest.raises(NeedsConfirmation) as asked:
            add_criterion(store, IMPACT)
        assert len(store.criteria()) == 2
    assert _audit_count(scored) == audit
    impact = asked.value.impact
    assert len(impact.reopened_reviews) == 11 and not impact.removed_scores
    message = asked.value.message()
    assert "Adding criterion IMPACT" in message
    assert "11 final review(s) go back to draft" in message
    assert "juror J1: 0 score(s) removed, 3 review(s) back to draft" in message

    with _open(scored) as store:
        change = add_criterion(store, IMPACT, confirm=True)
        assert _statuses(scored) == {ReviewStatus.DRAFT: 11}
        assert rank_campaign(store).incomplete_reviews
        # Undo: the new criterion goes and the reviews are final again.
        delete_criterion(store, "IMPACT", restore=change)
    assert _statuses(scored) == {ReviewStatus.FINAL: 11}
    _consistent(scored)


def test_a_weight_or_label_change_keeps_every_score(scored: Path) -> None:
    with _open(scored) as store:
        team = store.criteria()[0]
        scores = store.scores()
        change = edit_criterion(store, "TEAM", replace(team, weight=3, label="L'équipe"))
        assert change.impact.is_empty
        assert store.scores() == scores
        assert store.criteria()[0].weight == 3
    assert _statuses(scored) == {ReviewStatus.FINAL: 11}


def test_a_new_scale_asks_first_then_removes_the_scores_and_undo_puts_them_back(
    scored: Path,
) -> None:
    with _open(scored) as store:
        team = store.criteria()[0]
        wider = replace(team, scale_max=10, step=1, threshold=None, levels=())
        before_scores = store.scores()
        with pytest.raises(NeedsConfirmation) as asked:
            edit_criterion(store, "TEAM", wider)
        assert store.criteria()[0] == team
        impact = asked.value.impact
        assert len(impact.removed_scores) == 11
        assert {s.criterion for s in impact.removed_scores} == {"TEAM"}
        assert len(impact.reopened_reviews) == 11
        assert "from 0 to 5" in asked.value.message() and "from 0 to 10" in asked.value.message()

        change = edit_criterion(store, "TEAM", wider, confirm=True)
        assert [s.criterion for s in store.scores()] == ["MARKET"] * 11
        assert _statuses(scored) == {ReviewStatus.DRAFT: 11}
        action, _entity, _old, new = _last_audit(scored)
        assert action == "criterion.edit"
        assert new is not None and len(new["impact"]["removed_scores"]) == 11  # type: ignore[index]
        _consistent(scored)

        # Undo: the old scale, the old scores, the reviews final again.
        edit_criterion(store, "TEAM", change.before[0], restore=change)
        assert store.criteria()[0] == team
        assert set(store.scores()) == set(before_scores)
    assert _statuses(scored) == {ReviewStatus.FINAL: 11}
    _consistent(scored)


def test_a_finer_step_keeps_the_scores_and_a_coarser_one_removes_only_those_off_step(
    tmp_path: Path,
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(scored=False))
    with _open(path) as store:
        for dossier, value in (("D02", 2.5), ("D03", 3.0)):
            record_score(store, "J2", dossier, "MARKET", value)
        market = store.criteria()[1]
        finer = edit_criterion(store, "MARKET", replace(market, step=0.25))
        assert finer.impact.is_empty and len(store.scores()) == 2
        with pytest.raises(NeedsConfirmation) as asked:
            edit_criterion(store, "MARKET", replace(market, step=1))
        assert [(s.dossier, s.value) for s in asked.value.impact.removed_scores] == [("D02", 2.5)]
        assert "With the step 1" in asked.value.message()
        edit_criterion(store, "MARKET", replace(market, step=1), confirm=True)
        assert [(s.dossier, s.value) for s in store.scores()] == [("D03", 3.0)]
    _consistent(path)


def test_deleting_a_scored_criterion_asks_keeps_reviews_final_and_undo_restores_it(
    scored: Path,
) -> None:
    with _open(scored) as store:
        update_campaign(store, replace(store.campaign(), tie_break="MARKET"))
        criteria = store.criteria()
        scores = store.scores()
        with pytest.raises(NeedsConfirmation) as asked:
            delete_criterion(store, "MARKET")
        assert asked.value.impact.removed_scores and not asked.value.impact.reopened_reviews
        assert "11 score(s) removed, given by 3 juror(s) on 4 dossier(s)" in asked.value.message()
        change = delete_criterion(store, "MARKET", confirm=True)
        assert change.tie_break_cleared == "MARKET"
        assert store.campaign().tie_break is None
        assert [c.code for c in store.criteria()] == ["TEAM"]
        ranking = rank_campaign(store)
        assert not ranking.incomplete_reviews  # still complete on the remaining criterion
        _consistent(scored)

        add_criterion(store, change.before[1], position=1, restore=change)
        assert store.criteria() == criteria
        assert set(store.scores()) == set(scores)
        assert store.campaign().tie_break == "MARKET"
    assert _statuses(scored) == {ReviewStatus.FINAL: 11}
    _consistent(scored)


def test_a_criterion_code_changes_only_while_unscored(blank: Path, scored: Path) -> None:
    with _open(blank) as store:
        update_campaign(store, replace(store.campaign(), tie_break="TEAM"))
        team = store.criteria()[0]
        edit_criterion(store, "TEAM", replace(team, code="EQUIPE"))
        assert [c.code for c in store.criteria()] == ["EQUIPE", "MARKET"]
        assert store.campaign().tie_break == "EQUIPE"
        with pytest.raises(InvalidInput) as taken:
            edit_criterion(store, "EQUIPE", replace(team, code="MARKET"))
    assert taken.value.code == CRITERION_CODE_TAKEN
    with _open(scored) as store, pytest.raises(InvalidInput) as fixed:
        edit_criterion(store, "TEAM", replace(store.criteria()[0], code="EQUIPE"))
    assert fixed.value.code == CRITERION_CODE_SCORED


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"code": " "}, CODE_EMPTY),
        ({"label": ""}, LABEL_EMPTY),
        ({"weight": 0}, WEIGHT_NOT_POSITIVE),
        ({"scale_min": 5, "scale_max": 5}, SCALE_INVERTED),
        ({"step": 0}, STEP_NOT_POSITIVE),
        ({"step": 0.3}, STEP_NOT_DIVIDING),
        ({"threshold": 7}, THRESHOLD_OUTSIDE_SCALE),
        ({"levels": (RubricLevel(6, "Trop"),)}, LEVEL_OUTSIDE_SCALE),
        ({"levels": (RubricLevel(1, "Un"), RubricLevel(1, "Encore"))}, DUPLICATE_LEVEL),
        ({"levels": (RubricLevel(1, " "),)}, LEVEL_LABEL_EMPTY),
        ({"weight": float("inf")}, NOT_FINITE),
    ],
)
def test_a_wrong_criterion_changes_nothing(
    blank: Path, changes: dict[str, object], code: str
) -> None:
    audit = _audit_count(blank)
    with _open(blank) as store:
        criteria = store.criteria()
        with pytest.raises(InvalidInput) as raised:
            edit_criterion(store, "TEAM", replace(criteria[0], **changes))  # type: ignore[arg-type]
        assert store.criteria() == criteria
    assert raised.value.code == code
    assert _audit_count(blank) == audit


def test_rubric_levels_are_saved_sorted_with_their_descriptors(scored: Path) -> None:
    levels = [RubricLevel(5, "Excellent", "Équipe complète"), RubricLevel(0, "Absent", "")]
    with _open(scored) as store:
        scores = store.scores()
        change = set_rubric_levels(store, "MARKET", [*levels, RubricLevel(2.5, "Moyen")])
        assert change.impact.is_empty and store.scores() == scores
    with CampaignStore.open(scored, readonly=True) as store:
        assert store.criteria()[1].levels == (
            RubricLevel(0, "Absent"),
            RubricLevel(2.5, "Moyen"),
            RubricLevel(5, "Excellent", "Équipe complète"),
        )


def test_criteria_are_reordered_and_a_wrong_order_is_refused(blank: Path) -> None:
    with _open(blank) as store:
        change = reorder_criteria(store, ["MARKET", "TEAM"])
        assert [c.code for c in store.criteria()] == ["MARKET", "TEAM"]
        assert _last_audit(blank)[3] == {"order": ["MARKET", "TEAM"]}
        move_criterion(store, "TEAM", 0)
        assert [c.code for c in store.criteria()] == ["TEAM", "MARKET"]
        reorder_criteria(store, [c.code for c in change.after])
        for wrong in (["TEAM"], ["TEAM", "TEAM"], ["TEAM", "MARKET", "X"]):
            with pytest.raises(InvalidInput):
                reorder_criteria(store, wrong)
        assert [c.code for c in store.criteria()] == ["MARKET", "TEAM"]
        with pytest.raises(NotFound):
            move_criterion(store, "NOPE", 0)


def test_criteria_from_a_template_and_from_another_campaign_file(
    blank: Path, tmp_path: Path
) -> None:
    template = criteria_from_template("impact")
    assert len(template) >= 3 and all(c.levels for c in template)
    with _open(blank) as store:
        change = replace_criteria(store, template, source="impact")
        assert store.criteria() == template
        assert _last_audit(blank)[:2] == ("criteria.replace", "criteria:impact")
        replace_criteria(store, change.before, source="undo", restore=change)
        assert [c.code for c in store.criteria()] == ["TEAM", "MARKET"]
    with new_campaign(tmp_path / "other.seldesk", "Autre", template="startup") as other:
        startup = other.criteria()
    copied = criteria_from_campaign_file(tmp_path / "other.seldesk")
    assert copied == startup
    with CampaignStore.create(tmp_path / "empty.seldesk", Campaign("", "Vide")):
        pass
    with pytest.raises(InvalidInput) as empty:
        criteria_from_campaign_file(tmp_path / "empty.seldesk")
    assert empty.value.code == SOURCE_WITHOUT_CRITERIA


def test_replacing_scored_criteria_asks_first(scored: Path) -> None:
    with _open(scored) as store, pytest.raises(NeedsConfirmation) as asked:
        replace_criteria(store, criteria_from_template("startup"), source="startup")
    assert len(asked.value.impact.removed_scores) == 22
    assert "Replacing the criteria by those of startup" in asked.value.message()


# --- jurors -----------------------------------------------------------------------------------


def test_a_juror_pin_is_stored_only_as_a_scrypt_hash(blank: Path) -> None:
    pin = "Tr3s-S3cret!"
    with _open(blank) as store:
        change = add_juror(store, Juror("J9", "Nadia", "nadia@example.org"), pin=pin)
        assert change.after_pin_hash is not None
        assert change.after_pin_hash.startswith("scrypt$")
        assert verify_pin(pin, change.after_pin_hash)
        assert not verify_pin("wrong", change.after_pin_hash)
        entry = store.audit_entries()[-1]
        assert pin not in (entry.after or "")
    assert pin.encode() not in blank.read_bytes()
    with _open(blank) as store:
        kept = edit_juror(store, "J9", Juror("J9", "Nadia B.", "nadia@example.org"))
        assert kept.after_pin_hash == change.after_pin_hash
        removed = set_juror_pin(store, "J9", None)
        assert removed.after_pin_hash is None
        # Undo puts the stored hash back, never needing the PIN.
        assert removed.before is not None
        edit_juror(store, "J9", removed.before, pin_hash=removed.before_pin_hash)
        assert verify_pin(pin, pin_hash(store, "J9"))
        with pytest.raises(InvalidInput) as short:
            set_juror_pin(store, "J9", "12")
    assert short.value.code == PIN_TOO_SHORT


@pytest.mark.parametrize(
    ("juror", "code"),
    [
        (Juror("", "Nom"), CODE_EMPTY),
        (Juror("J7", "  "), JUROR_NAME_EMPTY),
        (Juror("J7", "Nom", "pas-une-adresse"), BAD_EMAIL),
        (Juror("J1", "Doublon"), JUROR_CODE_TAKEN),
    ],
)
def test_a_wrong_juror_changes_nothing(blank: Path, juror: Juror, code: str) -> None:
    audit = _audit_count(blank)
    with _open(blank) as store, pytest.raises(InvalidInput) as raised:
        add_juror(store, juror)
    assert raised.value.code == code
    assert _audit_count(blank) == audit


def test_a_juror_code_changes_only_before_scoring(blank: Path, scored: Path) -> None:
    with _open(blank) as store:
        edit_juror(store, "J2", Juror("BM", "Bruno Martin", role=Role.OBSERVER))
        assert [j.code for j in store.jurors()] == ["J1", "BM", "J3"]
        assert store.jurors()[1].role is Role.OBSERVER
    with _open(scored) as store, pytest.raises(InvalidInput) as fixed:
        edit_juror(store, "J2", Juror("BM", "Bruno"))
    assert fixed.value.code == JUROR_CODE_FIXED


def test_deleting_a_juror_who_scored_asks_and_undo_brings_everything_back(scored: Path) -> None:
    with _open(scored) as store:
        add_juror(store, Juror("J4", "Nouveau"), pin="1234")
        data = store.campaign_data()
        with pytest.raises(NeedsConfirmation) as asked:
            delete_juror(store, "J1")
        assert len(asked.value.impact.removed_scores) == 6
        assert len(asked.value.impact.deleted_reviews) == 3
        change = delete_juror(store, "J1", confirm=True)
        assert "J1" not in {j.code for j in store.jurors()}
        assert not [c for c in store.conflicts() if c.juror == "J1"]
        _consistent(scored)
        add_juror(store, change.before, restore=change.removed)  # type: ignore[arg-type]
        after = store.campaign_data()
        # Unscored jurors go without a question.
        delete_juror(store, "J4")
    assert set(after.scores) == set(data.scores)
    assert set(after.reviews) == set(data.reviews)
    assert after.conflicts == data.conflicts
    assert sorted(j.code for j in after.jurors) == sorted(j.code for j in data.jurors)
    _consistent(scored)


# --- importing jurors -------------------------------------------------------------------------


def _french_csv(path: Path) -> Path:
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Prénom", "Nom", "Courriel", "Rôle"])
        writer.writerow(["Anne", "Érard", "anne@example.org", "Présidente"])
        writer.writerow(["Bruno", "Martin", "", "membre"])
        writer.writerow(["Juré", "1", "j1@example.org", "observatrice"])
    return path


def test_a_french_csv_list_of_jurors_is_imported_matched_and_undone(
    blank: Path, tmp_path: Path
) -> None:
    source = _french_csv(tmp_path / "jury.csv")
    with _open(blank) as store:
        plan = plan_juror_import(store, source)
        assert not plan.written
        assert [(j.code, j.name, j.role) for j in plan.added] == [
            ("AE", "Anne Érard", Role.PRESIDENT),
            ("BM", "Bruno Martin", Role.MEMBER),
        ]
        # matched by e-mail with the existing J1, whose details change
        assert [(b.code, a.name, a.role) for b, a in plan.changed] == [
            ("J1", "Juré 1", Role.OBSERVER)
        ]
        jurors = store.jurors()
        applied = apply_juror_import(store, plan)
        assert applied.written
        assert [j.code for j in store.jurors()] == ["J1", "J2", "J3", "AE", "BM"]
        assert _last_audit(blank)[:2] == ("jurors.import", "import:jury.csv")
        revert_juror_import(store, applied)
        assert store.jurors() == jurors
        again = import_jurors(store, source)
        assert again.written and len(store.jurors()) == 5


def test_a_juror_list_in_xlsx_with_codes(blank: Path, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Jury"
    sheet.append(["Code", "Nom", "E-mail", "Rôle"])
    sheet.append(["J2", "Bruno Martin", "bruno@example.org", "membre"])
    sheet.append(["K1", "Karim", None, "président"])
    workbook.save(tmp_path / "jury.xlsx")
    with _open(blank) as store:
        report = import_jurors(store, tmp_path / "jury.xlsx")
    assert [j.code for j in report.added] == ["K1"]
    assert [(b.name, a.name) for b, a in report.changed] == [("Juré 2", "Bruno Martin")]


def test_a_juror_list_with_problems_reports_them_all_and_imports_nothing(
    blank: Path, tmp_path: Path
) -> None:
    source = tmp_path / "jury.csv"
    source.write_text(
        "code,name,email,role\nX1,,x@example.org,member\nX2,Yann,yann-at-example,chair\n"
        "X2,Zoé,,membre secret\n",
        encoding="utf-8",
    )
    with _open(blank) as store, pytest.raises(ValidationFailed) as failed:
        import_jurors(store, source)
    problems = [(p.row, p.column, p.code) for p in failed.value.problems]
    assert problems == [
        (2, "name", "juror_list_empty_name"),
        (3, "email", "juror_list_bad_email"),
        (4, "code", "juror_list_duplicate_code"),
        (4, "role", "juror_list_unknown_role"),
    ]
    with CampaignStore.open(blank, readonly=True) as store:
        assert len(store.jurors()) == 3


def test_a_juror_list_without_names_is_refused(blank: Path, tmp_path: Path) -> None:
    source = tmp_path / "jury.csv"
    source.write_bytes("\ufeffcourriel\tfonction\na@example.org\tmembre\n".encode())
    with _open(blank) as store, pytest.raises(ValidationFailed) as failed:
        import_jurors(store, source)
    assert failed.value.problems[0].code == "juror_list_no_name_column"


def test_suggested_juror_codes_are_initials_numbered_when_taken() -> None:
    assert suggest_juror_code("Claire Martin-Dupont", []) == "CMD"
    assert suggest_juror_code("Émile", []) == "EMI"
    assert suggest_juror_code("Anne Érard", ["AE", "AE2"]) == "AE3"


# --- conflicts --------------------------------------------------------------------------------


def test_a_conflict_on_an_unscored_pair_is_declared_reworded_and_removed(blank: Path) -> None:
    with _open(blank) as store:
        change = declare_conflict(store, "J2", "D03", "cousine de la fondatrice")
        assert change.before is None and change.impact.is_empty
        assert store.is_conflicted("J2", "D03")
        reworded = declare_conflict(store, "J2", "D03", "cousine")
        assert reworded.before is not None and reworded.before.reason.startswith("cousine de")
        removed = remove_conflict(store, "J2", "D03")
        assert removed.before is not None and not store.is_conflicted("J2", "D03")
        assert _last_audit(blank)[:2] == ("conflict.remove", "conflict:J2/D03")
        with pytest.raises(InvalidInput):
            remove_conflict(store, "J2", "D03")
        with pytest.raises(NotFound):
            declare_conflict(store, "J2", "D99")


def test_a_conflict_on_a_scored_pair_asks_removes_the_review_and_undo_restores_it(
    scored: Path,
) -> None:
    with _open(scored) as store:
        set_assignment(store, "J3", "D04", True)  # explicit assignments from now on
        scores = set(store.scores())
        reviews = set(store.reviews())
        with pytest.raises(NeedsConfirmation) as asked:
            declare_conflict(store, "J3", "D04", "associé")
        assert not store.is_conflicted("J3", "D04")
        assert len(asked.value.impact.removed_scores) == 2
        assert "Juror J3 has already scored dossier D04" in asked.value.message()
        change = declare_conflict(store, "J3", "D04", "associé", confirm=True)
        assert change.unassigned
        assert store.review("J3", "D04") is None
        assert not store.is_assigned("J3", "D04")
        assert not [s for s in store.scores() if (s.juror, s.dossier) == ("J3", "D04")]
        assert ("J3", "D04") in store.ranking_input().recused
        assert rank_campaign(store).entries
        _consistent(scored)
        remove_conflict(store, "J3", "D04", restore=change)
        assert set(store.scores()) == scores
        assert set(store.reviews()) == reviews
        assert store.is_assigned("J3", "D04")
    _consistent(scored)


# --- assignments ------------------------------------------------------------------------------


def test_balanced_assignment_respects_conflicts_and_spreads_the_load(tmp_path: Path) -> None:
    path = make_campaign_file(
        tmp_path / "c.seldesk", make_campaign_data(dossiers=11, jurors=5, scored=False)
    )
    with _open(path) as store:
        add_juror(store, Juror("OBS", "Observatrice", role=Role.OBSERVER))
        change = assign_balanced(store, 2)
        assert change.plan is not None
        assert (change.plan.min_load, change.plan.max_load) == (4, 5)
        pairs = change.after
        assert pairs is not None and len(pairs) == 22
        assert ("J1", "D01") not in pairs
        assert not any(juror == "OBS" for juror, _ in pairs)
        per_dossier = Counter(dossier for _juror, dossier in pairs)
        assert set(per_dossier.values()) == {2} and len(per_dossier) == 11
        assert store.is_assigned("J2", next(d for j, d in pairs if j == "J2"))
        # the same campaign gives the same plan
        assert plan_balanced_assignment(store, 2).pairs == pairs
        for wrong in (0, 6):
            with pytest.raises(InvalidInput) as raised:
                assign_balanced(store, wrong)
            assert raised.value.code == PER_DOSSIER_RANGE
        back = assign_everyone(store)
        assert back.before == pairs and back.after is None
        assert current_assignments(store) is None
    action, entity, before, after = _last_audit(path)
    assert (action, entity) == ("assignments.set", "assignments")
    assert before == {"everyone": False, "pairs": 22}
    assert after is not None and after["everyone"] is True and after["pairs"] == 0


def test_balanced_assignment_keeps_reviews_already_begun(scored: Path) -> None:
    with _open(scored) as store:
        change = assign_balanced(store, 1)
        assert change.impact.is_empty
        assert change.after is not None
        assert {(r.juror, r.dossier) for r in store.reviews()} <= change.after


def test_a_manual_override_from_everyone_and_taking_a_scored_dossier_away(scored: Path) -> None:
    with _open(scored) as store:
        with pytest.raises(NeedsConfirmation) as asked:
            set_assignment(store, "J2", "D02", False)
        assert current_assignments(store) is None
        assert len(asked.value.impact.deleted_reviews) == 1
        change = set_assignment(store, "J2", "D02", False, confirm=True)
        assert change.before is None
        assert change.after is not None and len(change.after) == 10
        assert not store.is_assigned("J2", "D02") and store.is_assigned("J2", "D03")
        entry = json.loads(store.audit_entries()[-1].after or "")
        assert (entry["everyone"], entry["pairs"], entry["removed"]) == (False, 10, [])
        assert len(entry["added"]) == 10 and len(entry["deleted_reviews"]) == 1
        set_assignment(store, "J3", "D04", False, confirm=True)
        entry = json.loads(store.audit_entries()[-1].after or "")
        assert (entry["added"], entry["removed"]) == ([], [["J3", "D04"]])
        set_assignment(store, "J3", "D04", True)
        assert store.review("J2", "D02") is None
        _consistent(scored)
        with pytest.raises(InvalidInput) as conflicted:
            set_assignment(store, "J1", "D01", True)
        assert conflicted.value.code == CONFLICT_OF_INTEREST
        reviews = len(store.reviews())
        set_assignments(store, change.before, restore=change)
        assert current_assignments(store) is None
        assert len(store.reviews()) == reviews + 1
        assert store.review("J2", "D02") is not None
    _consistent(scored)


def test_assignment_loads_count_what_each_juror_scores() -> None:
    loads = assignment_loads(["A", "B"], ["D1", "D2"], [("A", "D1")], None)
    assert loads == {"A": 1, "B": 2}
    assert assignment_loads(["A", "B"], ["D1"], [], frozenset({("B", "D1")})) == {
        "A": 0,
        "B": 1,
    }


@settings(max_examples=60, deadline=None)
@given(
    jurors=st.integers(min_value=1, max_value=9),
    dossiers=st.integers(min_value=1, max_value=40),
    k=st.integers(min_value=1, max_value=9),
    conflict_bits=st.lists(st.booleans(), min_size=360, max_size=360),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_balanced_plans_hold_their_promises(
    jurors: int, dossiers: int, k: int, conflict_bits: list[bool], seed: int
) -> None:
    k = min(k, jurors)
    juror_codes = [f"J{i}" for i in range(jurors)]
    refs = [f"D{i}" for i in range(dossiers)]
    conflicts = {
        (j, d)
        for index, (j, d) in enumerate((j, d) for j in juror_codes for d in refs)
        if conflict_bits[index % len(conflict_bits)] and index % 7 == 0
    }
    plan = balanced_assignment(juror_codes, refs, k, conflicts=conflicts, seed=seed)
    assert not plan.pairs & conflicts
    per_dossier = Counter(d for _j, d in plan.pairs)
    for ref in refs:
        free = sum(1 for j in juror_codes if (j, ref) not in conflicts)
        assert per_dossier[ref] == min(k, free)
    assert sum(plan.loads.values()) == len(plan.pairs)
    if not conflicts:
        assert plan.max_load - plan.min_load <= 1


def test_the_audit_chain_holds_after_a_whole_setup_session(scored: Path) -> None:
    with _open(scored) as store:
        add_criterion(store, IMPACT, confirm=True)
        reorder_criteria(store, ["IMPACT", "TEAM", "MARKET"])
        add_juror(store, Juror("J4", "Quatre"), pin="0000")
        declare_conflict(store, "J4", "D02", "famille")
        assign_balanced(store, 2, confirm=True)
        count, breaks = verify_chain(store.db)
    assert breaks == [] and count > 5
    _consistent(scored)
