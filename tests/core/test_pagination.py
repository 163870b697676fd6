"""The cursor helper, on every key type the lists sort by."""

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, col, select

from api.committees.models import Committee, CommitteeStatusChange
from api.core.pagination import InvalidCursor, decode_cursor, encode_cursor, paginate
from tests.factories import make_committee


@pytest.mark.parametrize(
    ("keys", "values"),
    [
        ([col(Committee.name), col(Committee.id)], ["Comité", uuid.uuid4()]),
        (
            [col(Committee.created_at), col(Committee.id)],
            [datetime(2024, 1, 15, 9, 30, tzinfo=UTC), uuid.uuid4()],
        ),
        (
            [col(CommitteeStatusChange.effective_on), col(CommitteeStatusChange.seq)],
            [date(2022, 3, 29), 3],
        ),
    ],
)
def test_a_cursor_gives_back_the_typed_keys_it_was_made_of(
    keys: list[object], values: list[object]
) -> None:
    assert decode_cursor(encode_cursor(values), keys) == values


def test_a_cursor_of_another_shape_is_refused() -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(encode_cursor(["only one"]), [col(Committee.name), col(Committee.id)])


@pytest.mark.parametrize("descending", [False, True])
def test_a_walk_visits_every_row_once_in_order(session: Session, descending: bool) -> None:
    ids = {make_committee(session, name=f"Comité {n:02d}").id for n in range(7)}
    stmt = select(Committee.name, Committee.id).where(col(Committee.id).in_(ids))
    keys = [col(Committee.name), col(Committee.id)]
    seen: list[str] = []
    cursor: str | None = None
    while True:
        rows, cursor = paginate(
            session, stmt, keys=keys, limit=3, cursor=cursor, descending=descending
        )
        seen += [row.name for row in rows]
        if cursor is None:
            break
    assert seen == sorted(seen, reverse=descending)
    assert len(seen) == len(ids) == 7
