"""Schemathesis over the whole OpenAPI document, authenticated as a network admin:
no server error, and every response conforms to the schema. Fifteen examples an operation keep
it to a minute a backend in `make test`; `make fuzz` goes further (a served app, every phase)."""

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlmodel import Session

from api.auth.permissions import Role
from api.main import app
from tests.database import serving
from tests.factories import auth, make_committee, make_user

schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


@pytest.fixture
def network_admin_headers(session: Session) -> Iterator[dict[str, str]]:
    # Something to find: generated ids mostly miss, this one committee may be hit by links.
    make_committee(session)
    headers = auth(make_user(session, role=Role.network_admin))

    with serving(session):
        yield headers


@pytest.mark.schemathesis
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms(case: schemathesis.Case, network_admin_headers: dict[str, str]) -> None:
    # Business rules refuse some schema-valid input on purpose (an unknown INSEE code, a parent
    # that does not exist): a documented 422, not a failure. Every other check applies.
    case.call_and_validate(
        headers=network_admin_headers, excluded_checks=[positive_data_acceptance]
    )
