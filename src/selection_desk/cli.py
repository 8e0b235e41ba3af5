"""The ``selection-desk`` command line (design §6): the parser and the dispatch, nothing else.

Every subcommand lives in a module of ``selection_desk.commands``, imported here statically (a
frozen bundle finds only what is imported so) and registered in the order of ``--help``.
Errors: one clear sentence on stderr in the user's language, exit 1, never a traceback; usage errors
exit 2.  ``--json`` output is stable.  Heavy modules (openpyxl, reportlab, Qt) are imported by the
subcommands that need them, so ``selection-desk --version`` and ``check`` start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from selection_desk import __version__, i18n
from selection_desk.commands import (
    CommandAdder,
    Handler,
    campaign,
    decisions,
    draw,
    expertise,
    export,
    feedback,
    hearing,
    importing,
    integrity,
    offline,
    privacy,
    ranking,
    rounds,
    scoring,
    setup,
)
from selection_desk.errors import SelectionDeskError
from selection_desk.faults import known_fault
from selection_desk.formats.shown import terminal_safe_stdout
from selection_desk.i18n import _

log = logging.getLogger(__name__)

REGISTRATIONS: tuple[Callable[[CommandAdder], None], ...] = (
    campaign.register,
    importing.register,
    scoring.register,
    ranking.register,
    rounds.register,
    integrity.register,
    decisions.register,
    draw.register,
    feedback.register,
    privacy.register,
    hearing.register,
    export.register,
    offline.register,
    setup.register,
    expertise.register,
)
"""Every command module's ``register``, in the order ``--help`` lists their subcommands."""


class _Subcommands:
    """What the command modules add their subcommands to: each parser calls its handler."""

    def __init__(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        self._subparsers = subparsers

    def add(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = self._subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selection-desk",
        description=_("Offline scoring, ranking and minutes for selection committees."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, help=_("language of messages (default: from the locale)")
    )
    subcommands = _Subcommands(parser.add_subparsers(dest="command", metavar=_("COMMAND")))
    for register in REGISTRATIONS:
        register(subcommands)
    return parser


def _translate_argparse() -> None:
    """argparse looks its messages up through the module-level ``_`` at call time."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _preselect_language(argv: Sequence[str]) -> str:
    """The language is needed before parsing (argparse's own messages); the last ``--lang``
    wins, as argparse would decide."""
    chosen = None
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
        elif arg == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
    return chosen or i18n.detect_language()


def _log_unexpected() -> Path:
    from selection_desk.storage.backups import data_dir

    log_dir = data_dir() / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "selection-desk.log"
    with log_file.open("a", encoding="utf-8") as handle:
        handle.write(traceback.format_exc())
    return log_file


def _default_to_gui(parser: argparse.ArgumentParser, arguments: list[str]) -> list[str]:
    """``selection-desk [gui] [FILE] [--screenshot PNG]``: without a subcommand, the first argument
    that is neither ``--lang``, ``--help`` nor ``--version`` starts the ``gui`` command's."""
    commands: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands.update(action.choices)
    index = 0
    while index < len(arguments):
        token = arguments[index]
        if token == "--lang":
            index += 2
            continue
        if token.startswith("--lang=") or token in ("-h", "--help", "--version", "--"):
            if token.startswith("--lang="):
                index += 1
                continue
            return arguments
        if token in commands:
            return arguments
        return [*arguments[:index], "gui", *arguments[index:]]
    return arguments


def _say(error: SelectionDeskError) -> None:
    from selection_desk.formats.shown import terminal_lines

    print(terminal_lines(error.message()), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = _preselect_language(arguments)
    i18n.set_language(language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    _translate_argparse()
    parser = build_parser()
    arguments = _default_to_gui(parser, arguments)
    args = parser.parse_args(arguments)
    if args.command is None:
        args = parser.parse_args(["gui", *arguments])
    try:
        with terminal_safe_stdout():  # text from files must not steer the terminal
            code = int(args.handler(args))
            sys.stdout.flush()  # a closed pipe shows here, not as a warning at exit
        return code
    except SelectionDeskError as error:
        _say(error)
        return 1
    except KeyboardInterrupt:
        print(_("Interrupted."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``… | head``): nothing more to say, and nothing to flush.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as error:  # the last line of defence: never a traceback for users
        if os.environ.get("SELECTION_DESK_DEBUG"):
            raise
        where = getattr(error, "filename", None) or getattr(args, "file", None) or ""
        fault = known_fault(error, str(where))
        if fault is not None:  # a full disk, a read-only folder …: not a bug
            _say(fault)
            return 1
        log_file = _log_unexpected()
        print(
            _("Unexpected error ({kind}); details were written to {log}.").format(
                kind=type(error).__name__, log=log_file
            ),
            file=sys.stderr,
        )
        return 1
