"""Fixtures shared by the claims and votes tests: a private committee, its admin, an agora."""

import pytest
from sqlmodel import Session

from api.auth.models import User
from api.auth.permissions import Role
from api.committees.models import Committee
from api.meetings.models import Meeting
from tests.factories import auth, make_committee, make_user
from tests.meetings.factories import make_meeting


@pytest.fixture
def committee(session: Session) -> Committee:
    return make_committee(session, is_public=False)


@pytest.fixture
def admin_user(session: Session, committee: Committee) -> User:
    return make_user(session, role=Role.committee_admin, committee=committee)


@pytest.fixture
def admin_of(admin_user: User) -> dict[str, str]:
    return auth(admin_user)


@pytest.fixture
def meeting(session: Session, committee: Committee) -> Meeting:
    return make_meeting(session, committee=committee, kind="agora")


@pytest.fixture
def agora(session: Session, committee: Committee) -> Meeting:
    return make_meeting(session, committee=committee, kind="agora", title="Agora")
