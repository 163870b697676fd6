"""Load-or-404 and permission guards for `{person_id}` routes."""

import uuid
from dataclasses import dataclass
from functools import partial
from typing import Annotated

from fastapi import Depends, Path, Request

from api.auth.deps import CurrentSubject
from api.auth.permissions import Permission, Subject
from api.core.problems import Forbidden
from api.db import ReaderDep, SessionDep, run_check
from api.people import service
from api.people.models import Person

PersonId = Annotated[uuid.UUID, Path(description="The person's id.")]


async def get_readable_person(
    request: Request,
    read: ReaderDep,
    session: SessionDep,
    person_id: PersonId,
    subject: CurrentSubject,
) -> Person:
    # Someone the caller may not see is a 404: a person's existence is personal data.
    check = partial(service.get_person, person_id=person_id, subject=subject)
    return await run_check(request, read, session, check)


ReadablePerson = Annotated[Person, Depends(get_readable_person)]


@dataclass(frozen=True)
class PersonEdit:
    person: Person
    rights: service.EditRights


def get_editable_person(
    session: SessionDep, person: ReadablePerson, subject: CurrentSubject
) -> PersonEdit:
    rights = service.edit_rights(session, subject=subject, person=person)
    if rights is service.EditRights.none:
        raise Forbidden("You may not change this person.")
    return PersonEdit(person, rights)


EditablePerson = Annotated[PersonEdit, Depends(get_editable_person)]


async def require_person_create(subject: CurrentSubject) -> Subject:
    # Committee admins add people through their committee's members, which makes them visible.
    if not subject.can(Permission.people_write):
        raise Forbidden(
            "Only a network_admin creates people here; add members through a committee."
        )
    return subject


PersonCreator = Annotated[Subject, Depends(require_person_create)]
