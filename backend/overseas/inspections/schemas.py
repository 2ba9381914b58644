"""API shapes for inspections, violations, compliance and priorities."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from overseas.core.types import Id
from overseas.inspections.models import Category, InspectionStatus, Kind, Result


def _text(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


# Stripped, blank as null. Listed after a length limit so the limit applies to the text and
# never to null (in front of it, pydantic measures None and fails with a 500).
BlankAsNull = BeforeValidator(_text)


# A violation as the API shows it.
class ViolationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    category: Category
    description: str
    legal_basis: str | None
    fine_vnd: int
    remedy: str | None
    remedy_due: date | None
    remedied_on: date | None
    waived: bool
    version: int


# A breach found by an inspection.
class ViolationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Category
    description: Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=5000)]
    legal_basis: Annotated[str | None, Field(max_length=300), BlankAsNull] = None
    fine_vnd: int = Field(default=0, ge=0, le=10**12)
    remedy: Annotated[str | None, Field(max_length=5000), BlankAsNull] = None
    remedy_due: date | None = None
    remedied_on: date | None = None
    waived: bool = False


# A change to a violation (typically: remedied on a day, or waived); every field optional.
class ViolationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Category | None = None
    description: Annotated[str | None, Field(max_length=5000), BlankAsNull] = None
    legal_basis: Annotated[str | None, Field(max_length=300), BlankAsNull] = None
    fine_vnd: int | None = Field(default=None, ge=0, le=10**12)
    remedy: Annotated[str | None, Field(max_length=5000), BlankAsNull] = None
    remedy_due: date | None = None
    remedied_on: date | None = None
    waived: bool | None = None


# An inspection as the API shows it, with its violations.
class InspectionRead(BaseModel):
    id: int
    agency_id: int
    kind: Kind
    decision_no: str | None
    decision_date: date | None
    scope_from: date | None
    scope_to: date | None
    lead_inspector: str | None
    status: InspectionStatus
    planned_on: date | None
    started_on: date | None
    concluded_on: date | None
    closed_on: date | None
    summary: str | None
    result: Result | None
    violations: list[ViolationRead]
    version: int
    updated_at: datetime


# A planned inspection of an enterprise.
class InspectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency_id: Id
    kind: Kind
    decision_no: Annotated[str | None, Field(max_length=64), BlankAsNull] = None
    decision_date: date | None = None
    scope_from: date | None = None
    scope_to: date | None = None
    lead_inspector: Annotated[str | None, Field(max_length=200), BlankAsNull] = None
    planned_on: date | None = None
    summary: Annotated[str | None, Field(max_length=20000), BlankAsNull] = None


# A change to an inspection's particulars; the status moves only through transitions.
class InspectionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind | None = None
    decision_no: Annotated[str | None, Field(max_length=64), BlankAsNull] = None
    decision_date: date | None = None
    scope_from: date | None = None
    scope_to: date | None = None
    lead_inspector: Annotated[str | None, Field(max_length=200), BlankAsNull] = None
    planned_on: date | None = None
    summary: Annotated[str | None, Field(max_length=20000), BlankAsNull] = None


# The next step of an inspection: `on` is the day it started, concluded or closed.
class InspectionTransition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: InspectionStatus
    on: date
    result: Result | None = None
    summary: Annotated[str | None, Field(max_length=20000), BlankAsNull] = None

    @model_validator(mode="after")
    def _result_only_when_concluding(self) -> "InspectionTransition":
        if self.result is not None and self.status != InspectionStatus.concluded:
            raise ValueError("result is given only when concluding")
        return self


# One term of the risk score: what it measures, its value, its weight and what it adds.
class RiskFactor(BaseModel):
    name: str
    description: str
    value: Decimal
    weight: Decimal
    score: Decimal


# An enterprise's record: inspections so far and the signals the registry holds.
class Compliance(BaseModel):
    agency_id: int
    open_violations: int
    overdue_remedies: int
    fines_vnd: int
    last_inspected_on: date | None
    placements: int
    flagged_placements: int
    early_return_rate: Decimal | None
    overstay_rate: Decimal | None
    late_report_rate: Decimal | None
    risk_score: Decimal
    risk_factors: list[RiskFactor]


# An enterprise in the ranking of whom to inspect next.
class Priority(Compliance):
    licence_no: str
    name: str


class Priorities(BaseModel):
    items: list[Priority]
