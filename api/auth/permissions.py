"""Roles map to permissions as plain data; `Subject.can` is the one place they are checked."""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    network_admin = "network_admin"
    committee_admin = "committee_admin"
    member = "member"


class Permission(StrEnum):
    committee_read = "committee:read"
    committee_create = "committee:create"
    committee_update = "committee:update"
    # Where a committee sits in the network (its parent, scale, territories) is the network's
    # decision: network_admin alone, though a committee's admins edit the rest of its entry.
    committee_move = "committee:move"
    committee_status = "committee:status"
    committee_delete = "committee:delete"
    users_manage = "users:manage"
    # Participation. Personal data (people, memberships, attendance, claims) is readable by
    # the committee's admins only; members read their own through `Subject.person_id`.
    organisation_write = "organisation:write"
    people_read = "people:read"
    people_write = "people:write"
    members_read = "members:read"
    members_write = "members:write"
    bodies_read = "bodies:read"
    bodies_write = "bodies:write"
    meetings_read = "meetings:read"
    meetings_write = "meetings:write"
    attendance_read = "attendance:read"
    attendance_write = "attendance:write"
    claims_manage = "claims:manage"
    # Work programmes and working groups: members read, admins write; the tag list is the
    # network's (HCTS axes, national strategies).
    working_groups_read = "working_groups:read"
    working_groups_write = "working_groups:write"
    programmes_read = "programmes:read"
    programmes_write = "programmes:write"
    tags_write = "tags:write"
    # HCTS liaison. HCTS content (publications, axes, calls, mandates, seminars, newsletter,
    # decisions on candidatures and contributions) is the network's: `hcts:manage` belongs to
    # network_admin alone. Candidatures and registrations name people: admins only.
    hcts_manage = "hcts:manage"
    relays_write = "relays:write"
    candidatures_read = "candidatures:read"
    candidatures_write = "candidatures:write"
    contributions_read = "contributions:read"
    contributions_write = "contributions:write"
    registrations_read = "registrations:read"
    registrations_write = "registrations:write"
    inbox_read = "inbox:read"
    # Counts of the people of a committee (participation, composition, liaison figures)
    # without reading the people: what a machine client's `stats:read` grants.
    stats_read = "stats:read"


# Committee-scoped roles grant these on the committees they name; network_admin has all, everywhere.
ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.network_admin: frozenset(Permission),
    Role.committee_admin: frozenset(
        {
            Permission.committee_read,
            Permission.committee_update,
            Permission.committee_status,
            Permission.organisation_write,
            Permission.people_read,
            Permission.people_write,
            Permission.members_read,
            Permission.members_write,
            Permission.bodies_read,
            Permission.bodies_write,
            Permission.meetings_read,
            Permission.meetings_write,
            Permission.attendance_read,
            Permission.attendance_write,
            Permission.claims_manage,
            Permission.working_groups_read,
            Permission.working_groups_write,
            Permission.programmes_read,
            Permission.programmes_write,
            Permission.relays_write,
            Permission.candidatures_read,
            Permission.candidatures_write,
            Permission.contributions_read,
            Permission.contributions_write,
            Permission.registrations_read,
            Permission.registrations_write,
            Permission.inbox_read,
        }
    ),
    Role.member: frozenset(
        {
            Permission.committee_read,
            Permission.bodies_read,
            Permission.meetings_read,
            Permission.working_groups_read,
            Permission.programmes_read,
            # Submitted contributions only: drafts stay with the committee's admins.
            Permission.contributions_read,
        }
    ),
}


class ClientScope(StrEnum):
    """What a machine client may do, on the committees it is bound to."""

    members_read = "members:read"
    members_write = "members:write"
    stats_read = "stats:read"


# Any binding lets a client see its committees; each scope adds these on them. Nothing else:
# a client never reads or writes the work, the liaison or the logins of a committee.
CLIENT_SEES = frozenset({Permission.committee_read})
SCOPE_PERMISSIONS: Mapping[ClientScope, frozenset[Permission]] = {
    ClientScope.members_read: frozenset(
        {Permission.people_read, Permission.members_read, Permission.bodies_read}
    ),
    ClientScope.members_write: frozenset(
        {
            Permission.people_write,
            Permission.members_write,
            Permission.bodies_write,
            Permission.organisation_write,
        }
    ),
    ClientScope.stats_read: frozenset({Permission.stats_read}),
}


def client_permissions(scopes: Iterable[ClientScope]) -> frozenset[Permission]:
    """What a client with `scopes` holds on each committee it is bound to."""
    return CLIENT_SEES.union(*(SCOPE_PERMISSIONS[scope] for scope in scopes))


@dataclass(frozen=True)
class Subject:
    """Who is calling, resolved once per request: a user with their grants, or a machine
    client (`client_id`; `user_id` is then the client's id) with its permissions on the
    committees it is bound to (`client_grants`)."""

    user_id: uuid.UUID
    email: str
    is_network_admin: bool = False
    person_id: uuid.UUID | None = None
    committee_roles: Mapping[uuid.UUID, frozenset[Role]] = field(default_factory=dict)
    client_id: uuid.UUID | None = None
    client_grants: Mapping[uuid.UUID, frozenset[Permission]] = field(default_factory=dict)

    def can(self, permission: Permission, committee_id: uuid.UUID | None = None) -> bool:
        if self.is_network_admin:
            return True
        if committee_id is None:
            return False
        if permission in self.client_grants.get(committee_id, ()):
            return True
        roles = self.committee_roles.get(committee_id, frozenset())
        return any(permission in ROLE_PERMISSIONS[role] for role in roles)

    def can_somewhere(self, permission: Permission) -> bool:
        """Holds `permission` network-wide or on at least one committee."""
        return self.is_network_admin or bool(self.committees_where(permission))

    def committees_where(self, permission: Permission) -> frozenset[uuid.UUID]:
        """The committees on which a committee-scoped role grants `permission`."""
        return frozenset(
            committee_id
            for committee_id, roles in self.committee_roles.items()
            if any(permission in ROLE_PERMISSIONS[role] for role in roles)
        ).union(
            committee_id
            for committee_id, permissions in self.client_grants.items()
            if permission in permissions
        )


class Anonymous(StrEnum):
    """What anonymous callers see of a public operation; anything else is hidden from them (a
    404 on its own path, absent from lists). The value is the sentence the OpenAPI document
    adds to the operation's description."""

    credentials = "No token needed: this is how callers get one."
    everything = "Public: anonymous callers read all of it."
    public_committees = "Public: anonymous callers see what belongs to public committees only."
    published = "Public: anonymous callers see published HCTS publications only, not drafts."
    open_calls = (
        "Public: anonymous callers see open calls only (deadline today or later, Europe/Paris)."
    )
    published_programmes = (
        "Public: anonymous callers see the validated, in-progress and closed programmes of "
        "public committees only, and what hangs from them."
    )
    network_figures = (
        "Public: anonymous callers get the figures of public committees (committees are "
        "counted, never people)."
    )
    people_figures = (
        "Public: anonymous callers get the figures of all public committees together, never of "
        "one committee or territory (403), with every count of people from 1 to 10 and what "
        "would give one back hidden (statistical secrecy)."
    )
    programme_figures = (
        "Public: anonymous callers get the figures of the validated, in-progress and closed "
        "programmes of public committees."
    )


# The public surface: every operation an anonymous caller may call, with what they see of it
# (README, "What anonymous callers see"). Every other operation answers 401 without a token;
# a public router refuses an operation that is not here, and the tests derive from the app
# that nothing else is reachable anonymously and check each entry both ways.
PUBLIC_SURFACE: Mapping[str, Anonymous] = {
    "health-get": Anonymous.everything,
    "health-live": Anonymous.everything,
    "health-ready": Anonymous.everything,
    "auth-token": Anonymous.credentials,
    "auth-refresh": Anonymous.credentials,
    # Reference data: INSEE territories, the HCTS axes, the tag list.
    "territories-regions-list": Anonymous.everything,
    "territories-regions-get": Anonymous.everything,
    "territories-departments-list": Anonymous.everything,
    "territories-departments-get": Anonymous.everything,
    "hcts-axes-list": Anonymous.everything,
    "hcts-axes-get": Anonymous.everything,
    "tags-list": Anonymous.everything,
    # The directory, committees' bodies (never their members), what committees relayed, and
    # who sits at HCTS for them.
    "committees-list": Anonymous.public_committees,
    "committees-get": Anonymous.public_committees,
    "committees-status-history": Anonymous.public_committees,
    "bodies-list": Anonymous.public_committees,
    "hcts-relays-list-by-committee": Anonymous.public_committees,
    "hcts-representatives-list": Anonymous.public_committees,
    "hcts-representatives-get": Anonymous.public_committees,
    # HCTS content going down to the committees.
    "hcts-publications-list": Anonymous.published,
    "hcts-publications-get": Anonymous.published,
    "hcts-calls-list": Anonymous.open_calls,
    "hcts-calls-get": Anonymous.open_calls,
    # Work programmes once the COPIL validated them.
    "work-programmes-list": Anonymous.published_programmes,
    "work-programmes-get": Anonymous.published_programmes,
    "work-programmes-transitions-list": Anonymous.published_programmes,
    "work-programmes-board": Anonymous.published_programmes,
    "actions-list": Anonymous.published_programmes,
    "actions-get": Anonymous.published_programmes,
    "deliverables-list": Anonymous.published_programmes,
    "deliverables-list-committee": Anonymous.published_programmes,
    "deliverables-get": Anonymous.published_programmes,
    "indicators-list": Anonymous.published_programmes,
    "indicators-get": Anonymous.published_programmes,
    "measurements-list": Anonymous.published_programmes,
    # The network's published figures.
    "stats-network": Anonymous.network_figures,
    "stats-network-timeline": Anonymous.network_figures,
    "stats-programmes": Anonymous.programme_figures,
    "stats-participation": Anonymous.people_figures,
    "stats-liaison": Anonymous.people_figures,
}
