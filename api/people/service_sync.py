"""People as source systems write them: one found again by its source's id and created or
replaced (`PUT /people/by-external-id/...`), or many at once (a bulk import), with the events
of the single writes."""

import uuid
from collections.abc import Collection, Sequence
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from api.auth.permissions import Permission, Subject
from api.core.clock import utcnow
from api.core.problems import Forbidden, PreconditionFailed
from api.core.queries import among
from api.core.writes import insert_rows
from api.outbox.service import Event, emit_many
from api.people.models import Person
from api.people.schemas import PersonCreate, PersonReplace, PersonUpdate
from api.people.service import (
    EditRights,
    check_organisation,
    create_person,
    edit_rights,
    event_payload,
    get_person,
    sort_key,
    update_person,
)


def upsert_person(
    session: Session,
    *,
    source: str,
    external_id: str,
    data: PersonReplace,
    subject: Subject,
    if_match: str | None,
) -> tuple[Person, bool]:
    """The person the source knows as `external_id`, created or replaced by `data`; whether
    it was created. Creating takes what `POST /people` takes; replacing, what a full edit
    takes (and someone the caller may not see is a 404, as on every path of a person)."""
    person = session.exec(
        select(Person).where(Person.source == source, Person.external_id == external_id)
    ).first()
    if person is None:
        if not subject.can(Permission.people_write):
            raise Forbidden(
                "Only a network_admin creates people here; add members through a committee."
            )
        if if_match is not None:  # RFC 9110: If-Match fails when there is nothing current
            raise PreconditionFailed(
                "No person has this external_id for this source yet: send no If-Match to "
                "create one."
            )
        create = PersonCreate(**data.model_dump(), external_id=external_id, source=source)
        return create_person(session, data=create), True
    person = get_person(session, person_id=person.id, subject=subject)
    if edit_rights(session, subject=subject, person=person) is not EditRights.full:
        raise Forbidden("You may not change this person.")
    replacement = PersonUpdate(**data.model_dump())
    changed = update_person(
        session,
        person=person,
        data=replacement,
        rights=EditRights.full,
        if_match=if_match,
        etag_required=False,
    )
    return changed, False


class SyncedPerson(NamedTuple):
    """What a sync compares of a person (a row, not an ORM object: thousands are read)."""

    id: uuid.UUID
    source: str
    external_id: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    category: str


_SYNCED: list[Any] = [col(getattr(Person, name)) for name in SyncedPerson._fields]


def find_by_external_ids(
    session: Session, *, source: str, external_ids: Collection[str]
) -> list[SyncedPerson]:
    """The people `source` knows by these ids (a query per 5,000 ids)."""
    ids, found = list(external_ids), list[SyncedPerson]()
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        stmt = select(*_SYNCED).where(
            col(Person.source) == source, among(session, Person.external_id, chunk)
        )
        found.extend(SyncedPerson._make(row) for row in session.execute(stmt).all())
    return found


def create_people(session: Session, *, people: Sequence[tuple[uuid.UUID, PersonCreate]]) -> None:
    """Create each (id, data) as `create_person` would, in one INSERT. The caller has
    checked that no external id is taken (`find_by_external_ids`); organisations are checked
    here, once each."""
    for organisation_id in {data.organisation_id for _, data in people} - {None}:
        check_organisation(session, organisation_id)
    now = utcnow()
    rows = [
        {
            "id": person_id,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "first_name": data.first_name,
            "last_name": data.last_name,
            "sort_key": sort_key(data.first_name, data.last_name),
            "email": str(data.email).lower() if data.email else None,
            "phone": data.phone,
            "category": data.category.value,
            "organisation_id": data.organisation_id,
            "external_id": data.external_id,
            "source": data.source,
        }
        for person_id, data in people
    ]
    if rows:
        insert_rows(session, Person.__table__, rows)  # type: ignore[attr-defined]
    emit_many(
        session,
        [Event("person.created", None, event_payload(id), person_id=id) for id, _ in people],
    )


def change_people(session: Session, *, changes: Sequence[tuple[uuid.UUID, dict[str, Any]]]) -> None:
    """Apply each (person id, fields) as `update_person` would with full rights (the caller
    has checked them, and the values: plain strings, emails lower-cased): one read, one
    flush."""
    if not changes:
        return
    people = {
        p.id: p
        for p in session.exec(
            select(Person).where(among(session, Person.id, [id for id, _ in changes]))
        ).all()
    }
    now = utcnow()
    for person_id, fields in changes:
        person = people[person_id]
        for field, value in fields.items():
            setattr(person, field, value)
        person.sort_key = sort_key(person.first_name, person.last_name)
        person.updated_at = now
        session.add(person)
    session.flush()
    emit_many(
        session,
        [
            Event("person.updated", None, event_payload(id, fields=sorted(f)), person_id=id)
            for id, f in changes
        ],
    )


def sources_of(
    session: Session, *, person_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str]]:
    """(source, external_id) of those of these people a source system knows (one query)."""
    if not person_ids:
        return {}
    stmt = select(Person.id, Person.source, Person.external_id).where(
        among(session, Person.id, person_ids), col(Person.source).is_not(None)
    )
    return {
        id: (source or "", external_id or "")
        for id, source, external_id in session.exec(stmt).all()
    }
