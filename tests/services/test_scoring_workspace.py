"""The juror's workspace: queue, sheet, the scoring use cases, and blind access by construction."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.domain import (
    Assignment,
    CampaignData,
    Criterion,
    Dossier,
    Review,
    ReviewStatus,
    Score,
)
from selection_desk.errors import InvalidInput, NotFound
from selection_desk.services.scoring import (
    mark_review_final,
    record_score,
    reopen_review,
    set_review_confidence,
)
from selection_desk.services.scoring_workspace import (
    JurorWorkspace,
    QueueOrder,
    QueueStatus,
    ScoreSheet,
    ScoringDesk,
    open_workspace,
    shuffle_key,
)
from selection_desk.storage.scoring_queries import JurorReader
from selection_desk.storage.setup import hash_pin, write_pin_hash
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file

SECRET = "SECRET-OF-ANOTHER-JUROR"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CampaignStore]:
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(scored=False))
    with CampaignStore.open(path) as opened:
        yield opened


def _audit(store: CampaignStore) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.entity) for e in store.audit_entries()]


# -- the queue ------------------------------------------------------------------------------------


def test_everyone_scores_every_non_conflicted_dossier_by_default(store: CampaignStore) -> None:
    with open_workspace(store, "J1") as workspace:
        assert sorted(i.ref for i in workspace.queue()) == ["D02", "D03", "D04"]  # D01 conflicted
    with open_workspace(store, "J2") as workspace:
        assert sorted(i.ref for i in workspace.queue()) == ["D01", "D02", "D03", "D04"]


def test_explicit_assignments_restrict_the_queue(tmp_path: Path) -> None:
    data = replace(
        make_campaign_data(scored=False),
        assignments=(Assignment("J2", "D03"), Assignment("J2", "D01"), Assignment("J1", "D02")),
    )
    with CampaignStore.open(make_campaign_file(tmp_path / "a.seldesk", data)) as store:
        with open_workspace(store, "J2") as workspace:
            queue = workspace.queue(QueueOrder.CAMPAIGN)
            assert [i.ref for i in queue] == ["D01", "D03"]
            with pytest.raises(NotFound):
                workspace.sheet("D02")
        with open_workspace(store, "J3") as workspace:
            assert workspace.queue() == ()


def test_the_shuffle_is_stable_per_juror_and_differs_between_jurors(tmp_path: Path) -> None:
    data = make_campaign_data(dossiers=20, scored=False)
    path = make_campaign_file(tmp_path / "s.seldesk", data)
    orders: dict[str, list[str]] = {}
    for juror in ("J2", "J3"):
        with CampaignStore.open(path) as store, open_workspace(store, juror) as workspace:
            orders[juror] = [i.ref for i in workspace.queue()]
            uid = workspace.campaign.uid
    assert orders["J2"] != orders["J3"]
    assert sorted(orders["J2"]) != orders["J2"]  # shuffled, not the campaign order
    with CampaignStore.open(path) as store, open_workspace(store, "J2") as workspace:
        assert [i.ref for i in workspace.queue()] == orders["J2"]  # the same, next session
    expected = sorted(orders["J2"], key=lambda ref: shuffle_key(uid, "J2", ref))
    assert orders["J2"] == expected
    # A dossier added later takes its place without reshuffling the others.
    with CampaignStore.open(path) as store:
        with store.transaction():
            store.write_dossiers([Dossier("D99", "Late")], {"D99": 99})
        with open_workspace(store, "J2") as workspace:
            after = [i.ref for i in workspace.queue()]
    assert [ref for ref in after if ref != "D99"] == orders["J2"]


def test_the_juror_may_choose_another_order(tmp_path: Path) -> None:
    data = make_campaign_data(dossiers=5, scored=False)
    data = replace(
        data,
        dossiers=tuple(replace(d, name=n) for d, n in zip(data.dossiers, "ecadb", strict=True)),
    )
    with (
        CampaignStore.open(make_campaign_file(tmp_path / "o.seldesk", data)) as store,
        open_workspace(store, "J2") as workspace,
    ):
        assert [i.ref for i in workspace.queue(QueueOrder.CAMPAIGN)] == [
            "D01",
            "D02",
            "D03",
            "D04",
            "D05",
        ]
        assert [i.name for i in workspace.queue(QueueOrder.NAME)] == list("abcde")
        assert [i.ref for i in workspace.queue(QueueOrder.REFERENCE)] == sorted(
            i.ref for i in workspace.queue()
        )


def test_queue_statuses_and_progress(store: CampaignStore) -> None:
    with open_workspace(store, "J2") as ws:
        ws.set_score("D01", "TEAM", 3)
        ws.set_score("D02", "TEAM", 3)
        ws.set_score("D02", "MARKET", 4)
        ws.mark_final("D02")
        statuses = {i.ref: i.status for i in ws.queue()}
        assert statuses == {
            "D01": QueueStatus.DRAFT,
            "D02": QueueStatus.FINAL,
            "D03": QueueStatus.UNSCORED,
            "D04": QueueStatus.UNSCORED,
        }
        progress = ws.progress()
        assert (progress.total, progress.final, progress.draft, progress.unscored) == (4, 1, 1, 2)


# -- the sheet ------------------------------------------------------------------------------------


def test_sheet_totals_follow_design_section_5(store: CampaignStore) -> None:
    team, market = store.criteria()
    with open_workspace(store, "J2") as ws:
        sheet = ws.set_score("D03", "TEAM", 3.5)
        assert sheet.total is None and sheet.points is None
        assert sheet.running_total == pytest.approx(100 * 2 * 3.5 / 5 / 3)
        sheet = ws.set_score("D03", "MARKET", 1)
        assert sheet.complete
        expected_t = 100 * (2 * team.normalise(3.5) + 1 * market.normalise(1)) / 3
        assert sheet.total == pytest.approx(expected_t)
        assert sheet.points == pytest.approx(2 * 3.5 + 1 * 1)


def test_the_running_total_of_a_scale_that_does_not_start_at_zero() -> None:
    criterion = Criterion("X", "x", 1, scale_min=1, scale_max=5, step=1)
    sheet = ScoreSheet("D", (criterion,), {"X": Score("J", "D", "X", 1)}, None)
    assert sheet.total == 0.0
    assert math.isclose(replace(sheet, scores={"X": Score("J", "D", "X", 5)}).running_total, 100.0)


# -- the use cases: one audited transaction each --------------------------------------------------


def test_every_change_is_one_audited_change_with_a_new_revision(store: CampaignStore) -> None:
    with open_workspace(store, "J2") as ws:
        before = len(store.audit_entries())
        ws.set_score("D02", "TEAM", 4)
        ws.set_comment("D02", "TEAM", "strong")
        ws.set_overall_comment("D02", "promising")
        ws.set_confidence("D02", 4)
        ws.set_score("D02", "MARKET", 2)
        ws.mark_final("D02")
        ws.reopen("D02")
        ws.clear_score("D02", "MARKET")
        entries = _audit(store)[before:]
    assert entries == [
        ("J2", "score", "score:J2/D02/TEAM"),
        ("J2", "comment", "score:J2/D02/TEAM"),
        ("J2", "review_comment", "review:J2/D02"),
        ("J2", "review_confidence", "review:J2/D02"),
        ("J2", "score", "score:J2/D02/MARKET"),
        ("J2", "mark_final", "review:J2/D02"),
        ("J2", "reopen", "review:J2/D02"),
        ("J2", "clear_score", "score:J2/D02/MARKET"),
    ]
    team = store.score_value("J2", "D02", "TEAM")
    assert team is not None and (team.value, team.comment, team.revision) == (4.0, "strong", 2)
    assert store.score_value("J2", "D02", "MARKET") is None
    review = store.review("J2", "D02")
    assert review is not None
    assert (review.status, review.comment, review.confidence) == (
        ReviewStatus.DRAFT,
        "promising",
        4,
    )
    # The review's score count, which the ranking reads, follows the cleared score.
    (scored,) = store.db.execute(
        "SELECT scored FROM review WHERE juror_id = ? AND dossier_id = ?",
        [store.juror_id("J2"), store.dossier_id("D02")],
    ).fetchone()
    assert scored == 1


def test_nothing_changes_when_nothing_changes(store: CampaignStore) -> None:
    with open_workspace(store, "J2") as ws:
        ws.set_score("D02", "TEAM", 4)
        ws.set_comment("D02", "TEAM", "same")
        count = len(store.audit_entries())
        ws.set_comment("D02", "TEAM", "same")
        ws.set_confidence("D02", None)
        ws.reopen("D02")  # a draft: nothing to reopen
        assert ws.clear_score("D02", "MARKET").value("MARKET") is None
        assert len(store.audit_entries()) == count


def test_mark_final_needs_every_criterion(store: CampaignStore) -> None:
    with open_workspace(store, "J2") as ws:
        ws.set_score("D02", "TEAM", 4)
        with pytest.raises(InvalidInput) as raised:
            ws.mark_final("D02")
        assert "1 criterion(s) not scored yet" in raised.value.message()
        assert ws.sheet("D02").status is QueueStatus.DRAFT


def test_the_sheet_a_write_returns_is_the_sheet_the_juror_reads(store: CampaignStore) -> None:
    """A write reads its sheet back on the writing connection (the reader's cache was dropped by
    the commit): it must be, field for field, what the confined reader then shows."""
    with open_workspace(store, "J2") as ws:
        writes = (
            lambda: ws.set_score("D02", "TEAM", 4),  # the first score makes the review
            lambda: ws.set_score("D02", "TEAM", 3),
            lambda: ws.set_comment("D02", "TEAM", "solid team"),
            lambda: ws.set_score("D02", "MARKET", 2),
            lambda: ws.set_overall_comment("D02", "committee only"),
            lambda: ws.set_feedback("D02", "for the applicant"),
            lambda: ws.set_confidence("D02", 4),
            lambda: ws.mark_final("D02"),
            lambda: ws.reopen("D02"),
            lambda: ws.clear_score("D02", "MARKET"),
        )
        for write in writes:
            returned = write()
            assert returned == ws.sheet("D02")
        assert returned.value("TEAM") == 3.0 and returned.value("MARKET") is None
        assert returned.review is not None and returned.review.revision > 1


def test_a_final_review_is_frozen_until_it_is_reopened(store: CampaignStore) -> None:
    with open_workspace(store, "J2") as ws:
        ws.set_score("D02", "TEAM", 4)
        ws.set_score("D02", "MARKET", 4)
        ws.mark_final("D02")
        count = len(store.audit_entries())
        for change in (
            lambda: ws.set_score("D02", "TEAM", 1),
            lambda: ws.clear_score("D02", "TEAM"),
            lambda: ws.set_comment("D02", "TEAM", "late"),
            lambda: ws.set_overall_comment("D02", "late"),
            lambda: ws.set_confidence("D02", 2),
            lambda: ws.set_feedback("D02", "late"),
        ):
            with pytest.raises(InvalidInput) as raised:
                change()
            assert raised.value.message() == (
                "The review of D02 is final: reopen it before changing it."
            )
        assert len(store.audit_entries()) == count  # bad input changes nothing
        assert ws.sheet("D02").value("TEAM") == 4.0
        assert ws.mark_final("D02").final  # already final: a no-op
        assert len(store.audit_entries()) == count
        sheet = ws.reopen("D02")
        assert not sheet.final
        assert _audit(store)[-1] == ("J2", "reopen", "review:J2/D02")
        assert ws.set_score("D02", "TEAM", 1).value("TEAM") == 1.0


def test_a_comment_needs_its_score_and_confidence_its_range(store: CampaignStore) -> None:
    with open_workspace(store, "J2") as ws:
        with pytest.raises(InvalidInput, match="Score TEAM on D02 before commenting"):
            ws.set_comment("D02", "TEAM", "too early")
        for wrong in (0, 6, True):
            with pytest.raises(InvalidInput, match="from 1 to 5"):
                set_review_confidence(store, "J2", "D02", wrong)  # type: ignore[arg-type]
        assert ws.sheet("D02").review is None


def test_the_command_line_path_and_the_workspace_agree(store: CampaignStore) -> None:
    """``selection-desk score`` writes with record_score: the workspace reads it back."""
    record_score(store, "J2", "D02", "TEAM", 2.5, comment="from the CLI")
    record_score(store, "J2", "D02", "MARKET", 3, final=True)
    with open_workspace(store, "J2") as ws:
        sheet = ws.sheet("D02")
    assert (sheet.value("TEAM"), sheet.comment("TEAM"), sheet.final) == (2.5, "from the CLI", True)
    assert reopen_review(store, "J2", "D02").after.status is ReviewStatus.DRAFT
    assert mark_review_final(store, "J2", "D02").after.status is ReviewStatus.FINAL


def test_a_score_off_the_scale_is_refused_and_changes_nothing(store: CampaignStore) -> None:
    with open_workspace(store, "J2") as ws:
        count = len(store.audit_entries())
        for value in (7, -1, 2.3, float("nan")):
            with pytest.raises(InvalidInput):
                ws.set_score("D02", "TEAM", value)
        assert len(store.audit_entries()) == count
        assert ws.sheet("D02").scores == {}


# -- who may score --------------------------------------------------------------------------------


def test_a_juror_with_a_pin_must_give_it(store: CampaignStore) -> None:
    with store.transaction():
        write_pin_hash(store, "J1", hash_pin("2468"))
    desk = ScoringDesk(store)
    assert {j.code: j.has_pin for j in desk.jurors()} == {"J1": True, "J2": False, "J3": False}
    with pytest.raises(InvalidInput, match="Juror J1 has a PIN"):
        desk.open("J1")
    with pytest.raises(InvalidInput, match="Wrong PIN for juror J1"):
        desk.open("J1", "1357")
    with desk.open("J1", "2468") as workspace:
        assert workspace.juror.code == "J1"
    with pytest.raises(NotFound):
        desk.open("J9")


# -- blind by construction ------------------------------------------------------------------------


def _secret_campaign() -> CampaignData:
    """Every other juror's scores and reviews carry SECRET in their comments; J2 has one own
    review; J2 is assigned D01–D03 (not D04) and J3 has a conflict with D02."""
    data = make_campaign_data(dossiers=4, scored=True)
    from selection_desk.domain import Conflict

    scores = tuple(
        replace(s, comment=f"{SECRET} {s.juror}") if s.juror != "J2" else s
        for s in data.scores
        if s.juror != "J2" or s.dossier == "D02"
    )
    reviews = (
        *(
            replace(r, comment=f"{SECRET} overall") if r.juror != "J2" else r
            for r in data.reviews
            if r.juror != "J2" or r.dossier == "D02"
        ),
        Review("J2", "D03", ReviewStatus.DRAFT, "mine"),
    )
    assignments = tuple(
        Assignment(j.code, d.ref)
        for j in data.jurors
        for d in data.dossiers
        if (j.code, d.ref) not in {("J2", "D04")}
    )
    return replace(
        data,
        scores=scores,
        reviews=reviews,
        assignments=assignments,
        conflicts=(*data.conflicts, Conflict("J2", "D01", "board member")),
    )


@pytest.fixture
def secret_store(tmp_path: Path) -> Iterator[CampaignStore]:
    path = make_campaign_file(tmp_path / "secret.seldesk", _secret_campaign())
    with CampaignStore.open(path) as opened:
        yield opened


WORKSPACE_API = {
    "attachment_content",
    "attachments",
    "campaign",
    "clear_score",
    "close",
    "criteria",
    "dossier",
    "juror",
    "mark_final",
    "paper_entry",
    "progress",
    "queue",
    "reopen",
    "set_comment",
    "set_confidence",
    "set_feedback",
    "set_overall_comment",
    "set_score",
    "sheet",
}


def test_the_workspace_exposes_only_juror_bound_methods() -> None:
    """A new public member must be added here, after checking that it is juror-bound."""
    public = {name for name in dir(JurorWorkspace) if not name.startswith("_")}
    assert public | {"juror", "campaign"} == WORKSPACE_API
    assert {name for name in dir(ScoringDesk) if not name.startswith("_")} == {
        "campaign_name",
        "criteria",
        "jurors",
        "open",
        "open_paper_entry",  # bound to one juror, the secretary's PIN checked
        "paper_entry_allowed",
        "paper_entry_needs_pin",
    }


def test_no_workspace_answer_carries_another_jurors_work(secret_store: CampaignStore) -> None:
    deck = b"%PDF-1.4 not really"
    with secret_store.transaction():
        secret_store.write_attachment("D03", "deck.pdf", "application/pdf", deck)
        secret_store.write_attachment("D01", "other.pdf", "application/pdf", b"%PDF conflicted")
    with open_workspace(secret_store, "J2") as ws:
        answers: list[object] = [ws.juror, ws.campaign, ws.criteria(), ws.progress()]
        for order in QueueOrder:
            answers.append(ws.queue(order))
        refs = [i.ref for i in ws.queue()]
        assert sorted(refs) == ["D02", "D03"]  # D01 conflicted, D04 not assigned
        for ref in refs:
            answers += [ws.dossier(ref), ws.attachments(ref), ws.sheet(ref)]
        assert ws.attachment_content("D03", "deck.pdf") == deck
        # Scoring returns the sheet: the juror's own rows, however many others scored D03.
        answers.append(ws.set_score("D03", "TEAM", 1))
        answers.append(ws.set_comment("D03", "TEAM", "mine too"))
    text = repr(answers)
    assert SECRET not in text
    assert "'J1'" not in text and "'J3'" not in text
    sheet = answers[-1]
    assert isinstance(sheet, ScoreSheet)
    assert set(sheet.scores) == {"TEAM"} and sheet.overall_comment == "mine"


@pytest.mark.parametrize("ref", ["D01", "D04", "D99"])
def test_dossiers_outside_the_queue_are_refused_alike(
    secret_store: CampaignStore, ref: str
) -> None:
    """Conflicted, not assigned or unknown: every method says the same, so nothing leaks."""
    count = len(secret_store.audit_entries())
    with open_workspace(secret_store, "J2") as ws:
        calls = [
            lambda: ws.dossier(ref),
            lambda: ws.sheet(ref),
            lambda: ws.attachments(ref),
            lambda: ws.attachment_content(ref, "other.pdf"),
            lambda: ws.set_score(ref, "TEAM", 1),
            lambda: ws.clear_score(ref, "TEAM"),
            lambda: ws.set_comment(ref, "TEAM", "x"),
            lambda: ws.set_overall_comment(ref, "x"),
            lambda: ws.set_confidence(ref, 3),
            lambda: ws.mark_final(ref),
            lambda: ws.reopen(ref),
        ]
        for call in calls:
            with pytest.raises(NotFound) as raised:
                call()
            assert raised.value.message() == f"Dossier {ref} is not in the queue of juror J2."
    assert len(secret_store.audit_entries()) == count


REFUSED_STATEMENTS = [
    "SELECT * FROM score",
    "SELECT value FROM score WHERE juror_id <> 0",
    "SELECT comment FROM review",
    "SELECT * FROM audit",
    "SELECT count(*) FROM audit",
    "SELECT * FROM decision",
    "SELECT ref FROM dossier",
    "SELECT pin_hash FROM juror",
    "SELECT code FROM juror",
    "SELECT * FROM conflict",
    "SELECT content FROM blob",
    "SELECT max(rowid) FROM score",
    "SELECT * FROM setting",
    "SELECT * FROM main.score",
    "SELECT s.value FROM score AS s JOIN my_dossier AS d ON d.id = s.dossier_id",
    "DELETE FROM score",
    "UPDATE review SET status = 'final'",
    "INSERT INTO audit (at) VALUES ('x')",
    "PRAGMA table_info(score)",
    "ATTACH DATABASE ':memory:' AS other",
    "CREATE TEMP VIEW everything AS SELECT * FROM main.score",
    "DROP VIEW my_score",
]


def test_sqlite_itself_confines_the_readers_connection(secret_store: CampaignStore) -> None:
    reader = JurorReader(secret_store, "J2")
    allowed = []
    try:
        for sql in REFUSED_STATEMENTS:
            try:
                reader.execute(sql).fetchall()
            except sqlite3.DatabaseError:
                continue
            allowed.append(sql)
    finally:
        reader.close()
    assert allowed == []


def test_the_readers_views_hold_only_the_jurors_rows(secret_store: CampaignStore) -> None:
    reader = JurorReader(secret_store, "J2")
    try:
        comments = [row[0] for row in reader.execute("SELECT comment FROM my_score")]
        assert comments and SECRET not in repr(comments)
        assert reader.execute("SELECT count(*) FROM my_review").fetchone() == (2,)
        assert [row[0] for row in reader.execute("SELECT code FROM my_juror")] == ["J2"]
        # Public settings stay readable directly.
        assert reader.execute("SELECT count(*) FROM criterion").fetchone() == (2,)
    finally:
        reader.close()


# -- only presidents and members score ------------------------------------------------------------


def _with_roles(tmp_path: Path) -> Path:
    """J3 an observer, J4 the secretary; no explicit assignments (everyone scores everything)."""
    from selection_desk.domain import Juror, Role

    data = make_campaign_data(scored=False)
    jurors = (
        *(replace(j, role=Role.OBSERVER) if j.code == "J3" else j for j in data.jurors),
        Juror("J4", "Secrétaire", "s@example.org", Role.SECRETARY),
    )
    return make_campaign_file(tmp_path / "roles.seldesk", replace(data, jurors=jurors))


def test_secretaries_and_observers_do_not_score(tmp_path: Path) -> None:
    from selection_desk.services.assignments import set_assignment

    with CampaignStore.open(_with_roles(tmp_path)) as store:
        desk = ScoringDesk(store)
        assert [j.code for j in desk.jurors()] == ["J1", "J2"]
        count = len(store.audit_entries())
        for juror in ("J3", "J4"):
            with pytest.raises(InvalidInput, match=f"Juror {juror} does not score"):
                desk.open(juror)
            with pytest.raises(InvalidInput, match="presidents and members score"):
                record_score(store, juror, "D02", "TEAM", 3)
            with pytest.raises(InvalidInput, match="does not score"):
                set_assignment(store, juror, "D02", True)
        assert len(store.audit_entries()) == count
        assert store.scores("J3") == () and store.scores("J4") == ()
        # A manual override starts from "everyone scores": the scorers only.
        set_assignment(store, "J2", "D02", False, confirm=True)
        assigned = {(a.juror, a.dossier) for a in store.campaign_data().assignments}
        assert {juror for juror, _dossier in assigned} == {"J1", "J2"}
        assert ("J2", "D02") not in assigned and ("J2", "D03") in assigned


def test_the_command_line_refuses_an_observer_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selection_desk.cli import main

    path = _with_roles(tmp_path)
    assert main(["--lang", "fr", "score", str(path), "J3", "D02", "TEAM", "3"]) == 1
    err = capsys.readouterr().err
    assert "Le juré J3 ne note pas" in err and "Traceback" not in err
    with CampaignStore.open(path, readonly=True) as store:
        assert store.scores("J3") == ()


# -- the command line and the workspace refuse a final review alike -------------------------------


def test_a_final_review_is_refused_by_record_score_unless_reopened(store: CampaignStore) -> None:
    record_score(store, "J2", "D02", "TEAM", 2.5)
    record_score(store, "J2", "D02", "MARKET", 3, final=True)
    count = len(store.audit_entries())
    with pytest.raises(InvalidInput, match="is final: reopen it before changing it"):
        record_score(store, "J2", "D02", "TEAM", 4)
    assert len(store.audit_entries()) == count
    assert store.score_value("J2", "D02", "TEAM").value == 2.5
    review = store.review("J2", "D02")
    assert review is not None and review.status is ReviewStatus.FINAL

    change = record_score(store, "J2", "D02", "TEAM", 4, reopen=True, actor="J2")
    assert change.review.status is ReviewStatus.DRAFT
    # The reopening is a new revision of the review; the score is one of the score alone (the
    # draft it lands on is left as it is).
    assert change.review.revision == review.revision + 1 == store.review("J2", "D02").revision
    assert change.after.revision == change.before.revision + 1
    assert [(a, action) for a, action, _e in _audit(store)[-2:]] == [
        ("J2", "reopen"),
        ("J2", "score"),
    ]
    record_score(store, "J2", "D02", "TEAM", 3.5)
    assert store.review("J2", "D02") == change.review
    record_score(store, "J2", "D02", "TEAM", 4.5, final=True)  # a draft again: no reopen needed
    assert store.review("J2", "D02").status is ReviewStatus.FINAL


def test_the_score_command_needs_reopen_for_a_final_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selection_desk.cli import main

    path = make_campaign_file(tmp_path / "cli.seldesk", make_campaign_data(scored=False))
    base = ["--lang", "en", "score", str(path), "J2", "D02"]
    assert main([*base, "TEAM", "2"]) == 0
    assert main([*base, "MARKET", "3", "--final"]) == 0
    capsys.readouterr()
    assert main([*base, "TEAM", "5"]) == 1
    err = capsys.readouterr().err
    assert "is final: reopen it first (add --reopen" in err
    with CampaignStore.open(path, readonly=True) as store:
        assert store.score_value("J2", "D02", "TEAM").value == 2.0
    assert main([*base, "TEAM", "5", "--reopen"]) == 0
    assert "review draft" in capsys.readouterr().out
    with CampaignStore.open(path, readonly=True) as store:
        assert store.score_value("J2", "D02", "TEAM").value == 5.0
        actions = [(e.actor, e.action, e.entity) for e in store.audit_entries()]
    assert ("J2", "reopen", "review:J2/D02") in actions


# -- the secretary types in a paper sheet ---------------------------------------------------------


def test_the_secretary_types_in_a_paper_sheet_on_the_jurors_behalf(store: CampaignStore) -> None:
    from selection_desk.services.scoring_workspace import open_paper_entry

    desk = ScoringDesk(store)
    assert desk.paper_entry_allowed and not desk.paper_entry_needs_pin
    with desk.open_paper_entry("J2") as ws:  # nobody has a PIN: none asked
        assert ws.paper_entry and ws.actor == "secretary for J2"
        ws.set_score("D02", "TEAM", 4)
        ws.set_score("D02", "MARKET", 2.5)
        ws.set_comment("D02", "TEAM", "écrit à la main")
        ws.mark_final("D02")
        with pytest.raises(InvalidInput, match="reopen it before changing it"):
            ws.set_score("D02", "TEAM", 1)  # the same checks as the juror's own workspace
        with open_paper_entry(store, "J1") as conflicted, pytest.raises(NotFound):
            conflicted.set_score("D01", "TEAM", 3)  # J1's conflict holds for the secretary too
    entries = [(a, action) for a, action, entity in _audit(store) if "J2/D02" in entity]
    assert entries == [
        ("secretary for J2", "score"),
        ("secretary for J2", "score"),
        ("secretary for J2", "comment"),
        ("secretary for J2", "mark_final"),
    ]
    assert store.review("J2", "D02").status is ReviewStatus.FINAL
    assert store.score_value("J2", "D02", "TEAM").juror == "J2"  # the juror's own scores


def test_paper_entry_is_no_way_round_a_jurors_pin(tmp_path: Path) -> None:
    with CampaignStore.open(_with_roles(tmp_path)) as store:
        with store.transaction():
            write_pin_hash(store, "J2", hash_pin("2468"))
        desk = ScoringDesk(store)
        with pytest.raises(InvalidInput, match="give a secretary a PIN"):
            desk.open_paper_entry("J2")  # J2 has a PIN, no secretary has one
        with store.transaction():
            write_pin_hash(store, "J4", hash_pin("1357"))  # J4, the secretary
        assert desk.paper_entry_needs_pin
        with pytest.raises(InvalidInput, match="Type the secretary's PIN"):
            desk.open_paper_entry("J1")
        for wrong in ("2468", "0000"):  # J2's own PIN is not a secretary's
            with pytest.raises(InvalidInput, match="not the PIN of a secretary"):
                desk.open_paper_entry("J2", wrong)
        with desk.open_paper_entry("J2", "1357") as ws:
            ws.set_score("D03", "TEAM", 3)
        assert store.audit_entries()[-1].actor == "secretary J4 for J2"


def test_no_paper_entry_for_a_juror_who_does_not_score(tmp_path: Path) -> None:
    with CampaignStore.open(_with_roles(tmp_path)) as store:
        with pytest.raises(InvalidInput, match="J4 does not score"):
            ScoringDesk(store).open_paper_entry("J4")
        with pytest.raises(NotFound):
            ScoringDesk(store).open_paper_entry("J9")


def test_the_feedback_for_the_applicant_is_kept_apart_from_the_private_comment(
    store: CampaignStore,
) -> None:
    with open_workspace(store, "J2") as ws:
        ws.set_score("D02", "TEAM", 4)
        ws.set_overall_comment("D02", "private: weak local market")
        sheet = ws.set_feedback("D02", "A clear plan; test the market early.")
        ws.set_score("D02", "MARKET", 4)
        ws.mark_final("D02")  # the status change keeps both texts
    assert (sheet.overall_comment, sheet.feedback) == (
        "private: weak local market",
        "A clear plan; test the market early.",
    )
    review = store.review("J2", "D02")
    assert review is not None and review.status is ReviewStatus.FINAL
    assert (review.comment, review.feedback) == (
        "private: weak local market",
        "A clear plan; test the market early.",
    )
    assert _audit(store)[-3] == ("J2", "review_feedback", "review:J2/D02")
