"""Administrative units, with validity dates and successors so that records made under the
districts abolished in 2025 still roll up to the units that replaced them."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import String, UniqueConstraint
from sqlmodel import Field, SQLModel

from overseas.core.models import Versioned, updated_at_field, version_field


class AreaLevel(StrEnum):
    province = "province"
    district = "district"
    commune = "commune"


# Fields an area shares between the API and the table, with their limits. A unit is a code
# AND a validity period: since the 2025 reform most commune codes were kept by a new, larger
# unit (20242 is Phường Phước Ninh until 2025-06-30 and Phường Hải Châu from 2025-07-01), so
# a code and a date name exactly one unit (docs/places.md).
class AreaBase(SQLModel):
    code: str = Field(max_length=10, index=True)
    name: str = Field(max_length=200)
    level: AreaLevel = Field(sa_type=String(16), index=True)
    # The code of the unit it lies in, during its own period.
    parent_code: str | None = Field(default=None, index=True, max_length=10)
    valid_from: date | None = None
    valid_to: date | None = None
    # The unit that took it whole, when there is one (the full succession: area_successions).
    successor_code: str | None = Field(default=None, max_length=10)


# An administrative unit in one period of its existence.
class Area(AreaBase, Versioned, table=True):
    __tablename__ = "areas"
    __audited__ = True
    __table_args__ = (UniqueConstraint("code", "valid_from", name="uq_areas_code_valid_from"),)

    id: int | None = Field(default=None, primary_key=True)
    # The name folded for search: lower case, no diacritics, "hoà" and "hòa" alike.
    search_name: str = Field(max_length=200)
    updated_at: datetime = updated_at_field()
    version: int = version_field()


class SuccessionPart(StrEnum):
    whole = "whole"
    part = "part"


# Which unit took the territory of which, wholly or in part (one split: Xã Hòa Liên).
class AreaSuccession(SQLModel, table=True):
    __tablename__ = "area_successions"

    old_id: int = Field(foreign_key="areas.id", primary_key=True)
    new_id: int = Field(foreign_key="areas.id", primary_key=True, index=True)
    part: SuccessionPart = Field(default=SuccessionPart.whole, sa_type=String(8))
