"""A committee as the directory shows it, read in one statement: its own columns, its
territories and carriers beside the row (`PLACED`), whether the caller sees it a bound
parameter. The GET of one committee, its status history and the directory's page use it."""

import uuid
from typing import Any

from sqlalchemy import Boolean, Connection, bindparam, or_
from sqlalchemy import select as core_select
from sqlmodel import col

from api.auth.permissions import Permission, Subject
from api.committees.models import Committee, CommitteeTerritory
from api.committees.service import PUBLIC_FIELDS, CommitteeNotFound
from api.core.queries import json_in_order
from api.organisations import service as organisations

# A committee's territories and carriers, for a statement on committees: one statement reads
# a committee or a page of them whole (`place` names them as `CommitteePublic` does). Both
# kinds of territory in one subquery: each costs a scan of the small table per committee.
PLACED = (
    json_in_order(
        core_select(col(CommitteeTerritory.kind), col(CommitteeTerritory.code))
        .where(col(CommitteeTerritory.committee_id) == col(Committee.id))
        .order_by(col(CommitteeTerritory.kind), col(CommitteeTerritory.code)),
        Committee,
    ).label("territories"),
    json_in_order(organisations.carriers_in_order(col(Committee.id)), Committee).label(
        "carrying_organisations"
    ),
)


def place(item: dict[str, Any]) -> dict[str, Any]:
    """`item`, a row with `PLACED`, with its region and département codes and its carriers
    as `OrganisationRef`s' fields."""
    territories = item.pop("territories")
    carriers = item.pop("carrying_organisations")
    item["region_codes"] = [code for kind, code in territories if kind == "region"]
    item["department_codes"] = [code for kind, code in territories if kind == "department"]
    item["carrying_organisations"] = [
        {"id": uuid.UUID(org_id), "name": name, "type": type_} for org_id, name, type_ in carriers
    ]
    return item


# Whether the caller may see it is bound (`seen`: a grant of theirs shows it even if not
# public), so one statement serves every caller, built once.
SEEN = or_(col(Committee.is_public).is_(True), bindparam("seen", type_=Boolean))
_PUBLIC = core_select(
    *(col(getattr(Committee, name)) for name in PUBLIC_FIELDS),
    col(Committee.version),
    *PLACED,
).where(col(Committee.id) == bindparam("committee_id"), SEEN)


def sees(subject: Subject | None, committee_id: uuid.UUID) -> bool:
    """Whether `subject` sees the committee even if it is not public (`SEEN`'s parameter)."""
    return subject is not None and subject.can(Permission.committee_read, committee_id)


def get_public(
    connection: Connection, *, committee_id: uuid.UUID, subject: Subject | None
) -> tuple[dict[str, Any], int]:
    """The committee as the directory shows it (a `CommitteePublic`'s fields), and its
    version, in one statement; 404 as `get_committee`."""
    params = {"committee_id": committee_id, "seen": sees(subject, committee_id)}
    row = connection.execute(_PUBLIC, params).first()
    if row is None:
        raise CommitteeNotFound()
    item = row._asdict()
    version = item.pop("version")
    return place(item), version
