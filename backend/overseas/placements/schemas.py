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
    field_validator,
)

from overseas.areas.models import AreaLevel
from overseas.audit.schemas import AuditRead
from overseas.core.errors import invalid
from overseas.core.schemas import READ, Schema, SQLModelConfig, optional
from overseas.core.types import Id
from overseas.placements.models import (
    Channel,
    Flag,
    PlacementBase,
    PolicyGroup,
    Programme,
    Sex,
    Status,
)
from overseas.placements.rules import normalise_name

MAX_BATCH = 5000

_PHONE = re.compile(r"^\+?[0-9]{8,15}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


# `_name`, `_currency` and `_code` also run as field validators before a field's type and limits
# (mode="before"), so that a limit measures the cleaned text; a value of another type passes
# through, for the type to refuse.
def _name(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = normalise_name(value)
    if not value:
        raise invalid("blank", "must not be empty")
    return value


def _optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalise_name(value)
    return value or None


# The separators a phone number may be written with: spaces, dots and hyphens.
_PHONE_SEPARATORS = str.maketrans("", "", " .-")


def _phone(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().translate(_PHONE_SEPARATORS)
    if not value:
        return None
    if not _PHONE.match(value):
        raise invalid("phone_format", "8 to 15 digits, optionally starting with +")
    return value


def _currency(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip().upper()
    if not _CURRENCY.match(value):
        raise invalid("currency_code_format", "an ISO 4217 currency code (three letters)")
    return value


def _code(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _unique_groups(values: list[PolicyGroup]) -> list[PolicyGroup]:
    return list(dict.fromkeys(values))


Name = Annotated[str, AfterValidator(_name), Field(max_length=200)]
Phone = Annotated[str | None, AfterValidator(_phone)]
AreaCode = Annotated[str, BeforeValidator(_code), Field(min_length=1, max_length=10)]
MarketCode = Annotated[str, BeforeValidator(_upper), Field(pattern=r"^[A-Z]{2}$")]
Months = Annotated[int, Field(ge=1, le=120)]
Vnd = Annotated[int, Field(ge=0, le=10**13)]
Salary = Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
Groups = Annotated[list[PolicyGroup], AfterValidator(_unique_groups)]


# The worker as reported for a placement.
class WorkerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    national_id: Annotated[str, BeforeValidator(_code)]
    previous_national_id: Annotated[
        str | None,
        BeforeValidator(_code),
        Field(description="The old identity card's number (9 digits), for the same person"),
    ] = None
    full_name: Name
    date_of_birth: date
    sex: Sex
    home_area_code: AreaCode
    phone: Phone = None
    policy_groups: Groups = []


# A placement as an enterprise or officer sends it (create, batch item, file row).
class PlacementIn(Schema, PlacementBase):
    model_config = SQLModelConfig(extra="forbid")

    agency_id: Id | None = None
    worker: WorkerIn
    market_code: MarketCode
    contract_months: Months
    monthly_salary: Salary
    service_fee_vnd: Vnd | None = None
    deposit_vnd: Vnd | None = None
    loan_vnd: Vnd | None = None
    status: Status = Status.registered
    recruitment_notice_id: Id | None = Field(
        default=None,
        description="The enterprise's acknowledged recruitment notice the worker was recruited "
        "under (docs/notices.md)",
    )

    _check_ref = field_validator("external_ref", mode="before")(_code)
    _check_occupation = field_validator("occupation", mode="before")(_name)
    # After the type and limit: the employer's name is limited as sent, then cleaned.
    _check_employer = field_validator("employer_name")(_optional_text)
    _check_currency = field_validator("salary_currency", mode="before")(_currency)


# A change to a worker's particulars; every field optional.
class WorkerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    national_id: Annotated[str | None, BeforeValidator(_code)] = None
    previous_national_id: Annotated[str | None, BeforeValidator(_code)] = None
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
    external_ref: str | None = optional(PlacementBase, "external_ref")
    channel: Channel | None = None
    worker: WorkerUpdate | None = None
    market_code: MarketCode | None = None
    programme: Programme | None = None
    occupation: str | None = optional(PlacementBase, "occupation")
    employer_name: str | None = optional(PlacementBase, "employer_name")
    contract_months: Months | None = None
    monthly_salary: Salary | None = None
    salary_currency: str | None = optional(PlacementBase, "salary_currency")
    service_fee_vnd: Vnd | None = None
    deposit_vnd: Vnd | None = None
    loan_vnd: Vnd | None = None
    status: Status | None = None
    registered_on: date | None = None
    departure_date: date | None = None
    return_date: date | None = None
    contract_signed_on: date | None = None
    notes: str | None = optional(PlacementBase, "notes")
    recruitment_notice_id: Id | None = None

    _check_ref = field_validator("external_ref", mode="before")(_code)
    _check_occupation = field_validator("occupation", mode="before")(_name)
    _check_employer = field_validator("employer_name")(_optional_text)
    _check_currency = field_validator("salary_currency", mode="before")(_currency)


class UnitRef(BaseModel):
    code: str
    name: str


# The unit a worker's home code named on the registration day, and today's unit(s) holding its
# territory (read-only; docs/places.md).
class HomeArea(BaseModel):
    code: str
    name: str
    level: AreaLevel
    today: list[UnitRef]


# The worker as the API shows it: for viewers and administrators national_id and phone are
# masked and policy_groups is left out (sensitive personal data).
class WorkerRead(BaseModel):
    national_id: str
    previous_national_id: str | None = None
    full_name: str
    date_of_birth: date
    sex: Sex
    home_area_code: str
    home_area: HomeArea
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
class PlacementRead(Schema, PlacementBase):
    model_config = READ

    id: int
    worker: WorkerRead
    monthly_salary: DecimalText
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


# The records a bulk assignment applies to: the list's filters (docs/places.md).
class AssignFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status | None = None
    market_code: Annotated[str | None, Field(max_length=2)] = None
    agency_id: Id | None = None
    channel: Channel | None = None
    home_area_code: Annotated[str | None, Field(max_length=10)] = None
    departed_from: date | None = None
    departed_to: date | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    flag: Flag | None = None
    q: Annotated[str | None, Field(max_length=100)] = None
    unallocated: bool = False


# Give the records a filter finds a commune: each takes the unit with this code on its
# registration day.
class AssignCommuneIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    home_area_code: Annotated[str, Field(min_length=2, max_length=10)]
    filter: AssignFilter


class AssignCommuneResult(BaseModel):
    dry_run: bool
    matched: int
    updated: int


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
