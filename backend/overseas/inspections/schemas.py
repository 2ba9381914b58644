"""API shapes for inspections, violations, compliance and priorities."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from overseas.core.errors import invalid
from overseas.core.schemas import READ, Schema, SQLModelConfig, optional
from overseas.core.types import Id, Ratio, Timestamp
from overseas.inspections.models import (
    Category,
    CheckRecordBase,
    FileKind,
    InspectionBase,
    InspectionStatus,
    Kind,
    RemedyKind,
    Result,
    ViolationBase,
)
from overseas.law.fines import Offender
from overseas.obligations.schemas import ReportingRecord

Fine = Annotated[int, Field(ge=0, le=10**12)]


# Stripped, blank as null. Runs before the field's type and limits (mode="before"), so that a
# limit measures the stripped text and is never applied to null.
def _blank_as_null(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


# A remedial measure as sent: refunding workers names the amount and the placements.
class RemedyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: RemedyKind
    description: Annotated[str, Field(min_length=1, max_length=2000)]
    amount_vnd: Annotated[int, Field(ge=0, le=10**12)] | None = None
    placement_ids: Annotated[list[Id], Field(max_length=1000)] = []
    due_on: date | None = None

    @model_validator(mode="after")
    def _refund_names_whom(self) -> "RemedyIn":
        if self.kind == RemedyKind.refund_workers:
            if self.amount_vnd is None:
                raise invalid(
                    "refund_needs_amount",
                    "a refund to workers states the amount (amount_vnd)",
                    field="amount_vnd",
                )
            if not self.placement_ids:
                raise invalid(
                    "refund_needs_placements",
                    "a refund to workers names their placements (placement_ids)",
                    field="placement_ids",
                )
        return self


# A remedial measure done on a day, cancelled by an amending decision, or corrected.
class RemedyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Annotated[str | None, Field(min_length=1, max_length=2000)] = None
    amount_vnd: Annotated[int | None, Field(ge=0, le=10**12)] = None
    due_on: date | None = None
    done_on: date | None = None
    cancelled_by: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    cancelled_on: date | None = None


class RemedyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: RemedyKind
    description: str
    amount_vnd: int | None
    placement_ids: list[int]
    due_on: date | None
    done_on: date | None
    cancelled_by: str | None
    cancelled_on: date | None
    version: int


# A violation as the API shows it; `catalogued` is false for a free-text violation.
class ViolationRead(Schema, ViolationBase):
    model_config = READ

    id: int
    offender: Offender
    catalogued: bool
    remedies: list[RemedyRead]
    version: int


# A breach found by an inspection: an act of the catalogue (`violation_type`, valid on
# `act_ended_on`) or, for what the catalogue lacks, a free-text finding with its legal basis.
class ViolationCreate(Schema, ViolationBase):
    model_config = SQLModelConfig(extra="forbid")

    category: Category = Category.other
    description: Annotated[str | None, Field(max_length=5000)] = None  # type: ignore[assignment]
    fine_vnd: Fine = 0
    violation_type: Annotated[str | None, Field(max_length=24)] = None
    offender: Offender = Offender.organisation
    affected_workers: Annotated[int, Field(ge=1, le=100_000)] | None = None
    licence_suspension_months: Annotated[int, Field(ge=1, le=24)] | None = None
    remedies: Annotated[list[RemedyIn], Field(max_length=50)] = []

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
    violation_type: Annotated[str | None, Field(max_length=24)] = None
    act_ended_on: date | None = None
    offender: Offender | None = None
    affected_workers: Annotated[int | None, Field(ge=1, le=100_000)] = None
    licence_suspension_months: Annotated[int | None, Field(ge=1, le=24)] = None
    additional_sanctions: Annotated[str | None, Field(max_length=500)] = None

    _check_text = field_validator("description", "legal_basis", "remedy", mode="before")(
        _blank_as_null
    )


# The check record as sent; `held_at` without an offset is Vietnam time.
class CheckRecordIn(Schema, CheckRecordBase):
    model_config = SQLModelConfig(extra="forbid")

    held_at: Timestamp

    @model_validator(mode="after")
    def _consistent(self) -> "CheckRecordIn":
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise invalid(
                "before_field",
                "period_to is before period_from",
                field="period_to",
                other="period_from",
            )
        if not self.signed and not (self.refusal_reason or "").strip():
            raise invalid(
                "refusal_needs_reason",
                "a record the representative refused to sign says why (refusal_reason)",
                field="refusal_reason",
            )
        return self


class CheckRecordRead(CheckRecordBase):
    model_config = READ

    version: int
    updated_at: datetime


# The sanction decision as sent: its particulars, then the payment and any enforcement.
class SanctionDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: Annotated[str, Field(min_length=1, max_length=64)]
    decided_on: date
    signer_power: Annotated[str, Field(min_length=1, max_length=24)]
    signer_name: Annotated[str, Field(min_length=1, max_length=200)]
    payment_due_on: date | None = Field(
        default=None, description="Default: 10 days after the decision"
    )
    paid_on: date | None = None
    paid_amount_vnd: Annotated[int, Field(ge=0, le=10**12)] | None = None
    enforced_on: date | None = None

    @model_validator(mode="after")
    def _payment_whole(self) -> "SanctionDecisionIn":
        if (self.paid_on is None) != (self.paid_amount_vnd is None):
            raise invalid(
                "payment_incomplete",
                "a payment has its day (paid_on) and its amount (paid_amount_vnd)",
                field="paid_on",
            )
        return self


class SanctionDecisionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: str
    decided_on: date
    signer_power: str
    signer_authority_vi: str = Field(
        description="The signing authority's title (the sanction power's), for those who may not "
        "read the rules"
    )
    signer_authority_en: str
    signer_name: str
    total_fine_vnd: int
    payment_due_on: date
    paid_on: date | None
    paid_amount_vnd: int | None
    enforced_on: date | None
    status: str = Field(description="unpaid, overdue, paid, or enforced")
    version: int


class InspectionFileRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: FileKind
    file_name: str
    media_type: str
    size: int
    uploaded_by: str
    uploaded_at: datetime


# An inspection as the API shows it, with its violations and the procedure's records.
class InspectionRead(Schema, InspectionBase):
    model_config = READ

    id: int
    status: InspectionStatus
    started_on: date | None
    concluded_on: date | None
    closed_on: date | None
    result: Result | None
    violations: list[ViolationRead]
    check_record: CheckRecordRead | None
    sanction_decision: SanctionDecisionRead | None
    files: list[InspectionFileRead]
    version: int
    updated_at: datetime


# A planned inspection of an enterprise.
class InspectionCreate(Schema, InspectionBase):
    model_config = SQLModelConfig(extra="forbid")

    agency_id: Id
    team_members: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=200)]], Field(max_length=30)
    ] = []

    _check_text = field_validator(
        "decision_no", "lead_inspector", "summary", "decision_signer", mode="before"
    )(_blank_as_null)


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
    decision_signer: str | None = optional(InspectionBase, "decision_signer")
    team_members: (
        Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], Field(max_length=30)]
        | None
    ) = None

    _check_text = field_validator(
        "decision_no", "lead_inspector", "summary", "decision_signer", mode="before"
    )(_blank_as_null)


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
            raise invalid(
                "result_only_when_concluding",
                "result is given only when concluding",
                field="result",
            )
        return self


# One term of the risk score: what it measures, its value, its weight and what it adds.
class RiskFactor(BaseModel):
    name: str
    description: str
    text: str = Field(description="The factor in plain units, in English")
    params: dict[str, Any] = Field(description="Its figures, for wording it in another language")
    value: Ratio
    weight: Ratio
    score: Ratio


class PlannedInspection(BaseModel):
    id: int
    kind: Kind
    status: InspectionStatus
    planned_on: date | None


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
    max_score: Ratio = Field(description="The highest score possible: the weights' sum")
    risk_factors: list[RiskFactor]
    planned_inspection: PlannedInspection | None = Field(
        description="An inspection planned or under way, if any"
    )
    scheduled_this_year: bool = Field(
        description="A scheduled inspection was already planned or made this year: at most one "
        "a year (Directive 20/CT-TTg of 2017)"
    )


# An enterprise in the ranking of whom to inspect next.
class Priority(Compliance):
    licence_no: str
    name: str


class Priorities(BaseModel):
    items: list[Priority]
