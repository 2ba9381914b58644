"""API shapes for the working calendar."""

from datetime import datetime

from overseas.core.schemas import READ, Schema
from overseas.law.models import WorkingDayBase


class WorkingDayCreate(Schema, WorkingDayBase):
    pass


class WorkingDayRead(WorkingDayBase):
    model_config = READ

    created_at: datetime
