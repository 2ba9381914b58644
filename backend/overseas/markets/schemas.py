"""API shapes for markets and market records."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from overseas.markets.models import RecordKind, Tier

_ISO2 = re.compile(r"^[A-Z]{2}$")


def _iso2(value: str) -> str:
    value = value.strip().upper()
    if not _ISO2.match(value):
        raise ValueError("an ISO 3166-1 alpha-2 code (two letters)")
    return value


def _text(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("must not be empty")
    return value


def _programmes(values: list[str]) -> list[str]:
    cleaned: list[str] = []
    for v in values:
        v = v.strip()
        if not v:
            raise ValueError("programme names must not be empty")
        if v not in cleaned:
            cleaned.append(v)
    return cleaned


MarketCode = Annotated[str, AfterValidator(_iso2)]
Text = Annotated[str, AfterValidator(_text)]
Programmes = Annotated[list[Annotated[str, Field(max_length=40)]], AfterValidator(_programmes)]


# A destination market as the API shows it.
class MarketRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name_vi: str
    name_en: str
    tier: Tier
    programmes: list[str]
    notes: str | None
    updated_at: datetime
    version: int


# A new destination market.
class MarketCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: MarketCode
    name_vi: Annotated[Text, Field(max_length=120)]
    name_en: Annotated[Text, Field(max_length=120)]
    tier: Tier = Tier.standard
    programmes: Programmes = []
    notes: str | None = None


# A change to a market (tier, programmes, notes); every field optional.
class MarketUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_vi: Annotated[Text | None, Field(max_length=120)] = None
    name_en: Annotated[Text | None, Field(max_length=120)] = None
    tier: Tier | None = None
    programmes: Programmes | None = None
    notes: str | None = None


# A dated market record as the API shows it.
class MarketRecordRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    market_code: str
    kind: RecordKind
    title: str
    body: str | None
    value: Decimal | None
    unit: str | None
    effective_on: date
    source: str | None
    public: bool
    created_at: datetime


# A new record about a market (demand, a wage or exchange rate, a policy, a warning...).
class MarketRecordCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: RecordKind
    title: Annotated[Text, Field(max_length=200)]
    body: str | None = None
    value: Decimal | None = Field(default=None, max_digits=20, decimal_places=6)
    unit: str | None = Field(default=None, max_length=40)
    effective_on: date
    source: str | None = Field(default=None, max_length=500)
    public: bool = False


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
