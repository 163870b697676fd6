"""Bulk import of a committee's members from a source system's spreadsheet (CSV) or rows (JSON)."""
