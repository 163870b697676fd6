""" "In use" refusals come from the database (foreign keys), never from one domain
querying another's tables (a committee's history: tests/test_history_kept.py)."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.organisations.models import Organisation
from api.people.models import Person
from tests.assertions import assert_problem
from tests.factories import editing
from tests.memberships.factories import make_person
from tests.organisations.factories import make_organisation


def test_a_refused_delete_leaves_the_transaction_usable_and_writes_nothing(
    client: TestClient, admin_headers: dict[str, str], session: Session
) -> None:
    employer = make_organisation(session)
    worker = make_person(session, organisation_id=str(employer.id))
    spare = make_organisation(session)

    refused = client.delete(
        f"/api/v1/organisations/{employer.id}",
        headers=editing(client, f"/api/v1/organisations/{employer.id}", admin_headers),
    )
    deleted = client.delete(
        f"/api/v1/organisations/{spare.id}",
        headers=editing(client, f"/api/v1/organisations/{spare.id}", admin_headers),
    )

    problem = assert_problem(refused, 409, "conflict")
    assert problem["title"] == "Conflict"
    assert problem["detail"] == "People work at this organisation; change their organisation first."
    assert deleted.status_code == 204, deleted.text
    session.expire_all()
    assert session.get(Organisation, employer.id) is not None
    assert session.get(Person, worker.id).organisation_id == employer.id  # type: ignore[union-attr]
    assert session.get(Organisation, spare.id) is None
