"""Use cases: create a campaign file, from scratch or from a shipped template."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from selection_desk.domain import Campaign
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.resources import resource_path
from selection_desk.services.workbook_import import apply_campaign_data
from selection_desk.storage.store import CampaignStore

TEMPLATES = ("startup", "impact")

UNKNOWN_TEMPLATE = define_message(
    "unknown_template", N_("There is no template named {name}; choose one of: {choices}.")
)


def template_path(name: str) -> Path:
    if name not in TEMPLATES:
        raise InvalidInput(UNKNOWN_TEMPLATE, name=name, choices=", ".join(TEMPLATES))
    return resource_path("templates", f"{name}.xlsx")


def new_campaign(
    path: Path, name: str, *, template: str | None = None, actor: str = "secretary"
) -> CampaignStore:
    """Create ``path``; with a template, its criteria and settings are imported under ``name``.

    The file is created and filled in one go: a template that fails to load leaves no file behind.
    """
    incoming = None
    if template is not None:
        from selection_desk.formats.campaign_workbook import read_campaign_workbook

        source = template_path(template)
        incoming = read_campaign_workbook(source)
    store = CampaignStore.create(path, Campaign(uid="", name=name), actor=actor)
    if incoming is not None:
        try:
            data = replace(incoming, campaign=replace(incoming.campaign, uid="", name=name))
            apply_campaign_data(store, data, actor=actor, source=template_path(template or "").name)
        except BaseException:
            store.close()
            path.unlink(missing_ok=True)
            raise
    return store
