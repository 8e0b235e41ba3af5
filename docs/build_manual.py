"""Build the user manual to HTML, French and English, warnings as errors, no network.

    python docs/build_manual.py [OUT]        (default OUT: docs/_build/html)

writes ``OUT/fr/index.html`` and ``OUT/en/index.html``; the app's F1 opens
``docs/_build/html/<language>/`` of the source checkout (``selection_desk.ui.help``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.cmd.build import build_main

DOCS = Path(__file__).resolve().parent
LANGUAGES = ("fr", "en")


def build(out: Path) -> int:
    """0 when every language built without a warning."""
    for language in LANGUAGES:
        arguments = ["-b", "html", "-W", "--keep-going", "-q", "-c", str(DOCS)]
        arguments += ["-D", f"language={language}", "-d", str(out / ".doctrees" / language)]
        code = build_main([*arguments, str(DOCS / language), str(out / language)])
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(build(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS / "_build" / "html"))
