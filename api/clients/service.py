"""Registering, rotating and revoking machine clients (network_admin only; the routes
enforce it). Their table, credentials and tokens are api.auth.clients'."""

import uuid
from datetime import timedelta
from typing import Any

from sqlmodel import Session

from api.auth import clients as credentials
from api.auth.models import MachineClient  # as a type only: `credentials` reads and writes it
from api.clients.schemas import ClientCreate, ClientCreated, ClientPublic, ClientSecret
from api.committees import service as committees
from api.committees import service_list as directory
from api.core import etags
from api.core.problems import Conflict, InvalidInput, NotFound
from api.territories import service as territories


class ClientNotFound(NotFound):
    default_detail = "No machine client with this id."


class ClientRevoked(Conflict):
    default_detail = "This machine client is revoked: register a new one."


def _fields(client: MachineClient, named: list[uuid.UUID]) -> dict[str, Any]:
    return {
        "id": client.id,
        "name": client.name,
        "scopes": credentials.scopes_of(client),
        "committee_ids": named,
        "department_code": client.department_code,
        "previous_valid_until": client.previous_valid_until,
        "revoked_at": client.revoked_at,
        "created_at": client.created_at,
    }


def get_client(session: Session, *, client_id: uuid.UUID) -> MachineClient:
    client = credentials.find_client(session, client_id)
    if client is None:
        raise ClientNotFound()
    return client


def describe(session: Session, client: MachineClient) -> ClientPublic:
    named = credentials.named_committees(session, [client.id])[client.id]
    return ClientPublic.model_validate(_fields(client, named))


def read_client(session: Session, *, client_id: uuid.UUID) -> tuple[dict[str, Any], int]:
    """The client as `ClientPublic` shows it, and its version."""
    row = credentials.one_listed(session, client_id)
    if row is None:
        raise ClientNotFound()
    return credentials.listed(row), row.version


def list_clients(
    session: Session, *, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    return credentials.page_of_listed(session, limit=limit, cursor=cursor)


def register(session: Session, *, data: ClientCreate, actor_id: uuid.UUID | None) -> ClientCreated:
    named = sorted(set(data.committee_ids))
    if unknown := committees.unknown_ids(session, named):
        listed = ", ".join(str(c) for c in unknown)
        raise InvalidInput(f"Unknown committees: {listed}.", field="committee_ids")
    code = data.department_code
    if code is not None and territories.unknown_departments([code]):
        raise InvalidInput(f"Unknown département: {code}.", field="department_code")
    client, secret = credentials.add_client(
        session, name=data.name, scopes=data.scopes, department_code=code, created_by=actor_id
    )
    credentials.bind(
        session,
        client_id=client.id,
        named=named,
        of_department=directory.ids_in_department(session, code) if code else [],
    )
    return ClientCreated.model_validate(_fields(client, named) | {"client_secret": secret})


def rotate_secret(
    session: Session, *, client: MachineClient, previous_valid_for_hours: int
) -> ClientSecret:
    if client.revoked_at is not None:
        raise ClientRevoked()
    secret = credentials.rotate(
        session, client, previous_valid_for=timedelta(hours=previous_valid_for_hours)
    )
    return ClientSecret(
        client_id=client.id, client_secret=secret, previous_valid_until=client.previous_valid_until
    )


def end_previous_secret(
    session: Session, *, client: MachineClient, if_match: str | None
) -> MachineClient:
    """The rotation is over: only the current secret works."""
    etags.require_match(if_match, client.version)
    credentials.end_rotation(session, client)
    return client


def revoke(session: Session, *, client: MachineClient) -> MachineClient:
    """Its secrets and its tokens stop working at once; it is kept, with what it wrote."""
    credentials.revoke(session, client)
    return client
