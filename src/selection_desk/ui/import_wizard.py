"""The import wizard: pick a file → check its columns on a live preview → see what the import will
do → import (with progress and cancel, in the page that opened the wizard).

Reading the file and computing the preview run in the task runner (a 100,000-row export takes
seconds); the preview opens its own read-only connection to the campaign file.  Campaign workbooks
and long-format score files are recognised too: they skip the column step.  Each page is a module
of its own (:mod:`.import_source_page`, :mod:`.import_mapping_page`, :mod:`.import_report_page`);
this one holds the wizard, which keeps what the pages share, and the request it emits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from selection_desk.formats.column_mapping import ColumnMapping
from selection_desk.i18n import _
from selection_desk.services.dossier_import_plan import DossierImportPlan
from selection_desk.services.import_source import DOSSIERS, DetectedSource
from selection_desk.ui.import_mapping_page import MappingPage
from selection_desk.ui.import_report_page import ReportPage
from selection_desk.ui.import_source_page import (
    PAGE_MAPPING,
    PAGE_REPORT,
    PAGE_SOURCE,
    SourcePage,
)
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.tasks import TaskRunner


@dataclass(frozen=True)
class ImportRequest:
    """What the wizard asks its page to run: a dossier plan, or another kind of file."""

    kind: str
    source: Path
    plan: DossierImportPlan | None = None
    table: Any = None
    skip_rejected: bool = False


class ImportWizard(QWizard):
    import_requested = Signal(object)
    """An :class:`ImportRequest`, emitted when the user clicks Import."""

    def __init__(
        self,
        session: CampaignSession,
        runner: TaskRunner,
        parent: QWidget | None = None,
        source: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.source: Path | None = None
        self.detected: DetectedSource | None = None
        self.attachments: Path | None = None
        self.mapping: ColumnMapping | None = None
        self.mapping_origin = "detected"
        self.plan: DossierImportPlan | None = None
        self.other_report: Any = None
        self.setWindowTitle(_("Import"))
        self.setObjectName("importWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Import"))
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.report_page = ReportPage(self)
        self.setPage(PAGE_SOURCE, self.source_page)
        self.setPage(PAGE_MAPPING, self.mapping_page)
        self.setPage(PAGE_REPORT, self.report_page)
        self.resize(1000, 640)
        if source is not None:
            self.source_page.set_source(source)

    @property
    def table(self) -> Any:
        return None if self.detected is None else self.detected.table

    def accept(self) -> None:
        detected = self.detected
        if detected is None or self.source is None:
            return
        if self.plan is not None:
            request = ImportRequest(
                DOSSIERS,
                self.source,
                plan=self.plan,
                skip_rejected=self.report_page.skip_rejected.isChecked(),
            )
        elif self.other_report is not None:
            request = ImportRequest(detected.kind, self.source, table=detected.table)
        else:
            return
        super().accept()
        self.import_requested.emit(request)

    def done(self, result: int) -> None:
        for busy in (self.source_page.busy, self.report_page.busy):
            busy.cancel()
        super().done(result)
