"""``selection-desk feedback FILE [REF (--approve [--text TEXT] | --withdraw)] [--json]``: the
letters step (design §11).  Without a ref, lists each dossier's feedback: the jurors' texts (not
named) and the approved one; with ``--approve`` the secretary approves the proposed text or
``--text``; ``export --letters`` prints only approved feedback."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selection_desk.commands import CommandAdder, print_json
from selection_desk.i18n import _

if TYPE_CHECKING:
    from selection_desk.services.feedback import FeedbackDraft


def register(commands: CommandAdder) -> None:
    feedback = commands.add(
        "feedback", _feedback, _("review and approve the feedback the letters will carry")
    )
    feedback.add_argument("file", metavar=_("FILE"))
    feedback.add_argument("ref", nargs="?", metavar=_("REF"), help=_("the dossier to approve"))
    action = feedback.add_mutually_exclusive_group()
    action.add_argument(
        "--approve", action="store_true", help=_("approve the proposed text, or --text")
    )
    action.add_argument("--withdraw", action="store_true", help=_("take the approval back"))
    feedback.add_argument("--text", metavar=_("TEXT"), help=_("the text to approve, as edited"))
    feedback.add_argument("--json", action="store_true", help=_("print JSON"))


def _feedback(args: argparse.Namespace) -> int:
    from selection_desk.services import feedback
    from selection_desk.storage.store import CampaignStore

    if (args.approve or args.withdraw) != (args.ref is not None) or (
        args.text is not None and not args.approve
    ):
        print(_("Give a REF with --approve (and --text) or --withdraw; nothing else to list."))
        return 2
    with CampaignStore.open(Path(args.file), readonly=args.ref is None) as store:
        if args.approve:
            text = args.text
            if text is None:
                text = feedback.feedback_draft(store, args.ref).proposed
            feedback.approve_feedback(store, args.ref, text)
        elif args.withdraw:
            feedback.withdraw_approval(store, args.ref)
        drafts = feedback.feedback_drafts(store)
    if args.json:
        print_json([_as_json(draft) for draft in drafts])
        return 0
    for draft in drafts:
        state = _("approved") if draft.approved else _("not approved")
        print(f"{draft.dossier} — {state}")
        for line in draft.proposed.splitlines():
            print(f"    {line}")
    return 0


def _as_json(draft: FeedbackDraft) -> dict[str, object]:
    return {
        "dossier": draft.dossier,
        "jurors_feedback": list(draft.jurors_feedback),
        "approved": draft.approved.text if draft.approved else None,
        "proposed": draft.proposed,
    }
