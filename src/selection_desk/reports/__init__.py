"""Reports: terminal tables, Excel workbook, PDF minutes, feedback letters (no Qt)."""
