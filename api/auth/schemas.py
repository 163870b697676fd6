"""Tokens: what the login and refresh endpoints take and give."""

from typing import Literal

from pydantic import Field

from api.core.schemas import Input, Output


class TokenPair(Output):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a scheme name, not a secret)
    expires_in: int = Field(description="Lifetime of the access token, in seconds.")
    refresh_token: str


class RefreshRequest(Input):
    refresh_token: str = Field(min_length=1, max_length=512)
