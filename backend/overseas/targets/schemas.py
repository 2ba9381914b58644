"""API shapes for targets and progress."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

YEAR_MIN, YEAR_MAX = 2000, 2100
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


def _text(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


MarketCode = Annotated[str, BeforeValidator(_upper), Field(pattern=r"^[A-Z]{2}$")]
Name = Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=200)]


# A target as the API shows it.
class TargetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    area_code: str
    year_from: int
    year_to: int
    market_code: str | None
    value: int
    notes: str | None
    version: int
    updated_at: datetime


# A new target: departures for an area over a span of years, optionally for one market.
class TargetCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    area_code: Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=10)]
    year_from: Year
    year_to: Year
    market_code: MarketCode | None = None
    value: int = Field(ge=0, le=10_000_000)
    notes: str | None = Field(default=None, max_length=2000)

    # On the field, not the model, so that the 422 names `year_to` rather than the body.
    @field_validator("year_to")
    @classmethod
    def _span(cls, year_to: int, info: ValidationInfo) -> int:
        year_from = info.data.get("year_from")
        if year_from is not None and year_to < year_from:
            raise ValueError("is before year_from")
        return year_to


# A change to a target; every field optional.
class TargetUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    area_code: Annotated[str | None, BeforeValidator(_text), Field(max_length=10)] = None
    year_from: Year | None = None
    year_to: Year | None = None
    market_code: MarketCode | None = None
    value: int | None = Field(default=None, ge=0, le=10_000_000)
    notes: str | None = Field(default=None, max_length=2000)


By = Literal["year", "area", "market", "channel", "agency", "sex", "policy_group"]


# Where a span is heading at the pace so far, and the pace it needs.
class Projection(BaseModel):
    expected_at_end: int | None = Field(
        description="Departures at the end of the span if the yearly pace so far holds"
    )
    required_per_year: int | None = Field(
        description="Departures each remaining year of the span (this one included) must bring "
        "to meet the target"
    )


class ProgressRow(BaseModel):
    key: str
    label: str
    target: int | None
    actual: int
    percent: Decimal | None


# Departures against the target for an area and span, with one breakdown.
class Progress(BaseModel):
    area_code: str
    year_from: int
    year_to: int
    market_code: str | None
    by: By | None
    target: int | None
    actual: int
    percent: Decimal | None
    projection: Projection
    rows: list[ProgressRow]
