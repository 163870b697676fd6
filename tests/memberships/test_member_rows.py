"""The members page reads its rows by column name: the query's column order is free."""

from sqlalchemy import select
from sqlmodel import Session, col

from api.core.clock import today
from api.memberships.models import Membership
from api.memberships.service_lists import MEMBER_SELECT, member_item, row_picker
from tests.factories import make_committee
from tests.memberships.factories import make_membership


def test_a_reordered_query_gives_the_same_items(session: Session) -> None:
    committee = make_committee(session)
    make_membership(
        session, committee=committee, card_number="C-1", external_id="x-1", source="cd07"
    )
    make_membership(session, committee=committee, role="titular")
    day = today()
    where = col(Membership.committee_id) == committee.id

    as_written = session.exec(MEMBER_SELECT.where(where)).all()  # type: ignore[call-overload]
    columns = list(reversed(MEMBER_SELECT.selected_columns))
    reordered = session.execute(
        select(*columns).select_from(MEMBER_SELECT.get_final_froms()[0]).where(where)
    ).all()
    pick = row_picker([c.key for c in columns])

    expected = sorted((member_item(row, day) for row in as_written), key=lambda i: str(i["id"]))
    got = sorted((member_item(row, day, pick) for row in reordered), key=lambda i: str(i["id"]))
    assert len(expected) == 2
    assert got == expected
    assert {item["card_number"] for item in got} == {"C-1", None}
