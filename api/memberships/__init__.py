"""Memberships: a person in a committee (and maybe a body), term by term."""
