"""Typed reads of QSettings values, from real INI files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from selection_desk.ui.stored_settings import string_list


def _ini(path: Path, text: str) -> QSettings:
    """Settings read from an INI file as another run of the app wrote it (Qt caches the files it
    wrote itself, so writing through QSettings here would hand back the typed values)."""
    path.write_text(f"[General]\n{text}\n", encoding="utf-8")
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("key=a.seldesk, b.seldesk", ["a.seldesk", "b.seldesk"]),
        ("key=only.seldesk", ["only.seldesk"]),  # one item comes back as a plain string
        ("key=@Invalid()", []),
        ("other=x", []),
    ],
)
def test_a_string_list_is_read_back(tmp_path: Path, line: str, expected: list[str]) -> None:
    assert string_list(_ini(tmp_path / "s.ini", line), "key") == expected


def test_a_value_that_is_not_a_list_reads_as_empty(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "n.ini"), QSettings.Format.IniFormat)
    settings.setValue("key", 7)
    assert string_list(settings, "key") == []
