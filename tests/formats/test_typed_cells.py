"""A workbook's typed cells as fields: the text a person reads in them, the type of their column."""

from __future__ import annotations

from datetime import datetime

from selection_desk.formats.typed_cells import field_text, typed_cell_columns


def test_a_percentage_keeps_the_text_a_person_reads() -> None:
    assert field_text(0.125, "0.0%") == "12.5 %"
    assert field_text(0.07, "0%") == "7 %"
    assert field_text(0.125, "General") == "0.125"
    assert field_text(125000, "#,##0.00") == "125000"
    assert field_text(datetime(2026, 3, 4), "DD/MM/YYYY") == "2026-03-04"


def test_each_column_of_typed_cells_gets_its_type() -> None:
    types = typed_cell_columns(
        {
            "Montant": [(125000, "#,##0.00"), (9500.5, "#,##0.00")],
            "Apport": [(12, "[$€-40C] #,##0"), (None, "")],
            "Effectif": [(12, ""), (3, "")],
            "Part": [(0.125, "0.0%"), ("40 %", "")],
            "Comité": [(datetime(2026, 3, 4), "DD/MM/YYYY"), ("28/12/2026", "")],
            "Envoi": [(datetime(2026, 3, 4, 9, 15), "DD/MM/YYYY HH:MM")],
            "Mineur": [(True, ""), (False, "")],
            "Notes": [("bien", ""), ("à revoir", "")],
            "Mélange": [(3, ""), ("trois", ""), ("quatre", "")],
        }
    )
    assert types == {
        "Montant": "money",
        "Apport": "money",
        "Effectif": "number",
        "Part": "percent",
        "Comité": "date:DMY",
        "Envoi": "datetime:YMD",
        "Mineur": "yes/no",
    }
