"""A placement as a record: the columns a client sets, by the names the API knows them,
and how two values of a column compare (an unchanged re-send writes nothing)."""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from overseas.core.text import name_sort_key
from overseas.placements import rules
from overseas.placements.models import Placement, PlacementBase
from overseas.placements.schemas import (
    PlacementIn,
)

WORKER_FIELDS = (
    "national_id",
    "previous_national_id",
    "full_name",
    "date_of_birth",
    "sex",
    "home_area_code",
    "phone",
    "policy_groups",
)

# The placement's own fields, as the table and the API share them.
PLACEMENT_FIELDS = tuple(PlacementBase.model_fields)


# The columns a record sets; everything else (ids, flags, stamps) the service derives.
RECORD_FIELDS = WORKER_FIELDS + PLACEMENT_FIELDS


def api_field(column: str) -> str:
    """The name a client knows a column by: worker fields sit under `worker.`."""
    return f"worker.{column}" if column in WORKER_FIELDS else column


def record_from(data: PlacementIn) -> dict[str, Any]:
    """The columns a validated input sets (read from the models' own dicts, where the
    validated fields are kept: a batch reads 28 fields of each of its items)."""
    worker = data.worker.__dict__
    values = {name: worker[name] for name in WORKER_FIELDS}
    values["policy_groups"] = [g.value for g in worker["policy_groups"]]
    fields = data.__dict__
    for name in PLACEMENT_FIELDS:
        values[name] = fields[name]
    return values


def record_of(p: Placement) -> dict[str, Any]:
    return {name: getattr(p, name) for name in RECORD_FIELDS}


def plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def same(a: Any, b: Any) -> bool:
    return bool(plain(a) == plain(b))


# The record fields that hold enum members after validation (stored as their values).
ENUM_FIELDS = ("channel", "sex", "programme", "status")


def derived_columns(full_name: str, national_id: str) -> dict[str, str]:
    """The columns the list sorts and searches by, kept beside the name and the ID."""
    return {"name_key": name_sort_key(full_name), "national_id_reversed": national_id[::-1]}


def column_values(v: dict[str, Any]) -> dict[str, Any]:
    out = {name: v[name] for name in RECORD_FIELDS}
    for name in ENUM_FIELDS:
        value = out[name]
        if isinstance(value, Enum):
            out[name] = value.value
    out["search_name"] = rules.fold(v["full_name"])
    out.update(derived_columns(v["full_name"], v["national_id"]))
    # The unit the home code named on the registration day, found by the rules' check.
    out["home_area_id"] = v["home_area_id"]
    return out


def audit_value(value: Any) -> Any:
    value = plain(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
