""" "In use" refusals come from the database (foreign keys), never from one domain
querying another's tables; cascades from above still go through."""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.bodies.models import Body
from api.memberships.models import Membership
from api.organisations.models import Organisation
from api.people.models import Person
from api.programmes.models import Action
from api.working_groups.models import WorkingGroup
from tests.assertions import assert_problem
from tests.bodies.factories import make_body
from tests.factories import make_committee
from tests.meetings.factories import make_meeting
from tests.memberships.factories import make_membership, make_person
from tests.organisations.factories import make_organisation
from tests.programmes.factories import make_action, make_programme
from tests.working_groups.factories import make_working_group


def test_deleting_a_committee_cascades_through_the_refusing_references(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    # A body with memberships cannot be deleted, but here the committee's cascade
    # removes both in one statement: it must go through on both backends.
    committee = make_committee(session)
    body = make_body(session, committee=committee)
    membership = make_membership(session, committee=committee, body_id=str(body.id))
    make_meeting(session, committee=committee, body_id=body.id)
    group = make_working_group(session, committee=committee)
    programme = make_programme(session, committee=committee)
    make_action(session, programme=programme, working_group_id=str(group.id))

    ids = committee.id, body.id, membership.id, group.id

    response = client.delete(f"/api/v1/committees/{ids[0]}", headers=admin_headers)

    assert response.status_code == 204, response.text
    session.expunge_all()
    assert session.get(Body, ids[1]) is None
    assert session.get(Membership, ids[2]) is None
    assert session.get(WorkingGroup, ids[3]) is None
    assert session.exec(select(Action.id).where(Action.working_group_id == ids[3])).all() == []


def test_a_refused_delete_leaves_the_transaction_usable_and_writes_nothing(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    employer = make_organisation(session)
    worker = make_person(session, organisation_id=str(employer.id))
    spare = make_organisation(session)

    refused = client.delete(f"/api/v1/organisations/{employer.id}", headers=admin_headers)
    deleted = client.delete(f"/api/v1/organisations/{spare.id}", headers=admin_headers)

    problem = assert_problem(refused, 409, "conflict")
    assert problem["title"] == "Conflict"
    assert problem["detail"] == "People work at this organisation; change their organisation first."
    assert deleted.status_code == 204, deleted.text
    session.expire_all()
    assert session.get(Organisation, employer.id) is not None
    assert session.get(Person, worker.id).organisation_id == employer.id  # type: ignore[union-attr]
    assert session.get(Organisation, spare.id) is None
