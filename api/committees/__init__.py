"""Committees: the directory, territories, status lifecycle."""
