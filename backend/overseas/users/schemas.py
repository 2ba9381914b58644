"""API shapes for managing users and API clients."""

import re
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from overseas.core.principal import Role
from overseas.core.types import Id

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


def _username(value: str) -> str:
    value = value.strip().lower()
    if not _USERNAME.match(value):
        raise ValueError("3-64 characters: lowercase letters, digits, '.', '_' or '-'")
    return value


# A user as the API shows it (never its password).
class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    full_name: str
    role: Role
    agency_id: int | None
    active: bool
    created_at: datetime
    updated_at: datetime
    version: int


# A new user; the password is write-only.
class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str
    full_name: str = Field(default="", max_length=200)
    role: Role
    agency_id: Id | None = None
    active: bool = True
    password: str = Field(min_length=10, max_length=256)

    _check_username = field_validator("username")(_username)


# A change to a user; every field optional.
class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    full_name: str | None = Field(default=None, max_length=200)
    role: Role | None = None
    agency_id: Id | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=10, max_length=256)


# An API client as listed (never its secret).
class ApiClientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    role: Role
    agency_id: int | None
    client_id: str
    created_at: datetime
    revoked_at: datetime | None


# A new API client for an enterprise's system or a script.
class ApiClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    role: Literal[Role.officer, Role.inspector, Role.agency, Role.viewer]
    agency_id: Id | None = None


# The creation answer: the only time the secret is shown.
class ApiClientCreated(ApiClientRead):
    client_secret: str
