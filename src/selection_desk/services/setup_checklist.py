"""The new campaign's checklist: the set-up steps in order (criteria, jurors, dossiers,
assignments, kits), each done or not, read from the campaign as saved (issue 20, defect 9)."""

from __future__ import annotations

from dataclasses import dataclass

from selection_desk.domain import CampaignData
from selection_desk.i18n import N_
from selection_desk.storage.kits import kit_issues
from selection_desk.storage.store import CampaignStore

STEP_KEYS = ("criteria", "jurors", "dossiers", "assignments", "kits")
"""The steps in the order a secretary takes them."""


@dataclass(frozen=True)
class SetupStep:
    key: str
    label: str
    """Untranslated (``N_``): the page translates it in the user's language."""
    done: bool


def setup_steps(data: CampaignData, kits_issued: bool) -> tuple[SetupStep, ...]:
    """The steps of a campaign's set-up; explicit assignments count (the default — every juror
    scores every dossier — is no decision the secretary has made yet)."""
    return (
        SetupStep("criteria", N_("Define the criteria and their rubrics"), bool(data.criteria)),
        SetupStep("jurors", N_("Add the jurors"), bool(data.jurors)),
        SetupStep("dossiers", N_("Import the dossiers"), bool(data.dossiers)),
        SetupStep("assignments", N_("Assign the dossiers to the jurors"), bool(data.assignments)),
        SetupStep("kits", N_("Issue the juror kits"), kits_issued),
    )


def campaign_checklist(store: CampaignStore, data: CampaignData) -> tuple[SetupStep, ...]:
    return setup_steps(data, kits_issued=bool(kit_issues(store)))
