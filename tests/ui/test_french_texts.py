"""French texts as a committee reads them: plurals that agree with the count, sentences that do
not run into each other, and a projector shortcut that always has a key to show."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QKeySequence

from selection_desk import i18n
from selection_desk.aggregation.agenda import Flag
from selection_desk.domain import Campaign, Decision, Outcome
from selection_desk.services.decisions import DecisionRecord
from selection_desk.ui.pages import deliberation_bar
from selection_desk.ui.pages.deliberation import _status_text
from selection_desk.ui.pages.deliberation_dossier import flag_tooltip
from selection_desk.ui.pages.ranking_controls import settings_text

pytestmark = pytest.mark.gui


@pytest.fixture
def french() -> Iterator[None]:
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def test_one_place_is_singular_in_the_ranking_controls_and_the_projector(french: None) -> None:
    assert "1 place ·" in settings_text(Campaign(uid="", name="Appel", places=1))
    assert "3 places ·" in settings_text(Campaign(uid="", name="Appel", places=3))
    context = i18n.ngettext(
        "{campaign} · dossier {position} of {total} · {places} place",
        "{campaign} · dossier {position} of {total} · {places} places",
        1,
    ).format(campaign="Appel", position=1, total=4, places=1)
    assert context == "Appel · dossier 1 sur 4 · 1 place"


def test_one_place_is_singular_in_the_near_cut_off_flag(french: None) -> None:
    item = SimpleNamespace(entry=SimpleNamespace(rank=2))
    text = flag_tooltip(item, Flag.NEAR_CUTOFF, 15.0, 1)  # type: ignore[arg-type]
    assert text == "Rang 2 pour 1 place : proche de la barre."


def test_the_unsaved_changes_sentence_is_set_apart_from_the_jurors_name(french: None) -> None:
    record = DecisionRecord(
        Decision("A", Outcome.SELECTED, decided_at="2026-12-12T10:00:00", decided_by="Castagné"),
        (),
    )
    text = _status_text(record, dirty=True)
    assert "Castagné · Modifications pas encore enregistrées." in text


def test_the_projector_falls_back_to_f11_where_the_platform_has_no_full_screen_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QKeySequence, "keyBindings", lambda key: [])
    assert deliberation_bar.projector_key() == QKeySequence("F11")
    assert deliberation_bar.projector_key_text() == "F11"
