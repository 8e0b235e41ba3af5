"""What the import wizard's pages share: the wizard as its pages see it.

The pages read and fill the wizard's state (the source, what was detected in it, the column
mapping, the plan); typing them against this protocol rather than the wizard class keeps the pages
free of an import of the wizard, which builds them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from selection_desk.formats.column_mapping import ColumnMapping
from selection_desk.services.dossier_import_plan import DossierImportPlan
from selection_desk.services.import_source import DetectedSource
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.tasks import TaskRunner


class WizardState(Protocol):
    session: CampaignSession
    runner: TaskRunner
    source: Path | None
    detected: DetectedSource | None
    attachments: Path | None
    mapping: ColumnMapping | None
    mapping_origin: str
    plan: DossierImportPlan | None
    other_report: Any

    @property
    def table(self) -> Any: ...
