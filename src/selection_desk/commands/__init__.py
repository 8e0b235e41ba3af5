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
from typing import Any, Protocol

Handler = Callable[[argparse.Namespace], int]


class CommandAdder(Protocol):
    def add(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser: ...


def print_json(value: Any) -> None:
    """The ``--json`` output of every subcommand: indented, non-ASCII text kept as is."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
