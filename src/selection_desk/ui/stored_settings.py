"""Typed reads of values kept in ``QSettings`` (which hands back untyped objects)."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def string_list(settings: QSettings, key: str) -> list[str]:
    """The strings stored under ``key``, or an empty list.

    An INI file gives a one-item list back as a plain string, and an unset key as the default.
    """
    value = settings.value(key, [])
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return []
