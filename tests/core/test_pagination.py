"""The cursor helper, on every key type the lists sort by."""

import base64
import json
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, col, select

from api.committees.models import Committee, CommitteeStatusChange
from api.config import get_settings
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


KEYS = [col(Committee.name), col(Committee.id)]


def _unpadded_b64(cursor: str) -> bytes:
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))


def test_a_cursor_does_not_show_its_sort_key() -> None:
    cursor = encode_cursor(["Comité Ardèche", uuid.uuid4()])

    raw = _unpadded_b64(cursor)
    assert "Ardèche".encode() not in raw
    assert b"Ard" not in raw
    assert "Ard" not in cursor
    # Two cursors of the same key differ: nothing to compare or guess from.
    assert encode_cursor(["a", "b"]) != encode_cursor(["a", "b"])


def test_a_tampered_cursor_is_refused() -> None:
    cursor = encode_cursor(["Comité", uuid.uuid4()])
    raw = bytearray(_unpadded_b64(cursor))
    for position in (0, len(raw) // 2, len(raw) - 1):
        flipped = bytearray(raw)
        flipped[position] ^= 1
        forged = base64.urlsafe_b64encode(bytes(flipped)).decode().rstrip("=")
        with pytest.raises(InvalidCursor):
            decode_cursor(forged, KEYS)
    # Nor is the old readable form accepted any more.
    plain = base64.urlsafe_b64encode(json.dumps(["Comité", str(uuid.uuid4())]).encode()).decode()
    for forged in (plain, "", "x", cursor[:-4]):
        with pytest.raises(InvalidCursor):
            decode_cursor(forged, KEYS)


def test_a_cursor_survives_a_key_rotation_and_no_other_key_opens_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = ["Comité", uuid.uuid4()]
    settings = get_settings()
    old, new, other = "old-key-" + "o" * 40, "new-key-" + "n" * 40, "other-" + "x" * 40

    def using(*keys: str) -> None:
        changed = settings.model_copy(update={"signing_keys": list(keys)})
        monkeypatch.setattr("api.core.pagination.get_settings", lambda: changed)

    using(old)
    cursor = encode_cursor(values)
    using(new, old)
    assert decode_cursor(cursor, KEYS) == values
    using(other)
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor, KEYS)
