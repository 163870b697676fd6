import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import ConfigDict, Field

from api.core.pagination import Page
from api.core.schemas import Heading as Title
from api.core.schemas import Input, Output
from api.core.schemas import LongText as Description


class BallotChoice(StrEnum):
    for_ = "for"
    against = "against"
    abstain = "abstain"


class MotionStatus(StrEnum):
    open = "open"
    closed = "closed"


class MotionOutcome(StrEnum):
    adopted = "adopted"
    rejected = "rejected"


class MotionCreate(Input):
    title: Title
    description: Description | None = None


class MotionResults(Output):
    """Counts of the ballots cast, computed on every read (never stored).

    The motion is `adopted` when there are more ballots for than against (a simple majority of
    the votes expressed: abstentions count in `total` but not in the outcome; a tie is
    `rejected`). While the motion is open the outcome is provisional."""

    model_config = ConfigDict(populate_by_name=True)

    for_: int = Field(alias="for", ge=0)
    against: int = Field(ge=0)
    abstain: int = Field(ge=0)
    total: int = Field(ge=0)
    outcome: MotionOutcome


class MotionPublic(Output):
    id: uuid.UUID
    meeting_id: uuid.UUID
    title: str
    description: str | None
    status: MotionStatus
    closed_at: datetime | None
    created_at: datetime
    results: MotionResults
    own_choice: BallotChoice | None = Field(
        description="The caller's own ballot on this motion, if their person record voted."
    )


class MotionPage(Page[MotionPublic]):
    pass


class BallotCreate(Input):
    person_id: uuid.UUID
    choice: BallotChoice


class BallotPublic(Output):
    motion_id: uuid.UUID
    person_id: uuid.UUID
    choice: BallotChoice
    cast_at: datetime


class BallotPage(Page[BallotPublic]):
    pass
