"""The offline workflow in the window: juror mode, and the File menu's kit, ballot, merge actions.

- Opening a **juror kit** puts the window in juror mode: only the scoring workspace is shown (the
  kit holds only that juror and their dossiers anyway; no ranking, no deliberation, no reports), and
  File → *Export ballot…* signs the juror's work into a ballot.  A kit sealed with a passphrase asks
  for it, then is unsealed (in the task runner) into its working copy, which is what is opened.
- With a **campaign file** open, the secretary has File → *Make juror kits…*, *Merge ballots…* and
  *Import a scoring sheet…*; each runs through ``session.run_task`` (progress, cancel) and ends with
  a report.

Dialogs are methods (``ask_…``, ``show_report``) so that tests can answer them.  The window that
builds these actions hands them what they need of it (its runner, its current session, its way to
open a file and to show an error); this module never imports the window's, and the window shows
juror mode itself (:data:`JUROR_MODE_PHASES`) when :attr:`OfflineActions.juror_mode` is set.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
)

from selection_desk.domain import SCORING_ROLES
from selection_desk.errors import SelectionDeskError, define_message
from selection_desk.i18n import N_, _
from selection_desk.progress import Progress
from selection_desk.ui.messages import error_text
from selection_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from selection_desk.storage.store import CampaignStore
    from selection_desk.ui.session import CampaignSession

JUROR_MODE_PHASES = ("scoring",)
BALLOT_FILTER = "Ballots (*.json *.ballot)"
SHEET_FILTER = "Excel (*.xlsx)"
KIT_FILTER = "Selection Desk (*.seldesk)"
ALL_JURORS = "*"
"""What :meth:`OfflineActions.ask_kit_juror` answers for "every juror"."""
KIT_PASSPHRASES_DIFFER = define_message(
    "kit_passphrases_differ", N_("The two passphrases differ: no kit was made. Type them again.")
)


class OfflineActions:
    """The File menu's offline actions (inserted before ``insert_before``) and juror mode."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        runner: TaskRunner,
        current_session: Callable[[], CampaignSession | None],
        open_file: Callable[[Path], None],
        show_error: Callable[[str, BaseException], None],
        insert_before: QAction,
        ballot_exported: Callable[[Path], None] = lambda path: None,
    ) -> None:
        self.window = window
        self._ballot_exported = ballot_exported
        self._runner = runner
        self._current_session = current_session
        self._open_file = open_file
        self._show_error = show_error
        self._insert_before = insert_before
        self.juror_mode = False
        self._passphrases: dict[Path, str] = {}
        self._pins: dict[Path, str] = {}
        self.make_kits_action = self._action(_("Make &juror kits…"), self.make_kits)
        self.merge_action = self._action(_("&Merge ballots…"), self.merge_ballots)
        self.import_sheet_action = self._action(
            _("Import a &scoring sheet…"), self.import_scoring_sheet
        )
        self.export_ballot_action = self._action(_("Export &ballot…"), self.export_ballot)
        self.actions = (
            self.make_kits_action,
            self.merge_action,
            self.import_sheet_action,
            self.export_ballot_action,
        )
        menu = self._file_menu()
        if menu is not None:
            menu.insertActions(insert_before, list(self.actions))
            menu.insertSeparator(insert_before)
        self._enable(None)

    def _action(self, text: str, slot: Any) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _file_menu(self) -> QMenu | None:
        for action in self.window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and self._insert_before in menu.actions():
                return menu
        return None

    def _enable(self, store: CampaignStore | None) -> None:
        secretary = store is not None and not self.juror_mode
        for action in (self.make_kits_action, self.merge_action, self.import_sheet_action):
            action.setEnabled(secretary)
            action.setVisible(not self.juror_mode)
        self.export_ballot_action.setEnabled(store is not None and self.juror_mode)
        self.export_ballot_action.setVisible(self.juror_mode)

    # -- opening a kit ------------------------------------------------------------------------

    def open_sealed_kit(self, path: Path, retry_reason: str = "") -> bool:
        """True when ``path`` is a sealed kit: it is then unsealed (after asking the passphrase,
        again after a wrong one) and its working copy opened; False: open ``path`` as usual."""
        from selection_desk.formats import sealed

        if not sealed.is_sealed(path):
            return False  # the common case, told by the file's first bytes: nothing more to load
        from selection_desk.services.kits import KIT_WRONG_PASSPHRASE, is_sealed_kit, unlock_kit

        if not is_sealed_kit(path):
            return False
        question = _("{name} is protected by a passphrase. Passphrase:").format(name=path.name)
        passphrase = self.ask_passphrase(
            _("Open a juror kit"), f"{retry_reason}\n\n{question}" if retry_reason else question
        )
        if passphrase is None:
            return True

        def unlocked(working: Path) -> None:
            self._passphrases[working.resolve()] = passphrase
            self._open_file(working)

        def failed(error: BaseException) -> None:
            # The juror mistyped: ask again, saying why.
            if isinstance(error, SelectionDeskError) and error.code == KIT_WRONG_PASSPHRASE:
                self.open_sealed_kit(path, error_text(error))
            else:
                self._show_error(_("Open a juror kit"), error)

        self.window.statusBar().showMessage(_("Opening {name}…").format(name=path.name))
        self._runner.run(lambda progress: unlock_kit(path, passphrase), unlocked, failed)
        return True

    def campaign_opened(self, store: CampaignStore) -> None:
        """Juror mode for a kit (the window then shows only the juror's scoring workspace)."""
        from selection_desk.storage.kits import is_juror_kit

        self.juror_mode = is_juror_kit(store)
        self._enable(store)

    # -- the juror's side -------------------------------------------------------------------

    def export_ballot(self) -> None:
        from selection_desk.services.kits import kit_juror, kit_needs_pin
        from selection_desk.storage.kits import read_kit_identity

        session = self._current_session()
        if session is None or not self.juror_mode:
            return
        store = session.store
        identity = read_kit_identity(store)
        if identity is None:
            return
        passphrase = self._passphrases.get(store.path.resolve())
        if identity.key_is_sealed and passphrase is None:
            passphrase = self.ask_passphrase(
                _("Export ballot"), _("The kit's passphrase, to sign the ballot:")
            )
            if passphrase is None:
                return
        pin = self._pins.get(store.path.resolve())
        if pin is None and kit_needs_pin(store):
            pin = self._ask_pin(store, identity.juror)
            if pin is None:
                return
        suffix = ".ballot" if identity.seal_ballots else ".json"
        target = self.ask_save_file(
            _("Export ballot"),
            str(Path.home() / f"ballot-{kit_juror(store)}{suffix}"),
            BALLOT_FILTER,
        )
        if target is None:
            return

        def work(store: CampaignStore, progress: Progress) -> Any:
            from selection_desk.services.ballots import export_ballot

            return export_ballot(store, target, passphrase=passphrase, pin=pin)

        def done(result: Any) -> None:
            if passphrase is not None:
                self._passphrases[store.path.resolve()] = passphrase
            if pin is not None:
                self._pins[store.path.resolve()] = pin
            self._ballot_exported(result.path)
            self.show_report(
                _("Export ballot"),
                _(
                    "Ballot of juror {juror}, revision {revision}: {reviews} dossier(s), "
                    "{scores} score(s), written to {path}."
                ).format(
                    juror=result.juror,
                    revision=result.revision,
                    reviews=result.reviews,
                    scores=result.scores,
                    path=result.path,
                ),
            )

        session.run_task(
            self.window,
            _("Exporting the ballot…"),
            work,
            done,
            lambda error: self._show_error(_("Export ballot"), error),
        )

    def _ask_pin(self, store: CampaignStore, juror: str) -> str | None:
        """The juror's PIN, checked before anything else is asked (a wrong one asks again)."""
        from selection_desk.services.kits import check_kit_pin

        question = _("The PIN of juror {juror}, to sign the ballot:").format(juror=juror)
        label = question
        while True:
            pin = self.ask_passphrase(_("Export ballot"), label)
            if pin is None:
                return None
            try:
                check_kit_pin(store, pin)
            except SelectionDeskError as error:
                label = f"{error_text(error)}\n\n{question}"
                continue
            return pin

    # -- the secretary's side -----------------------------------------------------------------

    def make_kits(self) -> None:
        """One juror's kit (to a file) or every juror's (into a folder); the passphrase is asked
        twice, since a typo would lock every kit made with it."""
        from selection_desk.services.kits import kit_file_name

        session = self._current_session()
        if session is None or self.juror_mode:
            return
        title = _("Make juror kits")
        jurors = [
            (juror.code, juror.name)
            for juror in session.data.jurors
            if juror.role in SCORING_ROLES  # secretaries and observers have nothing to score
        ]
        who = self.ask_kit_juror(title, jurors)
        if who is None:
            return
        if who == ALL_JURORS:
            folder = self.ask_folder(_("Folder for the juror kits"))
            if folder is None:
                return
            out = folder
        else:
            chosen = self.ask_save_file(title, str(Path.home() / kit_file_name(who)), KIT_FILTER)
            if chosen is None:
                return
            out = chosen
        passphrase = self.ask_passphrase(
            title, _("Passphrase to seal the kits (leave empty for none):"), allow_empty=True
        )
        if passphrase is None:
            return
        if passphrase:
            again = self.ask_passphrase(title, _("The same passphrase again, to confirm:"))
            if again is None:
                return
            if again != passphrase:
                from selection_desk.errors import InvalidInput

                self._show_error(title, InvalidInput(KIT_PASSPHRASES_DIFFER))
                return

        def work(store: CampaignStore, progress: Progress) -> Any:
            from selection_desk.services.kits import make_all_kits, make_kit

            if who == ALL_JURORS:
                return make_all_kits(store, out, passphrase=passphrase or None, progress=progress)
            return [make_kit(store, who, out, passphrase=passphrase or None, progress=progress)]

        def done(reports: Any) -> None:
            if who == ALL_JURORS:
                text = _("{count} juror kit(s) written to {folder}.").format(
                    count=len(reports), folder=out
                )
            else:
                text = _("The kit of juror {juror} is written to {path}.").format(
                    juror=who, path=out
                )
            guidance = what_to_send(bool(passphrase), every_juror=who == ALL_JURORS)
            self.show_report(title, f"{text}\n\n{guidance}")

        session.run_task(
            self.window,
            _("Making the juror kits…"),
            work,
            done,
            lambda error: self._show_error(title, error),
        )

    def refuse_import_into_kit(self) -> None:
        """A table dropped on a kit (juror mode): imports go to the campaign file, say so."""
        session = self._current_session()
        if session is None:
            return
        from selection_desk.errors import InvalidInput
        from selection_desk.services.workbook_import import IMPORT_INTO_KIT

        error = InvalidInput(IMPORT_INTO_KIT, path=str(session.store.path))
        self._show_error(_("Import"), error)

    def merge_ballots(self, paths: list[Path] | None = None) -> None:
        """Merge ``paths`` (dropped on the window) or the ballots chosen in a file dialog; a kit
        (juror mode) cannot take ballots: a drop there says so."""
        session = self._current_session()
        if session is None:
            return
        if self.juror_mode:
            if paths:
                from selection_desk.errors import InvalidInput
                from selection_desk.services.merge import MERGE_INTO_KIT

                error = InvalidInput(MERGE_INTO_KIT, path=str(session.store.path))
                self._show_error(_("Merge ballots"), error)
            return
        chosen = paths if paths is not None else self.ask_open_files(_("Merge ballots"))
        if not chosen:
            return

        def work(store: CampaignStore, progress: Progress) -> Any:
            from selection_desk.services.merge import merge_ballots

            return merge_ballots(store, chosen, progress=progress)

        def done(reports: Any) -> None:
            self.show_report(_("Merge ballots"), "\n".join(r.message() for r in reports))

        session.run_task(
            self.window,
            _("Merging the ballots…"),
            work,
            done,
            lambda error: self._show_error(_("Merge ballots"), error),
        )

    def import_scoring_sheet(self, path: Path | None = None) -> None:
        session = self._current_session()
        if session is None or self.juror_mode:
            return
        chosen = path or self.ask_open_file(_("Import a scoring sheet"), SHEET_FILTER)
        if chosen is None:
            return

        def work(store: CampaignStore, progress: Progress) -> Any:
            from selection_desk.services.juror_sheets import import_juror_sheet

            return import_juror_sheet(store, chosen)

        def done(report: Any) -> None:
            if not report.imported:
                text = _("{file} is already imported: nothing changed.").format(file=report.file)
            else:
                text = _(
                    "Imported the scoring sheet of juror {juror}: {new} new score(s), "
                    "{changed} changed, {final} review(s) now final."
                ).format(
                    juror=report.juror,
                    new=report.scores_new,
                    changed=report.scores_changed,
                    final=report.reviews_final,
                )
            self.show_report(_("Import a scoring sheet"), text)

        session.run_task(
            self.window,
            _("Importing the scoring sheet…"),
            work,
            done,
            lambda error: self._show_error(_("Import a scoring sheet"), error),
        )

    # -- dialogs (replaced in tests) ----------------------------------------------------------

    def ask_passphrase(self, title: str, label: str, *, allow_empty: bool = False) -> str | None:
        text, ok = QInputDialog.getText(self.window, title, label, QLineEdit.EchoMode.Password)
        if not ok or (not text and not allow_empty):
            return None
        return str(text)

    def ask_kit_juror(self, title: str, jurors: list[tuple[str, str]]) -> str | None:
        """A juror's code, :data:`ALL_JURORS`, or None (cancelled)."""
        choices = [_("Every juror (one kit each, into a folder)")]
        choices += [f"{code} — {name}" for code, name in jurors]
        text, ok = QInputDialog.getItem(
            self.window, title, _("Make the kit of:"), choices, 0, False
        )
        if not ok:
            return None
        index = choices.index(text)
        return ALL_JURORS if index == 0 else jurors[index - 1][0]

    def ask_folder(self, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self.window, title)
        return Path(folder) if folder else None

    def ask_open_files(self, title: str) -> list[Path]:
        paths, _filter = QFileDialog.getOpenFileNames(self.window, title, "", BALLOT_FILTER)
        return [Path(path) for path in paths]

    def ask_open_file(self, title: str, file_filter: str) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(self.window, title, "", file_filter)
        return Path(path) if path else None

    def ask_save_file(self, title: str, suggested: str, file_filter: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self.window, title, suggested, file_filter)
        return Path(path) if path else None

    def show_report(self, title: str, text: str) -> None:
        self.window.statusBar().showMessage(text.splitlines()[0] if text else "", 8000)
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.window)
        box.exec()


def what_to_send(sealed: bool, every_juror: bool) -> str:
    """The "kit created" message's second half: what goes to whom, and by which channel (issue
    20, defect 8) — a passphrase in the same e-mail as the kit would protect nothing."""
    send = (
        _("Send each juror their own kit file and its instruction sheet (the PDF beside it).")
        if every_juror
        else _("Send the juror this kit file and its instruction sheet (the PDF beside it).")
    )
    if not sealed:
        return send
    return " ".join(
        (
            send,
            _(
                "Give them the passphrase by another channel (phone, text message, in person), "
                "never in the same e-mail as the kit, with their PIN if they have one."
            ),
        )
    )
