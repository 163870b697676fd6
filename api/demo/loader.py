"""Load the demo network into an empty database, through the services (so their rules apply)."""

import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from api.auth.models import User
from api.auth.permissions import Role, Subject
from api.committees import service as committees
from api.committees import service_status
from api.committees.models import Committee
from api.committees.schemas import CommitteeCreate, CommitteeStatus
from api.demo import liaison, network, network_data, participation
from api.organisations import service as organisations
from api.organisations.schemas import OrganisationCreate, OrganisationType
from api.users import service as service_users
from api.users.schemas import GrantCreate, UserCreate


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    note: str


def load_demo_if_empty(session: Session) -> list[DemoLogin] | None:
    """Create the demo committees and logins; None, and nothing done, when any committee exists.

    Never commits: the caller's transaction does.
    """
    if session.exec(select(Committee.id).limit(1)).first() is not None:
        return None
    ids: dict[str, uuid.UUID] = {}
    carriers: dict[str, uuid.UUID] = {}
    for spec in network.COMMITTEES:
        ids[spec.key] = _create_committee(session, spec, ids, carriers).id
    logins = []
    member_login: User | None = None  # linked to its own person record by `participation`
    animator: User | None = None  # records HCTS's and the network's side of the liaison
    for user in network.DEMO_USERS:
        grants = [
            GrantCreate(
                role=user.role, committee_id=ids[user.committee] if user.committee else None
            )
        ]
        data = UserCreate(
            email=user.email,
            display_name=user.display_name,
            password=network.DEMO_PASSWORD,
            grants=grants,
        )
        try:
            with session.begin_nested():
                account = service_users.create_user(session, data=data)
        except service_users.EmailTaken:
            continue  # a real account already uses this address: leave it alone
        logins.append(DemoLogin(user.role.value, user.email, network.DEMO_PASSWORD, user.note))
        if user.role is Role.member:
            member_login = account
        if user.role is Role.network_admin:
            animator = account
    participation.load_participation(
        session, committees=ids, carriers=carriers, member_login=member_login
    )
    if animator is not None:
        admin = Subject(user_id=animator.id, email=animator.email, is_network_admin=True)
        liaison.load_liaison(session, committees=ids, admin=admin)
    return logins


def _carrier(session: Session, name: str, known: dict[str, uuid.UUID]) -> uuid.UUID:
    if name not in known:
        data = OrganisationCreate(type=OrganisationType(network.organisation_type(name)), name=name)
        known[name] = organisations.create_organisation(session, data=data).id
    return known[name]


def _create_committee(
    session: Session,
    spec: network_data.DemoCommittee,
    ids: dict[str, uuid.UUID],
    carriers: dict[str, uuid.UUID],
) -> Committee:
    first, *later = spec.steps
    if first.status != CommitteeStatus.reflection:  # where create_committee starts every committee
        raise ValueError(f"demo committee {spec.key!r} must start in reflection")
    committee = committees.create_committee(
        session,
        data=CommitteeCreate(
            name=spec.name,
            short_name=spec.short_name,
            scale=spec.scale,
            region_codes=list(spec.region_codes),
            department_codes=list(spec.department_codes),
            parent_id=ids[spec.parent] if spec.parent else None,
            description=spec.description,
            carrying_organisation_ids=[
                _carrier(session, name, carriers) for name in spec.carrying_organisations
            ],
            status_since=first.effective_on,
        ),
        actor_id=None,
    )
    for step in later:
        service_status.change_status(
            session,
            committee=committee,
            status=step.status,
            effective_on=step.effective_on,
            actor_id=None,
            if_match=None,
        )
    return committee
