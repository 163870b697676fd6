"""Matrix rows: members and memberships, personal data. The own committee's admins and
network_admin read and write them; member_own reads only their own term (linked below)."""

from datetime import date

from api.memberships.models import Membership
from tests.memberships.factories import make_membership
from tests.people.factories import link, make_person
from tests.permissions.world import Row, World, committee_scoped

# Readable by the person themself as well as the committee's admins.
OWN_TERM = committee_scoped(200, admin=True, member=True)


def _own_term(w: World, **fields: object) -> Membership:
    """A term in the own committee, of the person member_own logs in as."""
    person = make_person(w.session)
    link(w.session, w.users["member_own"], person)
    return make_membership(w.session, committee=w.own, person=person, **fields)


def _membership(w: World) -> dict[str, str]:
    return {"membership_id": str(_own_term(w).id)}


def _ending_term(w: World) -> dict[str, str]:
    return {"membership_id": str(_own_term(w, end_on=date(2024, 12, 31)).id)}


def _person(w: World) -> dict[str, str]:
    return {"person_id": str(_own_term(w).person_id)}


ROWS: list[Row] = [
    Row(
        "GET",
        "/api/v1/committees/{committee_id}/members",
        committee_scoped(200, admin=True, member=False),
    ),
    Row(
        "POST",
        "/api/v1/committees/{committee_id}/members",
        committee_scoped(201, admin=True, member=False),
        json=lambda w: {
            "person": {"first_name": "Inès", "last_name": "Martin", "category": "student"},
            "role": "member",
            "term_years": 1,
        },
    ),
    Row("GET", "/api/v1/memberships/{membership_id}", OWN_TERM, params=_membership),
    Row(
        "PATCH",
        "/api/v1/memberships/{membership_id}",
        committee_scoped(200, admin=True, member=False),
        json=lambda w: {"role": "titular"},
        params=_membership,
    ),
    Row(
        "POST",
        "/api/v1/memberships/{membership_id}/end",
        committee_scoped(200, admin=True, member=False),
        json=lambda w: {"end_on": "2024-06-30"},
        params=_membership,
    ),
    Row(
        "POST",
        "/api/v1/memberships/{membership_id}/renew",
        committee_scoped(201, admin=True, member=False),
        json=lambda w: {"term_years": 3},
        params=_ending_term,
    ),
    Row("GET", "/api/v1/people/{person_id}/memberships", OWN_TERM, params=_person),
]
