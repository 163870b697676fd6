"""Meetings and events: decisions, attendance, headcounts, votes, expense claims."""
