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
    """import-linter contract in pyproject.toml: only selection_desk.ui may import PySide6."""
    result = _run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_runs_without_qt_loaded() -> None:
    code = (
        "import sys, selection_desk.cli, selection_desk.services.ranking, "
        "selection_desk.services.importing, selection_desk.storage.check, selection_desk.demo;"
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
