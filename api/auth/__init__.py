"""Tokens, passwords, roles and the current subject: who is calling, and what they may do."""
