"""API shapes for markets and market records."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from overseas.core.errors import invalid
from overseas.core.schemas import READ, Schema, SQLModelConfig, optional
from overseas.markets.models import MarketBase, MarketRecordBase, RecordKind, Tier

_ISO2 = re.compile(r"^[A-Z]{2}$")

# The checks below run before a field's type and limits (mode="before"), so that a length limit
# measures the cleaned text; a value of another type passes through, for the type to refuse.


def _iso2(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip().upper()
    if not _ISO2.match(value):
        raise invalid("country_code_format", "an ISO 3166-1 alpha-2 code (two letters)")
    return value


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    if not value:
        raise invalid("blank", "must not be empty")
    return value


def _programmes(values: list[str]) -> list[str]:
    cleaned: list[str] = []
    for v in values:
        v = v.strip()
        if not v:
            raise invalid("blank", "programme names must not be empty")
        if v not in cleaned:
            cleaned.append(v)
    return cleaned


# The programmes a market runs, as the API takes them: names of 40 characters at most, trimmed,
# each once.
Programmes = Annotated[list[Annotated[str, Field(max_length=40)]], AfterValidator(_programmes)]


# A destination market as the API shows it.
class MarketRead(Schema, MarketBase):
    model_config = READ

    updated_at: datetime
    version: int


# A new destination market.
class MarketCreate(Schema, MarketBase):
    model_config = SQLModelConfig(extra="forbid")

    programmes: Programmes = []

    _check_code = field_validator("code", mode="before")(_iso2)
    _check_names = field_validator("name_vi", "name_en", mode="before")(_text)


# A change to a market (tier, programmes, notes); every field optional.
class MarketUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_vi: str | None = optional(MarketBase, "name_vi")
    name_en: str | None = optional(MarketBase, "name_en")
    tier: Tier | None = None
    programmes: Programmes | None = None
    notes: str | None = None

    _check_names = field_validator("name_vi", "name_en", mode="before")(_text)


# A dated market record as the API shows it.
class MarketRecordRead(Schema, MarketRecordBase):
    model_config = READ

    id: int
    market_code: str
    created_at: datetime


# A new record about a market (demand, a wage or exchange rate, a policy, a warning...).
class MarketRecordCreate(Schema, MarketRecordBase):
    model_config = SQLModelConfig(extra="forbid")

    _check_title = field_validator("title", mode="before")(_text)


# A market record as the public sees it.
class PublicMarketRecord(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: RecordKind
    title: str
    body: str | None
    value: Decimal | None
    unit: str | None
    effective_on: date
    source: str | None


# A market with its public records (no login).
class PublicMarket(BaseModel):
    code: str
    name_vi: str
    name_en: str
    tier: Tier
    programmes: list[str]
    records: list[PublicMarketRecord]
