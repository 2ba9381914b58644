"""API shapes for recruitment enterprises."""

import re
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from overseas.agencies.models import AgencyBase, AgencyStatus
from overseas.core.errors import invalid
from overseas.core.schemas import READ, Schema, SQLModelConfig, optional

# Law on Tax Administration 38/2019/QH14: an enterprise's tax code is 10 digits; a branch
# adds a 3-digit suffix ("0101234567-001").
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .-]{6,18}[0-9]$")

# The checks below run before a field's type and limits (mode="before"), so that a length limit
# measures the trimmed text; a value of another type passes through, for the type to refuse.


def _tax_code(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not _TAX_CODE.match(value):
        raise invalid("tax_code_format", "10 digits, or 10 digits, '-' and 3 digits for a branch")
    return value


def _email(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not _EMAIL.match(value):
        raise invalid("email_format", "not an e-mail address")
    return value


def _phone(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not _PHONE.match(value):
        raise invalid("phone_format", "not a phone number")
    return value


def _stripped(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not value:
        raise invalid("blank", "must not be empty")
    return value


# An enterprise as the API shows it.
class AgencyRead(Schema, AgencyBase):
    model_config = READ

    id: int
    updated_at: datetime
    version: int


# A newly licensed enterprise.
class AgencyCreate(Schema, AgencyBase):
    model_config = SQLModelConfig(extra="forbid")

    _check_text = field_validator("licence_no", "name", mode="before")(_stripped)
    _check_tax_code = field_validator("tax_code", mode="before")(_tax_code)
    _check_phone = field_validator("phone", mode="before")(_phone)
    _check_email = field_validator("email", mode="before")(_email)


# A change to an enterprise; every field optional.
class AgencyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    licence_no: str | None = optional(AgencyBase, "licence_no")
    name: str | None = optional(AgencyBase, "name")
    tax_code: str | None = optional(AgencyBase, "tax_code")
    status: AgencyStatus | None = None
    licence_issued_on: date | None = None
    address: str | None = optional(AgencyBase, "address")
    phone: str | None = optional(AgencyBase, "phone")
    email: str | None = optional(AgencyBase, "email")
    reports_elsewhere: bool | None = None

    _check_text = field_validator("licence_no", "name", mode="before")(_stripped)
    _check_tax_code = field_validator("tax_code", mode="before")(_tax_code)
    _check_phone = field_validator("phone", mode="before")(_phone)
    _check_email = field_validator("email", mode="before")(_email)


# What the public may know of an enterprise.
class AgencyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    licence_no: str
    name: str
    status: AgencyStatus
