"""API shapes for the audit log."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


# One audited write or read of personal data.
class AuditRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    changes: dict[str, Any]
