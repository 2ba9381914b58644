"""API shapes for inspections, violations, compliance and priorities."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from overseas.core.schemas import READ, Schema, SQLModelConfig, optional
from overseas.core.types import Id, Ratio
from overseas.inspections.models import (
    Category,
    InspectionBase,
    InspectionStatus,
    Kind,
    Result,
    ViolationBase,
)
from overseas.obligations.schemas import ReportingRecord

Fine = Annotated[int, Field(ge=0, le=10**12)]


# Stripped, blank as null. Runs before the field's type and limits (mode="before"), so that a
# limit measures the stripped text and is never applied to null.
def _blank_as_null(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


# A violation as the API shows it.
class ViolationRead(Schema, ViolationBase):
    model_config = READ

    id: int
    version: int


# A breach found by an inspection.
class ViolationCreate(Schema, ViolationBase):
    model_config = SQLModelConfig(extra="forbid")

    fine_vnd: Fine = 0

    _check_text = field_validator("description", "legal_basis", "remedy", mode="before")(
        _blank_as_null
    )


# A change to a violation (typically: remedied on a day, or waived); every field optional.
class ViolationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Category | None = None
    description: str | None = optional(ViolationBase, "description")
    legal_basis: str | None = optional(ViolationBase, "legal_basis")
    fine_vnd: Fine | None = None
    remedy: str | None = optional(ViolationBase, "remedy")
    remedy_due: date | None = None
    remedied_on: date | None = None
    waived: bool | None = None

    _check_text = field_validator("description", "legal_basis", "remedy", mode="before")(
        _blank_as_null
    )


# An inspection as the API shows it, with its violations.
class InspectionRead(Schema, InspectionBase):
    model_config = READ

    id: int
    status: InspectionStatus
    started_on: date | None
    concluded_on: date | None
    closed_on: date | None
    result: Result | None
    violations: list[ViolationRead]
    version: int
    updated_at: datetime


# A planned inspection of an enterprise.
class InspectionCreate(Schema, InspectionBase):
    model_config = SQLModelConfig(extra="forbid")

    agency_id: Id

    _check_text = field_validator("decision_no", "lead_inspector", "summary", mode="before")(
        _blank_as_null
    )


# A change to an inspection's particulars; the status moves only through transitions.
class InspectionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind | None = None
    decision_no: str | None = optional(InspectionBase, "decision_no")
    decision_date: date | None = None
    scope_from: date | None = None
    scope_to: date | None = None
    lead_inspector: str | None = optional(InspectionBase, "lead_inspector")
    planned_on: date | None = None
    summary: str | None = optional(InspectionBase, "summary")

    _check_text = field_validator("decision_no", "lead_inspector", "summary", mode="before")(
        _blank_as_null
    )


# The next step of an inspection: `on` is the day it started, concluded or closed.
class InspectionTransition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: InspectionStatus
    on: date
    result: Result | None = None
    summary: str | None = optional(InspectionBase, "summary")

    _check_summary = field_validator("summary", mode="before")(_blank_as_null)

    @model_validator(mode="after")
    def _result_only_when_concluding(self) -> "InspectionTransition":
        if self.result is not None and self.status != InspectionStatus.concluded:
            raise ValueError("result is given only when concluding")
        return self


# One term of the risk score: what it measures, its value, its weight and what it adds.
class RiskFactor(BaseModel):
    name: str
    description: str
    value: Ratio
    weight: Ratio
    score: Ratio


# An enterprise's record: inspections so far and the signals the registry holds.
class Compliance(BaseModel):
    agency_id: int
    open_violations: int
    overdue_remedies: int
    fines_vnd: int
    last_inspected_on: date | None
    placements: int
    flagged_placements: int
    early_return_rate: Ratio | None
    overstay_rate: Ratio | None
    late_report_rate: Ratio | None
    reporting: ReportingRecord | None = Field(
        description="Reports due to the department in the last 12 months and how they came in; "
        "null when the enterprise reports elsewhere or is not active"
    )
    risk_score: Ratio
    risk_factors: list[RiskFactor]


# An enterprise in the ranking of whom to inspect next.
class Priority(Compliance):
    licence_no: str
    name: str


class Priorities(BaseModel):
    items: list[Priority]
