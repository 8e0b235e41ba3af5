"""The campaign file's own subcommands, in the order ``--help`` lists them::

    selection-desk gui [FILE] [--page NAME] [--lang fr|en] [--screenshot PNG]
    selection-desk demo [--file FILE] [--out DIR] [--no-gui]
    selection-desk new FILE --name NAME [--template startup|impact]

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
from selection_desk.i18n import N_, _
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
    new.add_argument("--name", required=True, help=_("the campaign's name"))
    new.add_argument("--template", choices=("startup", "impact"), help=_("start from a template"))


def _gui(args: argparse.Namespace) -> int:
    from selection_desk.ui.app import run_gui

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
        first_paint=args.first_paint,
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
    from selection_desk.services.campaigns import new_campaign

    with new_campaign(Path(args.file), args.name, template=args.template) as store:
        print(_("Created {path}.").format(path=store.path))
    return 0
