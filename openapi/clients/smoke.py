"""Type-checked by `make clients` against the generated Python client (never run): a
département's client reads its members and their errors with the generated types."""

from uuid import UUID

from ancrage_client import AuthenticatedClient
from ancrage_client.api.memberships import memberships_list
from ancrage_client.models import MembershipPage, Problem


def member_names(client: AuthenticatedClient, committee_id: UUID) -> list[str]:
    page = memberships_list.sync(committee_id, client=client, limit=10)
    if isinstance(page, Problem):
        raise RuntimeError(f"{page.status} {page.type_}: {page.detail}")
    assert isinstance(page, MembershipPage)
    return [f"{m.person.first_name} {m.person.last_name}" for m in page.items]
