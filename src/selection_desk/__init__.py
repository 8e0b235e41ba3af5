"""Selection Desk: offline scoring, ranking and minutes for selection committees."""

__version__ = "0.1.0"
