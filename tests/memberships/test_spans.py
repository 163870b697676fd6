"""Members' spans (api.memberships.spans): terms merged right, kept with each kind of write
(after every test, tests/aggregates_kept.py checks them against a rebuild), and the
figures they give equal to those counted from the terms, day by day."""

import os
import threading
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Connection, insert
from sqlmodel import Session, col, select

from api.auth.permissions import Subject
from api.committees.models import Committee
from api.memberships import service_figures, spans
from api.memberships.models import Membership, MemberSpan
from api.memberships.service_figures import DayCounts
from api.people.models import Person
from api.stats.scopes import Counted, Scope
from tests.aggregates_kept import aggregates_kept
from tests.database import build_test_engine
from tests.factories import make_committee
from tests.memberships.factories import make_membership
from tests.people.factories import make_person

D = date
_ADMIN = Subject(user_id=uuid.uuid4(), email="admin@example.org", is_network_admin=True)


@pytest.mark.parametrize(
    ("terms", "merged"),
    [
        ([(D(2023, 1, 1), D(2023, 6, 30))], [(D(2023, 1, 1), D(2023, 6, 30))]),
        # A renewal starting the day after goes on; a gap of a day does not.
        (
            [(D(2023, 7, 1), None), (D(2023, 1, 1), D(2023, 6, 30))],
            [(D(2023, 1, 1), None)],
        ),
        (
            [(D(2023, 1, 1), D(2023, 6, 29)), (D(2023, 7, 1), D(2023, 12, 31))],
            [(D(2023, 1, 1), D(2023, 6, 29)), (D(2023, 7, 1), D(2023, 12, 31))],
        ),
        # Overlaps and a term inside another; an open term swallows what follows.
        (
            [(D(2023, 1, 1), D(2024, 1, 1)), (D(2023, 3, 1), D(2023, 4, 1))],
            [(D(2023, 1, 1), D(2024, 1, 1))],
        ),
        ([(D(2023, 1, 1), None), (D(2025, 1, 1), D(2025, 2, 1))], [(D(2023, 1, 1), None)]),
        (
            [(D(2023, 1, 1), D(2023, 12, 31)), (D(2023, 6, 1), None)],
            [(D(2023, 1, 1), None)],
        ),
    ],
)
def test_terms_merge_into_disjoint_spans(
    terms: list[tuple[date, date | None]], merged: list[tuple[date, date | None]]
) -> None:
    assert spans._merged(terms) == merged


@pytest.fixture
def network(session: Session) -> dict[str, Committee]:
    """Two departmental committees and a local one, people with renewals, gaps, overlapping
    terms and terms in several committees, whose anniversaries fall in and out of a term."""
    p = make_committee(session, department_codes=["07"])
    q = make_committee(session, department_codes=["33"])
    local = make_committee(session, scale="local", department_codes=["07"], is_public=False)
    for n, (committee, start, end) in enumerate(
        [
            (p, D(2022, 1, 1), D(2022, 12, 31)),
            (p, D(2023, 1, 1), None),  # the same person's renewal (n // 2)
            (q, D(2022, 5, 1), D(2022, 9, 30)),
            (p, D(2023, 1, 1), D(2023, 3, 31)),  # gone before the anniversary, back after
            (p, D(2022, 3, 1), D(2023, 2, 28)),
            (local, D(2023, 6, 1), None),
            (q, D(2024, 1, 1), D(2024, 12, 31)),
            (local, D(2021, 1, 1), D(2021, 6, 30)),
        ]
    ):
        person = make_person(session, category="person_supported" if n % 3 else "manager")
        make_membership(session, committee=committee, person=person, start_on=start, end_on=end)
        if n % 2:  # and in another committee, from a later day
            later = start + timedelta(days=200)
            make_membership(session, committee=q, person=person, start_on=later)
    return {"P": p, "Q": q, "local": local}


DAYS = [D(2021, 3, 1), D(2022, 6, 1), D(2023, 1, 1), D(2023, 3, 31), D(2024, 1, 1), D(2025, 6, 1)]


@pytest.mark.parametrize("scope", list(Scope))
@pytest.mark.parametrize("public_only", [False, True])
@pytest.mark.usefixtures("network")
def test_the_networks_spans_count_as_the_terms_do(
    session: Session, scope: Scope, public_only: bool
) -> None:
    committee_ids = Counted(scope=scope).committee_ids(None if public_only else _ADMIN)
    unit = DayCounts(network=spans.network_unit(scope, public_only=public_only))
    for day in DAYS:
        common = {"committee_ids": committee_ids, "readable": None, "body_ids": None, "on": day}
        from_terms = service_figures.figures(session, **common)
        assert service_figures.figures(session, **common, day_counts=unit) == from_terms, day
        by_category = {"by": "category", **common}
        assert service_figures.members_by(
            session, **by_category, day_counts=unit
        ) == service_figures.members_by(session, **by_category), day


def test_each_committees_spans_count_as_its_terms_do(
    session: Session, network: dict[str, Committee]
) -> None:
    for committee in network.values():
        counted = Counted(scope=Scope.all, committee_id=committee.id)
        for day in DAYS:
            common = {
                "committee_ids": counted.committee_ids(_ADMIN),
                "readable": None,
                "body_ids": None,
                "on": day,
            }
            assert service_figures.figures(
                session, **common, day_counts=DayCounts()
            ) == service_figures.figures(session, **common)
    every = Counted(scope=Scope.all).committee_ids(_ADMIN)
    for day in DAYS:
        # By committee, spans are read whatever `spans` says; the terms' count by hand:
        grouped = service_figures.members_by(
            session, by="committee", committee_ids=every, readable=None, body_ids=None, on=day
        )
        by_hand: dict[str, dict[str, int]] = {}
        for term in session.exec(select(Membership)).all():
            if term.start_on <= day and (term.end_on is None or term.end_on >= day):
                category = _category(session, term.person_id)
                per = by_hand.setdefault(str(term.committee_id), {})
                per[category] = per.get(category, 0) + 1
        assert grouped == by_hand, day


def test_a_category_or_scale_change_moves_the_spans(
    session: Session, network: dict[str, Committee]
) -> None:
    person = make_person(session, category="student")
    make_membership(session, committee=network["P"], person=person, start_on=D(2020, 1, 1))
    published = spans.network_unit(Scope.published, public_only=False)

    def categories() -> set[str]:
        theirs = select(MemberSpan.category).where(MemberSpan.person_id == person.id)
        return set(session.exec(theirs).all())

    person.category = "volunteer"
    session.add(person)
    session.flush()
    assert categories() == {"volunteer"}
    p = network["P"]
    p.scale = "local"
    session.add(p)
    session.flush()
    units = select(MemberSpan.network).where(MemberSpan.person_id == person.id)
    assert published not in set(session.exec(units).all())
    assert spans.network_unit(Scope.all, public_only=False) in set(session.exec(units).all())


def test_the_check_after_each_test_catches_a_write_that_forgets_the_spans(
    session: Session, connection: Connection, network: dict[str, Committee]
) -> None:
    person = make_person(session)
    session.flush()
    connection.execute(
        insert(Membership).values(
            id=uuid.uuid4(), committee_id=network["P"].id, person_id=person.id, role="member",
            start_on=D(2024, 1, 1), sort_key=person.sort_key, version=1,
            created_at=person.created_at, updated_at=person.created_at,
        )
    )  # fmt: skip
    with pytest.raises(AssertionError, match="spans kept differ"):
        aggregates_kept(connection)
    spans.refresh(connection, [person.id])
    aggregates_kept(connection)


@pytest.fixture
def committed(worker_id: str) -> Iterator[str]:
    engine = build_test_engine(os.environ["TEST_DATABASE_URL"], f"{worker_id}_spans")
    yield engine.url.render_as_string(hide_password=False)
    engine.dispose()


def test_two_writers_of_one_person_queue_and_keep_the_spans_right(committed: str) -> None:
    if not committed.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time: nothing to queue")
    engine = build_test_engine(committed, "spans-writers")
    with Session(engine, expire_on_commit=False) as session:
        committees = [make_committee(session) for _ in range(4)]
        person = make_person(session)
        session.commit()
    start = threading.Barrier(len(committees))

    def write(committee: Committee) -> None:
        with Session(engine, expire_on_commit=False) as session:
            start.wait()
            make_membership(session, committee=committee, person=person, start_on=D(2024, 1, 1))
            session.commit()

    threads = [threading.Thread(target=write, args=(c,)) for c in committees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with engine.connect() as connection, connection.begin():
        aggregates_kept(connection)
        held = connection.execute(
            select(col(MemberSpan.committee_id)).where(MemberSpan.person_id == person.id)
        ).scalars()
        assert set(held) - {None} == {c.id for c in committees}
    engine.dispose()


def _category(session: Session, person_id: uuid.UUID) -> str:
    person = session.get(Person, person_id)
    assert person is not None
    return person.category
