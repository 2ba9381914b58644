"""API shapes for recruitment enterprises."""

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from overseas.agencies.models import AgencyStatus

# Law on Tax Administration 38/2019/QH14: an enterprise's tax code is 10 digits; a branch
# adds a 3-digit suffix ("0101234567-001").
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .-]{6,18}[0-9]$")


def _tax_code(value: str) -> str:
    value = value.strip()
    if not _TAX_CODE.match(value):
        raise ValueError("10 digits, or 10 digits, '-' and 3 digits for a branch")
    return value


def _email(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValueError("not an e-mail address")
    return value


def _phone(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not _PHONE.match(value):
        raise ValueError("not a phone number")
    return value


def _stripped(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


TaxCode = Annotated[str, AfterValidator(_tax_code)]
Email = Annotated[str | None, AfterValidator(_email)]
Phone = Annotated[str | None, AfterValidator(_phone)]
Text = Annotated[str, AfterValidator(_stripped)]


# An enterprise as the API shows it.
class AgencyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    licence_no: str
    name: str
    tax_code: str
    status: AgencyStatus
    licence_issued_on: date | None
    address: str | None
    phone: str | None
    email: str | None
    updated_at: datetime
    version: int


# A newly licensed enterprise.
class AgencyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    licence_no: Annotated[Text, Field(max_length=64)]
    name: Annotated[Text, Field(max_length=300)]
    tax_code: TaxCode
    status: AgencyStatus = AgencyStatus.active
    licence_issued_on: date | None = None
    address: str | None = Field(default=None, max_length=500)
    phone: Phone = None
    email: Email = None


# A change to an enterprise; every field optional.
class AgencyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    licence_no: Annotated[Text | None, Field(max_length=64)] = None
    name: Annotated[Text | None, Field(max_length=300)] = None
    tax_code: TaxCode | None = None
    status: AgencyStatus | None = None
    licence_issued_on: date | None = None
    address: str | None = Field(default=None, max_length=500)
    phone: Phone = None
    email: Email = None


# What the public may know of an enterprise.
class AgencyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    licence_no: str
    name: str
    status: AgencyStatus
