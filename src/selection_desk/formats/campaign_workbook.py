"""The campaign workbook (design §3): a whole campaign as an Excel file, in English or French.

A campaign can be prepared in a spreadsheet and imported, and the Excel export is itself a campaign
workbook: export then import gives the same campaign.  The parts:

- :mod:`~selection_desk.formats.headers` — sheet names, column headers, setting keys;
- :mod:`~selection_desk.formats.vocabulary` — roles, statuses, outcomes, methods, yes/no;
- :mod:`~selection_desk.formats.safe_xlsx` — opening a workbook from anywhere safely;
- :mod:`~selection_desk.formats.workbook_tables` and :mod:`~selection_desk.formats.workbook_reader`
  — the import, which reports every problem of the file at once;
- :mod:`~selection_desk.formats.workbook_writer` — the export.
"""

from __future__ import annotations

from selection_desk.formats.workbook_reader import read_campaign_workbook
from selection_desk.formats.workbook_writer import WorkbookWriteFailed, write_campaign_workbook

__all__ = ["WorkbookWriteFailed", "read_campaign_workbook", "write_campaign_workbook"]
