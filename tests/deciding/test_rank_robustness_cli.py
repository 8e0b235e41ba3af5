"""``rank`` shows the §12 figures: in ``--json`` next to the unchanged keys, and as a section of
plain words in English and French."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selection_desk.cli import main
from tests.deciding.campaigns import METHOD_SPLIT, make_scores_file


def test_json_names_each_methods_selection_and_the_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", METHOD_SPLIT)
    assert main(["rank", str(file), "--json", "--bootstrap", "200", "--seed", "4"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {"campaign", "method", "places", "ranking", "agreement"} <= set(document)
    assert document["robustness"] == {
        "mean": ["B"], "median": ["A"], "trimmed": ["A"], "zscore": ["B"], "borda": ["A"],
        "schulze": ["A"],
    }  # fmt: skip
    assert document["method_dependent"] == ["A", "B"]
    zone = document["cutoff_zone"]
    assert (zone["resamples"], zone["seed"]) == (200, 4)
    intervals = {e["ref"]: e["rank_interval"] for e in document["ranking"]}
    assert zone["refs"] == [
        ref for ref in ("B", "A", "C") if intervals[ref][0] <= 1 < intervals[ref][1]
    ]


def test_without_bootstrap_the_zone_is_null(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", METHOD_SPLIT)
    assert main(["rank", str(file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cutoff_zone"] is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Method-dependent: A, B", "statistically indistinguishable at the line"]),
        ("fr", ["Dépendants de la méthode : A, B", "statistiquement indiscernables à la barre"]),
    ],
)
def test_the_text_explains_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, expected: list[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", METHOD_SPLIT)
    assert main(["--lang", language, "rank", str(file), "--bootstrap", "100"]) == 0
    out = capsys.readouterr().out
    assert all(text in out for text in expected)
