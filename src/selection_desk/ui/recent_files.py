"""Recently opened campaign files, remembered with ``QSettings``, each with what it is called: the
campaign's name, and the juror's for a kit (whose working copy sits in a hidden folder under a
generated name that tells a juror nothing)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from selection_desk.ui.stored_settings import string_list

MAX_RECENT = 8
_KEY = "recentFiles"
_TITLES_KEY = "recentTitles"


@dataclass(frozen=True)
class RecentFile:
    path: Path
    title: str
    """"Appel 2026", or "Appel 2026 — juror J2" for a kit; the file's name when not known."""
    detail: str
    """The second line: where the file is, or that it is a juror's kit."""


def recent_files(settings: QSettings | None = None) -> list[Path]:
    settings = settings or QSettings()
    return [Path(p) for p in string_list(settings, _KEY) if p and Path(p).exists()]


def recent_entries(settings: QSettings | None = None) -> list[RecentFile]:
    settings = settings or QSettings()
    titles = _titles(settings)
    entries = []
    for path in recent_files(settings):
        title, detail = titles.get(str(path), (path.stem, str(path)))
        entries.append(RecentFile(path, title, detail))
    return entries


def remember(
    path: Path, settings: QSettings | None = None, title: str = "", detail: str = ""
) -> list[Path]:
    """Puts ``path`` first; ``title`` and ``detail`` are what the lists show for it."""
    settings = settings or QSettings()
    path = path.resolve()
    paths = [path] + [p for p in recent_files(settings) if p.resolve() != path]
    paths = paths[:MAX_RECENT]
    settings.setValue(_KEY, [str(p) for p in paths])
    titles = _titles(settings)
    if title:
        titles[str(path)] = (title, detail or str(path))
    kept = {str(p): titles[str(p)] for p in paths if str(p) in titles}
    settings.setValue(_TITLES_KEY, json.dumps(kept))
    return paths


def _titles(settings: QSettings) -> dict[str, tuple[str, str]]:
    try:
        stored = json.loads(str(settings.value(_TITLES_KEY, "{}")))
    except ValueError:
        return {}  # written by another version: the lists fall back to the file names
    if not isinstance(stored, dict):
        return {}
    return {
        str(path): (str(pair[0]), str(pair[1]))
        for path, pair in stored.items()
        if isinstance(pair, list) and len(pair) == 2
    }
