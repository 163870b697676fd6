"""Status lifecycles as data: which status may follow which, one problem for a refused move,
and the date rule of the lifecycles that keep dated transition rows (committee status,
contributions, programmes; expense claims keep timestamps on the claim instead)."""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import ScalarSelect
from sqlmodel import Session, SQLModel, select
from sqlmodel.sql.expression import SelectOfScalar

from api.core.clock import today
from api.core.problems import Conflict, InvalidInput

S = TypeVar("S", bound=StrEnum)
R = TypeVar("R", bound=SQLModel)


class IllegalTransition(Conflict):
    """A move the lifecycle does not allow from the current status; names the allowed ones."""

    def __init__(self, noun: str, current: str, target: str, allowed: Iterable[str]) -> None:
        listed = ", ".join(sorted(str(s) for s in allowed)) or "none"
        super().__init__(
            f"A {noun} cannot go from '{current}' to '{target}' "
            f"(allowed from '{current}': {listed})."
        )


class TransitionOutOfOrder(Conflict):
    """The effective date is before the last recorded step."""

    def __init__(self, noun: str, last: date) -> None:
        super().__init__(_out_of_order(noun, last))


def _out_of_order(noun: str, last: date) -> str:
    return f"The effective date is before the {noun}'s last transition ({last.isoformat()})."


@dataclass(frozen=True)
class Lifecycle(Generic[S]):
    noun: str  # "committee", "programme"… as the problem texts name it
    moves: Mapping[S, frozenset[S]]  # every status, final ones mapping to an empty set
    # Contributions answer a back-dated step as a 422 on `effective_on` (their API says so);
    # the others as a 409 against the stored history.
    out_of_order_is_invalid_input: bool = False

    def allowed_from(self, current: S) -> frozenset[S]:
        return self.moves.get(current, frozenset())

    def check(self, current: S, target: S) -> None:
        allowed = self.allowed_from(current)
        if target not in allowed:
            raise IllegalTransition(self.noun, current.value, target.value, allowed)

    def effective_on(self, given: date | None) -> date:
        """The date of a new dated step: `given` or today, never in the future."""
        effective_on = given or today()
        if effective_on > today():
            raise InvalidInput("The effective date cannot be in the future.", field="effective_on")
        return effective_on

    def check_order(self, effective_on: date, *, last: date | None) -> None:
        """A new step is never dated before the `last` one: history is not rewritten."""
        if last is None or effective_on >= last:
            return
        if self.out_of_order_is_invalid_input:
            raise InvalidInput(_out_of_order(self.noun, last), field="effective_on")
        raise TransitionOutOfOrder(self.noun, last)


@dataclass(frozen=True)
class Steps(Generic[R]):
    """Where a lifecycle keeps its dated transition rows: the table, the column naming the
    row they belong to, and their order (oldest first)."""

    model: type[R]
    owner: Any  # e.g. col(ProgrammeTransition.programme_id)
    order: tuple[Any, ...]  # e.g. (col(ProgrammeTransition.seq),)

    def all(self, session: Session, owner_id: uuid.UUID) -> list[R]:
        return list(session.exec(self._select(owner_id)).all())

    def last(self, session: Session, owner_id: uuid.UUID) -> R | None:
        return session.exec(self._select(owner_id, newest_first=True).limit(1)).first()

    def last_on(self, owner: Any, day: date) -> ScalarSelect[Any]:
        """SQL: the id of the last step effective on or before `day` of the row `owner` names
        (a column of the enclosing query, e.g. `col(Committee.id)`); NULL before its first
        step. The enclosing query joins its steps through an alias, as this reads the table."""
        table = self.model.__table__  # type: ignore[attr-defined]
        return (
            select(table.c.id)
            .where(self.owner == owner, table.c.effective_on <= day)
            .order_by(*[key.desc() for key in self.order])
            .limit(1)
            .correlate_except(table)
            .scalar_subquery()
        )

    def _select(self, owner_id: uuid.UUID, *, newest_first: bool = False) -> SelectOfScalar[R]:
        order = [key.desc() for key in self.order] if newest_first else list(self.order)
        return select(self.model).where(self.owner == owner_id).order_by(*order)
