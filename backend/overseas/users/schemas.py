"""API shapes for managing users and API clients."""

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from overseas.auth.models import UserBase
from overseas.core.errors import invalid
from overseas.core.principal import Role
from overseas.core.schemas import READ, Schema, SQLModelConfig, optional
from overseas.core.types import Id

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


# Runs before the field's type and limit (mode="before"), so that the limit measures the cleaned
# name; a value of another type passes through, for the type to refuse.
def _username(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip().lower()
    if not _USERNAME.match(value):
        raise invalid(
            "username_format",
            "3-64 characters: lowercase letters, digits, '.', '_' or '-'",
            min_length=3,
            max_length=64,
        )
    return value


# A user as the API shows it (never its password).
class UserRead(Schema, UserBase):
    model_config = READ

    id: int
    created_at: datetime
    updated_at: datetime
    version: int


# A new user; the password is write-only.
class UserCreate(Schema, UserBase):
    model_config = SQLModelConfig(extra="forbid")

    agency_id: Id | None = None
    password: str = Field(min_length=10, max_length=256)

    _check_username = field_validator("username", mode="before")(_username)


# A change to a user; every field optional.
class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    full_name: str | None = optional(UserBase, "full_name")
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
