"""Subcommands contributed by feature packages (export, kit, ballot, merge, purge …).

Each module listed in :data:`COMMAND_MODULES` defines ``register(commands: CommandAdder) -> None``
and adds its subcommands with ``commands.add(name, handler, help)``; the handler takes the parsed
``argparse.Namespace`` and returns the exit code.  Modules import heavy libraries inside their
handlers, never at module level, so that building the parser stays fast and Qt-free.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Protocol

Handler = Callable[[argparse.Namespace], int]

COMMAND_MODULES: tuple[str, ...] = (
    "selection_desk.commands.decisions",
    "selection_desk.commands.export",
    "selection_desk.commands.offline",
    "selection_desk.commands.setup",
)


class CommandAdder(Protocol):
    def add(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser: ...
