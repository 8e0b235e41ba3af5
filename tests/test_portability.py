"""The app runs on Windows and macOS too: no POSIX-only call on a code path those systems take.

The scan reads the syntax tree of every module under src/: an import of a POSIX-only module, a call
of a POSIX-only function, a POSIX-only signal, or a hard-coded Unix path (``/tmp``, ``~/.config`` …)
is reported with its place, unless it sits under an ``if`` that tests ``sys.platform`` or
``os.name``.  Locks go through filelock, per-user folders through platformdirs, temporary files
through tempfile, fonts are shipped (resources/fonts)."""

from __future__ import annotations

import ast
from pathlib import Path

from selection_desk.resources import resource_path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "selection_desk"

POSIX_MODULES = frozenset(
    {"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix", "syslog", "crypt"}
)
POSIX_FUNCTIONS = frozenset(
    {
        "os.fork",
        "os.forkpty",
        "os.getuid",
        "os.geteuid",
        "os.getgid",
        "os.getegid",
        "os.setsid",
        "os.setpgid",
        "os.getpgid",
        "os.killpg",
        "os.chown",
        "os.lchown",
        "os.mkfifo",
        "os.getloadavg",
        "os.sync",
        "os.posix_fallocate",
        "signal.alarm",
        "signal.SIGKILL",
        "signal.SIGHUP",
        "signal.SIGQUIT",
        "signal.SIGUSR1",
        "signal.SIGUSR2",
        "signal.SIGALRM",
        "signal.SIGCHLD",
        "signal.SIGPIPE",
    }
)
UNIX_PATHS = (
    "/tmp",
    "/var/",
    "/home/",
    "/usr/",
    "/dev/",
    "/etc/",
    "~/.",
    ".local/share",
    ".config/",
)


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _tests_the_platform(test: ast.expr) -> bool:
    return any(_dotted(node) in {"sys.platform", "os.name"} for node in ast.walk(test))


class _Scanner(ast.NodeVisitor):
    def __init__(self, where: str) -> None:
        self.where = where
        self.found: list[str] = []

    def _report(self, node: ast.AST, what: str) -> None:
        self.found.append(f"{self.where}:{getattr(node, 'lineno', '?')}: {what}")

    def visit_If(self, node: ast.If) -> None:  # ast's visitor names
        if _tests_the_platform(node.test):
            return  # a branch chosen per platform: each side is meant for its own system
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] in POSIX_MODULES:
                self._report(node, f"import {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module.split(".")[0] in POSIX_MODULES:
            self._report(node, f"from {module} import …")
        for alias in node.names:
            if f"{module}.{alias.name}" in POSIX_FUNCTIONS:
                self._report(node, f"from {module} import {alias.name}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if _dotted(node) in POSIX_FUNCTIONS:
            self._report(node, _dotted(node))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and any(
            node.value.startswith(path) if path.startswith("/") else path in node.value
            for path in UNIX_PATHS
        ):
            self._report(node, f"hard-coded path {node.value!r}")


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def posix_only_uses(source: str, where: str) -> list[str]:
    tree = ast.parse(source)
    # Docstrings may name Unix folders to explain where things go: they are not code paths.
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and _is_docstring(body[0]):
            body[0] = ast.Pass()
    scanner = _Scanner(where)
    scanner.visit(tree)
    return scanner.found


def test_the_scan_finds_what_it_looks_for() -> None:
    planted = (
        "import fcntl, os, signal, sys\n"
        "from pwd import getpwuid\n"
        "pid = os.fork()\n"
        "os.kill(pid, signal.SIGKILL)\n"
        "folder = '/tmp/selection'\n"
        "settings = '~/.config/selection-desk'\n"
        "if sys.platform != 'win32':\n"
        "    uid = os.getuid()\n"
    )
    assert posix_only_uses(planted, "planted.py") == [
        "planted.py:1: import fcntl",
        "planted.py:2: from pwd import …",
        "planted.py:3: os.fork",
        "planted.py:4: signal.SIGKILL",
        "planted.py:5: hard-coded path '/tmp/selection'",
        "planted.py:6: hard-coded path '~/.config/selection-desk'",
    ]


def test_no_posix_only_call_on_a_code_path_of_windows_or_macos() -> None:
    found: list[str] = []
    for module in sorted(SOURCE.rglob("*.py")):
        where = str(module.relative_to(SOURCE.parent))
        found += posix_only_uses(module.read_text(encoding="utf-8"), where)
    assert found == []


def test_the_fonts_the_reports_embed_are_shipped() -> None:
    fonts = {path.name for path in resource_path("fonts").glob("*.ttf")}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"} <= fonts
