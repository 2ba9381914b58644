"""API shapes for placements: one worker going abroad under one contract."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SkipValidation,
)

from overseas.audit.schemas import AuditRead
from overseas.core.types import Id
from overseas.placements.models import Channel, Flag, PolicyGroup, Programme, Sex, Status
from overseas.placements.rules import normalise_name

MAX_BATCH = 5000

_PHONE = re.compile(r"^\+?[0-9]{8,15}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _name(value: str) -> str:
    value = normalise_name(value)
    if not value:
        raise ValueError("must not be empty")
    return value


def _optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalise_name(value)
    return value or None


def _phone(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"[ .-]", "", value.strip())
    if not value:
        return None
    if not _PHONE.match(value):
        raise ValueError("8 to 15 digits, optionally starting with +")
    return value


def _currency(value: str) -> str:
    value = value.strip().upper()
    if not _CURRENCY.match(value):
        raise ValueError("an ISO 4217 currency code (three letters)")
    return value


def _code(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _unique_groups(values: list[PolicyGroup]) -> list[PolicyGroup]:
    return list(dict.fromkeys(values))


Name = Annotated[str, AfterValidator(_name), Field(max_length=200)]
OptionalText = Annotated[str | None, AfterValidator(_optional_text)]
Phone = Annotated[str | None, AfterValidator(_phone)]
Currency = Annotated[str, AfterValidator(_currency)]
AreaCode = Annotated[str, BeforeValidator(_code), Field(min_length=1, max_length=10)]
MarketCode = Annotated[str, BeforeValidator(_upper), Field(pattern=r"^[A-Z]{2}$")]
Vnd = Annotated[int, Field(ge=0, le=10**13)]
Salary = Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
ExternalRef = Annotated[str, BeforeValidator(_code), Field(min_length=1, max_length=64)]
Groups = Annotated[list[PolicyGroup], AfterValidator(_unique_groups)]


# The worker as reported for a placement.
class WorkerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    national_id: Annotated[str, BeforeValidator(_code)]
    full_name: Name
    date_of_birth: date
    sex: Sex
    home_area_code: AreaCode
    phone: Phone = None
    policy_groups: Groups = []


# A placement as an enterprise or officer sends it (create, batch item, file row).
class PlacementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency_id: Id | None = None
    external_ref: ExternalRef | None = None
    channel: Channel
    worker: WorkerIn
    market_code: MarketCode
    programme: Programme | None = None
    occupation: Name
    employer_name: OptionalText = Field(default=None, max_length=300)
    contract_months: int = Field(ge=1, le=120)
    monthly_salary: Salary
    salary_currency: Currency
    service_fee_vnd: Vnd | None = None
    deposit_vnd: Vnd | None = None
    loan_vnd: Vnd | None = None
    status: Status = Status.registered
    registered_on: date
    departure_date: date | None = None
    return_date: date | None = None
    notes: str | None = Field(default=None, max_length=2000)


# A change to a worker's particulars; every field optional.
class WorkerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    national_id: Annotated[str | None, BeforeValidator(_code)] = None
    full_name: Name | None = None
    date_of_birth: date | None = None
    sex: Sex | None = None
    home_area_code: AreaCode | None = None
    phone: Phone = None
    policy_groups: Groups | None = None


# A change to a placement; every field optional. Status moves forward only (see transitions).
class PlacementUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency_id: Id | None = None
    external_ref: ExternalRef | None = None
    channel: Channel | None = None
    worker: WorkerUpdate | None = None
    market_code: MarketCode | None = None
    programme: Programme | None = None
    occupation: Name | None = None
    employer_name: OptionalText = Field(default=None, max_length=300)
    contract_months: int | None = Field(default=None, ge=1, le=120)
    monthly_salary: Salary | None = None
    salary_currency: Currency | None = None
    service_fee_vnd: Vnd | None = None
    deposit_vnd: Vnd | None = None
    loan_vnd: Vnd | None = None
    status: Status | None = None
    registered_on: date | None = None
    departure_date: date | None = None
    return_date: date | None = None
    notes: str | None = Field(default=None, max_length=2000)


# The worker as the API shows it: for viewers and administrators national_id and phone are
# masked and policy_groups is left out (sensitive personal data).
class WorkerRead(BaseModel):
    national_id: str
    full_name: str
    date_of_birth: date
    sex: Sex
    home_area_code: str
    phone: str | None
    policy_groups: list[PolicyGroup] | None = Field(
        default=None,
        exclude_if=lambda groups: groups is None,
        description="Left out for the roles that see masked personal data",
    )


def _decimal_text(value: Decimal) -> str:
    # "180000", not "180000.00" or "1.8E+5": the amount as the sender wrote it.
    return format(value.normalize(), "f")


DecimalText = Annotated[Decimal, PlainSerializer(_decimal_text, return_type=str)]


# A placement as the API shows it.
class PlacementRead(BaseModel):
    id: int
    agency_id: int | None
    external_ref: str | None
    channel: Channel
    worker: WorkerRead
    market_code: str
    programme: Programme | None
    occupation: str
    employer_name: str | None
    contract_months: int
    monthly_salary: DecimalText
    salary_currency: str
    service_fee_vnd: int | None
    deposit_vnd: int | None
    loan_vnd: int | None
    status: Status
    registered_on: date
    departure_date: date | None
    return_date: date | None
    notes: str | None
    flags: list[Flag]
    version: int
    created_at: datetime
    updated_at: datetime


# A status change: `on` becomes the departure or return date where it is one.
class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status
    on: date
    reason: str | None = Field(default=None, max_length=500)


# One entry of a placement's status history.
class HistoryEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    status: Status
    on: date
    reason: str | None
    actor: str
    at: datetime


class History(BaseModel):
    items: list[HistoryEntry]


# A batch of placements to create or update, matched on (agency_id, external_ref). Items are
# checked one by one by the service, so that every bad row is reported at once.
class PlacementBatch(BaseModel):
    items: Annotated[list[SkipValidation[PlacementIn]], Field(min_length=1, max_length=MAX_BATCH)]


class BatchItemResult(BaseModel):
    index: int
    external_ref: str | None
    id: int | None
    result: Literal["created", "updated", "unchanged"]


# What a batch or a file import did (or, with dry_run, would do).
class BatchResult(BaseModel):
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    items: list[BatchItemResult]


# A person's request about their own data, by national ID (in the body, never in a URL).
class PersonRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    national_id: Annotated[str, BeforeValidator(_code), Field(min_length=9, max_length=12)]


# A correction a person asked for, applied to every placement of theirs.
class PersonCorrection(PersonRequest):
    reason: Annotated[str, Field(min_length=3, max_length=500)]
    changes: WorkerUpdate


class PersonPlacement(BaseModel):
    placement: PlacementRead
    history: list[HistoryEntry]
    audit: list[AuditRead]


# Everything the registry holds about one person.
class PersonData(BaseModel):
    worker_id: int
    national_id: str
    registered_at: datetime
    placements: list[PersonPlacement]
