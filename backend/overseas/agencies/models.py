"""Licensed recruitment enterprises."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field


class AgencyStatus(StrEnum):
    active = "active"
    suspended = "suspended"
    revoked = "revoked"


# Fields an enterprise shares between the API and the table, with their limits.
class AgencyBase(SQLModel):
    licence_no: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=300)
    tax_code: str = Field(max_length=14, index=True)
    status: AgencyStatus = Field(default=AgencyStatus.active, sa_type=String(16), index=True)
    licence_issued_on: date | None = None
    address: str | None = Field(default=None, max_length=500)
    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=254)
    # Head office outside the province: it reports to its own province's department, so it
    # owes this one no reports (docs/obligations.md).
    reports_elsewhere: bool = False


# An enterprise licensed to send workers abroad (Law 69/2020/QH14 Art. 10).
class Agency(AgencyBase, Versioned, table=True):
    __tablename__ = "agencies"
    __audited__ = True

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()
