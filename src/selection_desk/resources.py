"""Where the runtime assets (translations, fonts, icons, demo data) are.

Wheels and the desktop bundle carry ``resources/`` inside the package; an editable install reads the
source tree's top-level ``resources/`` folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_root() -> Path:
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parents[1] / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Selection Desk's resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
