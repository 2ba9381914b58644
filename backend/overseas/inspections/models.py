"""Inspections of recruitment enterprises, their findings and remedies."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Index, String, Text
from sqlmodel import Field, SQLModel

from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field


class Kind(StrEnum):
    scheduled = "scheduled"
    unscheduled = "unscheduled"
    complaint = "complaint"


class InspectionStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    concluded = "concluded"
    closed = "closed"


class Result(StrEnum):
    compliant = "compliant"
    violations = "violations"


class Category(StrEnum):
    """Kinds of breach, after Decree 12/2022/NĐ-CP Chapter IV (sanctions in the field of
    Vietnamese workers working abroad under contract)."""

    late_or_missing_report = "late_or_missing_report"  # Art. 40: reports to the authority
    worker_data_not_updated = "worker_data_not_updated"  # Art. 40: worker records and data
    fee_above_cap = "fee_above_cap"  # Art. 41: service fees above the legal cap
    deposit_breach = "deposit_breach"  # Art. 41-42: deposits taken or kept unlawfully
    orientation_breach = "orientation_breach"  # Art. 43: pre-departure orientation
    licence_misuse = "licence_misuse"  # Art. 44-45: lending, renting or exceeding a licence
    other = "other"


# Fields an inspection shares between the API and the table, with their limits.
class InspectionBase(SQLModel):
    agency_id: int = Field(foreign_key="agencies.id", index=True)
    kind: Kind = Field(sa_type=String(16))
    decision_no: str | None = Field(default=None, max_length=64)
    decision_date: date | None = None
    scope_from: date | None = None
    scope_to: date | None = None
    lead_inspector: str | None = Field(default=None, max_length=200)
    planned_on: date | None = None
    summary: str | None = Field(default=None, max_length=20000, sa_type=Text)


# An inspection of one enterprise, from decision to closure.
class Inspection(InspectionBase, Versioned, table=True):
    __tablename__ = "inspections"
    __audited__ = True
    __table_args__ = (Index("ix_inspections_status", "status", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    status: InspectionStatus = Field(default=InspectionStatus.planned, sa_type=String(16))
    started_on: date | None = None
    concluded_on: date | None = None
    closed_on: date | None = None
    result: Result | None = Field(default=None, sa_type=String(16))
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# Fields a violation shares between the API and the table, with their limits.
class ViolationBase(SQLModel):
    category: Category = Field(sa_type=String(32))
    description: str = Field(min_length=1, max_length=5000, sa_type=Text)
    legal_basis: str | None = Field(default=None, max_length=300)
    fine_vnd: int = Field(default=0, sa_type=BigInteger)
    remedy: str | None = Field(default=None, max_length=5000, sa_type=Text)
    remedy_due: date | None = None
    remedied_on: date | None = None
    # The remedy is waived (not needed any more); the fine stands.
    waived: bool = False


# One breach found by an inspection, with its fine and the remedy ordered.
class Violation(ViolationBase, Versioned, table=True):
    __tablename__ = "violations"
    __audited__ = True
    __table_args__ = (Index("ix_violations_open_due", "remedied_on", "remedy_due"),)

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspections.id", index=True)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()
