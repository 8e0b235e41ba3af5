"""Reports of a campaign in rounds (design §10): a closed round's pre-selection minutes say who
goes on and why; its letters go to the dossiers that stop there, never to those that go on."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from selection_desk.cli import main
from selection_desk.domain import Outcome, Review, ReviewStatus, Round, RoundKind, Score
from selection_desk.errors import InvalidInput
from selection_desk.services.decisions import record_decision
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.reporting import export_reports, write_round_reports
from selection_desk.services.rounds import add_round, close_round, edit_round
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.pdf_text import joined

SURPRISE = "coup de cœur du jury"
OUT_OF_SCOPE = "hors périmètre"


@pytest.fixture
def two_rounds(tmp_path: Path) -> tuple[Path, list[str]]:
    """Six dossiers, 2 places in R1; the committee keeps the 1st and the 4th (with reasons),
    lets the 2nd go, and closes R1; R2 is an open hearing.  Returns the file and R1's order."""
    campaign = make_campaign_file(
        tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=3, places=2)
    )
    with CampaignStore.open(campaign) as store:
        add_round(
            store, Round("R2", "Audition", kind=RoundKind.HEARING, places=1), criteria_from="R1"
        )
        order = [entry.ref for entry in rank_campaign(store).entries]
        record_decision(store, order[0], Outcome.SELECTED)
        record_decision(store, order[1], Outcome.REJECTED, rationale=OUT_OF_SCOPE)
        record_decision(store, order[3], Outcome.SELECTED, rationale=SURPRISE)
        close_round(store, "R1")
    return campaign, order


def test_closing_a_round_writes_its_minutes_and_the_letters_of_those_who_stop(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, order = two_rounds
    result = write_round_reports(campaign, "R1", tmp_path / "out", language="en")
    minutes = tmp_path / "out" / "minutes-R1.pdf"
    letters = tmp_path / "out" / "letters-R1"
    assert minutes in result.files
    stops = set(order) - {order[0], order[3]}
    assert {path.name for path in letters.iterdir()} == {f"{ref}.pdf" for ref in stops}
    text = joined(minutes)
    assert "Round Appel test" in text  # the factory's campaign names its first round
    assert "2 dossier(s) go on from round Appel test (2 places) to round Audition" in text
    after = text.split("Departures from the ranking's order", 1)[1]
    assert f"{order[1]}" in after and OUT_OF_SCOPE in after and "stops" in after
    assert f"{order[3]}" in after and SURPRISE in after and "goes on from below" in after
    assert order[2] not in after.split("Signatures", 1)[0]  # no departure: not listed


def test_the_minutes_of_export_round_have_the_passage_and_a_one_round_campaign_none(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, _order = two_rounds
    export_reports(campaign, pdf=tmp_path / "r1.pdf", language="en", round_code="R1")
    assert "Who goes on" in joined(tmp_path / "r1.pdf")
    single = make_campaign_file(tmp_path / "one.seldesk", make_campaign_data(dossiers=4))
    export_reports(single, pdf=tmp_path / "one.pdf", language="en")
    text = joined(tmp_path / "one.pdf")
    assert "Who goes on" not in text and "Round " not in text


def test_an_open_round_has_no_pre_selection_minutes_yet(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, _order = two_rounds
    with pytest.raises(InvalidInput, match="Round R2 is still open"):
        write_round_reports(campaign, "R2", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _finish(campaign: Path) -> None:
    """R2 (the hearing) is scored by every juror and closed: the campaign is over.  Its first
    dossier by ref gets full marks, the other half a point less on every criterion (a tie across
    the line would not close)."""
    with CampaignStore.open(campaign) as store:
        store.use_round("R2")
        criteria = store.criteria()
        pairs = [(a.juror, a.dossier) for a in store.assignments()]
        first = min(ref for _juror, ref in pairs)
        with store.transaction():
            store.write_scores(
                [
                    Score(juror, ref, c.code, c.scale_max - (0.0 if ref == first else 0.5))
                    for juror, ref in pairs
                    for c in criteria
                ]
            )
            store.write_reviews([Review(j, ref, ReviewStatus.FINAL) for j, ref in pairs])
        edit_round(store, "R1", weight=40.0)
        edit_round(store, "R2", weight=60.0)
        close_round(store, "R2")


def test_the_workbook_has_each_rounds_ranking_and_the_final_one(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, order = two_rounds
    _finish(campaign)
    export_reports(campaign, xlsx=tmp_path / "c.xlsx", language="en", round_code="R2")
    workbook = load_workbook(tmp_path / "c.xlsx", read_only=True)
    rounds = [list(row) for row in workbook["Rounds"].iter_rows(values_only=True)]
    assert rounds[0][:4] == ["Code", "Name", "Kind", "Places"]
    assert [row[0] for row in rounds[1:]] == ["R1", "R2"]
    assert rounds[2][1:3] == ["Audition", "hearing"] and rounds[2][5] == 60
    ranked = list(workbook["Round rankings"].iter_rows(values_only=True))[1:]
    r1 = [row for row in ranked if row[0] == "R1"]
    assert [row[2] for row in r1] == order
    assert {row[2] for row in r1 if row[5] == "yes"} == {order[0], order[3]}
    final = list(workbook["Final ranking"].iter_rows(values_only=True))
    workbook.close()  # a read-only workbook keeps its file open until closed
    assert final[0][:4] == ("Rank", "Ref", "Name", "Final score")
    assert {row[1] for row in final[1:]} == {order[0], order[3]}
    assert all("(R1) + 60 ×" in row[4] for row in final[1:])


def test_the_final_minutes_cover_every_round(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, order = two_rounds
    _finish(campaign)
    result = write_round_reports(campaign, "R2", tmp_path / "out", language="en")
    text = joined(tmp_path / "out" / "minutes-R2.pdf")
    assert "Round Audition, the last: final minutes covering every round" in text
    rounds = text.split("The rounds", 1)[1]
    for ref in set(order) - {order[0], order[3]}:
        assert ref in rounds.split("Final ranking", 1)[0]  # stopped at R1
    assert "The final ranking combines the rounds by their weights." in rounds
    letters = {path.name for path in result.files if path.parent.name == "letters-R2"}
    assert letters == {f"{order[0]}.pdf", f"{order[3]}.pdf"}  # the finalists' letters


def test_a_one_round_workbook_has_no_round_sheet(tmp_path: Path) -> None:
    single = make_campaign_file(tmp_path / "one.seldesk", make_campaign_data(dossiers=4))
    export_reports(single, xlsx=tmp_path / "one.xlsx", language="en")
    workbook = load_workbook(tmp_path / "one.xlsx", read_only=True)
    names = workbook.sheetnames
    workbook.close()
    assert not {"Rounds", "Round rankings", "Final ranking"} & set(names)


def test_a_rounds_reports_rank_with_the_rounds_own_places(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """R2 fills 1 place where the campaign has 2: its minutes say 1."""
    campaign, _order = two_rounds
    _finish(campaign)
    export_reports(campaign, pdf=tmp_path / "r2.pdf", language="en", round_code="R2")
    text = joined(tmp_path / "r2.pdf")
    assert "Places available 1 " in text
    assert "are selected at round Audition, the last (1 places)" in text


def test_export_letters_of_a_closed_round_go_to_those_who_stop_there(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, order = two_rounds
    written = export_reports(campaign, letters=tmp_path / "r1", language="en", round_code="R1")
    stops = set(order) - {order[0], order[3]}
    assert {path.name for path in written.files} == {f"{ref}.pdf" for ref in stops}


def test_export_round_pdf_on_the_command_line_writes_the_pre_selection_minutes(
    two_rounds: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign, _order = two_rounds
    minutes = tmp_path / "pv-R1.pdf"
    code = main(["--lang", "fr", "export", str(campaign), "--round", "R1", "--pdf", str(minutes)])
    assert code == 0, capsys.readouterr().err
    text = joined(minutes)
    assert "Qui poursuit" in text and "Écarts à l’ordre du classement" in text
    assert SURPRISE in text.split("Écarts à l’ordre du classement", 1)[1]


def test_the_round_sheets_show_scores_with_two_decimals(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, _order = two_rounds
    _finish(campaign)
    export_reports(campaign, xlsx=tmp_path / "c.xlsx", language="fr", round_code="R2")
    workbook = load_workbook(tmp_path / "c.xlsx")
    assert {"Tours", "Classements des tours", "Classement final"} <= set(workbook.sheetnames)
    assert workbook["Classements des tours"]["E2"].number_format == "0.00"
    assert workbook["Classement final"]["D2"].number_format == "0.00"
