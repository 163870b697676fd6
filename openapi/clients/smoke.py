"""Type-checked by `make clients` against the generated Python client (never run): a
département's client reads its members and their errors, and polls the change feed, with the
generated types."""

from uuid import UUID

from ancrage_client import AuthenticatedClient
from ancrage_client.api.changes import changes_list
from ancrage_client.api.memberships import memberships_list
from ancrage_client.models import ChangePage, ChangeType, MembershipPage, Problem


def member_names(client: AuthenticatedClient, committee_id: UUID) -> list[str]:
    page = memberships_list.sync(committee_id, client=client, limit=10)
    if isinstance(page, Problem):
        raise RuntimeError(f"{page.status} {page.type_}: {page.detail}")
    assert isinstance(page, MembershipPage)
    return [f"{m.person.first_name} {m.person.last_name}" for m in page.items]


def poll_changes(client: AuthenticatedClient, cursor: str | None) -> tuple[list[str], str]:
    """One poll of the change feed: the types that came, and where to resume."""
    page = changes_list.sync(
        client=client, types=[ChangeType.MEMBERSHIP_ENDED], cursor=cursor, limit=500
    )
    if not isinstance(page, ChangePage):
        raise RuntimeError(f"no page: {page}")
    return [change.type_ for change in page.items], page.next_cursor
