"""Inspections of recruitment enterprises, their findings and remedies."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlmodel import Field, SQLModel

from overseas.core.db import JSONType, UTCDateTime
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
    # Who signed the inspection decision, and the team it set up (name and role of each).
    decision_signer: str | None = Field(default=None, max_length=200)
    team_members: list[str] = Field(default_factory=list, sa_type=JSONType)


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
    # The remedy is waived (not needed any more); the fine stands. Kept for violations recorded
    # before remedies became items: the law has no waiver, a remedy is cancelled by an amending
    # decision (docs/inspections.md).
    waived: bool = False
    # The act from Decree 283/2026's catalogue (`law.ViolationType`) valid on the day the act
    # ended; null for a free-text violation (an act the catalogue lacks, or one that ended
    # before 2026-09-10 and falls under Decree 12/2022).
    violation_type: str | None = Field(
        default=None,
        sa_column=Column(String(24), ForeignKey("violation_types.code"), nullable=True),
    )
    act_ended_on: date | None = None
    offender: str = Field(default="organisation", sa_type=String(16))
    affected_workers: int | None = None
    # Additional sanctions (Decree 283/2026 Art. 3(2)): suspension of the licence for N months,
    # and any other in words.
    licence_suspension_months: int | None = None
    additional_sanctions: str = Field(default="", max_length=500)


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


class RemedyKind(StrEnum):
    refund_workers = "refund_workers"  # return to the workers the money taken from them
    pay_support_fund = "pay_support_fund"  # pay into the Overseas Employment Support Fund
    update_database = "update_database"  # bring the workers' records up to date
    other = "other"


# One remedial measure a sanction orders (Decree 283/2026 Art. 3(3)), done on a day or
# cancelled by an amending decision (its number); the violation's `remedy`, `remedy_due` and
# `remedied_on` summarise its items.
class Remedy(SQLModel, Versioned, table=True):
    __tablename__ = "remedies"
    __audited__ = True

    id: int | None = Field(default=None, primary_key=True)
    violation_id: int = Field(foreign_key="violations.id", index=True)
    kind: RemedyKind = Field(sa_type=String(24))
    description: str = Field(max_length=2000)
    amount_vnd: int | None = Field(default=None, sa_type=BigInteger)
    placement_ids: list[int] = Field(default_factory=list, sa_type=JSONType)
    due_on: date | None = None
    done_on: date | None = None
    cancelled_by: str | None = Field(default=None, max_length=64)
    cancelled_on: date | None = None
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# The check record (biên bản kiểm tra) made at the enterprise: when and where, who represented
# it, what was checked and sampled, what was found, the enterprise's explanation, and whether
# its representative signed (or refused, and why).
class CheckRecordBase(SQLModel):
    held_at: datetime = Field(sa_type=UTCDateTime)
    place: str = Field(min_length=1, max_length=300)
    representative_name: str = Field(min_length=1, max_length=200)
    representative_position: str = Field(default="", max_length=200)
    period_from: date | None = None
    period_to: date | None = None
    scope: str = Field(default="", max_length=5000, sa_type=Text)
    documents_sampled: str = Field(default="", max_length=5000, sa_type=Text)
    worker_files_sampled: int = Field(default=0, ge=0, le=100_000)
    findings: str = Field(min_length=1, max_length=20000, sa_type=Text)
    explanation: str = Field(default="", max_length=20000, sa_type=Text)
    signed: bool = True
    refusal_reason: str | None = Field(default=None, max_length=2000)


class CheckRecord(CheckRecordBase, Versioned, table=True):
    __tablename__ = "check_records"
    __audited__ = True

    inspection_id: int = Field(
        sa_column=Column(Integer, ForeignKey("inspections.id"), primary_key=True)
    )
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# The sanction decision (quyết định xử phạt) and what became of it: its number, day and signer
# (an authority of `law.SanctionPower`), the total fine, the day payment is due, the payment and
# any coercive enforcement.
class SanctionDecision(SQLModel, Versioned, table=True):
    __tablename__ = "sanction_decisions"
    __audited__ = True

    inspection_id: int = Field(
        sa_column=Column(Integer, ForeignKey("inspections.id"), primary_key=True)
    )
    number: str = Field(max_length=64)
    decided_on: date
    signer_power: str = Field(
        sa_column=Column(String(24), ForeignKey("sanction_powers.code"), nullable=False)
    )
    signer_name: str = Field(max_length=200)
    total_fine_vnd: int = Field(sa_type=BigInteger)
    payment_due_on: date
    paid_on: date | None = None
    paid_amount_vnd: int | None = Field(default=None, sa_type=BigInteger)
    enforced_on: date | None = None
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


class FileKind(StrEnum):
    decision = "decision"  # the inspection decision
    check_record = "check_record"
    sanction_decision = "sanction_decision"
    payment = "payment"  # the receipt of the fine paid
    remedy = "remedy"  # proof that a remedy was done
    other = "other"


# A scan or document attached to an inspection; its content apart, so that reads of the
# inspection never load it.
class InspectionFile(SQLModel, table=True):
    __tablename__ = "inspection_files"
    __audited__ = True

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspections.id", index=True)
    kind: FileKind = Field(sa_type=String(24))
    file_name: str = Field(max_length=255)
    media_type: str = Field(max_length=100)
    size: int
    uploaded_by: str = Field(max_length=150)
    uploaded_at: datetime = created_at_field()


class InspectionFileContent(SQLModel, table=True):
    __tablename__ = "inspection_file_contents"

    file_id: int = Field(
        sa_column=Column(Integer, ForeignKey("inspection_files.id"), primary_key=True)
    )
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
