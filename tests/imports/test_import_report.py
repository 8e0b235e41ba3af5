"""The lines of an import report that the command line and the import wizard share."""

from __future__ import annotations

from selection_desk import i18n
from selection_desk.services.import_report import describe_entity_changes

SUMMARY = {"added": 2, "changed": 1, "unchanged": 3, "missing": 0}


def test_a_kind_of_row_is_named_in_the_reader_s_language() -> None:
    with i18n.language("en"):
        assert describe_entity_changes("scores", SUMMARY) == "scores: 2 new, 1 changed, 3 unchanged"
    with i18n.language("fr"):
        line = describe_entity_changes("scores", SUMMARY)
    assert line == "notes : 2 nouveau(x), 1 modifié(s), 3 inchangé(s)"
