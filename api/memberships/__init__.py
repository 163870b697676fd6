"""Memberships: a person in a committee (and maybe a body), term by term."""

from api.memberships import (
    people_links,  # noqa: F401  (registers what people need; see there)
    spans,  # noqa: F401  (keeps the members' spans with the writes)
)
