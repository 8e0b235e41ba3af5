"""The campaign set-up's subcommands (design §6: what the secretary may want to script)::

    selection-desk import-jurors FILE LIST [--dry-run] [--json]
    selection-desk conflict FILE JUROR DOSSIER [--reason TEXT] [--remove] [--yes]
    selection-desk assign FILE (--per-dossier K [--by-expertise] | --everyone
                                | --extra K --uncertain) [--tags-field F] [--max-load N]
                                [--yes] [--json]

They call the same use cases as the Campaign page.  A change that would remove scores prints
exactly what it would do and changes nothing unless ``--yes`` is given (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from selection_desk.commands import CommandAdder, add_round_option, choose_round, print_json
from selection_desk.commands.expertise import assign_by_expertise_or_extra
from selection_desk.errors import define_message
from selection_desk.i18n import N_, _

RUN_WITH_YES = define_message(
    "setup_cli_run_with_yes", N_("Nothing was changed; run again with --yes to go ahead.")
)


def register(commands: CommandAdder) -> None:
    jurors = commands.add(
        "import-jurors", _import_jurors, _("import a list of jurors (XLSX or CSV)")
    )
    jurors.add_argument("file", metavar=_("FILE"))
    jurors.add_argument("list", metavar=_("LIST"))
    jurors.add_argument(
        "--dry-run", action="store_true", help=_("show what would change, write nothing")
    )
    jurors.add_argument("--json", action="store_true", help=_("print a JSON report"))

    conflict = commands.add(
        "conflict", _conflict, _("declare (or withdraw) a conflict of interest")
    )
    conflict.add_argument("file", metavar=_("FILE"))
    conflict.add_argument("juror", metavar=_("JUROR"))
    conflict.add_argument("dossier", metavar=_("DOSSIER"))
    conflict.add_argument("--reason", default="", help=_("why the juror is recused"))
    conflict.add_argument("--remove", action="store_true", help=_("withdraw the conflict"))
    conflict.add_argument(
        "--yes", action="store_true", help=_("go ahead even if scores are removed")
    )

    assign = commands.add("assign", _assign, _("assign dossiers to jurors"))
    assign.add_argument("file", metavar=_("FILE"))
    add_round_option(assign)
    how = assign.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--per-dossier",
        type=int,
        metavar="K",
        help=_("K jurors per dossier, balanced, conflicts respected"),
    )
    how.add_argument(
        "--everyone", action="store_true", help=_("every juror scores every dossier (default)")
    )
    how.add_argument(
        "--extra", type=int, metavar="K", help=_("K more jurors for each uncertain dossier")
    )
    assign.add_argument(
        "--by-expertise", action="store_true", help=_("choose the jurors by matching tags and bids")
    )
    assign.add_argument(
        "--uncertain",
        action="store_true",
        help=_("with --extra: the dossiers whose selection is uncertain (0.1 ≤ P(top) ≤ 0.9)"),
    )
    assign.add_argument(
        "--tags-field", metavar="F", help=_("the dossiers' tags: this field of the form")
    )
    assign.add_argument(
        "--max-load", type=int, metavar="N", help=_("maximum load of a juror without their own")
    )
    assign.add_argument("--yes", action="store_true", help=_("go ahead even if scores are removed"))
    assign.add_argument("--json", action="store_true", help=_("print a JSON report"))


def _ask_for_yes(question: Any) -> int:
    from selection_desk.errors import render_message

    print(question.message(), file=sys.stderr)
    print(render_message(RUN_WITH_YES, {}), file=sys.stderr)
    return 1


def _import_jurors(args: argparse.Namespace) -> int:
    from selection_desk.services.jurors import apply_juror_import, plan_juror_import
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file), readonly=args.dry_run) as store:
        plan = plan_juror_import(store, Path(args.list))
        report = plan if args.dry_run else apply_juror_import(store, plan)
    if args.json:
        print_json(
            {
                "source": report.source,
                "dry_run": bool(args.dry_run),
                "written": report.written,
                "added": [j.code for j in report.added],
                "changed": [after.code for _before, after in report.changed],
                "unchanged": [j.code for j in report.unchanged],
            }
        )
        return 0
    if args.dry_run:
        print(_("Dry run: nothing was written."))
    print(
        _("{source}: {added} new juror(s), {changed} updated, {unchanged} unchanged.").format(
            source=report.source,
            added=len(report.added),
            changed=len(report.changed),
            unchanged=len(report.unchanged),
        )
    )
    for juror in report.added:
        print(f"  + {juror.code}\t{juror.name}")
    for _before, after in report.changed:
        print(f"  ~ {after.code}\t{after.name}")
    return 0


def _conflict(args: argparse.Namespace) -> int:
    from selection_desk.services.conflicts import declare_conflict, remove_conflict
    from selection_desk.services.setup_impact import NeedsConfirmation
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        if args.remove:
            remove_conflict(store, args.juror, args.dossier)
            print(
                _("Withdrawn: the conflict of {juror} with {dossier}.").format(
                    juror=args.juror, dossier=args.dossier
                )
            )
            return 0
        try:
            change = declare_conflict(
                store, args.juror, args.dossier, args.reason, confirm=args.yes
            )
        except NeedsConfirmation as question:
            return _ask_for_yes(question)
    print(
        _("Declared: {juror} has a conflict of interest with {dossier}.").format(
            juror=args.juror, dossier=args.dossier
        )
    )
    for line in change.impact.lines():
        print(f"  • {line}")
    return 0


def _assign(args: argparse.Namespace) -> int:
    _check_assign_options(args)
    if args.by_expertise or args.extra is not None:
        return assign_by_expertise_or_extra(args)
    from selection_desk.services.assignments import assign_balanced, set_assignments
    from selection_desk.services.setup_impact import NeedsConfirmation
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        choose_round(store, args)
        try:
            if args.everyone:
                change = set_assignments(store, None, confirm=args.yes)
            else:
                change = assign_balanced(store, args.per_dossier, confirm=args.yes)
        except NeedsConfirmation as question:
            return _ask_for_yes(question)
    plan = change.plan
    if args.json:
        print_json(
            {
                "everyone": change.after is None,
                "pairs": sorted([juror, dossier] for juror, dossier in change.after or ()),
                "loads": plan.loads if plan else None,
                "min_load": plan.min_load if plan else None,
                "max_load": plan.max_load if plan else None,
                "short": [list(item) for item in plan.short] if plan else [],
                "removed_scores": len(change.impact.removed_scores),
            }
        )
        return 0
    if plan is None:
        print(_("Everyone scores every dossier they have no conflict with."))
        return 0
    print(
        _("{count} juror–dossier pairs assigned; load per juror: from {low} to {high}.").format(
            count=len(plan.pairs), low=plan.min_load, high=plan.max_load
        )
    )
    if plan.short:
        print(
            _("{count} dossier(s) got fewer jurors than asked because of conflicts.").format(
                count=len(plan.short)
            )
        )
    return 0


def _check_assign_options(args: argparse.Namespace) -> None:
    """The §12 options go together: a usage error (exit 2) otherwise."""
    problem = None
    if args.by_expertise and args.per_dossier is None:
        problem = _("--by-expertise goes with --per-dossier K")
    elif args.extra is not None and not args.uncertain:
        problem = _("--extra K goes with --uncertain")
    elif args.uncertain and args.extra is None:
        problem = _("--uncertain goes with --extra K")
    elif (args.tags_field or args.max_load is not None) and not (
        args.by_expertise or args.extra is not None
    ):
        problem = _("--tags-field and --max-load go with --by-expertise or --extra")
    if problem:
        print(problem, file=sys.stderr)
        raise SystemExit(2)
