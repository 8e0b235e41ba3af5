"""The juror's instruction sheet: one A4 page written next to their kit, saying what they receive
(the kit file; the passphrase and PIN given separately), how to open it, score, export the ballot
and to whom to send it (issue 20, defect 8).  ``services.kits`` gathers the facts and names the
file; every text from users goes through :func:`~selection_desk.reports.pdf_common.text`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable, Spacer

from selection_desk.domain import Campaign, Juror
from selection_desk.i18n import _, language
from selection_desk.reports.pdf_common import (
    build_pdf,
    facts_table,
    heading,
    markup,
    paragraph,
    styles,
)


@dataclass(frozen=True)
class KitInstructions:
    campaign: Campaign
    juror: Juror
    kit_file: str
    """The kit's file name, as the juror receives it."""
    sealed: bool
    has_pin: bool
    dossiers: int


def write_kit_instructions(facts: KitInstructions, path: Path, language_code: str) -> None:
    with language(language_code):
        build_pdf(
            Path(path),
            _story(facts),
            title=_("Instructions for the juror — {campaign}").format(campaign=facts.campaign.name),
            subject=facts.juror.name,
            author="Selection Desk",
            footer_left=_("{campaign} · juror {code}").format(
                campaign=facts.campaign.name, code=facts.juror.code
            ),
        )


def _story(facts: KitInstructions) -> list[Flowable]:
    style = styles()
    asks = facts.sealed or facts.has_pin
    given_apart = _("given to you separately (never in the same message as the kit)")
    steps = [
        _("Open Selection Desk, choose File ▸ Open… and select the kit file."),
        *([_("Type the passphrase and the PIN when they are asked for.")] if asks else []),
        _("On the Scoring page, score each dossier on every criterion and mark it final."),
        _("When every dossier is final, choose File ▸ Export ballot… and save the ballot file."),
        _("Send the ballot file to: {contact}").format(contact=_contact(facts.campaign)),
    ]
    return [
        paragraph(facts.campaign.name, style.title),
        markup(
            _("<b>Instructions</b> for {name} ({code})"),
            style.subtitle,
            name=facts.juror.name,
            code=facts.juror.code,
        ),
        heading(_("What you receive")),
        facts_table(
            [
                (_("Kit file"), facts.kit_file),
                (_("Passphrase"), given_apart if facts.sealed else _("none: the kit opens as is")),
                (_("PIN"), given_apart if facts.has_pin else _("none")),
                (_("Dossiers to score"), facts.dossiers),
            ]
        ),
        Spacer(1, 6),
        heading(_("What to do")),
        *(paragraph(f"{number}. {step}", style.body) for number, step in enumerate(steps, start=1)),
    ]


def _contact(campaign: Campaign) -> str:
    return campaign.contact.strip() or _("the secretary of the campaign")
