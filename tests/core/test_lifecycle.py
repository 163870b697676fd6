"""The lifecycle helper: moves as data, one problem naming the allowed targets, dated steps."""

from datetime import date, timedelta
from enum import StrEnum

import pytest

from api.core.clock import today
from api.core.lifecycle import IllegalTransition, Lifecycle, TransitionOutOfOrder
from api.core.problems import Conflict, InvalidInput


class Light(StrEnum):
    red = "red"
    green = "green"
    amber = "amber"
    off = "off"


L = Light
LIGHTS = Lifecycle(
    "light",
    {
        L.red: frozenset({L.green, L.off}),
        L.green: frozenset({L.amber}),
        L.amber: frozenset({L.red}),
        L.off: frozenset(),
    },
)


def test_an_allowed_move_passes() -> None:
    LIGHTS.check(L.red, L.green)


def test_a_refused_move_is_a_conflict_listing_the_allowed_targets_sorted() -> None:
    with pytest.raises(IllegalTransition) as raised:
        LIGHTS.check(L.red, L.amber)

    assert isinstance(raised.value, Conflict)
    assert raised.value.detail == (
        "A light cannot go from 'red' to 'amber' (allowed from 'red': green, off)."
    )


def test_a_final_status_allows_none() -> None:
    with pytest.raises(IllegalTransition, match=r"allowed from 'off': none\)"):
        LIGHTS.check(L.off, L.red)


def test_the_effective_date_defaults_to_today_and_is_never_in_the_future() -> None:
    assert LIGHTS.effective_on(None) == today()
    assert LIGHTS.effective_on(date(2024, 5, 1)) == date(2024, 5, 1)
    with pytest.raises(InvalidInput) as raised:
        LIGHTS.effective_on(today() + timedelta(days=1))
    assert raised.value.detail == "The effective date cannot be in the future."


def test_a_step_is_never_dated_before_the_last_one() -> None:
    last = date(2024, 5, 1)
    LIGHTS.check_order(last, last=last)  # same day is fine
    LIGHTS.check_order(date(2020, 1, 1), last=None)
    with pytest.raises(
        TransitionOutOfOrder, match=r"before the light's last transition \(2024-05-01\)"
    ):
        LIGHTS.check_order(date(2024, 4, 30), last=last)


def test_a_lifecycle_may_answer_back_dating_as_invalid_input() -> None:
    strict = Lifecycle("light", LIGHTS.moves, out_of_order_is_invalid_input=True)

    with pytest.raises(InvalidInput) as raised:
        strict.check_order(date(2024, 4, 30), last=date(2024, 5, 1))

    assert "2024-05-01" in raised.value.detail
