"""Compiles the gettext catalogs (resources/translations/*.po) to .mo files at build time.

The .mo files are build artefacts (ignored by git); editable installs read them from the source
tree, wheels and the PyInstaller bundle carry them under selection_desk/resources.
Developers who edit a .po file recompile with ``python packaging/hatch_build.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def compile_catalogs(root: Path) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    translations = root / "resources" / "translations"
    for po_path in sorted(translations.glob("*.po")):
        language = po_path.stem
        mo_dir = translations / language / "LC_MESSAGES"
        mo_dir.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=language)
        mo_path = mo_dir / "selection_desk.mo"
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        written.append(mo_path)
    return written


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script outside a build
    pass
else:

    class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
        PLUGIN_NAME = "custom"

        def initialize(self, version: str, build_data: dict[str, Any]) -> None:
            compile_catalogs(Path(self.root))


if __name__ == "__main__":
    for path in compile_catalogs(Path(__file__).resolve().parents[1]):
        print(path)
