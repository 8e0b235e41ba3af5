"""Selection Desk: offline scoring, ranking and minutes for selection committees."""

__version__ = "0.1.0"

# Which program wrote a file: in every report's footer, workbook properties and the campaign file.
SIGNATURE = f"Selection Desk {__version__}"
