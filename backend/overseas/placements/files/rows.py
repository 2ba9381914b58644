"""The export's rows: read in keyset chunks as plain tuples of the columns the export needs
(SQLAlchemy Core: no ORM object and no API model per row), with what the principal may see
applied by the rules of the single read (reading.to_read): national IDs and phones masked and
no policy groups for the roles that see masked personal data, the flags reading.flags_of shows,
and the home unit with today's units holding its territory (reading.home_of; docs/places.md).

A record is a list in `columns.EXPORT_FIELDS` order of Python values: the stored ones (dates,
`Decimal` amounts, timestamps in UTC), the policy groups and flags as tuples of codes, and the
`Home` in both home-area slots. Each file format writes records its own way (files.exporting).
"""

import json
from collections import namedtuple
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Connection, Engine, Text
from sqlalchemy import cast as sql_cast
from sqlmodel import Session

from overseas.areas import catalog
from overseas.core.bulk import table_of
from overseas.core.pii import mask_national_id, mask_phone
from overseas.core.principal import Principal
from overseas.placements import reading
from overseas.placements.files.columns import EXPORT_FIELDS
from overseas.placements.models import Flag, Placement

# Rows per keyset chunk: what is held in memory at once.
CHUNK = 1000

Record = list[Any]

FIELD = {name: i for i, name in enumerate(EXPORT_FIELDS)}
ID = FIELD["id"]
NATIONAL_ID = FIELD["national_id"]
PREVIOUS_NATIONAL_ID = FIELD["previous_national_id"]
PHONE = FIELD["phone"]
POLICY_GROUPS = FIELD["policy_groups"]
HOME_AREA_NAME = FIELD["home_area_name"]
HOME_AREA_TODAY = FIELD["home_area_today"]
FLAGS = FIELD["flags"]
CREATED_AT = FIELD["created_at"]
UPDATED_AT = FIELD["updated_at"]

_TABLE = table_of(Placement)
# The stored fields come first, in export order (the fields before the home area's name);
# then what the home area and the flags are made from, and the version and timestamps.
_STORED = EXPORT_FIELDS[:HOME_AREA_NAME]
_FLAG_NAMES = tuple(f.value for f in Flag)
# The policy groups as their JSON text: the few distinct lists are parsed once each.
_COLUMNS = (
    *(
        sql_cast(_TABLE.c[name], Text) if name == "policy_groups" else _TABLE.c[name]
        for name in _STORED
    ),
    _TABLE.c.home_area_id,
    *(_TABLE.c[name] for name in _FLAG_NAMES),
    _TABLE.c.version,
    _TABLE.c.created_at,
    _TABLE.c.updated_at,
)
_HOME_ID = len(_STORED)
_FLAGS_FROM = _HOME_ID + 1
_FLAGS_TO = _FLAGS_FROM + len(_FLAG_NAMES)
assert EXPORT_FIELDS[HOME_AREA_NAME:] == (
    "home_area_name",
    "home_area_today",
    "flags",
    "version",
    "created_at",
    "updated_at",
), "rows.py reads the fields after the stored ones in this order"

# A placement's flag columns by name, as reading.flags_of reads them from a placement.
_FlagColumns = namedtuple("_FlagColumns", _FLAG_NAMES)  # type: ignore[misc]

# A cache keyed by stored values stops growing past this many entries (memory stays flat).
_CACHE_LIMIT = 4096


@dataclass(frozen=True)
class Home:
    """The unit a record's home code named and today's units holding its territory."""

    name: str
    today_codes: tuple[str, ...]
    today_names: tuple[str, ...]
    # As the API shows it (schemas.HomeArea), for the NDJSON export.
    read: dict[str, Any]


def decimal_text(value: Decimal) -> str:
    """An amount as the API writes it (schemas.DecimalText): "180000", "1234.5"."""
    return format(value.normalize(), "f")


def utc_text(stamp: datetime) -> str:
    """A UTC timestamp as the API writes it: "2024-01-10T03:04:05.123456Z"."""
    return stamp.isoformat().replace("+00:00", "Z")


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


class Source:
    """What one principal may see of the rows, with the lookups made once per export: the
    home units (the area catalog is in memory), the flag sets and the policy-group lists."""

    def __init__(self, session: Session, principal: Principal) -> None:
        self.principal = principal
        self.masked = reading.masks_pii(principal)
        self.places = catalog.load(session)
        self._homes: dict[int, Home] = {}
        self._flags: dict[tuple[bool, ...], tuple[str, ...]] = {}
        self._groups: dict[str, tuple[str, ...]] = {}

    def home(self, unit_id: int) -> Home:
        home = self._homes.get(unit_id)
        if home is None:
            area = reading.home_of(self.places, unit_id)
            home = self._homes[unit_id] = Home(
                name=area.name,
                today_codes=tuple(u.code for u in area.today),
                today_names=tuple(u.name for u in area.today),
                read=area.model_dump(mode="json"),
            )
        return home

    def flags(self, values: tuple[bool, ...]) -> tuple[str, ...]:
        shown = self._flags.get(values)
        if shown is None:
            placement = cast(Placement, _FlagColumns(*values))
            shown = tuple(f.value for f in reading.flags_of(placement, self.principal))
            self._flags[values] = shown
        return shown

    def groups(self, text: str | None) -> tuple[str, ...] | None:
        if text is None:
            return None
        codes = self._groups.get(text)
        if codes is None:
            if len(self._groups) >= _CACHE_LIMIT:
                self._groups.clear()
            codes = self._groups[text] = tuple(json.loads(text))
        return codes

    def record(self, row: Sequence[Any]) -> Record:
        values = list(row[:_HOME_ID])
        if self.masked:
            values[NATIONAL_ID] = mask_national_id(values[NATIONAL_ID])
            if values[PREVIOUS_NATIONAL_ID]:
                values[PREVIOUS_NATIONAL_ID] = mask_national_id(values[PREVIOUS_NATIONAL_ID])
            values[PHONE] = mask_phone(values[PHONE])
            values[POLICY_GROUPS] = None
        else:
            values[POLICY_GROUPS] = self.groups(values[POLICY_GROUPS])
        home = self.home(row[_HOME_ID])
        values += (home, home, self.flags(tuple(row[_FLAGS_FROM:_FLAGS_TO])), *row[_FLAGS_TO:])
        return values


def chunks(
    bind: Engine | Connection,
    principal: Principal,
    filters: reading.PlacementFilters,
    size: int | None = None,
) -> Iterator[list[Record]]:
    """Every matching placement in id order as records, `size` (CHUNK) at a time: the list's
    filters (reading.filtered), read in keyset chunks, so memory stays flat with the count."""
    size = CHUNK if size is None else size
    # The request's session has committed and closed before a streamed body is sent, so the
    # rows are read with a session of their own (a read-only transaction).
    with Session(bind) as session:
        source = Source(session, principal)
        last = 0
        while True:
            stmt = (
                reading.filtered(session, principal, filters)
                .with_only_columns(*_COLUMNS)
                .where(_TABLE.c.id > last)
                .order_by(_TABLE.c.id)
                .limit(size)
            )
            rows = session.connection().execute(stmt).all()
            if not rows:
                return
            yield [source.record(row) for row in rows]
            last = rows[-1][ID]
