"""Targets (a number of departures for an area, a span of years and optionally a market) and
the departure tallies that progress is counted from."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Text
from sqlmodel import Field, SQLModel

from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field


# Fields a target shares between the API and the table, with their limits.
class TargetBase(SQLModel):
    name: str = Field(min_length=1, max_length=200)
    area_code: str = Field(min_length=1, max_length=10, index=True)
    year_from: int
    year_to: int
    market_code: str | None = Field(default=None, foreign_key="markets.code", max_length=2)
    value: int
    notes: str | None = Field(default=None, max_length=2000, sa_type=Text)


# A target: unique per area, span and market (a null market is "all markets").
class Target(TargetBase, Versioned, table=True):
    __tablename__ = "targets"
    __audited__ = True
    __table_args__ = (
        Index(
            "uq_targets_area_span_market",
            "area_code",
            "year_from",
            "year_to",
            "market_code",
            unique=True,
            postgresql_nulls_not_distinct=True,
        ),
        CheckConstraint("year_from <= year_to", name="ck_targets_span"),
        CheckConstraint("value >= 0", name="ck_targets_value"),
    )

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()
