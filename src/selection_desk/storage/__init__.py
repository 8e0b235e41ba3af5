"""Storage: the campaign file (SQLite) and the only code that speaks SQL."""
