"""Every subcommand of ``selection-desk`` lives in a module of this package, grouped by concept.

Each module defines ``register(commands: CommandAdder) -> None`` and adds its subcommands with
``commands.add(name, handler, help)``; the handler takes the parsed ``argparse.Namespace`` and
returns the exit code.  ``selection_desk.cli`` imports the modules statically (so that PyInstaller
sees them) and calls their ``register`` in the order of ``--help``.  Modules import heavy libraries
(openpyxl, reportlab, numpy, Qt) inside their handlers, never at module level, so that building the
parser stays fast and Qt-free.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from selection_desk.i18n import _

if TYPE_CHECKING:
    from selection_desk.storage.store import CampaignStore

Handler = Callable[[argparse.Namespace], int]


class CommandAdder(Protocol):
    def add(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser: ...


def add_round_option(parser: argparse.ArgumentParser) -> None:
    """``--round CODE`` (design §10): the round a subcommand works in (default: the open one)."""
    parser.add_argument(
        "--round", metavar=_("CODE"), help=_("the round to work in (default: the open round)")
    )


def choose_round(store: CampaignStore, args: argparse.Namespace) -> None:
    """Make the round ``--round`` names the store's current round (absent: the default)."""
    if getattr(args, "round", None):
        store.use_round(args.round)


def print_json(value: Any) -> None:
    """The ``--json`` output of every subcommand: indented, non-ASCII text kept as is."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_json_listing(document: dict[str, Any]) -> None:
    """A large ``--json`` document (``rank --json``), one top-level key per line and one list item
    per line, every piece encoded by ``json.dumps`` without indent.

    Python's JSON encoder runs in C only without ``indent`` and only in ``dumps``: ``json.dump``
    with ``indent=2`` took 11 of the 15 s of ``rank --json`` on a 5,000-dossier campaign.  The
    layout stays readable (a dossier per line) and is the same JSON value.
    """
    write = sys.stdout.write
    write("{")
    for index, (key, value) in enumerate(document.items()):
        write(",\n  " if index else "\n  ")
        write(_compact(key) + ": ")
        if isinstance(value, list) and value:
            # Item by item: the whole document is never one string.
            for position, item in enumerate(value):
                write(",\n    " if position else "[\n    ")
                write(_compact(item))
            write("\n  ]")
        else:
            write(_compact(value))
    write("\n}\n")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
