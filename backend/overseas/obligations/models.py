"""The reports an enterprise files with the department (docs/obligations.md)."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from overseas.core.db import JSONType, UTCDateTime


class ReportKind(StrEnum):
    # The annual report on sending workers abroad, 15 Dec-14 Dec, due before 20 Dec
    # (Circular 21/2021/TT-BLĐTBXH Art. 15).
    annual = "annual"
    # The changes of a month to the workers sent abroad, due by the 20th of the next month
    # (Circular 20/2021/TT-BLĐTBXH Art. 11(1)).
    monthly_changes = "monthly_changes"


# One filing. Filing again for the same period is an amendment: a new row naming the one it
# amends, the earlier kept as it was; the first filing says whether the duty was met on time.
class AgencyReport(SQLModel, table=True):
    __tablename__ = "agency_reports"
    __audited__ = True
    # One revision number per duty: two filings sent at once cannot both be the first.
    __table_args__ = (
        UniqueConstraint(
            "agency_id", "kind", "period_from", "revision", name="uq_agency_reports_duty"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agencies.id")
    kind: ReportKind = Field(sa_type=String(24))
    period_from: date
    period_to: date
    figures: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    submitted_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    submitted_by: str = Field(max_length=150)
    revision: int = 1
    amends_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("agency_reports.id"), nullable=True),
    )
    file_name: str | None = Field(default=None, max_length=255)
    file_type: str | None = Field(default=None, max_length=100)
    file_size: int | None = None


# The file attached to a filing, apart so that lists never load it.
class AgencyReportFile(SQLModel, table=True):
    __tablename__ = "agency_report_files"

    report_id: int = Field(
        sa_column=Column(Integer, ForeignKey("agency_reports.id"), primary_key=True)
    )
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
