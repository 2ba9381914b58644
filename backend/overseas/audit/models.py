"""The audit log: who changed what, when, with the values before and after."""

from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from overseas.core.db import JSONType, UTCDateTime


# One write (or one read of personal data) through the API.
class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    actor: str = Field(max_length=160, index=True)
    action: str = Field(max_length=32)
    entity: str = Field(max_length=64)
    entity_id: str = Field(max_length=64)
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
