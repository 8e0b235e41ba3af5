"""Recently opened campaign files, remembered with ``QSettings``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8
_KEY = "recentFiles"


def recent_files(settings: QSettings | None = None) -> list[Path]:
    settings = settings or QSettings()
    value = settings.value(_KEY, [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in paths if p and Path(p).exists()]


def remember(path: Path, settings: QSettings | None = None) -> list[Path]:
    settings = settings or QSettings()
    path = path.resolve()
    paths = [path] + [p for p in recent_files(settings) if p.resolve() != path]
    paths = paths[:MAX_RECENT]
    settings.setValue(_KEY, [str(p) for p in paths])
    return paths
