"""Logins, tokens, roles and the current subject."""
