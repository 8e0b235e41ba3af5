"""The embedded demo campaign, its pitch decks and the two templates, read back from the files.

The aggregation is recomputed here in plain Python with exact fractions (design §5, method mean),
independently of the app's engine, to prove that the demo shows what it was built to show: a lenient
and a severe juror, a dossier that splits the jury, an exact tie and an elimination.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from fractions import Fraction
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from selection_desk.resources import resource_path

SHEET_HEADERS = {
    "Campagne": ["key", "value"],
    "Critères": [
        "code",
        "libellé",
        "poids",
        "min",
        "max",
        "pas",
        "seuil",
        "groupe",
        "description",
        "niveaux",
    ],
    "Jury": ["code", "nom", "e-mail", "rôle"],
    "Dossiers": [
        "réf",
        "nom",
        "secteur",
        "année de création",
        "effectif",
        "chiffre d'affaires (€)",
        "résumé du pitch",
        "contact e-mail",
    ],
    "Conflits": ["juré", "dossier", "motif"],
    "Notes": ["dossier", "juré", "critère", "note", "commentaire", "statut"],
    "Décisions": ["dossier", "décision", "motivation"],
}
RUBRIC_LABELS = ["Absent", "Faible", "Insuffisant", "Correct", "Bon", "Excellent"]
LENIENT, SEVERE = "J4", "J5"
SPLIT_DOSSIER = "N26-003"
TIED_PAIR = {"N26-007", "N26-011"}
ELIMINATED = "N26-012"
PLACES = 4
SPREAD_THRESHOLD = 15
MAX_DECK_BYTES = 40_000

Record = dict[str, Any]


@cache
def records(path: Path, sheet: str) -> list[Record]:
    """The sheet's rows as header → value, fully empty rows left out (cached: read-only use)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = [str(cell) for cell in rows[0]]
    return [
        dict(zip(header, row, strict=True))
        for row in rows[1:]
        if any(cell is not None for cell in row)
    ]


def demo_path() -> Path:
    return resource_path("demo", "demo-campaign.xlsx")


def parse_levels(text: str) -> list[tuple[Fraction, str, str]]:
    levels = []
    for item in text.split(";"):
        value, _, rest = item.partition("=")
        label, _, descriptor = rest.partition(" : ")
        levels.append((Fraction(value.strip()), label.strip(), descriptor.strip()))
    return levels


# --- the plain-Python aggregation (design §5, method mean) ----------------------------------------


class Demo:
    """The demo's scores and the mean-method figures derived from them, exactly."""

    def __init__(self, path: Path) -> None:
        self.criteria = {row["code"]: row for row in records(path, "Critères")}
        self.scores: dict[str, dict[str, dict[str, Fraction]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        for row in records(path, "Notes"):
            self.scores[row["dossier"]][row["juré"]][row["critère"]] = Fraction(row["note"])

    def total(self, dossier: str, juror: str) -> Fraction:
        """``T = 100 · Σ w·(s − lo)/(hi − lo) / Σ w``."""
        weighted = Fraction(0)
        for code, criterion in self.criteria.items():
            low, high = Fraction(criterion["min"]), Fraction(criterion["max"])
            score = self.scores[dossier][juror][code]
            weighted += criterion["poids"] * (score - low) / (high - low)
        total_weight = sum(int(criterion["poids"]) for criterion in self.criteria.values())
        return 100 * weighted / total_weight

    def totals(self, dossier: str) -> dict[str, Fraction]:
        return {juror: self.total(dossier, juror) for juror in self.scores[dossier]}

    def aggregate(self, dossier: str) -> Fraction:
        totals = list(self.totals(dossier).values())
        return sum(totals, Fraction(0)) / len(totals)

    def spread(self, dossier: str) -> float:
        return statistics.stdev(float(total) for total in self.totals(dossier).values())

    def criterion_mean(self, dossier: str, code: str) -> Fraction:
        values = [scores[code] for scores in self.scores[dossier].values()]
        return sum(values, Fraction(0)) / len(values)

    def eliminated(self) -> set[str]:
        return {
            dossier
            for dossier in self.scores
            for code, criterion in self.criteria.items()
            if criterion["seuil"] is not None
            and self.criterion_mean(dossier, code) < Fraction(criterion["seuil"])
        }

    def ranking(self) -> list[str]:
        """Dossiers still in the running, best first."""
        kept = [dossier for dossier in self.scores if dossier not in self.eliminated()]
        return sorted(kept, key=self.aggregate, reverse=True)

    def offset(self, juror: str) -> tuple[float, dict[str, float]]:
        """How far the juror's scores sit from the other jurors' mean: overall and per dossier."""
        per_dossier: dict[str, float] = {}
        all_offsets: list[float] = []
        for dossier, by_juror in self.scores.items():
            if juror not in by_juror:
                continue
            offsets = [
                float(by_juror[juror][code])
                - statistics.mean(
                    float(scores[code]) for other, scores in by_juror.items() if other != juror
                )
                for code in self.criteria
            ]
            per_dossier[dossier] = statistics.mean(offsets)
            all_offsets.extend(offsets)
        return statistics.mean(all_offsets), per_dossier


@pytest.fixture(scope="module")
def demo() -> Demo:
    return Demo(demo_path())


# --- the workbook --------------------------------------------------------------------------------


def test_demo_workbook_has_the_seven_french_sheets_and_their_headers() -> None:
    workbook = openpyxl.load_workbook(demo_path(), read_only=True)
    try:
        assert workbook.sheetnames == list(SHEET_HEADERS)
        for sheet, headers in SHEET_HEADERS.items():
            first_row = next(workbook[sheet].iter_rows(max_row=1, values_only=True))
            assert list(first_row) == headers, sheet
    finally:
        workbook.close()


def test_campaign_sheet_holds_the_call_with_french_keys() -> None:
    settings = {row["key"]: row["value"] for row in records(demo_path(), "Campagne")}
    assert settings == {
        "nom": "Appel à candidatures « Numérique 2026 »",
        "programme": "Accélérateur régional Occitanie Numérique",
        "places": PLACES,
        "langue": "fr",
        "méthode": "mean",
        "seuil_dispersion": SPREAD_THRESHOLD,
    }


def test_six_weighted_criteria_on_zero_to_five_in_half_points_with_rubrics() -> None:
    criteria = records(demo_path(), "Critères")
    assert [row["code"] for row in criteria] == [
        "CROISSANCE",
        "FINANCES",
        "PI",
        "COMMERCIAL",
        "EQUIPE",
        "VOLONTE",
    ]
    assert sum(row["poids"] for row in criteria) == 100
    for row in criteria:
        assert (row["min"], row["max"], row["pas"]) == (0, 5, 0.5)
        assert row["libellé"] and row["description"] and row["groupe"]
        levels = parse_levels(row["niveaux"])
        assert [value for value, _, _ in levels] == list(range(6))
        assert [label for _, label, _ in levels] == RUBRIC_LABELS
        assert all(descriptor for _, _, descriptor in levels)
    thresholds = {row["code"]: row["seuil"] for row in criteria if row["seuil"] is not None}
    assert thresholds == {"EQUIPE": 2}
    assert "500 k€" in criteria[0]["description"]


def test_seven_scoring_jurors_a_president_and_six_members() -> None:
    jurors = records(demo_path(), "Jury")
    assert [row["code"] for row in jurors] == [f"J{number}" for number in range(1, 8)]
    assert sorted(row["rôle"] for row in jurors) == ["membre"] * 6 + ["présidente"]
    assert all(row["e-mail"].endswith("@example.org") for row in jurors)
    assert len({row["nom"] for row in jurors}) == 7


def test_twelve_dossiers_with_real_world_french_text() -> None:
    dossiers = records(demo_path(), "Dossiers")
    assert len(dossiers) == 12
    assert len({row["réf"] for row in dossiers}) == 12
    names = [row["nom"] for row in dossiers]
    assert any("&" in name for name in names)
    assert any("'" in name for name in names)
    for row in dossiers:
        pitch = row["résumé du pitch"]
        assert 3 <= len(re.findall(r"[.!?](?:\s|$)", pitch)) <= 5, row["réf"]
        assert re.search(r"[éèêàçôûî]", pitch), row["réf"]
        assert isinstance(row["effectif"], int)
        assert isinstance(row["chiffre d'affaires (€)"], int)
        assert "@" in row["contact e-mail"]
    assert any("€" in row["résumé du pitch"] for row in dossiers)


def test_two_declared_conflicts_name_known_jurors_and_dossiers() -> None:
    conflicts = records(demo_path(), "Conflits")
    jurors = {row["code"] for row in records(demo_path(), "Jury")}
    dossiers = {row["réf"] for row in records(demo_path(), "Dossiers")}
    assert len(conflicts) == 2
    for row in conflicts:
        assert row["juré"] in jurors and row["dossier"] in dossiers and row["motif"]


def test_every_non_conflicted_review_is_complete_final_and_on_the_scale() -> None:
    path = demo_path()
    scores = records(path, "Notes")
    criteria = {row["code"]: row for row in records(path, "Critères")}
    jurors = [row["code"] for row in records(path, "Jury")]
    dossiers = [row["réf"] for row in records(path, "Dossiers")]
    conflicted = {(row["dossier"], row["juré"]) for row in records(path, "Conflits")}

    assert len(scores) == 492
    keys = [(row["dossier"], row["juré"], row["critère"]) for row in scores]
    expected = {
        (dossier, juror, code)
        for dossier in dossiers
        for juror in jurors
        if (dossier, juror) not in conflicted
        for code in criteria
    }
    assert len(keys) == len(set(keys)) and set(keys) == expected
    for row in scores:
        assert row["statut"] == "finale"
        value = row["note"]
        assert isinstance(value, int | float) and not isinstance(value, bool)
        criterion = criteria[row["critère"]]
        assert criterion["min"] <= value <= criterion["max"]
        assert ((Fraction(value) - criterion["min"]) / Fraction(criterion["pas"])).denominator == 1
    comments = [row["commentaire"] for row in scores if row["commentaire"]]
    assert 40 <= len(comments) < len(scores)
    assert any(re.search(r"[éèàç]", comment) for comment in comments)


def test_decisions_sheet_is_left_for_the_meeting() -> None:
    assert records(demo_path(), "Décisions") == []


# --- what the demo teaches ----------------------------------------------------------------------


def test_one_lenient_and_one_severe_juror(demo: Demo) -> None:
    lenient_offset, lenient_by_dossier = demo.offset(LENIENT)
    severe_offset, severe_by_dossier = demo.offset(SEVERE)
    assert 0.5 <= lenient_offset <= 1.25
    assert -1.25 <= severe_offset <= -0.5
    assert all(offset > 0.25 for offset in lenient_by_dossier.values())
    assert all(offset < -0.25 for offset in severe_by_dossier.values())
    for dossier in demo.scores:
        totals = demo.totals(dossier)
        assert max(totals, key=totals.__getitem__) == LENIENT, dossier
        assert min(totals, key=totals.__getitem__) == SEVERE, dossier
    others = {juror for by_juror in demo.scores.values() for juror in by_juror} - {LENIENT, SEVERE}
    assert all(abs(demo.offset(juror)[0]) < 0.25 for juror in others)


def test_one_dossier_splits_the_jury(demo: Demo) -> None:
    flagged = {dossier for dossier in demo.scores if demo.spread(dossier) > SPREAD_THRESHOLD}
    assert flagged == {SPLIT_DOSSIER}


def test_exactly_one_exact_tie(demo: Demo) -> None:
    tied = [
        {first, second}
        for first, second in combinations(demo.scores, 2)
        if demo.aggregate(first) == demo.aggregate(second)
    ]
    assert tied == [TIED_PAIR]
    first, second = sorted(TIED_PAIR)
    for code in demo.criteria:
        assert demo.criterion_mean(first, code) == demo.criterion_mean(second, code)
    near = [
        pair
        for pair in combinations(demo.scores, 2)
        if set(pair) != TIED_PAIR
        and abs(demo.aggregate(pair[0]) - demo.aggregate(pair[1])) < Fraction(1, 10)
    ]
    assert near == [], "only the designed tie may look like one"


def test_one_dossier_falls_below_the_eliminatory_threshold(demo: Demo) -> None:
    assert demo.eliminated() == {ELIMINATED}


def test_the_tie_and_the_split_dossier_sit_clear_of_the_cut_off(demo: Demo) -> None:
    ranking = demo.ranking()
    assert set(ranking[5:7]) == TIED_PAIR, "the tie shares rank 6"
    assert ranking[PLACES] == SPLIT_DOSSIER, "the split dossier is the first below the cut-off"
    last_in, first_out = ranking[PLACES - 1], ranking[PLACES]
    assert demo.aggregate(last_in) - demo.aggregate(first_out) >= 2
    assert demo.aggregate(ELIMINATED) > demo.aggregate(ranking[5]), (
        "the eliminated dossier would have ranked above the tie: the elimination matters"
    )


# --- the pitch decks ----------------------------------------------------------------------------


def deck_paths() -> Iterator[tuple[str, str, Path]]:
    for row in records(demo_path(), "Dossiers"):
        yield row["réf"], row["nom"], resource_path("demo", "attachments", f"{row['réf']}.pdf")


DECKS = list(deck_paths())


@pytest.mark.parametrize(("ref", "name", "path"), DECKS, ids=[ref for ref, _, _ in DECKS])
def test_each_dossier_has_a_small_readable_pitch_deck(ref: str, name: str, path: Path) -> None:
    assert path.stat().st_size < MAX_DECK_BYTES
    reader = PdfReader(path)
    assert len(reader.pages) >= 3
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height), "landscape slides"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert name in text
    assert ref in text
    assert "Le problème et notre solution" in text
    assert "Marché et traction" in text
    assert "€" in text


def test_no_deck_is_left_over_from_another_dossier() -> None:
    expected = {path.name for _, _, path in deck_paths()}
    assert {path.name for path in resource_path("demo", "attachments").iterdir()} == expected


# --- the templates ------------------------------------------------------------------------------


def template_path(name: str) -> Path:
    return resource_path("templates", f"{name}.xlsx")


@pytest.mark.parametrize("name", ["startup", "impact"])
def test_templates_have_every_sheet_a_grid_and_nothing_else(name: str) -> None:
    path = template_path(name)
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        assert workbook.sheetnames == list(SHEET_HEADERS)
    finally:
        workbook.close()
    for sheet in ("Jury", "Dossiers", "Conflits", "Notes", "Décisions"):
        assert records(path, sheet) == [], sheet
    settings = {row["key"]: row["value"] for row in records(path, "Campagne")}
    assert settings["nom"] and settings["langue"] == "fr" and settings["méthode"] == "mean"
    criteria = records(path, "Critères")
    assert len(criteria) == 6 and sum(row["poids"] for row in criteria) == 100
    for row in criteria:
        assert [label for _, label, _ in parse_levels(row["niveaux"])] == RUBRIC_LABELS


def test_startup_template_uses_the_demo_grid() -> None:
    assert records(template_path("startup"), "Critères") == records(demo_path(), "Critères")


def test_impact_template_has_the_social_economy_grid() -> None:
    criteria = {row["code"]: row for row in records(template_path("impact"), "Critères")}
    assert set(criteria) == {
        "IMPACT",
        "UTILITE",
        "GOUVERNANCE",
        "VIABILITE",
        "EQUIPE",
        "PARTENARIATS",
    }
    assert criteria["GOUVERNANCE"]["libellé"] == "Gouvernance coopérative et démocratique"
    assert criteria["GOUVERNANCE"]["seuil"] == 2


# --- the generator ------------------------------------------------------------------------------


def test_committed_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    """Regenerating gives byte-identical files: outputs are fresh and the script deterministic."""
    generator = resource_path("demo", "generate.py")
    no_bytecode = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # keep resources/ clean
    subprocess.run(
        [sys.executable, str(generator), "--out", str(tmp_path)], check=True, env=no_bytecode
    )
    generated = sorted(path for path in tmp_path.rglob("*") if path.is_file())
    assert len(generated) == 1 + 12 + 2
    for path in generated:
        committed = resource_path(*path.relative_to(tmp_path).parts)
        assert path.read_bytes() == committed.read_bytes(), committed
