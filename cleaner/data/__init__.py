"""Data files: boilerplate phrases (as data, apart from the logic that uses them)."""
