"""API shapes for the legal rules: the caps and the working calendar."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from overseas.core.errors import invalid
from overseas.core.schemas import READ, Schema
from overseas.core.types import Ratio
from overseas.law.models import (
    DepositCapBase,
    FeeCapBase,
    SanctionPowerBase,
    ViolationTypeBase,
    WorkingDayBase,
)


class WorkingDayCreate(Schema, WorkingDayBase):
    pass


class WorkingDayRead(WorkingDayBase):
    model_config = READ

    created_at: datetime


def _period(data: Any) -> Any:
    start, end = getattr(data, "valid_from", None), getattr(data, "valid_to", None)
    if start is not None and end is not None and end < start:
        raise invalid(
            "before_field", "valid_to is before valid_from", field="valid_to", other="valid_from"
        )
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


# Who an act of the decree applies to (Art. 49-53; `training_enterprise` is the `internship`
# channel's enterprise) and whom its printed amounts are for (Art. 7(1)).
AppliesTo = Literal[
    "service_enterprise", "contract_winner", "outbound_investor", "training_enterprise",
    "worker", "any",
]  # fmt: skip
FineBasis = Literal["organisation", "individual"]


def _fines(data: Any) -> Any:
    low, high = getattr(data, "fine_min_vnd", None), getattr(data, "fine_max_vnd", None)
    if low is not None and high is not None and low > high:
        raise invalid(
            "above_field",
            "fine_min_vnd is above fine_max_vnd",
            field="fine_min_vnd",
            other="fine_max_vnd",
        )
    return _period(data)


class ViolationTypeCreate(Schema, ViolationTypeBase):
    code: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,23}$")]
    applies_to: AppliesTo
    fine_basis: FineBasis

    _check = model_validator(mode="after")(_fines)


class ViolationTypeRead(ViolationTypeBase):
    model_config = READ

    code: str
    version: int
    updated_at: datetime


# A correction or the check against the signed text (`confirmed`), or the row's end.
class ViolationTypeUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title_vi: Annotated[str | None, Field(min_length=1, max_length=400)] = None
    title_en: Annotated[str | None, Field(max_length=400)] = None
    fine_min_vnd: Annotated[int | None, Field(ge=0, le=10**10)] = None
    fine_max_vnd: Annotated[int | None, Field(ge=0, le=10**10)] = None
    fine_basis: FineBasis | None = None
    per_worker_max_vnd: Annotated[int | None, Field(ge=0, le=10**10)] = None
    additional_sanctions: Annotated[str | None, Field(max_length=500)] = None
    remedies: Annotated[str | None, Field(max_length=1000)] = None
    valid_to: date | None = None
    source: Annotated[str | None, Field(min_length=1, max_length=300)] = None
    confirmed: bool | None = None


class SanctionPowerCreate(Schema, SanctionPowerBase):
    code: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,23}$")]

    _period = model_validator(mode="after")(_period)


class SanctionPowerRead(SanctionPowerBase):
    model_config = READ

    code: str
    version: int
    updated_at: datetime


# A correction, the check against the signed text (`confirmed`), or the power's end.
class SanctionPowerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    authority_vi: Annotated[str | None, Field(min_length=1, max_length=400)] = None
    authority_en: Annotated[str | None, Field(max_length=400)] = None
    max_fine_vnd: Annotated[int | None, Field(ge=0, le=10**10)] = None
    scope: Annotated[str | None, Field(max_length=500)] = None
    valid_to: date | None = None
    source: Annotated[str | None, Field(min_length=1, max_length=300)] = None
    confirmed: bool | None = None
