"""The offline workflow in the window: kits, juror mode, ballots and merges from the File menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from selection_desk.formats import sealed
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.offline import ALL_JURORS
from selection_desk.ui.pages.scoring import ScoringPage
from tests.data.imports.generate import HERE as CORPUS
from tests.offline.conftest import make_offline_campaign
from tests.ui.drops import drop_files

pytestmark = pytest.mark.gui

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_N", 1 << 10)


@pytest.fixture
def reports(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(window.offline, "show_report", lambda title, text: shown.append(text))
    return shown


def visible_phases(window: MainWindow) -> list[str]:
    return [
        phase
        for row, phase in enumerate(window.PHASES)
        if not window.navigation.item(row).isHidden()
    ]


def make_kits(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, folder: Path, passphrase: str
) -> None:
    monkeypatch.setattr(window.offline, "ask_kit_juror", lambda title, jurors: ALL_JURORS)
    monkeypatch.setattr(window.offline, "ask_folder", lambda title: folder)
    monkeypatch.setattr(
        window.offline, "ask_passphrase", lambda title, label, allow_empty=False: passphrase
    )
    window.offline.make_kits_action.trigger()


def typing(asked: list[str], *answers: str | None) -> Callable[..., str | None]:
    """A passphrase or PIN box that records its questions and gives ``answers`` in turn."""
    given = iter(answers)

    def ask(title: str, label: str, allow_empty: bool = False) -> str | None:
        asked.append(label)
        return next(given)

    return ask


def open_kit_of_j2(window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The secretary makes the kits, then J2's kit is opened (juror mode) in the same window."""
    window.open_file(make_offline_campaign(tmp_path / "campaign.seldesk"))
    make_kits(window, monkeypatch, tmp_path / "kits", "")
    kit = tmp_path / "kits" / "kit-J2.seldesk"
    window.open_file(kit)
    assert window.offline.juror_mode and window.store is not None
    return kit


def test_the_secretary_makes_kits_and_merges_ballots(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports: list[str],
    shown_errors: list[str],
) -> None:
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    window.open_file(campaign)
    # Every phase but Pitch day, which a campaign shows only on a hearing round (design §10).
    assert visible_phases(window) == [p for p in window.PHASES if p != "hearing"]
    assert window.offline.make_kits_action.isEnabled()
    assert not window.offline.export_ballot_action.isVisible()
    make_kits(window, monkeypatch, tmp_path / "kits", "")
    assert shown_errors == []
    assert reports == [
        f"3 juror kit(s) written to {tmp_path / 'kits'}.\n\n"
        "Send each juror their own kit file and its instruction sheet (the PDF beside it)."
    ]
    kit = tmp_path / "kits" / "kit-J2.seldesk"
    assert kit.exists() and not sealed.is_sealed(kit)

    # The juror's laptop: the kit opens in juror mode.
    window.open_file(kit)
    assert window.offline.juror_mode
    assert visible_phases(window) == ["scoring"]
    assert window.pages.currentWidget() is window.scoring_page
    assert "juror J2" in window.windowTitle()
    assert not window.offline.make_kits_action.isVisible()
    assert window.offline.export_ballot_action.isEnabled()
    assert window.store is not None
    record_score(window.store, "J2", "D03", "TEAM", 4.5, comment="très bien")
    ballot = tmp_path / "ballot-J2.json"
    monkeypatch.setattr(window.offline, "ask_save_file", lambda title, suggested, f: ballot)
    window.offline.export_ballot_action.trigger()
    assert shown_errors == []
    assert ballot.exists() and "revision 1" in reports[-1]

    # Back at the secretary's desk: merge it.
    window.open_file(campaign)
    assert visible_phases(window) == [p for p in window.PHASES if p != "hearing"]
    monkeypatch.setattr(window.offline, "ask_open_files", lambda title: [ballot, ballot])
    window.offline.merge_action.trigger()
    assert reports[-1].splitlines() == [
        "ballot-J2.json: accepted, revision 1 of juror J2: 1 new score(s), 0 changed, "
        "0 removed; 1 review(s) changed.",
        "ballot-J2.json: unchanged (revision 1 of juror J2 was already merged).",
    ]
    assert window.session is not None
    # The app keeps no copy of the scores in memory (session.data): they are read from the file.
    merged = window.session.store.score_value("J2", "D03", "TEAM")
    assert merged is not None and merged.comment == "très bien"


def test_the_kit_created_message_says_what_to_send_to_whom(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reports: list[str]
) -> None:
    window.open_file(make_offline_campaign(tmp_path / "campaign.seldesk"))
    make_kits(window, monkeypatch, tmp_path / "kits", PASSPHRASE)
    [report] = reports
    assert report.startswith(f"3 juror kit(s) written to {tmp_path / 'kits'}.\n\n")
    assert "Send each juror their own kit file and its instruction sheet" in report
    assert "passphrase by another channel" in report
    assert "never in the same e-mail as the kit" in report


def test_a_sealed_kit_asks_its_passphrase_once(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports: list[str],
    shown_errors: list[str],
) -> None:
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    window.open_file(campaign)
    make_kits(window, monkeypatch, tmp_path / "kits", PASSPHRASE)
    kit = tmp_path / "kits" / "kit-J3.seldesk"
    assert sealed.is_sealed(kit)
    window.close_campaign()

    labels: list[str] = []
    monkeypatch.setattr(window.offline, "ask_passphrase", typing(labels, "wrong one!", None))
    window.open_file(kit)
    # A wrong passphrase asks again, saying why; the juror may then give up.
    assert len(labels) == 2 and "does not open" in labels[1]
    assert window.store is None and window.pages.currentWidget() is window.welcome
    assert not shown_errors

    asked: list[str] = []

    def answer(title: str, label: str, allow_empty: bool = False) -> str:
        asked.append(label)
        return PASSPHRASE

    monkeypatch.setattr(window.offline, "ask_passphrase", answer)
    window.open_file(kit)
    assert window.offline.juror_mode and window.store is not None
    assert window.store.path.suffix == ".seldesk" and window.store.path != kit
    record_score(window.store, "J3", "D01", "MARKET", 2.0)
    ballot = tmp_path / "ballot-J3.ballot"
    monkeypatch.setattr(window.offline, "ask_save_file", lambda title, suggested, f: ballot)
    window.offline.export_ballot_action.trigger()
    assert len(asked) == 1  # the passphrase given at opening signs the ballot
    assert sealed.is_sealed(ballot)
    window.open_file(campaign)
    window.offline.merge_ballots([ballot])
    assert "accepted, revision 1 of juror J3" in reports[-1]
    window.close_campaign()
    with CampaignStore.open(campaign, readonly=True) as store:
        assert store.score_value("J3", "D01", "MARKET") is not None


def test_import_a_scoring_sheet(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports: list[str],
) -> None:
    import openpyxl

    from selection_desk.services.juror_sheets import write_juror_sheets

    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    with CampaignStore.open(campaign, readonly=True) as store:
        sheet = next(
            p for p in write_juror_sheets(store, tmp_path, language="en") if "J3" in p.name
        )
    workbook = openpyxl.load_workbook(sheet)
    workbook.worksheets[0]["C6"] = 3.5
    workbook.save(sheet)
    window.open_file(campaign)
    monkeypatch.setattr(window.offline, "ask_open_file", lambda title, f: sheet)
    window.offline.import_sheet_action.trigger()
    assert reports[-1].startswith("Imported the scoring sheet of juror J3: 1 new score(s)")


def test_export_ballot_asks_the_jurors_pin(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports: list[str],
    shown_errors: list[str],
) -> None:
    from selection_desk.services.jurors import set_juror_pin

    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    with CampaignStore.open(campaign) as store:
        set_juror_pin(store, "J2", "4821")
    window.open_file(campaign)
    make_kits(window, monkeypatch, tmp_path / "kits", "")
    window.open_file(tmp_path / "kits" / "kit-J2.seldesk")
    assert window.offline.juror_mode and window.store is not None
    record_score(window.store, "J2", "D03", "TEAM", 4.5)
    ballot = tmp_path / "ballot-J2.json"
    monkeypatch.setattr(window.offline, "ask_save_file", lambda title, suggested, f: ballot)
    asked: list[str] = []

    def answer(pin: str | None):  # type: ignore[no-untyped-def]
        def ask(title: str, label: str, allow_empty: bool = False) -> str | None:
            asked.append(label)
            return pin

        return ask

    monkeypatch.setattr(window.offline, "ask_passphrase", answer(None))
    window.offline.export_ballot_action.trigger()
    assert asked == ["The PIN of juror J2, to sign the ballot:"] and not ballot.exists()
    dialogs: list[str] = []
    monkeypatch.setattr(window.offline, "ask_passphrase", typing(asked, "1111", None))
    monkeypatch.setattr(
        window.offline, "ask_save_file", lambda title, suggested, f: dialogs.append(title)
    )
    window.offline.export_ballot_action.trigger()
    # A wrong PIN is said before any save dialog, and the PIN asked again.
    assert "The PIN does not open the kit of juror J2" in asked[-1]
    assert dialogs == [] and not ballot.exists()
    monkeypatch.setattr(window.offline, "ask_save_file", lambda title, suggested, f: ballot)
    monkeypatch.setattr(window.offline, "ask_passphrase", answer("4821"))
    window.offline.export_ballot_action.trigger()
    assert ballot.exists() and "revision 1" in reports[-1]
    asked.clear()
    window.offline.export_ballot_action.trigger()
    assert asked == []  # the PIN that signed is remembered while the kit is open


def test_one_jurors_kit_with_the_passphrase_typed_twice(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports: list[str],
    shown_errors: list[str],
) -> None:
    from selection_desk.domain import Juror, Role
    from selection_desk.services.jurors import add_juror
    from selection_desk.services.kits import open_kit

    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    with CampaignStore.open(campaign) as store:  # a secretary has nothing to score: no kit
        add_juror(store, Juror("SEC", "Sophie Greffe", role=Role.SECRETARY))
    window.open_file(campaign)
    offered: list[list[tuple[str, str]]] = []

    def pick(title: str, jurors: list[tuple[str, str]]) -> str:
        offered.append(jurors)
        return "J3"

    kit = tmp_path / "only-J3.seldesk"
    suggested: list[str] = []

    def save_as(title: str, proposed: str, file_filter: str) -> Path:
        suggested.append(Path(proposed).name)
        return kit

    monkeypatch.setattr(window.offline, "ask_kit_juror", pick)
    monkeypatch.setattr(window.offline, "ask_save_file", save_as)
    typed = iter([PASSPHRASE, PASSPHRASE + "x"])
    monkeypatch.setattr(
        window.offline, "ask_passphrase", lambda title, label, allow_empty=False: next(typed)
    )
    window.offline.make_kits_action.trigger()
    assert shown_errors == ["The two passphrases differ: no kit was made. Type them again."]
    assert not kit.exists() and reports == []
    assert offered[0] == [("J1", "Alice Martin"), ("J2", "Bruno Keller"), ("J3", "Chloé Dubois")]
    assert suggested == ["kit-J3.seldesk"]

    labels: list[str] = []

    def same(title: str, label: str, allow_empty: bool = False) -> str:
        labels.append(label)
        return PASSPHRASE

    monkeypatch.setattr(window.offline, "ask_passphrase", same)
    window.offline.make_kits_action.trigger()
    assert shown_errors == [shown_errors[0]]
    [report] = reports
    assert report.startswith(f"The kit of juror J3 is written to {kit}.\n\n")
    assert "Send the juror this kit file and its instruction sheet (the PDF beside it)." in report
    assert labels == [
        "Passphrase to seal the kits (leave empty for none):",
        "The same passphrase again, to confirm:",
    ]
    assert sealed.is_sealed(kit)
    assert sorted(p.name for p in tmp_path.glob("*.seldesk")) == ["campaign.seldesk", kit.name]
    with open_kit(kit, PASSPHRASE) as store:
        assert [j.code for j in store.jurors()] == ["J3"]


def test_ballots_dropped_on_a_kit_are_refused_with_a_message(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports: list[str],
    shown_errors: list[str],
) -> None:
    kit = open_kit_of_j2(window, monkeypatch, tmp_path)
    ballot = tmp_path / "ballot.json"
    ballot.write_text("{}", encoding="utf-8")
    before = kit.read_bytes()
    window.offline.merge_ballots([ballot])
    assert shown_errors[-1].endswith(
        "is a juror kit: merge ballots into the secretary's campaign file."
    )
    window.close_campaign()
    assert kit.read_bytes() == before


def test_a_dossier_list_dropped_on_a_kit_is_refused_with_a_message(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports: list[str],
    shown_errors: list[str],
) -> None:
    kit = open_kit_of_j2(window, monkeypatch, tmp_path)
    before = kit.read_bytes()
    drop_files(window, CORPUS / "typeform.csv")
    assert window.dossiers_page.wizard is None
    assert "is a juror kit: a kit takes its juror's scores only" in shown_errors[-1]
    assert window.pages.currentWidget() is not window.dossiers_page
    window.close_campaign()
    assert kit.read_bytes() == before


def test_the_services_refuse_to_import_into_a_kit(tmp_path: Path) -> None:
    from selection_desk.errors import InvalidInput
    from selection_desk.formats.tabular_sources import read_source
    from selection_desk.services.dossier_import import plan_dossier_import
    from selection_desk.services.kits import make_kit, open_kit

    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    with CampaignStore.open(campaign) as store:
        make_kit(store, "J2", tmp_path / "kit.seldesk")
    with open_kit(tmp_path / "kit.seldesk") as kit, pytest.raises(InvalidInput) as refused:
        plan_dossier_import(kit, read_source(CORPUS / "typeform.csv"))
    assert "is a juror kit" in refused.value.message()


def test_recent_files_name_the_campaign_and_the_juror_of_a_kit(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, reports: list[str]
) -> None:
    open_kit_of_j2(window, monkeypatch, tmp_path)
    assert window.store is not None
    working_copy = str(window.store.path.resolve())
    campaign_name = window.store.campaign().name
    window.close_campaign()
    shown = [
        window.welcome.recent_list.item(i).text() for i in range(window.welcome.recent_list.count())
    ]
    assert shown[0] == f"{campaign_name} — juror J2\nJuror kit"  # not a generated name
    assert working_copy not in shown[0]
    assert shown[1] == f"{campaign_name}\n{(tmp_path / 'campaign.seldesk').resolve()}"
    assert window.recent_menu.actions()[0].text() == f"{campaign_name} — juror J2"


def _score_and_finalise_the_rest(qtbot, page: ScoringPage) -> None:  # type: ignore[no-untyped-def]
    """The juror scores each dossier of the queue with the keyboard and marks it final."""
    for ref in [item.ref for item in page.queue_model.items()]:
        page.queue_panel.select_ref(ref)
        assert page.current_dossier == ref
        if page.sheet.sheet is not None and page.sheet.sheet.final:
            continue
        for code, keys in (("TEAM", "4"), ("MARKET", "3")):
            qtbot.keyClicks(page.sheet.input(code), keys)
        qtbot.mouseClick(page.sheet.mark_final_button, Qt.MouseButton.LeftButton)


def test_every_dossier_final_offers_the_ballot_in_a_banner_that_exports_it(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports: list[str],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    open_kit_of_j2(window, monkeypatch, tmp_path)
    page = window.scoring_page
    if page.workspace is None:
        assert page.start("J2")
    banner = page.ballot_banner
    assert not banner.isVisible()
    refs = [item.ref for item in page.queue_model.items()]
    _score_and_finalise_the_rest(qtbot, page)
    assert page.progress.text() == f"{len(refs)} / {len(refs)} scored"
    assert banner.isVisible()  # no modal box: the juror may still reread a dossier
    assert banner.text.text().startswith("Every dossier is final: your ballot is ready.")
    ballot = tmp_path / "ballot-J2.json"
    monkeypatch.setattr(window.offline, "ask_save_file", lambda title, suggested, f: ballot)
    qtbot.mouseClick(banner.export_button, Qt.MouseButton.LeftButton)
    assert ballot.exists() and "revision 1" in reports[-1]
    assert banner.text.text() == (
        f"✓ Ballot exported to {ballot}. Send this file to the secretary."
    )
    assert banner.export_button.text() == "E&xport again…"
    # The last dossier shown is reopened: the ballot is no longer complete.
    qtbot.mouseClick(page.sheet.reopen_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    qtbot.mouseClick(page.sheet.mark_final_button, Qt.MouseButton.LeftButton)
    assert banner.isVisible() and banner.text.text().startswith("Every dossier is final")


def test_no_ballot_banner_in_the_secretarys_campaign_file(
    window: MainWindow,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window.open_file(make_offline_campaign(tmp_path / "campaign.seldesk"))
    window.show_phase("scoring")
    page = window.scoring_page
    assert page.start("J2")
    _score_and_finalise_the_rest(qtbot, page)
    assert all(item.status.value == "final" for item in page.queue_model.items())
    assert not page.ballot_banner.isVisible()
