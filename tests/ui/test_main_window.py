"""The first window: welcome screen, opening campaigns, the read-only ranking, recent files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from selection_desk.ui.main_window import TITLE_BAR_ALLOWANCE, MainWindow, opening_size
from selection_desk.ui.tasks import TaskRunner
from tests.factories import make_campaign_data, make_campaign_file

pytestmark = pytest.mark.gui


def test_starts_on_the_welcome_screen(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.welcome
    assert not window.navigation.isEnabled()
    assert not window.save_copy_action.isEnabled()
    assert window.welcome.empty_label.isVisible()


def test_opens_a_campaign_and_shows_its_ranking(window: MainWindow, tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "appel.seldesk", make_campaign_data(dossiers=5))
    window.open_file(path)
    assert window.store is not None
    assert window.pages.currentWidget() is window.ranking_page
    assert window.navigation.isEnabled()
    assert "Appel test" in window.windowTitle()
    model = window.ranking_page.model
    assert model.rowCount() == 5
    ranks = [model.entry(row).rank for row in range(model.rowCount())]
    assert ranks == sorted(ranks)
    first = window.ranking_page.proxy.index(0, 2).data()
    assert first == model.entry(0).name


def test_a_page_is_built_when_first_shown_and_then_follows_the_campaign(
    window: MainWindow, tmp_path: Path
) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    assert set(window.built_pages) == {"ranking"}  # the page shown: the others cost nothing yet
    window.show_phase("reports")
    assert set(window.built_pages) == {"ranking", "reports"}
    assert window.pages.currentWidget() is window.reports_page
    assert window.reports_page.session is window.session  # built late, given the campaign
    window.close_campaign()
    assert window.reports_page.session is None


def test_every_phase_has_a_page(window: MainWindow, tmp_path: Path) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    for phase in MainWindow.PHASES:
        window.show_phase(phase)
        assert window.pages.currentIndex() == MainWindow.PHASES.index(phase) + 1
    window.show_phase("campaign")
    assert window.campaign_page.criteria.rowCount() == 2
    assert window.campaign_page.jurors.item(0, 2).text() == "president"


def test_remembers_recent_files(window: MainWindow, tmp_path: Path, settings: QSettings) -> None:
    first = make_campaign_file(tmp_path / "first.seldesk")
    second = make_campaign_file(tmp_path / "second.seldesk")
    window.open_file(first)
    window.open_file(second)
    window.close_campaign()
    listed = [
        window.welcome.recent_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(window.welcome.recent_list.count())
    ]
    assert listed == [str(second.resolve()), str(first.resolve())]
    assert [a.toolTip() for a in window.recent_menu.actions()] == listed
    restarted = MainWindow(TaskRunner(synchronous=True), settings)
    assert restarted.welcome.recent_list.count() == 2
    restarted.close()


def test_a_file_that_is_not_a_campaign_gets_a_clear_message(
    window: MainWindow, tmp_path: Path, shown_errors: list[str]
) -> None:
    bogus = tmp_path / "notes.seldesk"
    bogus.write_text("juré;note\n", encoding="utf-8")
    window.open_file(bogus)
    assert shown_errors == [f"{bogus} is not a Selection Desk campaign file."]
    assert window.store is None
    assert window.pages.currentWidget() is window.welcome


def test_a_file_open_elsewhere_is_refused_with_a_message(
    window: MainWindow, tmp_path: Path, shown_errors: list[str]
) -> None:
    from selection_desk.storage.store import CampaignStore

    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path):
        window.open_file(path)
    assert len(shown_errors) == 1 and "already open for editing" in shown_errors[0]


def test_save_a_copy_writes_a_complete_campaign(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from selection_desk.storage.store import CampaignStore

    path = make_campaign_file(tmp_path / "c.seldesk")
    window.open_file(path)
    target = tmp_path / "copie.seldesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.save_copy_action.trigger()
    with CampaignStore.open(target, readonly=True) as copy:
        assert copy.campaign().name == "Appel test"
        assert len(copy.scores()) == len(make_campaign_data().scores)


def test_the_screenshot_option_renders_the_window(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    png = tmp_path / "shot.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "selection_desk",
            "--lang",
            "fr",
            "gui",
            str(path),
            "--screenshot",
            str(png),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1366, 768)


def test_a_screenshot_at_a_given_size_and_scale(tmp_path: Path) -> None:
    """``--size`` is in logical pixels: at 200 % the PNG has twice as many each way."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    png = tmp_path / "shot.png"
    command = [sys.executable, "-m", "selection_desk", "--lang", "fr", "gui", str(path)]
    command += ["--page", "ranking", "--screenshot", str(png), "--size", "960x540"]
    environment = {**os.environ, "QT_SCALE_FACTOR": "2"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1920, 1080)  # a 1920 × 1080 screen at 200 %


@pytest.mark.parametrize("size", ["1280", "1280x", "x720", "0x720", "1280×720", "big"])
def test_a_window_size_is_width_x_height(size: str, capsys: pytest.CaptureFixture[str]) -> None:
    from selection_desk.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "gui", "--screenshot", "x.png", "--size", size])
    assert exited.value.code == 2
    assert "write it as WIDTHxHEIGHT, for example 1280x720" in capsys.readouterr().err


def test_the_screenshot_waits_for_the_ranking_computed_after_the_window_shows(
    tmp_path: Path,
) -> None:
    """The ranking is computed in the background once the window shows the campaign: the
    screenshot waits for it (``--first-paint`` would take the window at once)."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    png, rows = tmp_path / "shot.png", tmp_path / "rows.txt"
    probe = (
        "import sys; from pathlib import Path; from selection_desk.ui import app;"
        "from selection_desk.ui.main_window import MainWindow;"
        "grab = MainWindow.grab;"
        "MainWindow.grab = lambda self: (Path(sys.argv[1]).write_text("
        "str(self.ranking_page.model.rowCount())), grab(self))[1];"
        "sys.exit(app.run_gui(Path(sys.argv[2]), screenshot=Path(sys.argv[3])))"
    )
    command = [sys.executable, "-c", probe, str(rows), str(path), str(png)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(rows.read_text()) == 4


def test_the_first_paint_screenshot_renders_the_window_at_once(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    png = tmp_path / "shot.png"
    command = [sys.executable, "-m", "selection_desk", "gui", str(path), "--screenshot", str(png)]
    result = subprocess.run(
        [*command, "--first-paint"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(png)).width() == 1366


def test_a_new_empty_campaign_opens_without_a_ranking(window: MainWindow, tmp_path: Path) -> None:
    from selection_desk.domain import Campaign
    from selection_desk.storage.store import CampaignStore

    path = tmp_path / "vide.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Vide")).close()
    window.open_file(path)
    assert window.store is not None
    assert window.ranking_page.model.rowCount() == 0
    assert window.ranking_page.summary.text() == "No ranking yet."


def test_a_task_on_the_session_refreshes_every_page(window: MainWindow, tmp_path: Path) -> None:
    from selection_desk.domain import Dossier

    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    session = window.session
    assert session is not None
    results: list[object] = []

    def add_dossier(store, progress):  # type: ignore[no-untyped-def]
        with store.transaction():
            store.write_dossiers([Dossier("D99", "Tardive")], {"D99": 99})
        return "done"

    session.run_task(window, "Adding", add_dossier, results.append, results.append)
    assert results == ["done"]
    assert "D99" in {d.ref for d in session.data.dossiers}
    assert window.campaign_page.form.rowCount() > 0
    assert window.ranking_page.model.rowCount() == 5


def test_qt_standard_dialogs_speak_french(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QLocale

    from selection_desk.ui.app import install_qt_translations

    previous_locale = QLocale()
    translator = install_qt_translations(qapp, "fr")
    try:
        assert translator is not None
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(previous_locale)


def test_save_a_copy_onto_the_open_file_is_refused(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    path = make_campaign_file(tmp_path / "c.seldesk")
    window.open_file(path)
    before = path.read_bytes()
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    window.save_copy_action.trigger()
    assert warnings == ["A copy cannot replace the open campaign file: choose another file."]
    assert path.read_bytes() == before
    assert window.store is not None and len(window.store.scores()) == len(
        make_campaign_data().scores
    )


@pytest.mark.parametrize("with_gui", [True, False])
def test_the_screenshot_of_a_file_it_cannot_open_fails_in_one_sentence(
    tmp_path: Path, with_gui: bool
) -> None:
    path = tmp_path / "foreign.seldesk"
    path.write_bytes(b"not a campaign file")
    png = tmp_path / "shot.png"
    command = ["--lang", "en", *(["gui"] if with_gui else []), str(path), "--screenshot", str(png)]
    result = subprocess.run(
        [sys.executable, "-m", "selection_desk", *command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "is not a Selection Desk campaign file." in result.stderr
    assert "Traceback" not in result.stderr
    assert not png.exists()


def test_without_a_subcommand_the_screenshot_option_opens_the_app(tmp_path: Path) -> None:
    png = tmp_path / "welcome.png"
    result = subprocess.run(
        [sys.executable, "-m", "selection_desk", "--screenshot", str(png)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(png)).width() == 1366


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_window_fits_a_1080p_laptop_at_200_percent(
    qtbot, settings: QSettings, tmp_path: Path, language: str
) -> None:  # type: ignore[no-untyped-def]
    """960 × 540 points whatever the page: the window's minimum is that of its widest page,
    measured with the app's style sheet (its type sizes) and the demo's real texts."""
    from selection_desk import i18n
    from selection_desk.demo import build_demo_file
    from selection_desk.ui.app import STYLE

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(STYLE)
    runner = TaskRunner(synchronous=True)
    try:
        with i18n.language(language):
            window = MainWindow(runner, settings)
            qtbot.addWidget(window)
            window.resize(960, 540)
            window.show()
            window.open_file(build_demo_file(tmp_path / "demo.seldesk"))
            for phase in ("campaign", "dossiers", "scoring", "ranking", "deliberation", "reports"):
                window.show_phase(phase)
                QApplication.processEvents()
                hint = window.minimumSizeHint()
                assert hint.width() <= 960 and hint.height() <= 540, (phase, hint.toTuple())
            window.show_phase("scoring")
            window.scoring_page.start("J3")  # a juror's workspace, the saved state shown
            window.scoring_page.flush()
            QApplication.processEvents()
            hint = window.minimumSizeHint()
            assert hint.width() <= 960 and hint.height() <= 540, ("workspace", hint.toTuple())
            page = window.scoring_page
            # The narrow window squeezes the document, not the score sheet; the save state gives
            # way before the juror's name.
            assert not page.sheet.scroll_area.horizontalScrollBar().isVisible()
            assert not page.title.is_shortened(), page.title.shown_text()
            queue, document, sheet = page.splitter.sizes()
            assert document < sheet and queue >= 120
            window.resize(1366, 768)
            QApplication.processEvents()
            wide_queue, wide_document, _wide_sheet = page.splitter.sizes()
            assert wide_queue > queue and wide_document > document
            assert not page.save_state.is_shortened(), page.save_state.shown_text()
            runner.wait_for_done()
            window.close_campaign()
    finally:
        app.setStyleSheet("")


class _Screen:
    """A 1280×720 screen with a 40-pixel task bar (the offscreen platform's screen is 800×800)."""

    def availableGeometry(self) -> QRect:  # noqa: N802
        return QRect(0, 0, 1280, 680)


def test_the_window_opens_no_taller_than_the_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    size = opening_size(_Screen())  # type: ignore[arg-type]
    assert size.height() + TITLE_BAR_ALLOWANCE <= 680
    assert size.width() == 1280
    window = MainWindow(TaskRunner(synchronous=True), QSettings())
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert window.height() + TITLE_BAR_ALLOWANCE <= free.height()
    assert window.width() <= free.width()
