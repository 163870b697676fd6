"""`/stats/composition`: the bodies with targets, their composition against them."""

from datetime import date

from pydantic import Field

from api.bodies.schemas import BodyKind
from api.core.schemas import Output
from api.memberships.schemas_composition import BodyComposition
from api.stats.scopes import Scope


class TargetedBody(BodyComposition):
    body_name: str
    body_kind: BodyKind


class CompositionFigures(Output):
    as_of: date
    scope: Scope
    bodies_with_targets: int = Field(
        description="Bodies with at least one target in the committees counted."
    )
    bodies_below_target: int = Field(description="Of them, those below at least one target.")
    items: list[TargetedBody] = Field(
        description="Each of them (or, with `below_target_only`, those below), by name."
    )
