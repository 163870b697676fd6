"""Tokens: what the login and refresh endpoints take and give."""

from typing import Literal

from pydantic import Field

from api.core.schemas import Input, Output


class AccessToken(Output):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a scheme name, not a secret)
    expires_in: int = Field(description="Lifetime of the access token, in seconds.")


class TokenPair(AccessToken):
    """The password grant's answer."""

    refresh_token: str


class ClientToken(AccessToken):
    """The `client_credentials` grant's answer: no refresh token (RFC 6749 §4.4.3); the
    client asks again with its secret."""

    scope: str = Field(description="The client's scopes, space-separated.")


class RefreshRequest(Input):
    refresh_token: str = Field(min_length=1, max_length=512)
