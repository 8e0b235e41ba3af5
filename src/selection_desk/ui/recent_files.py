"""Recently opened campaign files, remembered with ``QSettings``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from selection_desk.ui.stored_settings import string_list

MAX_RECENT = 8
_KEY = "recentFiles"


def recent_files(settings: QSettings | None = None) -> list[Path]:
    settings = settings or QSettings()
    return [Path(p) for p in string_list(settings, _KEY) if p and Path(p).exists()]


def remember(path: Path, settings: QSettings | None = None) -> list[Path]:
    settings = settings or QSettings()
    path = path.resolve()
    paths = [path] + [p for p in recent_files(settings) if p.resolve() != path]
    paths = paths[:MAX_RECENT]
    settings.setValue(_KEY, [str(p) for p in paths])
    return paths
