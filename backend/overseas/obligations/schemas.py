"""API shapes for enterprises' reports and what they owe."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from overseas.core.errors import invalid
from overseas.core.types import Ratio
from overseas.obligations.models import ReportKind
from overseas.obligations.rules import DutyStatus

MAX_FIGURES = 200
FigureName = Annotated[str, StringConstraints(min_length=1, max_length=64)]
# A figure is a count or amount (a whole number, 0 or more) or a short text.
Figure = Annotated[int, Field(ge=0, le=10**15)] | Annotated[str, StringConstraints(max_length=2000)]


# A report an enterprise owes, and whether it came in time.
class Obligation(BaseModel):
    agency_id: int
    agency_name: str
    kind: ReportKind
    period_from: date
    period_to: date
    due_on: date
    submitted_at: datetime | None
    status: DutyStatus
    report_id: int | None = Field(description="The first filing, which says if it was on time")


# A report as filed: figures in the shape of the ministry's form, optionally a scan or workbook.
class ReportFiling(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ReportKind
    period_from: date
    period_to: date
    figures: dict[FigureName, Figure] = Field(default_factory=dict)

    @field_validator("figures")
    @classmethod
    def _not_too_many(cls, value: dict[str, Any]) -> dict[str, Any]:
        if len(value) > MAX_FIGURES:
            raise invalid("too_many", f"at most {MAX_FIGURES} figures", max=MAX_FIGURES)
        return value


class ReportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    agency_id: int
    kind: ReportKind
    period_from: date
    period_to: date
    figures: dict[str, Any]
    submitted_at: datetime
    submitted_by: str
    revision: int
    amends_id: int | None
    file_name: str | None
    file_type: str | None
    file_size: int | None


# The answer to a filing: the report and the duty it settles.
class FiledReport(ReportRead):
    obligation: Obligation


# How an enterprise has reported: the share of its past-due reports that came in time.
class ReportingRecord(BaseModel):
    due: int
    on_time: int
    late: int
    missing: int
    on_time_rate: Ratio | None
    annual: DutyStatus | None = Field(
        description="The latest annual report due in the window: submitted, late or missing"
    )
