"""API shapes for the complaints register."""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from overseas.complaints.models import (
    ComplaintBase,
    ComplaintCategory,
    ComplaintSource,
    ComplaintStatus,
)
from overseas.core.schemas import READ, Schema, SQLModelConfig, optional
from overseas.core.types import Id
from overseas.placements.schemas import Phone


# Runs before the field's type and limits (mode="before"), so that a limit measures the cleaned
# text and is never applied to null: a line of text with its spaces collapsed, blank as null.
def _line(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return value


# A text of several lines: stripped, blank as null.
def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


_LINES = ("complainant_name", "complainant_address", "area_code")


# A complaint as the API shows it to officers and inspectors, complainant included.
class ComplaintRead(Schema, ComplaintBase):
    model_config = READ

    id: int
    status: ComplaintStatus
    substantiated: bool | None
    outcome: str | None
    resolved_on: date | None
    inspection_id: int | None
    version: int
    created_at: datetime
    updated_at: datetime


# A complaint as received; it starts `open`.
class ComplaintCreate(Schema, ComplaintBase):
    model_config = SQLModelConfig(extra="forbid")

    agency_id: Id | None = Field(
        default=None,
        description="The enterprise complained about; when left out, that of `placement_id`",
    )
    placement_id: Id | None = None
    complainant_phone: Phone = None

    _check_lines = field_validator(*_LINES, mode="before")(_line)
    _check_text = field_validator("summary", mode="before")(_text)


# A change to a complaint: its particulars, its triage (status, substantiated, outcome) or the
# inspection it joins. Every field optional; status moves open → investigating → resolved or
# referred (open may go straight to either).
class ComplaintUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency_id: Id | None = None
    received_on: date | None = None
    source: ComplaintSource | None = None
    category: ComplaintCategory | None = None
    summary: str | None = optional(ComplaintBase, "summary")
    complainant_name: str | None = optional(ComplaintBase, "complainant_name")
    complainant_phone: Phone = None
    complainant_address: str | None = optional(ComplaintBase, "complainant_address")
    placement_id: Id | None = None
    area_code: str | None = optional(ComplaintBase, "area_code")
    status: ComplaintStatus | None = None
    substantiated: bool | None = None
    outcome: str | None = Field(default=None, max_length=5000)
    resolved_on: date | None = Field(
        default=None, description="Default: the day it is resolved or referred"
    )
    inspection_id: Id | None = Field(
        default=None, description="An inspection of the complaint's enterprise that takes it up"
    )

    _check_lines = field_validator(*_LINES, mode="before")(_line)
    _check_text = field_validator("summary", "outcome", mode="before")(_text)
