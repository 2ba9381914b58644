"""The law as dated rows with their sources (docs/law.md): the caps on what a worker may be
charged, and the days the government swaps each year (a working Saturday for a bridge day
off)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field


# What a working-day change says, shared by the table and the API.
class WorkingDayBase(SQLModel):
    day: date = Field(primary_key=True)
    working: bool
    note: str = Field(max_length=300)
    source: str = Field(max_length=300)


class WorkingDay(WorkingDayBase, table=True):
    __tablename__ = "working_day_changes"
    __audited__ = True

    created_at: datetime = created_at_field()


# A cap's key: the rule in force on a day is the most specific row valid then ("*" matches any).
class CapKey(SQLModel):
    market_code: str = Field(max_length=2, description='A market code, or "*" for any')
    programme: str = Field(default="*", max_length=16, description='A programme, or "*"')
    channel: str = Field(default="*", max_length=24, description='A channel, or "*"')
    valid_from: date
    valid_to: date | None = None
    note: str = Field(default="", max_length=1000)
    source: str = Field(min_length=1, max_length=300)


# The service fee a worker may be charged: months of salary per 12 months of contract, at most
# a number of months (Law 69/2020/QH14 Art. 23; market tables of the ministry's circulars).
class FeeCapBase(CapKey):
    cap_months_per_12: Decimal = Field(ge=0, le=12, max_digits=5, decimal_places=2)
    cap_months_max: Decimal = Field(ge=0, le=12, max_digits=5, decimal_places=2)


class FeeCapRule(FeeCapBase, Versioned, table=True):
    __tablename__ = "fee_caps"
    __audited__ = True

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# The deposit a worker may be asked for, in VND; an empty cap: no known cap (Decree
# 112/2021/NĐ-CP Art. 29, App. II; Korea's EPS by the intergovernmental agreement, Art. 33).
class DepositCapBase(CapKey):
    cap_vnd: int | None = Field(default=None, ge=0, le=10**12, sa_type=BigInteger)


class DepositCapRule(DepositCapBase, Versioned, table=True):
    __tablename__ = "deposit_caps"
    __audited__ = True

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# An act the decree sanctions, with its fine range (Decree 283/2026/NĐ-CP Chapter IV,
# Art. 49-53, in force from 2026-09-10). `fine_basis` says whom the printed amounts are for: an
# organisation pays twice an individual's amount (Art. 7(1)). `confirmed` stays false until an
# administrator has checked the row against the signed text.
class ViolationTypeBase(SQLModel):
    article: str = Field(max_length=4)
    clause: str = Field(max_length=4)
    point: str = Field(default="", max_length=4)
    applies_to: str = Field(max_length=24)
    title_vi: str = Field(min_length=1, max_length=400)
    title_en: str = Field(default="", max_length=400)
    fine_min_vnd: int | None = Field(default=None, ge=0, le=10**10, sa_type=BigInteger)
    fine_max_vnd: int = Field(ge=0, le=10**10, sa_type=BigInteger)
    fine_basis: str = Field(max_length=16)
    per_worker_max_vnd: int | None = Field(default=None, ge=0, le=10**10, sa_type=BigInteger)
    additional_sanctions: str = Field(default="", max_length=500)
    remedies: str = Field(default="", max_length=1000)
    valid_from: date
    valid_to: date | None = None
    source: str = Field(min_length=1, max_length=300)
    confirmed: bool = False


class ViolationType(ViolationTypeBase, Versioned, table=True):
    __tablename__ = "violation_types"
    __audited__ = True

    code: str = Field(primary_key=True, max_length=24)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# Who may fine how much in this field (Decree 283/2026/NĐ-CP Art. 55-62): the most one
# authority may fine one individual for one violation; an organisation's cap is twice that
# (Art. 63(1)). `scope` lists the provisions an authority may sanction when Art. 63 limits it
# (police, border guard, diplomatic missions); empty: all of Chapter IV.
class SanctionPowerBase(SQLModel):
    authority_vi: str = Field(min_length=1, max_length=400)
    authority_en: str = Field(default="", max_length=400)
    max_fine_vnd: int = Field(ge=0, le=10**10, sa_type=BigInteger)
    article: str = Field(max_length=4)
    scope: str = Field(default="", max_length=500)
    valid_from: date
    valid_to: date | None = None
    source: str = Field(min_length=1, max_length=300)
    confirmed: bool = False


class SanctionPower(SanctionPowerBase, Versioned, table=True):
    __tablename__ = "sanction_powers"
    __audited__ = True

    code: str = Field(primary_key=True, max_length=24)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()
