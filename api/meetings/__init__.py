"""Meetings and events: decisions, attendance, headcounts, votes, expense claims."""

from api.meetings import tallies  # noqa: F401  (keeps the attendance tallies with the writes)
