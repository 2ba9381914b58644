"""Accounts: users, API clients and the login throttle."""

from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from overseas.core.db import UTCDateTime
from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field
from overseas.core.principal import Role


# Fields a user shares between the API and the table, with their limits.
class UserBase(SQLModel):
    username: str = Field(max_length=64, unique=True, index=True)
    full_name: str = Field(default="", max_length=200)
    role: Role = Field(sa_type=String(16))
    agency_id: int | None = Field(default=None, foreign_key="agencies.id", index=True)
    active: bool = True


# A person who logs in with a password; the hash never leaves this class.
class User(UserBase, Versioned, table=True):
    __tablename__ = "users"
    __audited__ = True
    __audit_exclude__ = frozenset({"password_hash"})

    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=255)
    # Raised by every password change: tokens carry it, so older tokens stop working.
    token_version: int = Field(default=1, nullable=False)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# A machine that logs in with client credentials (an enterprise's system, a script).
class ApiClient(SQLModel, table=True):
    __tablename__ = "api_clients"
    __audited__ = True
    __audit_exclude__ = frozenset({"secret_hash"})

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    role: Role = Field(sa_type=String(16))
    agency_id: int | None = Field(default=None, foreign_key="agencies.id", index=True)
    client_id: str = Field(max_length=64, unique=True, index=True)
    secret_hash: str = Field(max_length=255)
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# Login attempts counted per key over a fixed window: one key per (name, client address) and
# a looser one per name (docs/security.md). Counts live in the database so that every server
# process sees the same ones, and each is changed by one atomic upsert.
class LoginThrottle(SQLModel, table=True):
    __tablename__ = "login_throttle"

    key: str = Field(max_length=400, primary_key=True)
    window_start: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    count: int = Field(default=0, nullable=False)
