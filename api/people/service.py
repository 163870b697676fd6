"""People: records of who takes part. What other domains use is at the top.

Who may see a person is decided in SQL (`visible_to`): network_admin everyone, a committee
admin the people who hold or held a membership in their committees, anyone their own record.
Nobody else learns that a person exists, whatever their category."""

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, event, false, func, inspect, or_, true
from sqlalchemy.orm import Mapper
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.permissions import Permission, Subject
from api.core import etags
from api.core.pagination import RowsPage, page_of_dicts, paginate
from api.core.problems import Conflict, Forbidden, InvalidInput, NotFound
from api.core.queries import Stmt, where_given, where_search
from api.core.text import fold
from api.core.writes import save, store
from api.organisations import service as organisations
from api.outbox.service import emit
from api.people.models import Person
from api.people.schemas import (
    SELF_EDITABLE,
    PersonCategory,
    PersonCreate,
    PersonPublic,
    PersonUpdate,
)


class PersonExternalIdTaken(Conflict):
    default_detail = "A person with this external_id already exists for this source."


class UserNameTaken(Conflict):
    default_detail = "Another person already has this user name."


class PersonNotFound(NotFound):
    default_detail = "No person with this id."


def sort_key(first_name: str, last_name: str) -> str:
    """Lists sort by last name then first name, accent- and case-blind."""
    return fold(f"{last_name} {first_name}")


# Who belongs to which committees is the business of memberships, a layer above: it provides
# the subquery at import (api/memberships/people_links.py), so this package never imports it.
CommitteePeople = Callable[[Collection[uuid.UUID]], SelectOfScalar[uuid.UUID]]
_committee_people: list[CommitteePeople] = []


def provide_committee_people(query: CommitteePeople) -> None:
    _committee_people[:] = [query]


def _in_committees(committees: Collection[uuid.UUID]) -> ColumnElement[bool]:
    """SQL condition: the person holds or held a membership in one of `committees`."""
    if not _committee_people:
        raise RuntimeError("api.memberships is not loaded: committee membership is unknown")
    return col(Person.id).in_(_committee_people[0](committees))


class PersonColumns(NamedTuple):
    """What other domains may read of a person, joined into their own queries: names, category
    and organisation. Contact details and external ids stay here, so no join can leak them."""

    id: Any
    first_name: Any
    last_name: Any
    sort_key: Any
    category: Any
    organisation_id: Any


PERSON = PersonColumns(
    col(Person.id),
    col(Person.first_name),
    col(Person.last_name),
    col(Person.sort_key),
    col(Person.category),
    col(Person.organisation_id),
)


class PersonRecord(NamedTuple):
    """Every field of a person's record, for the one reader that serves people whole to
    callers who hold `people:read` on them (SCIM provisioning, api.scim). Nobody else joins
    these: contact details and external ids are personal data."""

    id: Any
    user_name: Any
    first_name: Any
    last_name: Any
    sort_key: Any
    email: Any
    phone: Any
    category: Any
    external_id: Any
    created_at: Any
    updated_at: Any
    version: Any


RECORD = PersonRecord(*(col(getattr(Person, name)) for name in PersonRecord._fields))


def join_person(stmt: Stmt, person_id: Any) -> Stmt:
    """`stmt` joined to the person whose id is in `person_id`, a column of the caller's table."""
    return stmt.join(Person, PERSON.id == person_id)


# Other domains keep copies of a person's sort key (memberships, for the members list's index);
# each registers here and is told of every rename in the flush that writes it, whatever path
# renamed the person (the API, the demo, a future sync).
SortKeyCopier = Callable[[Connection, uuid.UUID, str], None]
_sort_key_copiers: list[SortKeyCopier] = []


def on_sort_key_change(copier: SortKeyCopier) -> None:
    _sort_key_copiers.append(copier)


# Others count people by their category and organisation (memberships' spans); told likewise.
CountedChange = Callable[[Connection, uuid.UUID], None]
_counted_watchers: list[CountedChange] = []


def on_counted_change(watcher: CountedChange) -> None:
    _counted_watchers.append(watcher)


@event.listens_for(Person, "after_update")
def _sort_key_changed(_mapper: Mapper[Person], connection: Connection, person: Person) -> None:
    attrs = inspect(person).attrs
    if attrs.sort_key.history.has_changes():
        for copier in _sort_key_copiers:
            copier(connection, person.id, person.sort_key)
    if attrs.category.history.has_changes() or attrs.organisation_id.history.has_changes():
        for watcher in _counted_watchers:
            watcher(connection, person.id)


def find_person(session: Session, *, person_id: uuid.UUID) -> Person | None:
    return session.get(Person, person_id)


@dataclass(frozen=True)
class Snapshot:
    """Who a person is today: their category and organisation are stored with a record of
    their participation (an attendance, a registration) so that later changes to the person do
    not rewrite it."""

    first_name: str
    last_name: str
    category: str
    organisation_id: uuid.UUID | None
    organisation_name: str | None


_SNAPSHOT_COLUMNS: list[Any] = [
    col(Person.id),
    col(Person.first_name),
    col(Person.last_name),
    col(Person.category),
    col(Person.organisation_id),
    organisations.ORGANISATION_NAME,
]


def snapshots(
    session: Session,
    *,
    person_ids: Collection[uuid.UUID],
    among: SelectOfScalar[uuid.UUID],
) -> dict[uuid.UUID, Snapshot]:
    """The snapshots of those of `person_ids` who are in `among` (a subquery of ids)."""
    rows = session.exec(
        organisations.outerjoin_organisation(
            select(*_SNAPSHOT_COLUMNS), PERSON.organisation_id
        ).where(col(Person.id).in_(person_ids), col(Person.id).in_(among))
    ).all()
    return {person_id: Snapshot(*fields) for person_id, *fields in rows}


def create_person(session: Session, *, data: PersonCreate, user_name: str | None = None) -> Person:
    """`user_name`: SCIM's `userName` (only SCIM provisioning sets it)."""
    _check_external_id(session, data.external_id, data.source, own_id=None)
    _check_user_name(session, user_name, own_id=None)
    check_organisation(session, data.organisation_id)
    person = Person(
        first_name=data.first_name,
        last_name=data.last_name,
        sort_key=sort_key(data.first_name, data.last_name),
        email=str(data.email).lower() if data.email else None,
        phone=data.phone,
        category=data.category.value,
        organisation_id=data.organisation_id,
        external_id=data.external_id,
        source=data.source,
        user_name=user_name,
    )
    store(session, person)
    _emit(session, "person.created", person)
    return person


def _emit(session: Session, type: str, person: Person, **payload: Any) -> None:
    payload = event_payload(person.id, **payload)
    emit(session, type, committee_id=None, person_id=person.id, payload=payload)


def event_payload(person_id: uuid.UUID, **payload: Any) -> dict[str, Any]:
    # No name, contact or category: the feed's readers fetch the person if they may.
    return {"person_id": person_id, **payload}


def check_organisation(session: Session, organisation_id: uuid.UUID | None) -> None:
    if organisation_id is not None and not organisations.organisation_exists(
        session, organisation_id
    ):
        raise InvalidInput("No organisation with this id.", field="organisation_id")


def _check_external_id(
    session: Session, external_id: str | None, source: str | None, *, own_id: uuid.UUID | None
) -> None:
    if (external_id is None) != (source is None):
        raise InvalidInput("external_id and source go together.", field="external_id")
    if external_id is None:
        return
    clash = select(Person.id).where(Person.source == source, Person.external_id == external_id)
    if own_id is not None:
        clash = clash.where(Person.id != own_id)
    if session.exec(clash).first() is not None:
        raise PersonExternalIdTaken()


def _check_user_name(session: Session, user_name: str | None, *, own_id: uuid.UUID | None) -> None:
    # SCIM compares user names case-blind (RFC 7643 §4.1.1: caseExact false).
    if user_name is None:
        return
    clash = select(Person.id).where(func.lower(Person.user_name) == user_name.lower())
    if own_id is not None:
        clash = clash.where(Person.id != own_id)
    if session.exec(clash).first() is not None:
        raise UserNameTaken()


# --- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonFilters:
    q: str | None = None
    category: PersonCategory | None = None
    organisation_id: uuid.UUID | None = None
    external_id: str | None = None
    source: str | None = None
    updated_since: datetime | None = None


def visible_to(subject: Subject) -> ColumnElement[bool]:
    """SQL condition: the people `subject` may see."""
    if subject.is_network_admin:
        return true()
    committees = subject.committees_where(Permission.people_read)
    return or_(
        col(Person.id) == subject.person_id if subject.person_id is not None else false(),
        _in_committees(committees) if committees else false(),
    )


def get_person(session: Session, *, person_id: uuid.UUID, subject: Subject) -> Person:
    """The person, or 404 when they do not exist or `subject` may not see them."""
    person = session.exec(select(Person).where(Person.id == person_id, visible_to(subject))).first()
    if person is None:
        raise PersonNotFound()
    return person


# What the list returns and nothing else (no ORM objects); sort_key too, for the cursor.
_LIST_COLUMNS: list[Any] = [
    col(getattr(Person, name)) for name in [*PersonPublic.model_fields, "sort_key"]
]


def list_people(
    session: Session,
    *,
    subject: Subject,
    filters: PersonFilters,
    limit: int,
    cursor: str | None,
) -> RowsPage:
    stmt = select(*_LIST_COLUMNS).where(visible_to(subject))
    stmt = where_search(stmt, Person.sort_key, filters.q)
    stmt = where_given(
        stmt,
        (Person.category, filters.category),
        (Person.organisation_id, filters.organisation_id),
        (Person.external_id, filters.external_id),
        (Person.source, filters.source),
    )
    if filters.updated_since is not None:
        stmt = stmt.where(col(Person.updated_at) >= filters.updated_since)
    order = [col(Person.sort_key), col(Person.id)]
    return page_of_dicts(paginate(session, stmt, keys=order, limit=limit, cursor=cursor))


# --- editing --------------------------------------------------------------------------------


class Keep(Enum):
    """An argument left as it is (None would clear it)."""

    keep = "keep"


KEEP = Keep.keep


class EditRights(Enum):
    full = "full"
    contact_only = "contact_only"  # the person themself: their email and phone
    none = "none"


def edit_rights(session: Session, *, subject: Subject, person: Person) -> EditRights:
    if subject.is_network_admin:
        return EditRights.full
    committees = subject.committees_where(Permission.people_write)
    if committees:
        administered = select(Person.id).where(Person.id == person.id, _in_committees(committees))
        if session.exec(administered).first() is not None:
            return EditRights.full
    if subject.person_id == person.id:
        return EditRights.contact_only
    return EditRights.none


def update_person(
    session: Session,
    *,
    person: Person,
    data: PersonUpdate,
    rights: EditRights,
    if_match: str | None,
    user_name: str | Keep | None = KEEP,
    etag_required: bool = True,
) -> Person:
    """`user_name`: SCIM's `userName`, changed only when given (SCIM provisioning).
    `etag_required`: a PATCH must send If-Match; a replacement (PUT) checks it if sent."""
    changes = data.model_dump(exclude_unset=True)
    if rights is EditRights.none or (
        rights is EditRights.contact_only and not changes.keys() <= SELF_EDITABLE
    ):
        raise Forbidden("On your own record you may change only your email and phone.")
    if {"external_id", "source"} & changes.keys():
        _check_external_id(
            session,
            changes.get("external_id", person.external_id),
            changes.get("source", person.source),
            own_id=person.id,
        )
    if "organisation_id" in changes:
        check_organisation(session, changes["organisation_id"])
    if not isinstance(user_name, Keep) and user_name != person.user_name:
        _check_user_name(session, user_name, own_id=person.id)
    (etags.require_match if etag_required else etags.check_match)(if_match, person.version)
    if not isinstance(user_name, Keep) and user_name != person.user_name:
        person.user_name = user_name
        changes["user_name"] = user_name
    if changes.get("email") is not None:
        changes["email"] = str(changes["email"]).lower()
    if changes.get("category") is not None:
        changes["category"] = changes["category"].value
    for field, value in changes.items():
        setattr(person, field, value)
    # A changed key is recopied to the person's memberships in this flush (people_links).
    person.sort_key = sort_key(person.first_name, person.last_name)
    save(session, person)
    _emit(session, "person.updated", person, fields=sorted(changes))
    return person
