"""The coded CSV export on PostgreSQL: the database writes the file's rows itself (`COPY (SELECT
...) TO STDOUT`, CSV), each field as files.exporting writes it, so that no row passes through
Python. The SELECT is the list's filtered query (reading.filtered) with each exported field as
the expression that writes it the way the export does:

- what the principal may see, by the rules of the single read (reading.to_read): national IDs
  and phones masked by the masks of core.pii (their SQL form), no policy groups for the roles
  that see masked data, the flags reading.flags_of shows;
- text defused like columns.defuse, an empty text written as nothing (as Python's csv writes
  it: PostgreSQL would write "" for it); codes (channels, statuses, policy groups, flags...)
  start with a letter and are written as they are;
- dates ISO, amounts as the API writes them, timestamps in UTC as "...T03:04:05.123456Z";
- the policy groups, flags and today's units joined with ';', the home unit's name and today's
  units from the area catalog (in memory: written and defused once per unit, and passed to
  the query as one JSON document).

Python's csv module ends a row with CRLF and PostgreSQL with LF: the LFs outside quoted fields
become CRLF on the way out. The result is the file the Core path writes, byte for byte (a test
compares the two)."""

import csv
import io
import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Text,
    case,
    cast,
    func,
    literal,
    literal_column,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from overseas.areas import catalog
from overseas.core.bulk import table_of
from overseas.core.db import today
from overseas.core.pii import NATIONAL_ID_MASK, PHONE_MASK
from overseas.core.principal import Principal
from overseas.placements import reading
from overseas.placements.files.columns import BOM, CHUNK_BYTES, COLUMNS, FORMULA_START, defuse
from overseas.placements.files.rows import Source
from overseas.placements.models import Flag, Placement

_TABLE = table_of(Placement)
_KINDS = {c.name: c.kind for c in COLUMNS}
_MASKS = {
    "national_id": NATIONAL_ID_MASK,
    "previous_national_id": NATIONAL_ID_MASK,
    "phone": PHONE_MASK,
}
# A timestamp in UTC as the API writes it: microseconds only when there are some.
_STAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
# The code points a formula starts with (columns.FORMULA_START: one character each).
_FORMULA_CODES = [ord(start) for start in FORMULA_START]


def supported(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "postgresql" and bind.dialect.driver == "psycopg"


def _defused(text: ColumnElement[Any]) -> ColumnElement[Any]:
    # ascii() is the code point of the first character (0 for an empty text).
    formula = func.ascii(text).in_(_FORMULA_CODES)
    return case((formula, literal("'", Text) + text), else_=func.nullif(text, ""))


def _stamp(column: ColumnElement[Any]) -> ColumnElement[Any]:
    utc = func.to_char(func.timezone("UTC", column), _STAMP_FORMAT)
    return func.replace(utc, ".000000Z", "Z")


def _groups() -> ColumnElement[Any]:
    # The groups are codes (schemas.PolicyGroup: letters and underscores, never a formula):
    # the JSON text '["poor_household", "land_recovered"]' less brackets, quotes and spaces.
    codes = func.translate(cast(_TABLE.c.policy_groups, Text), '[]" ', "")
    return func.nullif(func.replace(codes, ",", ";"), "")


def _flags(source: Source) -> ColumnElement[Any]:
    # The flags' codes start with a letter: nothing to defuse.
    shown = source.flags(tuple(True for _ in Flag))
    return func.nullif(func.concat_ws(";", *(case((_TABLE.c[f], f)) for f in shown)), "")


def _field(name: str, source: Source, homes: ColumnElement[Any]) -> ColumnElement[Any]:
    kind = _KINDS.get(name)
    if kind == "enum":
        # A code of its enum (schemas.PlacementRead reads no other): never a formula.
        return _TABLE.c[name]
    if kind in ("text", "national_id", "phone"):
        column: ColumnElement[Any] = _TABLE.c[name]
        if source.masked and name in _MASKS:
            column = literal_column(_MASKS[name].sql(f"placements.{name}"), Text)
        return _defused(column)
    if kind == "date":
        return _TABLE.c[name]  # ISO: the export sets DateStyle for its transaction
    if kind == "decimal":
        return cast(func.trim_scale(_TABLE.c[name]), Text)
    if kind == "groups":
        return _groups()
    home_id = cast(_TABLE.c.home_area_id, Text)
    match name:
        case "home_area_name":
            return func.jsonb_extract_path_text(homes, home_id, "0")
        case "home_area_today":
            return func.jsonb_extract_path_text(homes, home_id, "1")
        case "flags":
            return _flags(source)
        case "created_at" | "updated_at":
            return _stamp(_TABLE.c[name])
    return _TABLE.c[name]  # a number, written as it is


def _written(text: str) -> str | None:
    return defuse(text) if text else None


# The last catalog's homes as JSON, with the day that says which units are today's.
_homes_of: tuple[catalog.Catalog, date, str] | None = None


def _homes(source: Source) -> str:
    """Each unit's name and today's units by unit id, written and defused here, once for
    the catalog and the day (the catalog is read again when the areas change)."""
    global _homes_of
    day = today()
    kept = _homes_of
    if kept is not None and kept[0] is source.places and kept[1] == day:
        return kept[2]
    places = {
        str(unit): [_written(home.name), _written(";".join(home.today_codes))]
        for unit in source.places.units
        for home in (source.home(unit),)
    }
    text = json.dumps(places, ensure_ascii=False)
    _homes_of = (source.places, day, text)
    return text


class _Lines:
    """LF ends a row outside a quoted field: CRLF instead, as Python's csv module writes."""

    def __init__(self) -> None:
        self.quoted = False

    def __call__(self, data: bytes) -> bytes:
        parts = data.split(b'"')
        for i in range(1 if self.quoted else 0, len(parts), 2):
            parts[i] = parts[i].replace(b"\n", b"\r\n")
        if len(parts) % 2 == 0:
            self.quoted = not self.quoted
        return b'"'.join(parts)


def csv_chunks(
    bind: Engine | Connection,
    principal: Principal,
    filters: reading.PlacementFilters,
    names: Sequence[str],
) -> Iterator[bytes]:
    """The coded CSV of the matching placements in id order, streamed from COPY."""
    head = io.StringIO()
    head.write(BOM)
    csv.writer(head).writerow(names)
    with Session(bind) as session:
        source = Source(session, principal)
        homes = cast(literal(_homes(source), Text), JSONB)
        stmt = (
            reading.filtered(session, principal, filters)
            .with_only_columns(*(_field(name, source, homes) for name in names))
            .order_by(_TABLE.c.id)
        )
        connection = session.connection()
        compiled = stmt.compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        params = dict(compiled.params)
        for name, bound in compiled.binds.items():
            process = bound.type.bind_processor(connection.dialect)
            if process is not None and name in params:
                params[name] = process(params[name])
        driver = connection.connection.driver_connection
        assert driver is not None
        yield head.getvalue().encode()
        lines = _Lines()
        buffer = bytearray()
        with driver.cursor() as cursor:
            # For this export's transaction only: UTF-8, and dates as YYYY-MM-DD (the ISO
            # style, which the driver needs anyway to read timestamps).
            if driver.info.encoding != "utf-8":
                cursor.execute("SET LOCAL client_encoding TO 'UTF8'")
            cursor.execute("SET LOCAL DateStyle TO 'ISO'")
            with cursor.copy(f"COPY ({compiled.string}) TO STDOUT (FORMAT csv)", params) as copy:
                for data in copy:
                    buffer += data
                    if len(buffer) >= CHUNK_BYTES:
                        yield lines(bytes(buffer))
                        buffer.clear()
        yield lines(bytes(buffer))
