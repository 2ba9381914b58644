"""API shapes for administrative units."""

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from overseas.areas.models import AreaLevel

# GSO codes: 2 digits for a province, 3 for a district, 5 for a commune.
_CODE = re.compile(r"^\d{2,5}$")


def _code(value: str) -> str:
    value = value.strip()
    if not _CODE.match(value):
        raise ValueError("an official unit code: 2 to 5 digits")
    return value


def _name(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("must not be empty")
    return value


AreaCode = Annotated[str, AfterValidator(_code)]
Name = Annotated[str, AfterValidator(_name), Field(max_length=200)]


# An administrative unit as the API shows it.
class AreaRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    level: AreaLevel
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None
    successor_code: str | None
    updated_at: datetime
    version: int


# A new administrative unit (for instance a commune created by a reform).
class AreaCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: AreaCode
    name: Name
    level: AreaLevel
    parent_code: AreaCode | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    successor_code: AreaCode | None = None


# A change to a unit: renamed, dissolved (valid_to) or merged into a successor.
class AreaUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    parent_code: AreaCode | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    successor_code: AreaCode | None = None
