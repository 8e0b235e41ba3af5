"""A campaign in two rounds exported as its workbook and imported into a fresh campaign file gives
the same rounds, each round's criteria, assignments, scores, reviews and decisions, the same
rosters and the same rankings — with English and French headers (design §3 and §10)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selection_desk.cli import main
from selection_desk.domain import Outcome, Review, ReviewStatus, Round, RoundKind, Score
from selection_desk.errors import InvalidInput, ValidationFailed
from selection_desk.formats.file_digest import file_sha256
from selection_desk.services.decisions import record_decision
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.reporting import export_reports
from selection_desk.services.rounds import add_round, close_round
from selection_desk.services.workbook_import import import_campaign_workbook
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


@pytest.fixture
def two_rounds(tmp_path: Path) -> Path:
    """R1 (6 dossiers, 2 places) closed with its decisions; R2, a hearing with its own grid
    (MARKET weighs 3 and reads "Marché, le jour J"), scored by every juror and decided."""
    campaign = make_campaign_file(
        tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=3, places=2)
    )
    with CampaignStore.open(campaign) as store:
        hearing = Round("R2", "Audition", kind=RoundKind.HEARING, places=1, weight=60)
        add_round(store, hearing, criteria_from="R1")
        order = [entry.ref for entry in rank_campaign(store).entries]
        record_decision(store, order[0], Outcome.SELECTED)
        record_decision(store, order[1], Outcome.REJECTED, rationale="hors périmètre")
        record_decision(store, order[3], Outcome.SELECTED, rationale="coup de cœur")
        close_round(store, "R1")
        store.use_round("R2")
        edited = [
            replace(c, label="Marché, le jour J", weight=3.0) if c.code == "MARKET" else c
            for c in store.criteria()
        ]
        pairs = [(a.juror, a.dossier) for a in store.assignments()]
        with store.transaction():
            store.write_criteria(edited, {c.code: i for i, c in enumerate(edited)})
            store.write_scores(
                [
                    Score(juror, ref, c.code, c.scale_max - index % 3, comment=f"{juror} {ref}")
                    for index, (juror, ref) in enumerate(pairs)
                    for c in edited
                ]
            )
            store.write_reviews([Review(j, ref, ReviewStatus.FINAL) for j, ref in pairs])
        ranked = [entry.ref for entry in rank_campaign(store).entries]
        record_decision(store, ranked[0], Outcome.SELECTED, rationale="meilleur pitch")
        # the first two tie on R2's line (1 place): closing R2 needs each of them decided
        record_decision(store, ranked[1], Outcome.REJECTED, rationale="second au pitch")
    return campaign


def snapshot(campaign: Path) -> dict[str, object]:
    """Everything a round holds, round by round, and each round's ranking."""
    with CampaignStore.open(campaign, readonly=True) as store:
        shown: dict[str, object] = {
            "campaign": replace(store.campaign(), uid=""),
            "jurors": store.jurors(),
            "conflicts": store.conflicts(),
        }
        for value in store.rounds():
            store.use_round(value.code)
            shown[value.code] = (
                replace(value, uid="", closed_at=""),
                store.criteria(),
                [d.ref for d in store.dossiers()],
                sorted((a.juror, a.dossier) for a in store.assignments()),
                sorted(
                    (s.juror, s.dossier, s.criterion, s.value, s.comment) for s in store.scores()
                ),
                sorted((r.juror, r.dossier, r.status) for r in store.reviews()),
                [(d.dossier, d.outcome, d.rationale) for d in store.decisions()],
                [(e.ref, e.rank, e.score) for e in rank_campaign(store).entries],
            )
        return shown


@pytest.mark.parametrize(
    ("language", "finished"), [("en", False), ("fr", False), ("en", True), ("fr", True)]
)
def test_export_then_import_gives_the_same_campaign_in_rounds(
    two_rounds: Path,
    tmp_path: Path,
    language: str,
    finished: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``finished``: the hearing is closed too (the final ranking)."""
    if finished:
        with CampaignStore.open(two_rounds) as store:
            close_round(store, "R2")
    workbook = tmp_path / f"campagne-{language}.xlsx"
    export_reports(two_rounds, xlsx=workbook, language=language, round_code="R2")
    opened = load_workbook(workbook, read_only=True)
    names = opened.sheetnames
    criteria_header = next(
        opened[names[names.index("Rounds" if language == "en" else "Tours") + 1]].iter_rows(
            values_only=True
        )
    )
    opened.close()
    assert criteria_header[-1] == ("round" if language == "en" else "tour")
    fresh = tmp_path / f"fresh-{language}.seldesk"
    assert main(["--lang", "en", "new", str(fresh), "--name", "Brouillon"]) == 0
    assert main(["--lang", "en", "import", str(fresh), str(workbook)]) == 0
    capsys.readouterr()
    assert snapshot(fresh) == snapshot(two_rounds)
    before = file_sha256(fresh)
    with CampaignStore.open(fresh) as store:  # the same workbook again changes nothing
        report = import_campaign_workbook(store, workbook, actor="secretary")
    assert not report.written and report.changes.is_empty
    assert file_sha256(fresh) == before


def test_the_audit_formulas_read_the_reported_rounds_rows(two_rounds: Path, tmp_path: Path) -> None:
    """Both rounds' scores are in the Scores sheet: the Audit sheet's formulas filter on the
    reported round, and take its criteria's weights from its own rows of the Criteria sheet."""
    workbook = tmp_path / "c.xlsx"
    export_reports(two_rounds, xlsx=workbook, language="en", round_code="R2")
    opened = load_workbook(workbook)
    weights = [cell.value for cell in opened["Audit"][2][2:4]]
    first_review = opened["Audit by review"]["C2"].value
    opened.close()
    assert weights == ["='Criteria'!$C$4", "='Criteria'!$C$5"]  # R2's rows (R1 has rows 2-3)
    assert ",'Scores'!$J$2:$J$" in first_review and first_review.endswith(',"=R2"),"")')


def test_a_workbook_with_an_unknown_round_changes_nothing(two_rounds: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "c.xlsx"
    export_reports(two_rounds, xlsx=workbook, language="en", round_code="R2")
    opened = load_workbook(workbook)
    scores = opened["Scores"]
    scores.cell(row=3, column=10).value = "R9"
    opened.save(workbook)
    fresh = tmp_path / "fresh.seldesk"
    assert main(["--lang", "en", "new", str(fresh), "--name", "Brouillon"]) == 0
    before = file_sha256(fresh)
    with CampaignStore.open(fresh) as store, pytest.raises(ValidationFailed) as refused:
        import_campaign_workbook(store, workbook, actor="secretary")
    [problem] = refused.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Scores", 3, "round")
    assert problem.message() == "There is no round “R9” in the Rounds sheet."
    assert file_sha256(fresh) == before


def test_a_one_round_workbook_has_no_trace_of_rounds(tmp_path: Path) -> None:
    single = make_campaign_file(tmp_path / "one.seldesk", make_campaign_data(dossiers=4))
    export_reports(single, xlsx=tmp_path / "one.xlsx", language="fr")
    opened = load_workbook(tmp_path / "one.xlsx", read_only=True)
    names = opened.sheetnames
    headers = {
        name: next(opened[name].iter_rows(values_only=True))
        for name in ("Critères", "Notes", "Décisions")
    }
    opened.close()
    assert not {"Tours", "Affectations"} & set(names)
    assert all("tour" not in header for header in headers.values())


def test_the_import_summary_says_what_changes_in_the_rounds_and_only_in_rounds(
    two_rounds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """R2's places changed in the workbook: the summary said every row unchanged while the round
    changed; a campaign in one round still reads no word of rounds."""
    workbook = tmp_path / "c.xlsx"
    export_reports(two_rounds, xlsx=workbook, language="fr", round_code="R2")
    opened = load_workbook(workbook)
    header = [cell.value for cell in opened["Tours"][1]]
    opened["Tours"].cell(row=3, column=header.index("Places") + 1, value=2)
    opened.save(workbook)
    capsys.readouterr()
    assert main(["--lang", "fr", "import", str(two_rounds), str(workbook)]) == 0
    assert "  tours : 0 nouveau(x), 1 modifié(s), 1 inchangé(s)" in capsys.readouterr().out
    single = make_campaign_file(tmp_path / "one.seldesk", make_campaign_data(dossiers=4))
    export_reports(single, xlsx=tmp_path / "one.xlsx", language="fr")
    assert main(["--lang", "fr", "import", str(single), str(tmp_path / "one.xlsx")]) == 0
    assert "tours" not in capsys.readouterr().out


def test_a_dry_run_reports_and_writes_nothing(
    two_rounds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = tmp_path / "c.xlsx"
    export_reports(two_rounds, xlsx=workbook, language="en", round_code="R2")
    fresh = tmp_path / "fresh.seldesk"
    assert main(["--lang", "en", "new", str(fresh), "--name", "Brouillon"]) == 0
    before = file_sha256(fresh)
    capsys.readouterr()
    assert main(["--lang", "en", "import", str(fresh), str(workbook), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run: nothing was written." in out
    assert file_sha256(fresh) == before


def test_rounds_out_of_the_files_order_or_reopened_are_refused_whole(
    two_rounds: Path, tmp_path: Path
) -> None:
    """The file's rounds are matched by position; a round closed in the file stays closed."""
    workbook = tmp_path / "c.xlsx"
    export_reports(two_rounds, xlsx=workbook, language="en", round_code="R2")
    opened = load_workbook(workbook)
    rounds = opened["Rounds"]
    rounds["A2"], rounds["A3"] = "R2", "R1"
    opened.save(tmp_path / "swapped.xlsx")
    rounds["A2"], rounds["A3"] = "R1", "R2"
    rounds["H2"] = "open"
    opened.save(tmp_path / "reopened.xlsx")
    before = file_sha256(two_rounds)
    with CampaignStore.open(two_rounds) as store:
        for name, message in (
            ("swapped.xlsx", "Round R2 is round 1 of the workbook's Rounds sheet"),
            ("reopened.xlsx", "Round R1 is closed in the campaign file but open in the workbook"),
        ):
            with pytest.raises(InvalidInput) as refused:
                import_campaign_workbook(store, tmp_path / name, actor="secretary")
            assert message in refused.value.message()
    assert file_sha256(two_rounds) == before


def test_a_conflict_on_a_pair_scored_in_a_later_round_is_refused(tmp_path: Path) -> None:
    """J2 scored D01 at the hearing only: a workbook declaring that conflict changes nothing."""
    campaign = make_campaign_file(
        tmp_path / "c.seldesk", make_campaign_data(dossiers=3, jurors=2, scored=False)
    )
    with CampaignStore.open(campaign) as store:
        add_round(store, Round("R2", "Audition", kind=RoundKind.HEARING), criteria_from="R1")
        for dossier in store.dossiers():
            record_decision(
                store, dossier.ref, Outcome.SELECTED, rationale="audition", allow_over_places=True
            )
        close_round(store, "R1")
        store.use_round("R2")
        with store.transaction():
            store.write_scores([Score("J2", "D01", c.code, c.scale_max) for c in store.criteria()])
    workbook = tmp_path / "c.xlsx"
    export_reports(campaign, xlsx=workbook, language="en", round_code="R2")
    opened = load_workbook(workbook)
    opened["Conflicts"].append(["J2", "D01", "associée"])
    for sheet in ("Scores", "Assignments"):  # the workbook no longer shows the hearing's
        opened[sheet].delete_rows(2, opened[sheet].max_row - 1)
    opened.save(workbook)
    before = file_sha256(campaign)
    with CampaignStore.open(campaign) as store, pytest.raises(ValidationFailed) as refused:
        import_campaign_workbook(store, workbook, actor="secretary")
    assert "Juror J2 already scored dossier D01" in refused.value.message()
    assert file_sha256(campaign) == before


def test_a_round_the_workbook_closes_but_that_cannot_close_is_refused_naming_the_file(
    two_rounds: Path, tmp_path: Path
) -> None:
    """R2 marked closed in the workbook, and the reason for one of its two dossiers tied at the
    line removed: the import stops, naming the workbook, and the campaign file is unchanged."""
    workbook = tmp_path / "campagne.xlsx"
    export_reports(two_rounds, xlsx=workbook, language="en", round_code="R2")
    opened = load_workbook(workbook)
    opened["Rounds"]["H3"] = "closed"  # R2's status
    decisions = opened["Decisions"]
    header = [cell.value for cell in decisions[1]]
    for row in decisions.iter_rows(min_row=2):
        if row[header.index("rationale")].value == "second au pitch":
            row[header.index("rationale")].value = None
    opened.save(workbook)
    before = file_sha256(two_rounds)
    with CampaignStore.open(two_rounds) as store, pytest.raises(ValidationFailed) as refused:
        import_campaign_workbook(store, workbook, actor="secretary")
    [problem] = refused.value.problems
    assert problem.file == "campagne.xlsx"
    assert "are tied at rank 1 of round R2" in problem.describe()
    assert file_sha256(two_rounds) == before
