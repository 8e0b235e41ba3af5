"""French is complete: every message the code can show has a French translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from selection_desk import i18n
from selection_desk.errors import Problem, ValidationFailed

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _source_messages() -> set[str]:
    messages: set[str] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "src" / "selection_desk"), keywords=KEYWORDS, comment_tags=()
    ):
        messages.add(message[0] if isinstance(message, tuple) else message)
    # Babel does not look inside f-strings: a _("…") there is found by its text.
    for source in (ROOT / "src" / "selection_desk").rglob("*.py"):
        messages.update(
            match.group(2)
            for match in re.finditer(r"""\b_\((['"])([^'"\\]+)\1\)""", source.read_text("utf-8"))
        )
    return messages


def _french_catalog() -> dict[str, str]:
    with (ROOT / "resources" / "translations" / "fr.po").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    # A plural message is filed under its singular; it counts only with every form translated.
    # A fuzzy translation is a guess gettext never shows: it counts as missing.
    return {
        str(m.id[0] if isinstance(m.id, tuple) else m.id): (
            m.string if isinstance(m.string, str) else "" if not all(m.string) else m.string[0]
        )
        for m in catalog
        if m.id and not m.fuzzy
    }


def test_every_message_has_a_french_translation() -> None:
    french = _french_catalog()
    missing = sorted(m for m in _source_messages() if not french.get(m))
    assert missing == []


def test_french_keeps_the_placeholders() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    french = _french_catalog()
    wrong = [m for m, fr in french.items() if fr and fields(m) != fields(fr)]
    assert wrong == []


def test_messages_render_in_french_and_english() -> None:
    error = ValidationFailed([Problem("validation_failed", {"count": 1}, sheet="Notes", row=4)])
    with i18n.language("fr"):
        assert "rien n’a été modifié" in error.message()
        assert "feuille Notes, ligne 4" in error.message()
        assert i18n.format_number(1234.5, 2) == "1\u202f234,50"
    with i18n.language("en"):
        assert "nothing was changed" in error.message()
        assert i18n.format_number(1234.5, 2) == "1,234.50"


def test_language_comes_from_the_environment() -> None:
    assert i18n.detect_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.detect_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert i18n.detect_language({"LANGUAGE": "de:en", "LANG": "de_DE.UTF-8"}) == "en"
    assert i18n.detect_language({"LANG": "C.UTF-8"}) == "en"
    assert i18n.detect_language({"SELECTION_DESK_LANG": "fr", "LANG": "C"}) == "fr"


def test_unset_or_unsupported_locale_means_french(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for variable in ("SELECTION_DESK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert i18n.detect_language() == "fr"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.detect_language() == "fr"
    monkeypatch.setenv("LANG", "C")
    assert i18n.detect_language() == "en"
    monkeypatch.setenv("LANG", "POSIX")
    assert i18n.detect_language() == "en"
    monkeypatch.setenv("LC_MESSAGES", "fr_CA.UTF-8")
    assert i18n.detect_language() == "fr"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert i18n.detect_language() == "en"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert i18n.detect_language() == "fr"


def test_text_inside_quotes_uses_the_secondary_marks() -> None:
    assert i18n.inside_quotes("Appel « Numérique 2026 »", "fr") == "Appel “Numérique 2026”"
    assert i18n.inside_quotes("Appel «\u202fNumérique\u202f»", "fr") == "Appel “Numérique”"
    assert i18n.inside_quotes("The “Green” call", "en") == "The ‘Green’ call"
    assert i18n.inside_quotes("Sans guillemets", "fr") == "Sans guillemets"
