"""Destination markets and their dated records (demand, wages, policy, warnings)."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Index, Numeric, String, Text
from sqlmodel import Field, SQLModel

from overseas.core.db import JSONType
from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field


class Tier(StrEnum):
    priority = "priority"
    potential = "potential"
    standard = "standard"
    suspended = "suspended"


class RecordKind(StrEnum):
    demand = "demand"
    wage = "wage"
    fee_cap = "fee_cap"
    policy = "policy"
    warning = "warning"
    opportunity = "opportunity"
    note = "note"


# Fields a market shares between the API and the table, with their limits; keyed by its
# ISO 3166-1 alpha-2 code.
class MarketBase(SQLModel):
    code: str = Field(primary_key=True, max_length=2)
    name_vi: str = Field(max_length=120)
    name_en: str = Field(max_length=120)
    tier: Tier = Field(default=Tier.standard, sa_type=String(16), index=True)
    programmes: list[str] = Field(default_factory=list, sa_type=JSONType)
    notes: str | None = Field(default=None, sa_type=Text)


# A destination country.
class Market(MarketBase, Versioned, table=True):
    __tablename__ = "markets"
    __audited__ = True

    updated_at: datetime = updated_at_field()
    version: int = version_field()


# Fields a market record shares between the API and the table, with their limits.
class MarketRecordBase(SQLModel):
    kind: RecordKind = Field(sa_type=String(16))
    title: str = Field(max_length=200)
    body: str | None = Field(default=None, sa_type=Text)
    value: Decimal | None = Field(
        default=None, max_digits=20, decimal_places=6, sa_type=Numeric(20, 6)
    )
    unit: str | None = Field(default=None, max_length=40)
    effective_on: date
    source: str | None = Field(default=None, max_length=500)
    public: bool = False


# A dated fact about a market; the latest `wage` record with a VND rate converts salaries.
class MarketRecord(MarketRecordBase, table=True):
    __tablename__ = "market_records"
    __audited__ = True
    __table_args__ = (
        Index("ix_market_records_market_effective", "market_code", "effective_on", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    market_code: str = Field(foreign_key="markets.code", max_length=2)
    created_at: datetime = created_at_field()
