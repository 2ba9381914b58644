"""API shapes for the legal rules: the caps and the working calendar."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from overseas.core.schemas import READ, Schema
from overseas.core.types import Ratio
from overseas.law.models import DepositCapBase, FeeCapBase, WorkingDayBase


class WorkingDayCreate(Schema, WorkingDayBase):
    pass


class WorkingDayRead(WorkingDayBase):
    model_config = READ

    created_at: datetime


def _period(data: Any) -> Any:
    start, end = getattr(data, "valid_from", None), getattr(data, "valid_to", None)
    if start is not None and end is not None and end < start:
        raise ValueError("valid_to is before valid_from")
    return data


class FeeCapCreate(Schema, FeeCapBase):
    _period = model_validator(mode="after")(_period)


class DepositCapCreate(Schema, DepositCapBase):
    _period = model_validator(mode="after")(_period)


class RuleState(BaseModel):
    id: int
    version: int
    updated_at: datetime
    # How many placements' flags the row changed when it was written (absent on reads).
    flags_changed: int | None = Field(default=None, exclude_if=lambda v: v is None)


class FeeCapRead(RuleState, FeeCapBase):
    model_config = READ

    cap_months_per_12: Ratio
    cap_months_max: Ratio


class DepositCapRead(RuleState, DepositCapBase):
    model_config = READ


# A change to a rule row: its period (to end it when the law changes), note and source, its
# cap. The key (market, programme, channel) is not changed: end the row and add another.
class CapUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    valid_from: date | None = None
    valid_to: date | None = None
    note: Annotated[str | None, Field(max_length=1000)] = None
    source: Annotated[str | None, Field(min_length=1, max_length=300)] = None


class FeeCapUpdate(CapUpdate):
    cap_months_per_12: Annotated[
        Decimal | None, Field(ge=0, le=12, max_digits=5, decimal_places=2)
    ] = None
    cap_months_max: Annotated[
        Decimal | None, Field(ge=0, le=12, max_digits=5, decimal_places=2)
    ] = None


class DepositCapUpdate(CapUpdate):
    cap_vnd: Annotated[int | None, Field(ge=0, le=10**12)] = None
