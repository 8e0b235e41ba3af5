"""Test configuration shared by every tier.

Qt runs offscreen (no display here nor on CI) and the language is fixed per test, so that assertions
on messages are deterministic.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from selection_desk import i18n


@pytest.fixture(autouse=True)
def private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Backups, logs and settings go to a per-test folder, never to the developer's own."""
    folder = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("SELECTION_DESK_DATA_DIR", str(folder))
    # Qt's settings (recent files) of the app started in subprocesses stay private too.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
    return folder


@pytest.fixture(autouse=True)
def english_by_default() -> Iterator[None]:
    """Messages in English unless a test switches language itself."""
    with i18n.language("en"):
        yield
