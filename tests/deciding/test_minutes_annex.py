"""The minutes' annex (design §12), read back from the PDF: the selection under every method with
the method-dependent dossiers, the cut-off zone with B and seed, and a recorded draw whose printed
inputs recompute its result."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selection_desk.reports.minutes import write_minutes
from selection_desk.services.draw import draw_places
from selection_desk.services.reporting import build_report_data
from selection_desk.storage.store import CampaignStore
from tests.deciding.campaigns import METHOD_SPLIT, make_scores_file
from tests.deciding.test_draw import CLOSE_AT_THE_LINE, recompute
from tests.reports.pdf_text import joined


def minutes_text(file: Path, tmp_path: Path, language: str) -> str:
    with CampaignStore.open(file, readonly=True) as store:
        report = build_report_data(store)
    pdf = tmp_path / f"minutes-{language}.pdf"
    write_minutes(report, pdf, language)
    return joined(pdf)


def test_the_annex_names_what_each_method_selects(tmp_path: Path) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", METHOD_SPLIT, places=1)
    text = minutes_text(file, tmp_path, "en")
    annex = text.split("Annex: deciding under uncertainty", 1)[1]
    assert "Selected (places: 1)" in annex
    assert "Method-dependent (in bold above): A, B." in annex
    assert "some aggregation methods select it and others do not" in annex
    # The docstring of METHOD_SPLIT works the selections out by hand: mean B, median A.
    assert re.search(r"mean of the juror totals B\b", annex)
    assert re.search(r"median of the juror totals A\b", annex)


@pytest.mark.parametrize(
    ("language", "zone_words", "seed_words"),
    [
        ("en", "statistically indistinguishable at the line; B = 1,000", "Seed text agreed"),
        ("fr", "indiscernables", "Texte de la graine"),
    ],
)
def test_a_recorded_draw_is_printed_so_that_anyone_can_recompute_it(
    tmp_path: Path, language: str, zone_words: str, seed_words: str
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2, allow_draw=True)
    with CampaignStore.open(file) as store:
        record = draw_places(store, "Comité du 4 décembre, CAC 40 7412,50")
    text = minutes_text(file, tmp_path, language)
    annex = text.split("Annex" if language == "en" else "Annexe", 1)[1]
    assert zone_words in annex
    assert seed_words in annex
    assert "Comité du 4 décembre, CAC 40 7412,50" in annex
    printed_head = re.findall(r"\b[0-9a-f]{64}\b", annex)
    assert record.audit_head in printed_head
    zone = [ref for ref in "ABCDE" if ref in record.zone]
    assert recompute(record.seed_text, printed_head[0], zone, record.places_drawn) == list(
        record.drawn
    )
    assert ", ".join(record.drawn) in annex
