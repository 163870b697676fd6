"""Writing Groups through the bodies and memberships services (their rules, their outbox
events). Adding a member enrols the person in the body with a term from today (role
`member`); removing one ends their open terms in the body today."""

import uuid
from datetime import date
from typing import Any

from scim2_models import Context, PatchOp
from sqlmodel import Session

from api.bodies import service as bodies
from api.bodies.models import Body
from api.bodies.schemas import BodyCreate, BodyKind, BodyUpdate
from api.core.etags import ANY
from api.memberships.schemas import MembershipCreate, MembershipRole
from api.memberships.service import terms_going_on
from api.memberships.service_terms import create_membership, end_membership
from api.scim import groups, users
from api.scim.access import Caller
from api.scim.errors import ScimError
from api.scim.models import GROUP_EXTENSION, POLICY, AncrageGroup, GroupResource
from api.scim.versions import check_version


def _read(payload: Any, context: Context, committee: uuid.UUID | None) -> Any:
    """The Group in `payload`, its extension's committee defaulting to `committee` (the
    schema requires one: every body is a committee's)."""
    if isinstance(payload, dict) and committee is not None:
        extension = payload.get(GROUP_EXTENSION)
        if isinstance(extension, dict) and "committee" not in extension:
            payload = payload | {GROUP_EXTENSION: extension | {"committee": str(committee)}}
    return GroupResource.model_validate(payload, scim_ctx=context, scim_policy=POLICY)


def _kind(resource: Any) -> BodyKind:
    extension = resource[AncrageGroup]
    value = extension.kind if extension is not None else None
    try:
        return BodyKind(value or "other")
    except ValueError:
        raise ScimError(400, f"Unknown kind: {value}.", "invalidValue") from None


def _committee(resource: Any) -> uuid.UUID | None:
    extension = resource[AncrageGroup]
    value = extension.committee if extension is not None else None
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ScimError(400, f"No committee {value}.", "invalidValue") from None


def _members(resource: Any) -> set[uuid.UUID]:
    found = set()
    for member in resource.members or []:
        try:
            found.add(uuid.UUID(str(member.value)))
        except ValueError:
            raise ScimError(400, f"No User {member.value}.", "invalidValue") from None
    return found


def create_group(session: Session, *, caller: Caller, payload: Any, today: date) -> uuid.UUID:
    resource = _read(payload, Context.RESOURCE_CREATION_REQUEST, caller.only_committee())
    committee_id = _committee(resource) or caller.only_committee()
    if committee_id is None or not caller.writes(committee_id):
        raise ScimError(
            400,
            f"Name a committee this caller writes to ({AncrageGroup.__schema__}:committee).",
            "invalidValue",
        )
    data = BodyCreate(kind=_kind(resource), name=resource.display_name or "")
    body = bodies.create_body(
        session, committee_id=committee_id, data=data, external_id=resource.external_id
    )
    _set_members(session, caller, body, _members(resource), today)
    return body.id


def _load(session: Session, caller: Caller, group_id: str, today: date) -> tuple[Body, str]:
    row = groups.get_group(session, caller=caller, group_id=group_id, today=today)
    if not caller.writes(row["committee_id"]):
        raise ScimError(403, "This caller may not change this committee's bodies.")
    body = bodies.find_body(session, body_id=row["id"])
    assert body is not None
    return body, groups.version_of(row)


def _apply(session: Session, caller: Caller, body: Body, resource: Any, today: date) -> None:
    committee_id = _committee(resource)
    if committee_id is not None and committee_id != body.committee_id:
        raise ScimError(400, "A Group's committee cannot change.", "mutability")
    changes: dict[str, Any] = {}
    if resource.display_name and resource.display_name != body.name:
        changes["name"] = resource.display_name
    if (kind := _kind(resource)).value != body.kind:
        changes["kind"] = kind
    if changes:
        bodies.update_body(session, body=body, data=BodyUpdate(**changes), if_match=ANY)
    bodies.set_external_id(session, body=body, external_id=resource.external_id)
    _set_members(session, caller, body, _members(resource), today)


def _set_members(
    session: Session, caller: Caller, body: Body, wanted: set[uuid.UUID], today: date
) -> None:
    current = groups.member_ids(session, body_id=body.id, today=today)
    for person_id in sorted(wanted - current):
        # The person must be one the caller sees (a 400 otherwise, as for an unknown id).
        try:
            users.get_user(session, caller=caller, user_id=str(person_id), today=today)
        except ScimError:
            raise ScimError(400, f"No User {person_id}.", "invalidValue") from None
        data = MembershipCreate(
            person_id=person_id, role=MembershipRole.member, body_id=body.id, start_on=today
        )
        create_membership(
            session, committee_id=body.committee_id, data=data, subject=caller.subject
        )
    leaving = current - wanted
    if leaving:
        terms = terms_going_on(session, after=today, person_ids=leaving, body_id=body.id)
        for membership in terms:
            end_on = max(today, membership.start_on)
            end_membership(session, membership=membership, end_on=end_on, if_match=ANY)


def replace_group(
    session: Session, *, caller: Caller, group_id: str, payload: Any, if_match: str | None,
    today: date,
) -> None:  # fmt: skip
    body, version = _load(session, caller, group_id, today)
    check_version(if_match, version)
    resource = _read(payload, Context.RESOURCE_REPLACEMENT_REQUEST, body.committee_id)
    _apply(session, caller, body, resource, today)


def patch_group(
    session: Session, *, caller: Caller, group_id: str, payload: Any, if_match: str | None,
    today: date, base: str,
) -> None:  # fmt: skip
    body, version = _load(session, caller, group_id, today)
    check_version(if_match, version)
    operations = PatchOp[GroupResource].model_validate(
        payload, scim_ctx=Context.RESOURCE_PATCH_REQUEST, scim_policy=POLICY
    )
    row = groups.get_group(session, caller=caller, group_id=group_id, today=today)
    resource = GroupResource.model_validate(
        groups.to_group(row, base=base), scim_ctx=Context.RESOURCE_QUERY_RESPONSE
    )
    if operations.patch(resource, scim_policy=POLICY):
        _apply(session, caller, body, resource, today)


def delete_group(
    session: Session, *, caller: Caller, group_id: str, if_match: str | None, today: date
) -> None:
    """Delete an unused body; one with terms or meetings is kept (409), as in the REST API."""
    body, version = _load(session, caller, group_id, today)
    check_version(if_match, version)
    bodies.delete_body(session, body=body, if_match=ANY)
