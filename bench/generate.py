"""A national-scale network, inserted in bulk (the services are too slow for 100k rows)."""

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlmodel import col

from api.committees.models import Committee, CommitteeStatusChange, CommitteeTerritory
from api.core.clock import utcnow
from api.core.text import fold
from api.territories import service as territories


def committees(connection: Connection, *, count: int, seed: int = 7) -> list[uuid.UUID]:
    rng = random.Random(seed)
    departments = [d.code for d in territories.list_departments()]
    statuses = ["reflection", "construction", "active", "active", "active", "dormant"]
    now = utcnow()
    ids: list[uuid.UUID] = []
    rows, places, history = [], [], []
    for n in range(count):
        committee_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        ids.append(committee_id)
        code = departments[n % len(departments)]
        name = f"Comité local du travail social {code} n°{n}"
        status = rng.choice(statuses)
        since = date(2019 + rng.randrange(5), rng.randrange(1, 13), 1)
        rows.append(
            {
                "id": committee_id, "name": name, "short_name": f"CLTS {code}-{n}",
                "search_key": fold(name), "scale": "departmental", "parent_id": None,
                "description": None, "contact_email": None, "is_public": rng.random() < 0.8,
                "carrying_organisations": [], "status": status, "status_since": since,
                "created_at": now, "updated_at": now, "version": 1,
            }
        )  # fmt: skip
        places.append({"committee_id": committee_id, "kind": "department", "code": code})
        history.append(
            {
                "id": uuid.uuid4(), "committee_id": committee_id, "seq": 1, "status": status,
                "effective_on": since, "recorded_at": now, "recorded_by": None,
            }
        )  # fmt: skip
    connection.execute(insert(Committee), rows)
    connection.execute(insert(CommitteeTerritory), places)
    connection.execute(insert(CommitteeStatusChange), history)
    return ids


FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Emma", "Sarah", "Zoé",
    "Lucas", "Hugo", "Louis", "Nathan", "Gabriel", "Jules", "Arthur", "Adam", "Raphaël", "Théo",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
)  # fmt: skip
CATEGORIES = (
    ["social_worker"] * 5 + ["person_supported"] * 2 + ["manager", "elected_official", "student",
    "volunteer", "trainer_researcher", "institutional_partner"]
)  # fmt: skip
ROLES = ["member"] * 6 + ["titular", "substitute", "active_member", "pilot", "secretariat"]
CHUNK = 10_000


def participation(
    connection: Connection,
    *,
    committee_ids: list[uuid.UUID],
    people: int,
    memberships: int,
    big_committee_members: int,
    seed: int = 11,
) -> None:
    """People and current memberships; the first committee is a large one (a cursor walk of
    `big_committee_members` rows), the others share the rest."""
    from api.memberships import spans
    from api.memberships.models import Membership
    from api.people.models import Person

    rng = random.Random(seed)
    now = utcnow()
    person_ids: list[uuid.UUID] = []
    rows: list[dict[str, object]] = []
    for n in range(people):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        person_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        person_ids.append(person_id)
        rows.append(
            {
                "id": person_id, "first_name": first, "last_name": f"{last}-{n}",
                "sort_key": fold(f"{last}-{n} {first}"), "email": None, "phone": None,
                "category": rng.choice(CATEGORIES), "organisation_id": None,
                "external_id": f"p{n}", "source": "bench", "created_at": now,
                "updated_at": now, "version": 1,
            }
        )  # fmt: skip
    for start in range(0, len(rows), CHUNK):
        connection.execute(insert(Person), rows[start : start + CHUNK])
    keys = {row["id"]: row["sort_key"] for row in rows}

    memberships_rows: list[dict[str, object]] = []
    big, others = committee_ids[0], committee_ids[1:]
    for n in range(memberships):
        committee_id = big if n < big_committee_members else others[n % len(others)]
        person_id = person_ids[n % people]
        memberships_rows.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4), "committee_id": committee_id,
                "person_id": person_id, "body_id": None, "role": rng.choice(ROLES),
                "start_on": date(2023, 1, 1), "end_on": None, "card_number": None,
                "sort_key": keys[person_id], "renewal_of_id": None, "external_id": None,
                "source": None, "created_at": now, "updated_at": now, "version": 1,
            }
        )  # fmt: skip
    for start in range(0, len(memberships_rows), CHUNK):
        connection.execute(insert(Membership), memberships_rows[start : start + CHUNK])
    spans.rebuild(connection)  # the terms went in apart from the ORM's flushes


def work_and_liaison(
    connection: Connection,
    *,
    committee_ids: list[uuid.UUID],
    deliverables: int,
    contributions: int,
    seed: int = 13,
) -> None:
    """A validated programme per committee with five actions, `deliverables` spread over them
    (a mix of statuses and due dates), and `contributions` with their steps (most submitted,
    half of those acknowledged, a third answered), for the figures' statements."""
    from api.contributions.models import Contribution, ContributionTransition
    from api.programmes.models import METHOD_STEPS, Action, Deliverable, WorkProgramme

    rng = random.Random(seed)
    now = utcnow()
    programmes, actions = [], []
    for committee_id in committee_ids:
        programme_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        programmes.append(
            {
                "id": programme_id, "committee_id": committee_id, "title": "Programme 2024-2025",
                "period_start": date(2024, 1, 1), "period_end": date(2025, 12, 31),
                "status": "validated", "created_at": now, "updated_at": now, "version": 1,
            }
        )  # fmt: skip
        for position in range(1, 6):
            actions.append(
                {
                    "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "programme_id": programme_id, "position": position,
                    "title": f"Action {position}", "theme": None, "objectives": None,
                    "method_step": rng.choice(METHOD_STEPS), "pilot_person_id": None,
                    "working_group_id": None, "created_at": now, "updated_at": now, "version": 1,
                }
            )  # fmt: skip
    connection.execute(insert(WorkProgramme), programmes)
    connection.execute(insert(Action), actions)
    rows = []
    for n in range(deliverables):
        status = rng.choice(
            ["planned", "planned", "in_progress", "delivered", "delivered", "dropped"]
        )
        due = date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + rng.randrange(900))
        delivered = (
            due.fromordinal(due.toordinal() + rng.randrange(-30, 60))
            if status == "delivered"
            else None
        )
        rows.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "action_id": actions[n % len(actions)]["id"], "title": f"Livrable {n}",
                "kind": "report", "due_on": due, "status": status, "delivered_on": delivered,
                "link": None, "created_at": now, "updated_at": now, "version": 1,
            }
        )  # fmt: skip
    for start in range(0, len(rows), CHUNK):
        connection.execute(insert(Deliverable), rows[start : start + CHUNK])

    made, steps = [], []
    for n in range(contributions):
        contribution_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        submitted = date(2021, 1, 1).fromordinal(date(2021, 1, 1).toordinal() + rng.randrange(1800))
        path = [("submitted", submitted)]
        if rng.random() < 0.5:
            path.append(
                (
                    "acknowledged",
                    submitted.fromordinal(submitted.toordinal() + rng.randrange(1, 40)),
                )
            )
            if rng.random() < 0.66:
                last = path[-1][1]
                path.append(
                    ("answered", last.fromordinal(last.toordinal() + rng.randrange(1, 120)))
                )
        status, since = path[-1]
        made.append(
            {
                "id": contribution_id, "committee_id": committee_ids[n % len(committee_ids)],
                "kind": "field_question", "title": f"Remontée {n}", "body": "Une question.",
                "links": [], "themes": [], "deliverable_id": None, "status": status,
                "status_since": since, "response": None, "created_by": None,
                "created_at": now, "updated_at": now, "version": 1,
            }
        )  # fmt: skip
        previous = "draft"
        for to_status, effective_on in path:
            steps.append(
                {
                    "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "contribution_id": contribution_id, "from_status": previous,
                    "to_status": to_status, "effective_on": effective_on, "response": None,
                    "by_user_id": None, "recorded_at": now,
                }
            )  # fmt: skip
            previous = to_status
    for start in range(0, len(made), CHUNK):
        connection.execute(insert(Contribution), made[start : start + CHUNK])
    for start in range(0, len(steps), CHUNK):
        connection.execute(insert(ContributionTransition), steps[start : start + CHUNK])


STATUSES = ["present"] * 14 + ["excused"] * 2 + ["absent"] * 3 + ["registered"]


def meetings(
    connection: Connection, *, committee_ids: list[uuid.UUID], meetings: int, attendance: int,
    seed: int = 17,
) -> None:  # fmt: skip
    """`meetings` spread over the committees from 2023 to 2026, each with an even share of
    `attendance` rows drawn from its committee's members (statuses mostly present); one
    meeting in ten also has a headcount, as events do. Attendance goes in by COPY: a million
    rows through INSERT would take minutes. The COPY bypasses the ORM, whose flush keeps the
    attendance tallies: they are counted once at the end, in one statement."""
    from api.meetings import tallies
    from api.meetings.models import Headcount, HeadcountLine, Meeting
    from api.memberships.models import Membership
    from api.people.models import Person

    rng = random.Random(seed)
    now = utcnow()
    members: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {c: [] for c in committee_ids}
    for committee_id, person_id, category in connection.execute(
        select(col(Membership.committee_id), col(Membership.person_id), col(Person.category)).join(
            Person, col(Person.id) == col(Membership.person_id)
        )
    ):
        members[committee_id].append((person_id, category))
    made: list[dict[str, Any]] = []
    counted, lines = [], []
    start = datetime(2023, 1, 1, 9, tzinfo=UTC)
    for n in range(meetings):
        meeting_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        made.append(
            {
                "id": meeting_id, "committee_id": committee_ids[n % len(committee_ids)],
                "body_id": None, "kind": "body_meeting", "title": f"Réunion {n}",
                "starts_at": start + timedelta(days=rng.randrange(1400)), "ends_at": None,
                "mode": "in_person", "place": None, "agenda": None, "created_at": now,
                "updated_at": now, "version": 1,
            }
        )  # fmt: skip
        if n % 10 == 0:
            counted.append({"meeting_id": meeting_id, "total": 90, "updated_at": now})
            for group, count in (("professional", 60), ("person_supported", 30)):
                lines.append({"meeting_id": meeting_id, "category": group, "count": count})
    for at in range(0, len(made), CHUNK):
        connection.execute(insert(Meeting), made[at : at + CHUNK])
    connection.execute(insert(Headcount), counted)
    connection.execute(insert(HeadcountLine), lines)
    each = attendance // meetings
    cursor = connection.connection.cursor()
    with cursor.copy(
        "COPY attendances (meeting_id, person_id, status, category, updated_at) FROM STDIN"
    ) as copy:
        for meeting in made:
            pool = members[meeting["committee_id"]]
            for person_id, category in rng.sample(pool, min(each, len(pool))):
                copy.write_row((meeting["id"], person_id, rng.choice(STATUSES), category, now))
    cursor.close()
    tallies.rebuild(connection)


def bodies(connection: Connection, *, committee_ids: list[uuid.UUID], seed: int = 19) -> None:
    """A COPIL per committee holding one term in five of its committee, with targets (a third
    of people supported, a tenth of elected officials), for the composition figures."""
    from sqlalchemy import String, cast, update

    from api.bodies.models import Body, CompositionTarget
    from api.memberships.models import Membership

    rng = random.Random(seed)
    now = utcnow()
    made = [
        {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4), "committee_id": committee_id,
            "kind": "copil", "name": "COPIL", "description": None, "created_at": now,
            "updated_at": now, "version": 1,
        }
        for committee_id in committee_ids
    ]  # fmt: skip
    connection.execute(insert(Body), made)
    connection.execute(
        insert(CompositionTarget),
        [
            {"body_id": body["id"], "category": category, "at_least": share}
            for body in made
            for category, share in (("person_supported", "0.3333"), ("elected_official", "0.1"))
        ],
    )
    # Ids are random: those starting 0, 1 or 2 are about one in five.
    copil = (
        select(col(Body.id)).where(col(Body.committee_id) == col(Membership.committee_id))
    ).scalar_subquery()
    connection.execute(
        update(Membership).where(cast(col(Membership.id), String) < "3").values(body_id=copil)
    )
