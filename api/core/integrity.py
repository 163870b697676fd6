"""Deletes the database refuses: rows that other tables still refer to."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.core.problems import AppError


def delete_unless_referenced(session: Session, row: object, in_use: AppError) -> None:
    """Delete `row`, or raise `in_use` (a 409) when a foreign key still refers to it.

    The referring tables belong to domains above the row's own, which it must not query: their
    foreign keys refuse instead. Those have no ON DELETE action (NO ACTION), not RESTRICT: the
    check runs at the end of the statement, so a cascade from above that removes both the row
    and its referrers (deleting their committee) still goes through. The savepoint keeps the
    transaction usable on PostgreSQL (a failed statement aborts it) and undoes the attempt."""
    try:
        with session.begin_nested():
            session.delete(row)
            session.flush()
    except IntegrityError as error:
        raise in_use from error
