from typing import Annotated

from fastapi import Header

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[!-~]+$",
        description=(
            "Any unique string (a UUID, say) chosen by the client. Retrying the same request "
            "with the same key within a day returns the first answer and changes nothing more; "
            "reusing a key for a different request is a 422."
        ),
    ),
]
