"""The architecture and the code's hygiene are checked, so that they cannot silently rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_the_core_imports_no_qt() -> None:
    """import-linter contracts in pyproject.toml: only selection_desk.ui may import PySide6, and
    each layer imports only the layers below it."""
    result = _run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_itself_through_others() -> None:
    """No import cycle between modules of selection_desk, function-level and ``TYPE_CHECKING``
    imports included: each rule lives in one layer and is imported from above, never both ways.

    A module imported by ``b`` takes part in a cycle exactly when ``b`` reaches it back."""
    import grimp

    graph = grimp.build_graph("selection_desk")
    cycles = sorted(
        " -> ".join(chain)
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
        if imported != importer
        and (chain := graph.find_shortest_chain(importer=imported, imported=importer)) is not None
    )
    assert not cycles, "\n".join(cycles)


def test_the_command_line_imports_every_command_module_by_name() -> None:
    """A frozen bundle (PyInstaller) holds only the modules that ``import`` statements name: a
    command module loaded by a computed name is missing there (issue 23's
    ``ModuleNotFoundError: selection_desk.commands.decisions``)."""
    import grimp

    graph = grimp.build_graph("selection_desk")
    commands = graph.find_children("selection_desk.commands")
    missing = sorted(
        module
        for module in commands
        if not graph.direct_import_exists(importer="selection_desk.cli", imported=module)
    )
    assert commands and not missing, missing


def test_the_command_line_loads_no_heavy_library() -> None:
    """Every command module is imported with the parser: their handlers import Qt, openpyxl, numpy
    and reportlab when they run, so that ``--version`` and ``check`` start fast."""
    code = (
        "import sys, selection_desk.cli;"
        "selection_desk.cli.build_parser();"
        "heavy = sorted({m.split('.')[0] for m in sys.modules}"
        " & {'PySide6', 'shiboken6', 'openpyxl', 'reportlab', 'numpy'});"
        "assert not heavy, heavy"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


def test_the_core_runs_without_qt_loaded() -> None:
    code = (
        "import sys, selection_desk.cli, selection_desk.services.ranking, "
        "selection_desk.services.workbook_import, selection_desk.storage.check, "
        "selection_desk.demo;"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


def test_ruff_is_clean() -> None:
    result = _run(str(BIN / "ruff"), "check", "src", "tests")
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_mypy_strict_is_clean_on_the_core_and_the_ui() -> None:
    result = _run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout


def test_the_window_starts_without_the_heavy_file_libraries() -> None:
    """openpyxl and reportlab load when an import or export needs them, not at start-up."""
    code = (
        "import sys, selection_desk.ui.app;"
        "heavy = [m for m in ('openpyxl', 'reportlab') if m in sys.modules];"
        "assert not heavy, heavy"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


def test_the_window_module_loads_no_page_storage_nor_number_library() -> None:
    """``import selection_desk.ui.app`` is what a cold start pays before any window: the pages
    are imported when first shown, the storage (sqlite-utils, numpy) by the worker that opens a
    file."""
    code = (
        "import sys, selection_desk.ui.app;"
        "heavy = sorted({m.split('.')[0] for m in sys.modules}"
        " & {'numpy', 'sqlite_utils', 'pandas', 'scipy', 'openpyxl', 'reportlab', 'cryptography'});"
        "pages = sorted(m for m in sys.modules if m.startswith('selection_desk.ui.pages.')"
        " and m not in ('selection_desk.ui.pages.welcome', 'selection_desk.ui.pages.placeholder'));"
        "storage = sorted(m for m in sys.modules if m.startswith('selection_desk.storage'));"
        "assert not (heavy or pages or storage), (heavy, pages, storage)"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


def test_what_the_first_paint_imports_loads_no_number_library() -> None:
    """Opening a campaign paints the Ranking page, the round bar and the pitch-day predicate
    before anything is ranked: numpy and the engine load in the ranking worker, after the paint
    (a type imported for a hint only once pulled numpy onto the UI thread: +40 % cold start)."""
    code = (
        "import sys, selection_desk.storage.store, selection_desk.ui.session,"
        " selection_desk.ui.round_bar, selection_desk.ui.phases, selection_desk.ui.pages.ranking,"
        " selection_desk.services.rounds, selection_desk.services.final_ranking;"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'scipy', 'pandas'});"
        "engine = sorted(m for m in sys.modules if m.startswith('selection_desk.aggregation'));"
        "assert not (heavy or engine), (heavy, engine)"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


def test_the_storage_loads_sqlite_utils_without_pandas_yet_leaves_it_importable() -> None:
    """sqlite-utils imports pandas when installed (a third of a second); the app never needs it."""
    pytest.importorskip("pandas")  # the test extra installs it: the case that matters
    code = (
        "import sys, selection_desk.storage.store;"
        "assert 'sqlite_utils' in sys.modules and 'pandas' not in sys.modules;"
        "import pandas"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


def test_the_storage_loads_sqlite_utils_without_numpy_yet_leaves_it_importable() -> None:
    """sqlite-utils imports numpy when installed; the file the window waits for needs none (numpy
    loads with the first ranking, in a worker, after the first paint)."""
    code = (
        "import sys, selection_desk.storage.store;"
        "assert 'sqlite_utils' in sys.modules and 'numpy' not in sys.modules;"
        "import numpy"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr


def test_another_thread_imports_numpy_while_the_storage_loads() -> None:
    """The worker opening a file imports the storage while the UI thread goes on importing: the
    UI thread's ``import numpy`` must not fail meanwhile (numpy is hidden from sqlite-utils only,
    in the thread that loads it)."""
    code = (
        "import sys, threading\n"
        "from selection_desk.storage import _HiddenInThisThread\n"
        "import importlib\n"
        "finder = _HiddenInThisThread(['numpy'])\n"
        "sys.meta_path.insert(0, finder)\n"
        "errors = []\n"
        "def other():\n"
        "    try:\n"
        "        importlib.import_module('numpy')\n"
        "    except ImportError as error:\n"
        "        errors.append(error)\n"
        "thread = threading.Thread(target=other)\n"
        "thread.start(); thread.join()\n"
        "assert not errors, errors\n"
        "del sys.modules['numpy']\n"
        "try:\n"
        "    importlib.import_module('numpy')\n"
        "except ImportError:\n"
        "    pass\n"
        "else:\n"
        "    raise AssertionError('numpy not hidden in the loading thread')\n"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
