"""The campaign file's own subcommands, in the order ``--help`` lists them::

    selection-desk gui [FILE] [--page NAME] [--lang fr|en] [--screenshot PNG [--size WxH]]
    selection-desk demo [--file FILE] [--out DIR] [--no-gui]
    selection-desk new FILE --name NAME [--template startup|impact | --like OLD]

``gui`` and ``demo`` import the app (Qt) inside their handlers only: importing the command line
loads no Qt.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from selection_desk import i18n
from selection_desk.commands import CommandAdder
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_, _, ngettext
from selection_desk.ui.phases import PAGES

PAGE_NEEDS_FILE = define_message(
    "page_needs_file", N_("The page {page} shows a campaign: name its campaign file.")
)

NO_DISPLAY = define_message(
    "no_display",
    N_(
        "The app needs a screen and none is available here (no graphical session): open it "
        "from your desktop, or use the command line's other subcommands."
    ),
)
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")
"""Qt platforms that need no display server (a ``QT_QPA_PLATFORM`` set to one of them)."""


def register(commands: CommandAdder) -> None:
    gui = commands.add("gui", _gui, _("open the app"))
    gui.add_argument("file", nargs="?", metavar=_("FILE"))
    gui.add_argument("--page", choices=PAGES, help=_("the page to show first"))
    # Read before parsing like the global --lang (cli._preselect_language); accepted here too so
    # that a screenshot command reads in one go.  SUPPRESS: never overrides the global one.
    gui.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=_("language of the app")
    )
    gui.add_argument("--screenshot", metavar="PNG", help=_("render the window to PNG and exit"))
    gui.add_argument(
        "--size",
        type=window_size,
        metavar=_("WIDTHxHEIGHT"),
        help=_("the window's size in the screenshot (default: 1366x768)"),
    )
    gui.add_argument(
        "--first-paint",
        action="store_true",
        help=_("with --screenshot: render as soon as the campaign is shown, before the ranking"),
    )

    demo = commands.add(
        "demo", _demo, _("build the demo campaign (and open it, or write its reports)")
    )
    demo.add_argument("--file", metavar=_("FILE"), help=_("where to write the demo campaign file"))
    demo.add_argument("--out", metavar=_("DIR"), help=_("write the demo's reports into DIR"))
    demo.add_argument("--no-gui", action="store_true", help=_("never open the app"))

    new = commands.add("new", _new, _("create a campaign file"))
    new.add_argument("file", metavar=_("FILE"))
    new.add_argument(
        "--name", help=_("the campaign's name (with --like: the earlier campaign's by default)")
    )
    start = new.add_mutually_exclusive_group()
    start.add_argument("--template", choices=("startup", "impact"), help=_("start from a template"))
    start.add_argument(
        "--like",
        metavar=_("OLD"),
        help=_(
            "a later call: copy the criteria, rubrics, jurors (with their PINs) and settings of "
            "the campaign file OLD, without its dossiers"
        ),
    )
    # A missing --name is a usage error (exit 2) only when there is no campaign to take it from.
    new.set_defaults(usage_error=new.error)


def _gui(args: argparse.Namespace) -> int:
    from selection_desk.ui.app import SCREENSHOT_SIZE, run_gui

    if args.page not in (None, "welcome") and not args.file:
        raise InvalidInput(PAGE_NEEDS_FILE, page=args.page)
    if args.screenshot:
        # A screenshot is rendered off screen: it works on a server, in CI, over SSH.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif not _can_show_windows():
        # Without a display Qt aborts (exit 134) with English advice to reinstall it.
        raise InvalidInput(NO_DISPLAY)
    return run_gui(
        Path(args.file) if args.file else None,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        page=args.page,
        size=args.size or SCREENSHOT_SIZE,
        first_paint=args.first_paint,
    )


def window_size(text: str) -> tuple[int, int]:
    """``1280x720`` → (1280, 720); argparse reports anything else as a usage error."""
    width, separator, height = text.lower().partition("x")
    if separator and width.isdigit() and height.isdigit() and int(width) and int(height):
        return int(width), int(height)
    raise argparse.ArgumentTypeError(
        _("{size} is not a window size: write it as WIDTHxHEIGHT, for example 1280x720.").format(
            size=text
        )
    )


def _can_show_windows() -> bool:
    from selection_desk.demo import has_display

    return os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in HEADLESS_PLATFORMS or (
        has_display()
    )


def _demo(args: argparse.Namespace) -> int:
    from selection_desk.demo import build_demo, default_output_dir, has_display

    out = Path(args.out) if args.out else None
    open_gui = out is None and has_display() and not args.no_gui
    if out is None and not open_gui:
        out = default_output_dir()
    result = build_demo(Path(args.file) if args.file else None, out)
    print(_("Demo campaign: {path}").format(path=result.campaign_file))
    for path in result.outputs:
        print("  " + _("written: {path}").format(path=path))
    if open_gui:
        from selection_desk.ui.app import run_gui

        return run_gui(result.campaign_file)
    return 0


def _new(args: argparse.Namespace) -> int:
    if args.like is not None:
        return _new_like(args)
    if not args.name:
        args.usage_error(_("the following arguments are required: %s") % "--name")
    from selection_desk.services.campaigns import new_campaign

    with new_campaign(Path(args.file), args.name, template=args.template) as store:
        print(_("Created {path}.").format(path=store.path))
    return 0


def _new_like(args: argparse.Namespace) -> int:
    from selection_desk.services.campaign_like import new_campaign_like

    made = new_campaign_like(Path(args.file), Path(args.like), args.name)
    with made.store as store:
        print(
            _("Created {path} from {source}: {criteria}, {jurors} ({pins} with a PIN).").format(
                path=store.path,
                source=made.source,
                criteria=ngettext("{n} criterion", "{n} criteria", made.criteria).format(
                    n=made.criteria
                ),
                jurors=ngettext("{n} juror", "{n} jurors", made.jurors).format(n=made.jurors),
                pins=made.pins,
            )
        )
        if made.hearing_plans:
            print(
                ngettext(
                    "The pitch day's plan was copied, without its date and its teams.",
                    "The pitch days' plans of {n} rounds were copied, without their dates and "
                    "their teams.",
                    made.hearing_plans,
                ).format(n=made.hearing_plans)
            )
        print(_("No dossiers, scores or decisions were copied: import this call's applications."))
    return 0
