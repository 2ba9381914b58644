"""Planning a write: every record of a batch checked against the registry with one query per
kind of lookup, and matched with the stored placement it would update."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import and_, or_
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency
from overseas.areas import catalog
from overseas.core.bulk import in_values, table_of
from overseas.core.errors import (
    Fault,
    FieldError,
    ValidationFailed,
    fault,
    field_error_from_pydantic,
)
from overseas.core.principal import Principal
from overseas.law import calendar as work_calendar
from overseas.law import caps
from overseas.markets import service as markets
from overseas.markets.models import Market
from overseas.notices import service as notices
from overseas.placements.models import Placement
from overseas.placements.record import RECORD_FIELDS, record_from, same
from overseas.placements.references import Lookups, check_references
from overseas.placements.rules import check_record
from overseas.placements.schemas import (
    PlacementIn,
)


def load_lookups(session: Session, records: Iterable[dict[str, Any]]) -> Lookups:
    records = list(records)
    market_codes = {r["market_code"] for r in records}
    agency_ids = {r["agency_id"] for r in records if r["agency_id"] is not None}
    known_markets = set(
        session.exec(select(Market.code).where(col(Market.code).in_(market_codes))).all()
    )
    agencies = dict(
        session.exec(select(Agency.id, Agency.status).where(col(Agency.id).in_(agency_ids))).all()
    )
    rates = markets.exchange_rates(session, market_codes)
    notice_ids = {r["recruitment_notice_id"] for r in records if r["recruitment_notice_id"]}
    return Lookups(
        catalog.load(session),
        known_markets,
        agencies,  # type: ignore[arg-type]
        rates,
        work_calendar.load(session),
        caps.load(session),
        notices.lookups(session, notice_ids),
    )


@dataclass
class Planned:
    index: int
    values: dict[str, Any]
    existing: Placement | None
    result: str = "created"


def find_existing(
    session: Session, records: Sequence[dict[str, Any]], *, lock: bool = True
) -> dict[tuple[int | None, str], Any]:
    """The stored placements the records would update, as Core rows (attribute access like
    the ORM class, without its per-object cost), locked until the transaction ends."""
    refs: dict[int | None, set[str]] = defaultdict(set)
    for r in records:
        if r["external_ref"]:
            refs[r["agency_id"]].add(r["external_ref"])
    if not refs:
        return {}
    table = table_of(Placement)
    conditions = [
        and_(
            table.c.agency_id == agency_id
            if agency_id is not None
            else table.c.agency_id.is_(None),
            in_values(session, table.c.external_ref, sorted(wanted)),
        )
        for agency_id, wanted in refs.items()
    ]
    stmt = core_select(table).where(or_(*conditions))
    if lock and session.get_bind().dialect.name == "postgresql":
        # In id order, so that two batches lock the rows they share in the same order. Not on
        # SQLite (one writer at a time, no row locks): the order would lead it to walk the
        # enterprise's every placement by (agency_id, id) instead of looking up the keys.
        stmt = stmt.order_by(table.c.id).with_for_update()
    rows = session.connection().execute(stmt).all()
    return {(row.agency_id, row.external_ref): row for row in rows}


_ITEMS = TypeAdapter(list[PlacementIn])
REF_REQUIRED = fault("required", "required in a batch (the key to create or update by)")


def parse_items(
    raw_items: Sequence[Any], principal: Principal
) -> tuple[list[tuple[int, dict[str, Any]]], list[FieldError]]:
    """Validate each item on its own, so that every bad row is reported at once."""
    parsed: list[tuple[int, dict[str, Any]]] = []
    errors: list[FieldError] = []
    try:
        # The usual case, every item valid: one call validates the whole list.
        items = _ITEMS.validate_python(raw_items)
    except ValidationError:
        pass
    else:
        for index, item in enumerate(items):
            values = record_from(item)
            if principal.is_agency:
                values["agency_id"] = principal.agency_id
            parsed.append((index, values))
        return parsed, errors
    for index, raw in enumerate(raw_items):
        ref = raw.get("external_ref") if isinstance(raw, dict) else None
        ref = str(ref) if ref is not None else None
        try:
            item = PlacementIn.model_validate(raw)
        except ValidationError as exc:
            for e in exc.errors():
                error = field_error_from_pydantic(e, loc=tuple(e["loc"]) or ("item",))
                errors.append(error.model_copy(update={"index": index, "external_ref": ref}))
            continue
        values = record_from(item)
        if principal.is_agency:
            values["agency_id"] = principal.agency_id
        parsed.append((index, values))
    return parsed, errors


def plan(
    session: Session,
    parsed: Sequence[tuple[int, dict[str, Any]]],
    *,
    require_ref: bool,
    allow_update: bool = True,
) -> tuple[list[Planned], list[FieldError], Lookups]:
    records = [v for _, v in parsed]
    lookups = load_lookups(session, records)
    existing_by_key = find_existing(session, records) if allow_update else {}
    errors: list[FieldError] = []
    planned: list[Planned] = []
    seen_refs: dict[tuple[int | None, str], int] = {}
    for index, v in parsed:
        ref = v["external_ref"]
        found: list[tuple[str, Fault]] = []
        key = (v["agency_id"], ref)
        if require_ref and not ref:
            found.append(("external_ref", REF_REQUIRED))
        if ref:
            if key in seen_refs:
                first = seen_refs[key]
                said = fault("repeated", f"repeats the item at index {first}", index=first)
                found.append(("external_ref", said))
            seen_refs[key] = index
        existing = existing_by_key.get(key) if ref else None
        found += check_record(v)
        found += check_references(v, lookups, existing)
        for field_name, said in found:
            errors.append(FieldError.at(field_name, said, index=index, external_ref=ref))
        item = Planned(index, v, existing)
        if existing is not None:
            item.result = "updated" if changes(existing, v) else "unchanged"
        planned.append(item)
    return planned, errors, lookups


def plan_holds(
    session: Session,
    parsed: Sequence[tuple[int, dict[str, Any]]],
    planned: Sequence[Planned],
    errors: Sequence[FieldError],
    lookups: Lookups,
) -> bool:
    """Whether a plan made from `parsed` in an earlier transaction still stands: the registry
    holds the same lookups and the same stored placements (every column) for the records'
    keys, so `plan` would come to the same plan and the same errors now."""
    records = [v for _, v in parsed]
    if load_lookups(session, records) != lookups:
        return False
    was = {
        (p.values["agency_id"], p.values["external_ref"]): p.existing
        for p in planned
        if p.existing is not None
    }
    return find_existing(session, records) == was


def changes(stored: Any, values: dict[str, Any]) -> bool:
    """Whether a record differs from the stored placement in a field a client sets: a record
    re-sent unchanged writes nothing. Equal values are the same (an enum equals its value,
    decimals compare by amount), so only the fields that differ are compared through `same`."""
    for name in RECORD_FIELDS:
        stored_value, value = getattr(stored, name), values[name]
        if stored_value != value and not same(stored_value, value):
            return True
    return False


def raise_single(errors: list[FieldError]) -> None:
    for e in errors:
        e.index = None
        e.external_ref = None
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
    raise ValidationFailed(detail, errors=errors)


def plan_change(
    session: Session, placement: Placement, values: dict[str, Any]
) -> tuple[Planned, Lookups]:
    planned_one = Planned(0, values, placement)
    planned_one.result = "updated" if changes(placement, values) else "unchanged"
    lookups = load_lookups(session, [values])
    errors = [
        FieldError.at(f, said)
        for f, said in check_record(values) + check_references(values, lookups, placement)
    ]
    if errors:
        raise_single(errors)
    return planned_one, lookups
