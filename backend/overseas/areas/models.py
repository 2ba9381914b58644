"""Administrative units, with validity dates and successors so that records made under the
districts abolished in 2025 still roll up to the units that replaced them."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from overseas.core.models import Versioned, updated_at_field, version_field


class AreaLevel(StrEnum):
    province = "province"
    district = "district"
    commune = "commune"


# Fields an area shares between the API and the table, with their limits; keyed by its
# official (GSO) code.
class AreaBase(SQLModel):
    code: str = Field(primary_key=True, max_length=10)
    name: str = Field(max_length=200)
    level: AreaLevel = Field(sa_type=String(16), index=True)
    parent_code: str | None = Field(
        default=None, foreign_key="areas.code", index=True, max_length=10
    )
    valid_from: date | None = None
    valid_to: date | None = None
    successor_code: str | None = Field(
        default=None, foreign_key="areas.code", index=True, max_length=10
    )


# An administrative unit.
class Area(AreaBase, Versioned, table=True):
    __tablename__ = "areas"
    __audited__ = True

    updated_at: datetime = updated_at_field()
    version: int = version_field()
