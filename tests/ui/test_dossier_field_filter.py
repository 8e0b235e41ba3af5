"""The Dossiers table filtered on one field, typed as the field is: amounts, percentages, dates,
yes/no and choices, on a campaign imported from a real form export (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from selection_desk.ui.main_window import MainWindow
from tests.factories import make_imported_campaign

pytestmark = pytest.mark.gui

FORM = (
    "Horodateur;Adresse e-mail;Nom du projet;Montant demandé;Part du capital;Date du comité;"
    "Mineur;Secteurs\n"
    "03/03/2026 09:15:02;a@a.fr;Alpha;125 000 €;12,5 %;15/03/2026;Oui;Énergie, Santé\n"
    "04/03/2026 14:02:40;b@b.fr;Beta;90 000 €;40 %;28/02/2026;Non;Mobilité\n"
    "05/03/2026 10:00:00;c@c.fr;Gamma;1 250 000 €;7 %;01/03/2026;Non;Énergie\n"
    "06/03/2026 11:30:00;d@d.fr;Delta;50 000 €;25 %;20/02/2026;Oui;Santé, Énergie\n"
)


@pytest.fixture
def opened(window: MainWindow, tmp_path: Path) -> MainWindow:
    window.open_file(make_imported_campaign(tmp_path, FORM))
    window.show_phase("dossiers")
    return window


def _names(window: MainWindow) -> list[str]:
    page = window.dossiers_page
    return [page.proxy.index(row, 2).data() for row in range(page.proxy.rowCount())]


def _filter(window: MainWindow, field: str, condition: str) -> list[str]:
    window.dossiers_page.field_filter.set_condition(field, condition)
    return _names(window)


def test_each_field_is_filtered_as_its_type(opened: MainWindow) -> None:
    page = opened.dossiers_page
    assert _names(opened) == ["Alpha", "Beta", "Gamma", "Delta"]
    assert _filter(opened, "Montant demandé", ">100000") == ["Alpha", "Gamma"]
    assert page.count_label.text() == "2 of 4 dossier(s)"
    assert _filter(opened, "Montant demandé", "90000..130000") == ["Alpha", "Beta"]
    assert _filter(opened, "Part du capital", "<=12,5") == ["Alpha", "Gamma"]
    assert _filter(opened, "Date du comité", ">=2026-03-01") == ["Alpha", "Gamma"]
    assert _filter(opened, "Date du comité", "28/02/2026") == ["Beta"]
    assert _filter(opened, "Mineur", "oui") == ["Alpha", "Delta"]
    assert _filter(opened, "Secteurs", "sante") == ["Alpha", "Delta"]
    assert _filter(opened, "Horodateur", "<05/03/2026") == ["Alpha", "Beta"]
    # The search box narrows what the field filter keeps.
    page.set_search("beta")
    assert _names(opened) == ["Beta"]
    page.set_search("")
    assert _filter(opened, "Secteurs", "") == ["Alpha", "Beta", "Gamma", "Delta"]


def test_the_box_says_what_the_field_takes_and_what_is_wrong(opened: MainWindow) -> None:
    bar = opened.dossiers_page.field_filter
    assert not bar.edit.isEnabled()
    bar.set_condition("Montant demandé", "")
    assert bar.edit.isEnabled()
    assert ">100000" in bar.edit.placeholderText() and "10..20" in bar.edit.toolTip()
    bar.set_condition("Date du comité", "")
    assert "15/03/2026" in bar.edit.placeholderText()
    bar.set_condition("Mineur", "")
    assert "oui" in bar.edit.placeholderText()
    # A condition that cannot be read: one sentence, and the table is not filtered by it.
    assert _filter(opened, "Montant demandé", ">beaucoup") == ["Alpha", "Beta", "Gamma", "Delta"]
    assert bar.message.isVisible()
    assert bar.message.text().startswith("“>beaucoup” is not a condition on a number")
    assert _filter(opened, "Montant demandé", ">1000000") == ["Gamma"]
    assert not bar.message.isVisible()


def test_typing_a_condition_filters_after_a_pause(opened: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = opened.dossiers_page.field_filter
    bar.fields.setCurrentIndex(bar.fields.findData("Part du capital"))
    bar.edit.setFocus()
    QTest.keyClicks(bar.edit, ">= 12,5")
    qtbot.waitUntil(lambda: _names(opened) == ["Alpha", "Beta", "Delta"])
    QTest.keyClick(bar.edit, Qt.Key.Key_Escape)
    bar.edit.clear()
    qtbot.waitUntil(lambda: len(_names(opened)) == 4)


def test_the_chosen_field_and_condition_survive_a_refresh(opened: MainWindow) -> None:
    page = opened.dossiers_page
    assert _filter(opened, "Montant demandé", ">100000") == ["Alpha", "Gamma"]
    page.refresh()
    assert page.field_filter.field() == "Montant demandé"
    assert _names(opened) == ["Alpha", "Gamma"]


def test_the_hints_are_french_in_french(window: MainWindow, tmp_path: Path) -> None:
    from selection_desk import i18n
    from selection_desk.ui.widgets.field_filter import condition_hints

    with i18n.language("fr"):
        placeholder, tooltip = condition_hints("money")
        assert placeholder == "ex. >100000, <=12,5, 10-20"
        assert tooltip.startswith("Un nombre")
        assert condition_hints("date:DMY")[0] == "ex. >=01/03/2026, 15/03/2026"
        assert condition_hints("yes/no")[0] == "oui ou non"
        assert condition_hints("choices")[0] == "une option choisie"
