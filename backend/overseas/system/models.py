"""Idempotency keys, kept in the database so that they hold across server processes."""

from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from overseas.core.db import JSONType, UTCDateTime


# The first response given to a create request carrying an `Idempotency-Key`.
class IdempotencyKey(SQLModel, table=True):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("principal", "key", name="uq_idempotency_principal_key"),)

    id: int | None = Field(default=None, primary_key=True)
    principal: str = Field(max_length=160)
    key: str = Field(max_length=255)
    request_hash: str = Field(max_length=64)
    status_code: int
    body: Any = Field(default=None, sa_type=JSONType)
    headers: dict[str, str] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
