"""Reading PDFs back: text per page (pypdf), and the fonts they embed."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def joined(path: Path) -> str:
    """The whole text, with line breaks and repeated spaces folded (table cells wrap)."""
    return " ".join(" ".join(page_texts(path)).split())


def minutes_shares(path: Path) -> dict[str, int]:
    """The English minutes' ranking table, "In the places" column: dossier ref → whole percent
    (the factories' refs are ``D01``, ``D02`` …)."""
    table = joined(path).split("In the places", 1)[1].split("Points for discussion", 1)[0]
    return {ref: int(share) for ref, share in re.findall(r"\b(D\d+) [^%]*? (\d+) %", table)}


def font_names(path: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            names.add(str(font.get("/BaseFont")))
            descendants = font.get("/DescendantFonts")
            for descendant in descendants or []:
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    assert descriptor.get_object().get("/FontFile2") is not None, "not embedded"
    return names
