"""What an import reads (a row per member) and what it answers (the plan, row by row)."""

import re
import uuid
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from email_validator import validate_email
from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema

from api.core.schemas import Input, IsoDate, Output
from api.core.schemas import Label as ExternalId
from api.core.schemas import ShortLabel as Name
from api.core.schemas import ShortLabel as Source
from api.memberships.schemas import MembershipRole
from api.people.schemas import PersonCategory, Phone


class ImportMode(StrEnum):
    merge = "merge"  # the file's members are created or updated; the others are left alone
    # Shadows str.replace on the members (never called on them): the API's word wins.
    replace = "replace"  # type: ignore[assignment]  # ... and the committee's members absent from the file are ended


@lru_cache(maxsize=4096)
def _domain(domain: str) -> str:
    return validate_email(f"x@{domain}", check_deliverability=False).domain


# A plain ASCII dot-atom (RFC 5322), which email_validator accepts as it is.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


def _email(value: str) -> str:
    """What `EmailStr` accepts (the same validator), its domain checked once per file: a
    département's ten thousand addresses share a few domains, whose checks cost most of an
    import's time. A plain local part needs no more check; any other, the full one."""
    local, at, domain = value.rpartition("@")
    if not at:
        raise ValueError("An email address must have an @-sign.")
    if len(local) > 64 or not _PLAIN_LOCAL.fullmatch(local):
        return str(validate_email(value, check_deliverability=False).normalized)
    return f"{local}@{_domain(domain)}"


Email = Annotated[
    str,
    StringConstraints(max_length=254),
    AfterValidator(_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]


class ImportRow(Input):
    """A member as a source system knows them: the person (found again by `source` and
    `external_id`) and their current term in the committee. In a CSV file, one column each
    (French headers are read too: `identifiant`, `nom`, `prénom`, `courriel`, `catégorie`,
    `instance`, `rôle`, `début`, `fin`); an empty cell is no value."""

    external_id: ExternalId = Field(description="The person's id in the source system.")
    source: Source | None = Field(
        default=None, description="The source system; defaults to the `source` parameter."
    )
    first_name: Name
    last_name: Name
    email: Email | None = None
    phone: Phone | None = None
    category: PersonCategory
    role: MembershipRole = Field(
        default=MembershipRole.member, description="`titular` or `substitute` for a seat."
    )
    body: Name | None = Field(
        default=None, description="A body of the committee, by its name or its kind (`copil`)."
    )
    start_on: IsoDate | None = Field(
        default=None, description="The term's first day; a new term starts today by default."
    )
    end_on: IsoDate | None = Field(default=None, description="The term's last day, if known.")


class ImportRequest(Input):
    rows: list[ImportRow] = Field(max_length=50_000)


class ImportAction(StrEnum):
    create = "create"  # a new person, or a new term for a known one
    update = "update"  # the person or their term changes
    unchanged = "unchanged"
    end = "end"  # replace mode: a term of someone absent from the file ends today
    error = "error"


class ImportIssue(Output):
    field: str | None = Field(description="The column at fault; null for the whole row.")
    code: str = Field(description="Stable, machine-readable: `missing`, `invalid_email`...")
    message: str = Field(description="In French, for the person who fixes the file.")


class ImportLine(Output):
    line: int | None = Field(
        description="The line in the file (the header is line 1), or the row's position in "
        "`rows` from 1; null for an `end`, which no line asked for."
    )
    action: ImportAction
    source: str | None
    external_id: str | None
    person_id: uuid.UUID | None = Field(description="Null for a person still to create.")
    membership_id: uuid.UUID | None = Field(description="Null for a term still to create.")
    fields: list[str] = Field(description="What an `update` changes.")
    errors: list[ImportIssue]


class ImportCounts(Output):
    create: int
    update: int
    unchanged: int
    end: int
    error: int


class ImportReport(Output):
    format: str = Field(description="`csv` or `json`.")
    encoding: str | None = Field(description="The CSV file's encoding, as detected.")
    delimiter: str | None = Field(description="The CSV file's separator, as detected.")
    mode: ImportMode
    dry_run: bool
    applied: bool = Field(description="Whether the plan was written (never on a dry run).")
    counts: ImportCounts
    rows: list[ImportLine]
