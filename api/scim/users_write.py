"""Writing Users through the people and memberships services, so every write checks the
same rules and emits the same outbox events (attributed to the caller) as the REST API.

A new User is enrolled in a committee (the extension's `committee`, else the caller's only
one) with a term from today; DELETE ends the person's open terms in the caller's committees
today: the person and their history stay."""

import uuid
from datetime import date
from typing import Any

from scim2_models import Context, PatchOp
from sqlmodel import Session

from api.auth.permissions import Subject
from api.core.etags import ANY
from api.memberships.schemas import MembershipCreate, MembershipRole, MembershipUpdate
from api.memberships.service import terms_going_on
from api.memberships.service_terms import (
    create_membership,
    end_membership,
    update_membership,
)
from api.people import service as people
from api.people.models import Person
from api.people.schemas import PersonCategory, PersonCreate, PersonUpdate
from api.scim import users
from api.scim.access import Caller
from api.scim.errors import ScimError
from api.scim.models import POLICY, USER_EXTENSION, AncrageUser, UserResource
from api.scim.versions import check_version


def _read(payload: Any, context: Context, defaults: dict[str, str | None]) -> Any:
    """The User in `payload`, its extension's committee and role defaulting to `defaults`
    (the schema requires them: every person shown has a term)."""
    if isinstance(payload, dict):
        extension = payload.get(USER_EXTENSION)
        if isinstance(extension, dict):
            given = {k: v for k, v in defaults.items() if v is not None and k not in extension}
            payload = payload | {USER_EXTENSION: extension | given}
    return UserResource.model_validate(payload, scim_ctx=context, scim_policy=POLICY)


def _person_fields(resource: Any) -> dict[str, Any]:
    """What a User says of the person, in PersonUpdate's terms (absent → cleared)."""
    name = resource.name
    if name is None or not name.given_name or not name.family_name:
        raise ScimError(400, "name.givenName and name.familyName are required.", "invalidValue")
    extension = resource[AncrageUser]
    category = extension.category if extension is not None else None
    return {
        "first_name": name.given_name,
        "last_name": name.family_name,
        "email": email.lower() if (email := _first(resource.emails)) else None,
        "phone": _first(resource.phone_numbers),
        "category": _category(category),
        "external_id": resource.external_id,
    }


def _first(values: list[Any] | None) -> str | None:
    return values[0].value if values else None


def _category(value: str | None) -> PersonCategory:
    try:
        return PersonCategory(value or "other")
    except ValueError:
        raise ScimError(400, f"Unknown category: {value}.", "invalidValue") from None


def _source(subject: Subject, person: Person | None) -> str:
    """The system an externalId is of: the person's, or this caller's."""
    if person is not None and person.source is not None:
        return person.source
    return f"scim:{subject.client_id}" if subject.client_id else "scim"


def _enrolment(resource: Any) -> tuple[uuid.UUID | None, MembershipRole]:
    extension = resource[AncrageUser]
    committee = getattr(extension, "committee", None) if extension is not None else None
    role = getattr(extension, "role", None) if extension is not None else None
    try:
        return (
            uuid.UUID(committee) if committee else None,
            MembershipRole(role or "member"),
        )
    except ValueError:
        raise ScimError(400, "committee is an id, role one of the roles.", "invalidValue") from None


def _enrol(
    session: Session,
    caller: Caller,
    *,
    person: Person,
    committee_id: uuid.UUID,
    role: MembershipRole,
    today: date,
) -> None:
    """A term in the committee from today, unless the person holds one going on (in the
    committee itself or in one of its bodies)."""
    if not caller.writes(committee_id):
        raise ScimError(400, f"No committee {committee_id} this caller writes to.", "invalidValue")
    if terms_going_on(session, after=today, person_ids=[person.id], committee_ids=[committee_id]):
        return
    data = MembershipCreate(person_id=person.id, role=role, start_on=today)
    create_membership(session, committee_id=committee_id, data=data, subject=caller.subject)


def create_user(session: Session, *, caller: Caller, payload: Any, today: date) -> uuid.UUID:
    only = caller.only_committee()
    defaults = {"committee": str(only) if only else None, "role": "member"}
    resource = _read(payload, Context.RESOURCE_CREATION_REQUEST, defaults)
    fields = _person_fields(resource)
    committee_id, role = _enrolment(resource)
    committee_id = committee_id or caller.only_committee()
    if committee_id is None:
        raise ScimError(
            400,
            f"Name the committee to enrol the person in ({AncrageUser.__schema__}:committee).",
            "invalidValue",
        )
    external_id = fields.pop("external_id")
    data = PersonCreate(
        **fields,
        external_id=external_id,
        source=_source(caller.subject, None) if external_id else None,
    )
    person = people.create_person(session, data=data, user_name=resource.user_name)
    _enrol(session, caller, person=person, committee_id=committee_id, role=role, today=today)
    return person.id


def _load(session: Session, caller: Caller, user_id: str, today: date) -> Person:
    users.get_user(session, caller=caller, user_id=user_id, today=today)  # 404 if hidden
    person = people.find_person(session, person_id=uuid.UUID(user_id))
    assert person is not None
    if not _writes_person(session, caller, person, today):
        raise ScimError(403, "This caller may not change this person.")
    return person


def _writes_person(session: Session, caller: Caller, person: Person, today: date) -> bool:
    if caller.writable is None:
        return True
    going_on = terms_going_on(
        session, after=today, person_ids=[person.id], committee_ids=caller.writable
    )
    return bool(going_on)


def _apply(session: Session, caller: Caller, person: Person, resource: Any, today: date) -> None:
    fields = _person_fields(resource)
    external_id = fields.pop("external_id")
    source = _source(caller.subject, person) if external_id else None
    if external_id == person.external_id and source == person.source:
        changes = fields
    else:
        changes = fields | {"external_id": external_id, "source": source}
    current = {name: getattr(person, name) for name in changes}
    current["category"] = PersonCategory(person.category)
    user_name = resource.user_name
    if {k: v for k, v in changes.items() if current.get(k) != v} or user_name != person.user_name:
        people.update_person(
            session,
            person=person,
            data=PersonUpdate(**{k: v for k, v in changes.items() if current.get(k) != v}),
            rights=people.EditRights.full,
            if_match=ANY,
            user_name=user_name,
        )
    committee_id, role = _enrolment(resource)
    if committee_id is not None:
        _enrol(session, caller, person=person, committee_id=committee_id, role=role, today=today)
        _correct_role(session, person=person, committee_id=committee_id, role=role, today=today)


def _correct_role(
    session: Session, *, person: Person, committee_id: uuid.UUID, role: MembershipRole, today: date
) -> None:
    """The role of the person's first open term in the committee (the one a User shows)."""
    terms = terms_going_on(
        session, after=today, person_ids=[person.id], committee_ids=[committee_id]
    )
    term = terms[0] if terms else None
    if term is not None and term.role != role.value:
        update_membership(session, membership=term, data=MembershipUpdate(role=role), if_match=ANY)


def replace_user(
    session: Session, *, caller: Caller, user_id: str, payload: Any, if_match: str | None,
    today: date,
) -> None:  # fmt: skip
    person = _load(session, caller, user_id, today)
    check_version(if_match, f'W/"{person.version}"')
    shown = users.get_user(session, caller=caller, user_id=user_id, today=today)["terms"]
    defaults = {"committee": str(shown[0][0]), "role": shown[0][3]} if shown else {}
    resource = _read(payload, Context.RESOURCE_REPLACEMENT_REQUEST, defaults)
    _apply(session, caller, person, resource, today)


def patch_user(
    session: Session, *, caller: Caller, user_id: str, payload: Any, if_match: str | None,
    today: date, base: str,
) -> bool:  # fmt: skip
    """Apply the PATCH; True when it set `active` to false (the person's terms ended)."""
    person = _load(session, caller, user_id, today)
    check_version(if_match, f'W/"{person.version}"')
    operations = PatchOp[UserResource].model_validate(
        payload, scim_ctx=Context.RESOURCE_PATCH_REQUEST, scim_policy=POLICY
    )
    row = users.get_user(session, caller=caller, user_id=user_id, today=today)
    resource = UserResource.model_validate(
        users.to_user(row, base=base), scim_ctx=Context.RESOURCE_QUERY_RESPONSE
    )
    if operations.patch(resource, scim_policy=POLICY):
        _apply(session, caller, person, resource, today)
    if not _deactivates(payload):
        return False
    _end_terms(session, caller, person, today)
    return True


def _deactivates(payload: Any) -> bool:
    """Whether the PATCH sets `active` to false, as directory tools deprovision (the schema has
    no `active`: it reads as DELETE)."""
    operations = payload.get("Operations") if isinstance(payload, dict) else None
    for operation in operations if isinstance(operations, list) else []:
        if not isinstance(operation, dict) or str(operation.get("op", "")).lower() == "remove":
            continue
        path, value = str(operation.get("path") or ""), operation.get("value")
        if not path and isinstance(value, dict):
            path, value = "active", value.get("active")
        if path.lower() == "active" and str(value).lower() == "false":
            return True
    return False


def delete_user(
    session: Session, *, caller: Caller, user_id: str, if_match: str | None, today: date
) -> None:
    """End the person's open terms in the caller's committees today."""
    person = _load(session, caller, user_id, today)
    check_version(if_match, f'W/"{person.version}"')
    _end_terms(session, caller, person, today)


def _end_terms(session: Session, caller: Caller, person: Person, today: date) -> None:
    terms = terms_going_on(
        session, after=today, person_ids=[person.id], committee_ids=caller.writable
    )
    for membership in terms:
        end_on = max(today, membership.start_on)
        end_membership(session, membership=membership, end_on=end_on, if_match=ANY)
