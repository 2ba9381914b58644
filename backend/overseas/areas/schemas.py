"""API shapes for administrative units."""

import re
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from overseas.areas.models import AreaBase, SuccessionPart
from overseas.core.errors import invalid
from overseas.core.schemas import READ, Schema, SQLModelConfig, optional

# GSO codes: 2 digits for a province, 3 for a district, 5 for a commune.
_CODE = re.compile(r"^\d{2,5}$")

# The checks below run before a field's type and limits (mode="before"), so that a length limit
# measures the cleaned text; a value of another type passes through, for the type to refuse.


def _code(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not _CODE.match(value):
        raise invalid("area_code_format", "an official unit code: 2 to 5 digits")
    return value


def _name(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    if not value:
        raise invalid("blank", "must not be empty")
    return value


# A unit that a unit took territory from, wholly or in part.
class Predecessor(BaseModel):
    code: str
    valid_to: date | None
    part: SuccessionPart


# A unit that took a unit's territory, wholly or in part.
class Successor(BaseModel):
    code: str
    valid_from: date | None
    part: SuccessionPart


# An administrative unit in one period, with what preceded and succeeded it.
class AreaRead(Schema, AreaBase):
    model_config = READ

    updated_at: datetime
    version: int
    predecessors: list[Predecessor] = []
    successors: list[Successor] = []


# A new administrative unit (for instance a commune created by a reform).
class AreaCreate(Schema, AreaBase):
    model_config = SQLModelConfig(extra="forbid")

    _check_code = field_validator("code", "parent_code", "successor_code", mode="before")(_code)
    _check_name = field_validator("name", mode="before")(_name)


# A change to a unit: renamed, dissolved (valid_to) or merged into a successor.
class AreaUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = optional(AreaBase, "name")
    parent_code: str | None = optional(AreaBase, "parent_code")
    valid_from: date | None = None
    valid_to: date | None = None
    successor_code: str | None = optional(AreaBase, "successor_code")

    _check_code = field_validator("parent_code", "successor_code", mode="before")(_code)
    _check_name = field_validator("name", mode="before")(_name)
