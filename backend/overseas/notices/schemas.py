"""API shapes for recruitment notices (docs/notices.md)."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from overseas.core.schemas import READ, Schema, SQLModelConfig, optional
from overseas.core.types import Id
from overseas.notices.models import MAX_AREAS, NoticeStatus, RecruitmentNoticeBase


def _stripped(value: Any) -> Any:
    # Single spaces, no blank ends; a value of another type passes on for its type to refuse.
    return " ".join(value.split()) if isinstance(value, str) else value


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


AreaCode = Annotated[str, BeforeValidator(_stripped), Field(min_length=1, max_length=10)]
AreaCodes = Annotated[
    list[AreaCode], Field(min_length=1, max_length=MAX_AREAS), AfterValidator(_unique)
]
MarketCode = Annotated[str, BeforeValidator(_upper), Field(pattern=r"^[A-Z]{2}$")]


# A notice as an enterprise files it (an officer filing one that came on paper names the
# enterprise; an enterprise's own is always its own).
class NoticeCreate(Schema, RecruitmentNoticeBase):
    model_config = SQLModelConfig(extra="forbid")

    agency_id: Id | None = Field(
        default=None, description="The enterprise (officers only; an enterprise files its own)"
    )
    market_code: MarketCode
    area_codes: AreaCodes

    _check_text = field_validator("occupation", "approved_contract_no", mode="before")(_stripped)


# A change to a notice; every field optional. `status` moves it on: an officer acknowledges
# or rejects (with `rejection_reason`), the enterprise withdraws.
class NoticeUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    market_code: MarketCode | None = None
    occupation: str | None = optional(RecruitmentNoticeBase, "occupation")
    quota: int | None = optional(RecruitmentNoticeBase, "quota")
    approved_contract_no: str | None = optional(RecruitmentNoticeBase, "approved_contract_no")
    period_from: date | None = None
    period_to: date | None = None
    area_codes: AreaCodes | None = None
    status: NoticeStatus | None = None
    rejection_reason: Annotated[str | None, Field(max_length=1000)] = None

    _check_text = field_validator(
        "occupation", "approved_contract_no", "rejection_reason", mode="before"
    )(_stripped)


# A notice as the API shows it.
class NoticeRead(Schema, RecruitmentNoticeBase):
    model_config = READ

    id: int
    agency_id: int
    status: NoticeStatus
    rejection_reason: str | None
    acknowledged_on: date | None
    decided_by: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class PublicArea(BaseModel):
    code: str
    name: str


# What anyone may know of an acknowledged notice: who recruits, for what, how many, when and
# where (no person's data).
class NoticePublic(BaseModel):
    id: int
    agency_name: str
    licence_no: str
    market_code: str
    market_name: str
    occupation: str
    quota: int
    period_from: date
    period_to: date
    areas: list[PublicArea]
    acknowledged_on: date | None
