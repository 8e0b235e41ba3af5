"""Reading PDFs back: text per page (pypdf), and the fonts they embed."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def joined(path: Path) -> str:
    """The whole text, with line breaks and repeated spaces folded (table cells wrap)."""
    return " ".join(" ".join(page_texts(path)).split())


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
