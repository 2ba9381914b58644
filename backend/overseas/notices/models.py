"""Recruitment notices and the units they name (docs/notices.md)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from overseas.core.db import JSONType
from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field

MAX_QUOTA = 100_000
MAX_AREAS = 200


class NoticeStatus(StrEnum):
    submitted = "submitted"
    acknowledged = "acknowledged"
    rejected = "rejected"
    withdrawn = "withdrawn"


# Fields a notice shares between the API and the table, with their limits: what the enterprise
# tells the department before recruiting (the market, the work, how many workers, the supply
# contract approved for it, the period and the communes it recruits in).
class RecruitmentNoticeBase(SQLModel):
    market_code: str = Field(foreign_key="markets.code", max_length=2)
    occupation: str = Field(min_length=1, max_length=200)
    quota: int = Field(ge=1, le=MAX_QUOTA)
    approved_contract_no: str = Field(min_length=1, max_length=100)
    period_from: date
    period_to: date
    # The communes (or the province itself) it recruits in, by code: a bare code names the
    # newest unit with it (docs/places.md).
    area_codes: list[str] = Field(default_factory=list, sa_type=JSONType)


# One notice, from filing to the department's answer.
class RecruitmentNotice(RecruitmentNoticeBase, Versioned, table=True):
    __tablename__ = "recruitment_notices"
    __audited__ = True
    __table_args__ = (
        Index("ix_recruitment_notices_agency", "agency_id", "id"),
        Index("ix_recruitment_notices_status", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agencies.id")
    status: NoticeStatus = Field(default=NoticeStatus.submitted, sa_type=String(16))
    rejection_reason: str | None = Field(default=None, max_length=1000, sa_type=Text)
    acknowledged_on: date | None = None
    # Who acknowledged or rejected it.
    decided_by: str | None = Field(default=None, max_length=160)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# The units a notice names, by id: what the public list filters by commune on. Derived from
# `area_codes` (audited with the notice) and written with it.
class RecruitmentNoticeArea(SQLModel, table=True):
    __tablename__ = "recruitment_notice_areas"

    notice_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("recruitment_notices.id", ondelete="CASCADE"), primary_key=True
        )
    )
    area_id: int = Field(foreign_key="areas.id", primary_key=True, index=True)
