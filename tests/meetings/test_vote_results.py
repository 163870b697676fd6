"""Vote results: ballots counted per choice, a majority of votes cast adopts, a tie rejects."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.committees.models import Committee
from api.meetings.models import Meeting
from tests.meetings.votes_helpers import _ballots, _motion, _voter, _votes


def test_results_are_counted_and_a_majority_of_votes_cast_adopts(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    adopted = _motion(session, agora, title="Adoptée")
    rejected = _motion(session, agora, title="Rejetée")
    for choice in ["for", "for", "for", "against", "abstain", "abstain"]:
        person = _voter(session, agora, committee, "present")
        for motion, chosen in ((adopted, choice), (rejected, _flip(choice))):
            response = client.post(
                _ballots(motion), json={"person_id": str(person.id), "choice": chosen},
                headers=admin_of,
            )  # fmt: skip
            assert response.status_code == 201, response.text

    listed = client.get(_votes(agora), headers=admin_of)
    single = client.get(f"{_votes(agora)}/{adopted.id}", headers=admin_of)

    assert listed.status_code == 200, listed.text
    items = {item["title"]: item for item in listed.json()["items"]}
    assert items["Adoptée"]["results"] == {
        "for": 3, "against": 1, "abstain": 2, "total": 6, "outcome": "adopted",
    }  # fmt: skip
    assert items["Rejetée"]["results"] == {
        "for": 1, "against": 3, "abstain": 2, "total": 6, "outcome": "rejected",
    }  # fmt: skip
    assert single.status_code == 200
    assert single.json() == items["Adoptée"]
    assert single.headers["ETag"] == '"1"'


def _flip(choice: str) -> str:
    return {"for": "against", "against": "for"}.get(choice, choice)


def test_a_tie_is_rejected(
    client: TestClient,
    session: Session,
    committee: Committee,
    agora: Meeting,
    admin_of: dict[str, str],
) -> None:
    motion = _motion(session, agora)
    for choice in ("for", "against", "abstain"):
        person = _voter(session, agora, committee, "present")
        response = client.post(
            _ballots(motion), json={"person_id": str(person.id), "choice": choice},
            headers=admin_of,
        )  # fmt: skip
        assert response.status_code == 201, response.text

    results = client.get(f"{_votes(agora)}/{motion.id}", headers=admin_of).json()["results"]

    assert results == {"for": 1, "against": 1, "abstain": 1, "total": 3, "outcome": "rejected"}
