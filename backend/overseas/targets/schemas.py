"""API shapes for targets and progress."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from overseas.core.errors import invalid
from overseas.core.schemas import READ, Schema, SQLModelConfig, optional
from overseas.core.types import Ratio
from overseas.targets.models import TargetBase

YEAR_MIN, YEAR_MAX = 2000, 2100
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
Value = Annotated[int, Field(ge=0, le=10_000_000)]


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


# Runs before the field's type and limits (mode="before"): the limits measure the cleaned text.
def _text(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


MarketCode = Annotated[str, BeforeValidator(_upper), Field(pattern=r"^[A-Z]{2}$")]


# A target as the API shows it.
class TargetRead(Schema, TargetBase):
    model_config = READ

    id: int
    version: int
    updated_at: datetime


# A new target: departures for an area over a span of years, optionally for one market.
class TargetCreate(Schema, TargetBase):
    model_config = SQLModelConfig(extra="forbid")

    year_from: Year
    year_to: Year
    market_code: MarketCode | None = None
    value: Value

    _check_text = field_validator("name", "area_code", mode="before")(_text)

    # On the field, not the model, so that the 422 names `year_to` rather than the body.
    @field_validator("year_to")
    @classmethod
    def _span(cls, year_to: int, info: ValidationInfo) -> int:
        year_from = info.data.get("year_from")
        if year_from is not None and year_to < year_from:
            raise invalid("before_field", "is before year_from", other="year_from")
        return year_to


# A change to a target; every field optional.
class TargetUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = optional(TargetBase, "name")
    area_code: str | None = optional(TargetBase, "area_code")
    year_from: Year | None = None
    year_to: Year | None = None
    market_code: MarketCode | None = None
    value: Value | None = None
    notes: str | None = optional(TargetBase, "notes")

    _check_text = field_validator("name", "area_code", mode="before")(_text)


By = Literal["year", "area", "commune", "market", "channel", "agency", "sex", "policy_group"]


# Where a span is heading at the pace so far, and the pace it needs.
class Projection(BaseModel):
    expected_at_end: int | None = Field(
        description="Departures at the end of the span if the yearly pace so far holds"
    )
    required_per_year: int | None = Field(
        description="Departures each remaining year of the span (this one included) must bring "
        "to meet the target"
    )


# One row of a breakdown; `key` is null on the row of records not allocated to a commune.
class ProgressRow(BaseModel):
    key: str | None
    label: str
    target: int | None
    actual: int
    percent: Ratio | None


# Departures against the target for an area and span, with one breakdown.
class Progress(BaseModel):
    area_code: str
    area_name: str = Field(
        description="The area as reports name it: a former province by the unit that holds it "
        'today, e.g. "Thành phố Đà Nẵng (địa bàn tỉnh Quảng Nam cũ)"'
    )
    year_from: int
    year_to: int
    market_code: str | None
    by: By | None
    target: int | None
    actual: int
    percent: Ratio | None
    projection: Projection
    rows: list[ProgressRow]
