"""The complaints register: complaints and denunciations about recruitment enterprises,
received from workers, their families, communes or the press (docs/complaints.md)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, String, Text
from sqlmodel import Field, SQLModel

from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field


class ComplaintSource(StrEnum):
    """Who brought the complaint to the department."""

    worker = "worker"
    family = "family"
    commune = "commune"  # a commune's people's committee or its labour officer
    press = "press"
    other = "other"


class ComplaintStatus(StrEnum):
    open = "open"
    investigating = "investigating"
    resolved = "resolved"
    referred = "referred"  # handed to the authority competent for it


class ComplaintCategory(StrEnum):
    """What the complaint is about: a small set, for the register's counts and filters."""

    fees = "fees"  # service fees (Law 69/2020/QH14 Art. 23), brokerage, deposits
    contract = "contract"  # the contract's terms or how they are kept
    wages = "wages"  # wages and pay abroad
    treatment = "treatment"  # working and living conditions, how the worker is treated
    documents = "documents"  # passports or papers kept, the worker's file
    other = "other"


# Fields a complaint shares between the API and the table, with their limits.
class ComplaintBase(SQLModel):
    agency_id: int | None = Field(default=None, foreign_key="agencies.id")
    received_on: date
    source: ComplaintSource = Field(sa_type=String(16))
    category: ComplaintCategory = Field(default=ComplaintCategory.other, sa_type=String(16))
    summary: str = Field(min_length=1, max_length=5000, sa_type=Text)
    # The complainant: personal data, seen only by officers and inspectors (docs/complaints.md).
    complainant_name: str | None = Field(default=None, max_length=200)
    complainant_phone: str | None = Field(default=None, max_length=20)
    complainant_address: str | None = Field(default=None, max_length=500)
    # The worker concerned, when the registry holds their placement. A placement deleted as
    # entered by mistake leaves the complaint, without the link.
    placement_id: int | None = Field(default=None, foreign_key="placements.id", ondelete="SET NULL")
    # The commune (or other unit) the complaint came from.
    area_code: str | None = Field(default=None, max_length=10)


# A complaint, from its receipt to its resolution or referral.
class Complaint(ComplaintBase, Versioned, table=True):
    __tablename__ = "complaints"
    __audited__ = True
    # Its audit rows hold the complainant's name, phone and address masked (overseas.core.pii).
    __audit_masked__ = True
    __table_args__ = (
        Index("ix_complaints_received", "received_on", "id"),
        Index("ix_complaints_updated", "updated_at", "id"),
        Index("ix_complaints_agency", "agency_id", "status"),
        Index("ix_complaints_status", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    status: ComplaintStatus = Field(default=ComplaintStatus.open, sa_type=String(16))
    # The finding of the triage or the inspection: was the complaint borne out?
    substantiated: bool | None = None
    outcome: str | None = Field(default=None, max_length=5000, sa_type=Text)
    resolved_on: date | None = None
    # The inspection it led to (kind `complaint`), or an inspection of the enterprise it joined.
    inspection_id: int | None = Field(default=None, foreign_key="inspections.id", index=True)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()
