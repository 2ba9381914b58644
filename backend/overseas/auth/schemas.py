"""API shapes for accounts and tokens."""

from typing import Literal

from pydantic import BaseModel

from overseas.core.principal import Role


# The answer to a successful token request (OAuth2).
class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int


# Who the bearer of the token is.
class Me(BaseModel):
    id: int
    username: str
    role: Role
    agency_id: int | None
    kind: Literal["user", "client"]
