"""The SCIM resources as this service serves them (scim2-models): only the attributes it
stores, so what `/Schemas` publishes is what a client can write and read back.

Core attributes keep their RFC 7643 names; what core SCIM cannot hold (category, committee,
terms, role, titular or substitute) is in the ancrage extensions."""

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import Field
from scim2_models import (
    URN,
    AnyExtension,
    CaseExact,
    ComplexAttribute,
    Extension,
    Mutability,
    Reference,
    Required,
    Resource,
    Returned,
    ScimPolicy,
    Uniqueness,
)

from api.bodies.schemas import BodyKind
from api.memberships.schemas import MembershipRole
from api.people.schemas import PersonCategory

USER_EXTENSION = "urn:ietf:params:scim:schemas:extension:ancrage:2.0:User"
GROUP_EXTENSION = "urn:ietf:params:scim:schemas:extension:ancrage:2.0:Group"

# `other` reads as no category: removing the category makes a person `other` again.
CATEGORIES = [c.value for c in PersonCategory if c is not PersonCategory.other]
KINDS = [k.value for k in BodyKind if k is not BodyKind.other]
ROLES = [r.value for r in MembershipRole]


class Seat(StrEnum):
    titular = "titular"
    substitute = "substitute"


class Name(ComplexAttribute):
    family_name: Annotated[str | None, Required.true] = None
    given_name: Annotated[str | None, Required.true] = None


class Email(ComplexAttribute):
    value: str | None = None


class PhoneNumber(ComplexAttribute):
    value: str | None = None


class Term(ComplexAttribute):
    """One current or upcoming term of the person in a committee the caller sees."""

    committee: Annotated[str | None, Mutability.read_only, CaseExact.true] = None
    committee_name: Annotated[str | None, Mutability.read_only] = None
    body: Annotated[str | None, Mutability.read_only, CaseExact.true] = None
    role: Annotated[str | None, Mutability.read_only] = Field(None, examples=ROLES)
    seat: Annotated[Seat | None, Mutability.read_only] = None
    start_date: Annotated[str | None, Mutability.read_only] = None
    end_date: Annotated[str | None, Mutability.read_only] = None


class AncrageUser(Extension):
    __schema__ = URN(USER_EXTENSION)

    category: str | None = Field(None, examples=CATEGORIES)
    """The person's category; absent for `other`."""

    committee: Annotated[str | None, Required.true, CaseExact.true] = None
    """The committee of the person's first open term among the caller's committees, by id.
    Setting another enrols the person there (a new term from today); on creation it
    defaults to the caller's only committee."""

    role: Annotated[str | None, Required.true] = Field(None, examples=ROLES)
    """That term's role (default `member` for a new term); setting it corrects the term."""

    terms: Annotated[list[Term] | None, Mutability.read_only, Returned.request] = None
    """The person's current and upcoming terms in the caller's committees (on request, with
    `attributes`: they are not written through a User)."""


class User(Resource[AnyExtension]):
    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:User")

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    name: Annotated[Name | None, Required.true] = None
    display_name: Annotated[str | None, Mutability.read_only] = None
    emails: list[Email] | None = None
    phone_numbers: list[PhoneNumber] | None = None

    Name: ClassVar[type[ComplexAttribute]] = Name


class AncrageGroup(Extension):
    __schema__ = URN(GROUP_EXTENSION)

    committee: Annotated[str | None, Mutability.immutable, Required.true, CaseExact.true] = None
    """The committee the body is of, by id: on creation it defaults to the caller's only
    committee."""

    kind: str | None = Field(None, examples=KINDS)
    """copil, cotech, plenary, agora, thematic, ethics, working_group; absent for `other`."""


class Member(ComplexAttribute):
    value: Annotated[str | None, Mutability.immutable, CaseExact.true] = None
    ref: Annotated[
        Reference["User"] | None,  # type: ignore[type-arg]
        Mutability.immutable,
    ] = Field(None, serialization_alias="$ref", validation_alias="$ref")
    type: Annotated[str | None, Mutability.immutable] = Field(None, examples=["User"])


class Group(Resource[AnyExtension]):
    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:Group")

    display_name: Annotated[str | None, Required.true] = None
    members: list[Member] | None = None


# The resources with their extension.
# How payloads are read: what directory tools send beyond these schemas (`active`, an email's
# `type` or `primary`) is ignored rather than refused, and the PATCH forms Microsoft Entra uses
# (a `remove` naming its value, a path filter that matches nothing yet) are accepted.
POLICY = ScimPolicy(
    unknown=ScimPolicy.Unknown.ignore,
    remove_value_as_filter=ScimPolicy.RemoveValue.apply,
    unmatched_path_filter=ScimPolicy.UnmatchedPathFilter.create,
)

UserResource: Any = User[AncrageUser]
GroupResource: Any = Group[AncrageGroup]
