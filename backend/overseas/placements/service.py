"""The worker registry: every query and rule application for placements.

One path writes placements: `plan` checks a list of records (lookups once per batch, one query
per kind), and `write` applies the plan with bulk statements. The single-record endpoints,
the batch and the file import all go through it, so they cannot disagree.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import DateTime, Integer, String, and_, bindparam, or_, text, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency, AgencyStatus
from overseas.areas.models import Area
from overseas.areas.service import AreaTree
from overseas.audit import service as audit
from overseas.audit.models import AuditLog
from overseas.core.bulk import allocate_ids, bulk_insert, in_values, table_of
from overseas.core.config import get_settings
from overseas.core.db import LOCAL_ZONE, today, utcnow
from overseas.core.errors import (
    Conflict,
    FieldError,
    InvalidTransition,
    NotFound,
    PreconditionFailed,
    ValidationFailed,
)
from overseas.core.pagination import PageParams, paginate
from overseas.core.pii import mask_changes, mask_national_id, mask_phone
from overseas.core.principal import Principal, Role
from overseas.core.retry import with_retries
from overseas.markets.models import Market, MarketRecord, RecordKind
from overseas.placements import rules, tallies
from overseas.placements.models import Channel, Flag, Placement, PlacementEvent, Status, Worker
from overseas.placements.schemas import (
    BatchItemResult,
    BatchResult,
    PlacementIn,
    PlacementRead,
    PlacementUpdate,
    TransitionIn,
    WorkerRead,
)

WORKER_FIELDS = (
    "national_id",
    "full_name",
    "date_of_birth",
    "sex",
    "home_area_code",
    "phone",
    "policy_groups",
)
PLACEMENT_FIELDS = (
    "agency_id",
    "external_ref",
    "channel",
    "market_code",
    "programme",
    "occupation",
    "employer_name",
    "contract_months",
    "monthly_salary",
    "salary_currency",
    "service_fee_vnd",
    "deposit_vnd",
    "loan_vnd",
    "status",
    "registered_on",
    "departure_date",
    "return_date",
    "notes",
)
# The columns a record sets; everything else (ids, flags, stamps) the service derives.
RECORD_FIELDS = WORKER_FIELDS + PLACEMENT_FIELDS
FLAG_COLUMNS = tuple(f.value for f in Flag)


def api_field(column: str) -> str:
    """The name a client knows a column by: worker fields sit under `worker.`."""
    return f"worker.{column}" if column in WORKER_FIELDS else column


# ---------------------------------------------------------------------------------- reading


# Personal data protection (Law 91/2025/QH15, Decree 356/2025): viewers and administrators
# see national IDs and phones masked and no policy groups (ethnicity and poverty status are
# sensitive data); everybody else who may read a placement needs them in full.
MASKED_ROLES = frozenset({Role.viewer, Role.admin})


def masks_pii(principal: Principal) -> bool:
    return principal.role in MASKED_ROLES


def flags_of(p: Placement, principal: Principal) -> list[Flag]:
    """The flags a principal may see: a possible duplicate is the department's to settle, and
    telling an enterprise would tell it that another enterprise holds the same worker."""
    hidden = Flag.possible_duplicate if principal.is_agency else None
    return [f for f in Flag if f != hidden and getattr(p, f.value)]


def to_read(p: Placement, principal: Principal, *, full: bool = False) -> PlacementRead:
    """The placement as this principal may see it; `full` for a person's own data request."""
    assert p.id is not None
    mask = masks_pii(principal) and not full
    return PlacementRead(
        id=p.id,
        agency_id=p.agency_id,
        external_ref=p.external_ref,
        channel=p.channel,
        worker=WorkerRead(
            national_id=mask_national_id(p.national_id) if mask else p.national_id,
            full_name=p.full_name,
            date_of_birth=p.date_of_birth,
            sex=p.sex,
            home_area_code=p.home_area_code,
            phone=mask_phone(p.phone) if mask else p.phone,
            policy_groups=None if mask else p.policy_groups,
        ),
        market_code=p.market_code,
        programme=p.programme,
        occupation=p.occupation,
        employer_name=p.employer_name,
        contract_months=p.contract_months,
        monthly_salary=p.monthly_salary,
        salary_currency=p.salary_currency,
        service_fee_vnd=p.service_fee_vnd,
        deposit_vnd=p.deposit_vnd,
        loan_vnd=p.loan_vnd,
        status=p.status,
        registered_on=p.registered_on,
        departure_date=p.departure_date,
        return_date=p.return_date,
        notes=p.notes,
        flags=flags_of(p, principal),
        version=p.version,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def audit_pii_read(session: Session, principal: Principal, ids: Sequence[int | None]) -> None:
    """Every read of workers' records leaves a trace, whoever reads (Law 91/2025/QH15; see
    docs/security.md): one row per page or record, naming the placements read."""
    if ids:
        audit.record(
            session,
            "read_pii",
            "placements",
            str(ids[0]) if len(ids) == 1 else "list",
            {"ids": [i for i in ids if i is not None]},
        )


def get_visible(
    session: Session, principal: Principal, placement_id: int, *, for_update: bool = False
) -> Placement:
    """A placement the principal may see; another enterprise's answers 404.

    `for_update` locks the row until the transaction ends and reads it afresh, so that a
    write checks `If-Match` and the allowed transitions against the version it will change:
    two requests racing on one placement then run one after the other."""
    if for_update:
        stmt = (
            select(Placement)
            .where(Placement.id == placement_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        placement = session.exec(stmt).first()
    else:
        placement = session.get(Placement, placement_id)
    if placement is None or (principal.is_agency and placement.agency_id != principal.agency_id):
        raise NotFound(f"no placement with id {placement_id}")
    return placement


@dataclass
class PlacementFilters:
    status: Status | None = None
    market_code: str | None = None
    agency_id: int | None = None
    channel: Channel | None = None
    home_area_code: str | None = None
    departed_from: date | None = None
    departed_to: date | None = None
    flag: Flag | None = None
    q: str | None = None
    updated_since: datetime | None = None


def check_filters(principal: Principal, f: PlacementFilters) -> None:
    """Filters a principal may not use answer 422 before anything is read (an export checks
    them before its streamed answer starts)."""
    q = (f.q or "").strip()
    # Searching by the start of an ID would let a masked role recover the digits it may not
    # see, one at a time: it finds a person only by the complete number.
    if q.isdigit() and masks_pii(principal) and len(q) not in rules.NATIONAL_ID_LENGTHS:
        raise ValidationFailed.one(
            "q", "search by a complete national ID (12 digits, or 9 for an old ID)"
        )
    if f.flag == Flag.possible_duplicate and principal.is_agency:
        raise ValidationFailed.one(
            "flag", "possible duplicates are settled by the department and not shown to enterprises"
        )


def _filtered(session: Session, principal: Principal, f: PlacementFilters) -> Any:
    check_filters(principal, f)
    stmt = select(Placement)
    if principal.is_agency:
        stmt = stmt.where(Placement.agency_id == principal.agency_id)
    if f.agency_id is not None:
        stmt = stmt.where(Placement.agency_id == f.agency_id)
    if f.status:
        stmt = stmt.where(Placement.status == f.status)
    if f.market_code:
        stmt = stmt.where(Placement.market_code == f.market_code.upper())
    if f.channel:
        stmt = stmt.where(Placement.channel == f.channel)
    if f.home_area_code:
        codes = AreaTree.load(session).within(f.home_area_code.strip())
        stmt = stmt.where(col(Placement.home_area_code).in_(sorted(codes)))
    if f.departed_from:
        stmt = stmt.where(col(Placement.departure_date) >= f.departed_from)
    if f.departed_to:
        stmt = stmt.where(col(Placement.departure_date) <= f.departed_to)
    if f.flag:
        # The bare column (not "IS true") matches the partial index's predicate.
        stmt = stmt.where(col(getattr(Placement, f.flag.value)))
    if f.q:
        q = f.q.strip()
        if q.isdigit() and masks_pii(principal):
            stmt = stmt.where(Placement.national_id == q)
        elif q.isdigit():
            stmt = stmt.where(col(Placement.national_id).startswith(q))
        else:
            # % and _ are the user's characters, not LIKE's wildcards.
            stmt = stmt.where(col(Placement.search_name).contains(rules.fold(q), autoescape=True))
    if f.updated_since:
        # A feed stops short of the last few seconds: a transaction that stamped its rows
        # before committing must not land behind a cursor that has already moved on.
        settled = utcnow() - timedelta(seconds=get_settings().sync_settle_seconds)
        stmt = stmt.where(
            col(Placement.updated_at) >= f.updated_since, col(Placement.updated_at) < settled
        )
    return stmt


def list_placements(
    session: Session, principal: Principal, params: PageParams, filters: PlacementFilters
) -> tuple[list[Placement], str | None, int | None]:
    stmt = _filtered(session, principal, filters)
    if filters.updated_since:
        order = [col(Placement.updated_at), col(Placement.id)]
        return paginate(session, stmt, order, params, order_name="updated")
    return paginate(session, stmt, [col(Placement.id)], params)


def iter_placements(
    session: Session, principal: Principal, filters: PlacementFilters, chunk: int = 1000
) -> Iterator[Placement]:
    """Every matching placement in id order, fetched in keyset chunks (memory stays flat)."""
    last = 0
    while True:
        stmt = (
            _filtered(session, principal, filters)
            .where(col(Placement.id) > last)
            .order_by(col(Placement.id))
            .limit(chunk)
        )
        rows = list(session.exec(stmt).all())
        if not rows:
            return
        yield from rows
        # Forget what was read (memory stays flat) without touching the caller's pending work.
        for row in rows:
            session.expunge(row)
        last = rows[-1].id


def history(session: Session, placement: Placement) -> list[PlacementEvent]:
    return list(
        session.exec(
            select(PlacementEvent)
            .where(PlacementEvent.placement_id == placement.id)
            .order_by(col(PlacementEvent.id))
        ).all()
    )


# ---------------------------------------------------------------------------------- writing


def record_from(data: PlacementIn) -> dict[str, Any]:
    """The columns a validated input sets."""
    worker = data.worker
    values = {name: getattr(worker, name) for name in WORKER_FIELDS}
    values["policy_groups"] = [g.value for g in worker.policy_groups]
    for name in PLACEMENT_FIELDS:
        values[name] = getattr(data, name)
    return values


def record_of(p: Placement) -> dict[str, Any]:
    return {name: getattr(p, name) for name in RECORD_FIELDS}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _same(a: Any, b: Any) -> bool:
    return bool(_plain(a) == _plain(b))


def check_record(v: dict[str, Any]) -> list[tuple[str, str]]:
    """Rules across fields; (api field, message) for each broken one."""
    errors: list[tuple[str, str]] = []
    status = Status(v["status"])
    born: date = v["date_of_birth"]
    problem = rules.check_national_id(v["national_id"], v["sex"], born)
    if problem:
        errors.append(("worker.national_id", problem))
    if born >= v["registered_on"]:
        errors.append(("worker.date_of_birth", "must be before registered_on"))
    # Law 69/2020/QH14 Art. 44(1)(a): at least 18 when leaving (or when registering, before).
    age_day = v["departure_date"] or v["registered_on"]
    if rules.age_on(born, age_day) < rules.MINIMUM_AGE:
        errors.append(
            ("worker.date_of_birth", f"the worker is under {rules.MINIMUM_AGE} on {age_day}")
        )
    departure, returned = v["departure_date"], v["return_date"]
    if status in rules.DEPARTED_STATUSES and departure is None:
        errors.append(("departure_date", f"required when the status is {status.value}"))
    if status in rules.RETURNED_STATUSES and returned is None:
        errors.append(("return_date", f"required when the status is {status.value}"))
    if returned is not None and status not in rules.RETURNED_STATUSES:
        errors.append(("return_date", f"only for returned placements, not {status.value}"))
    if departure is not None and departure < v["registered_on"]:
        errors.append(("departure_date", "is before registered_on"))
    if departure is not None and returned is not None and returned < departure:
        errors.append(("return_date", "is before departure_date"))
    if status in rules.DEPARTED_STATUSES and departure is not None and departure > today():
        errors.append(("departure_date", "is in the future for a worker who has left"))
    if returned is not None and returned > today():
        errors.append(("return_date", "is in the future"))
    if v["registered_on"] > today():
        errors.append(("registered_on", "is in the future"))
    # Law 69/2020/QH14 Art. 5: every channel but direct contracts and public units goes
    # through a licensed enterprise.
    if v["agency_id"] is None and Channel(v["channel"]) not in rules.CHANNELS_WITHOUT_AGENCY:
        errors.append(("agency_id", f"required for the {v['channel']} channel"))
    return errors


@dataclass
class Lookups:
    """Everything a batch checks against, loaded with one query per kind."""

    areas: set[str]
    markets: set[str]
    agencies: dict[int, str]
    rates: dict[tuple[str, str], Decimal]


def load_lookups(session: Session, records: Iterable[dict[str, Any]]) -> Lookups:
    records = list(records)
    area_codes = {r["home_area_code"] for r in records}
    market_codes = {r["market_code"] for r in records}
    agency_ids = {r["agency_id"] for r in records if r["agency_id"] is not None}
    areas = set(session.exec(select(Area.code).where(col(Area.code).in_(area_codes))).all())
    markets = set(session.exec(select(Market.code).where(col(Market.code).in_(market_codes))).all())
    agencies = dict(
        session.exec(select(Agency.id, Agency.status).where(col(Agency.id).in_(agency_ids))).all()
    )
    return Lookups(areas, markets, agencies, exchange_rates(session, market_codes))  # type: ignore[arg-type]


def exchange_rates(session: Session, market_codes: Iterable[str]) -> dict[tuple[str, str], Decimal]:
    """The latest rate per market and currency: a `wage` market record whose unit is
    "VND/<currency>" and whose value is the VND for one unit."""
    rows = session.exec(
        select(col(MarketRecord.market_code), col(MarketRecord.unit), col(MarketRecord.value))
        .where(
            col(MarketRecord.market_code).in_(set(market_codes)),
            MarketRecord.kind == RecordKind.wage,
            col(MarketRecord.unit).startswith("VND/"),
            col(MarketRecord.value).is_not(None),
        )
        .order_by(col(MarketRecord.effective_on), col(MarketRecord.id))
    ).all()
    rates: dict[tuple[str, str], Decimal] = {}
    for market_code, unit, value in rows:
        if unit and value is not None and value > 0:
            rates[(market_code, unit.removeprefix("VND/").strip().upper())] = value
    return rates


def check_references(
    v: dict[str, Any], lookups: Lookups, existing: Placement | None
) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    if v["home_area_code"] not in lookups.areas:
        errors.append(("worker.home_area_code", f"no area with code '{v['home_area_code']}'"))
    if v["market_code"] not in lookups.markets:
        errors.append(("market_code", f"no market with code '{v['market_code']}'"))
    agency_id = v["agency_id"]
    if agency_id is not None:
        status = lookups.agencies.get(agency_id)
        if status is None:
            errors.append(("agency_id", f"no enterprise with id {agency_id}"))
        elif existing is None and status != AgencyStatus.active:
            # Law 69/2020/QH14 Art. 12: a suspended or revoked licence sends nobody new.
            errors.append(("agency_id", f"the enterprise's licence is {status}"))
    if existing is not None and not rules.can_move(existing.status, v["status"]):
        errors.append(("status", f"cannot go from {existing.status} to {_plain(v['status'])}"))
    return errors


@dataclass
class Planned:
    index: int
    values: dict[str, Any]
    existing: Placement | None
    result: str = "created"
    changed: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def _find_existing(
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
    if lock:
        # In id order, so that two batches lock the rows they share in the same order.
        stmt = stmt.order_by(table.c.id).with_for_update()
    rows = session.connection().execute(stmt).all()
    return {(row.agency_id, row.external_ref): row for row in rows}


_ITEMS = TypeAdapter(list[PlacementIn])


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
                loc = ".".join(str(p) for p in e["loc"]) or "item"
                msg = str(e["msg"]).removeprefix("Value error, ")
                errors.append(FieldError(field=loc, message=msg, index=index, external_ref=ref))
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
    existing_by_key = _find_existing(session, records) if allow_update else {}
    errors: list[FieldError] = []
    planned: list[Planned] = []
    seen_refs: dict[tuple[int | None, str], int] = {}
    for index, v in parsed:
        ref = v["external_ref"]

        def err(field_name: str, message: str, index: int = index, ref: str | None = ref) -> None:
            errors.append(
                FieldError(field=field_name, message=message, index=index, external_ref=ref)
            )

        key = (v["agency_id"], ref)
        if require_ref and not ref:
            err("external_ref", "required in a batch (the key to create or update by)")
        if ref:
            if key in seen_refs:
                err("external_ref", f"repeats the item at index {seen_refs[key]}")
            seen_refs[key] = index
        existing = existing_by_key.get(key) if ref else None
        for field_name, message in check_record(v) + check_references(v, lookups, existing):
            err(field_name, message)
        item = Planned(index, v, existing)
        if existing is not None:
            item.changed = {
                name: (getattr(existing, name), v[name])
                for name in RECORD_FIELDS
                if not _same(getattr(existing, name), v[name])
            }
            item.result = "updated" if item.changed else "unchanged"
        planned.append(item)
    return planned, errors, lookups


def _flag_inputs(v: dict[str, Any], reported_on: date | None) -> rules.FlagInputs:
    return rules.FlagInputs(
        market_code=v["market_code"],
        programme=_plain(v["programme"]),
        channel=_plain(v["channel"]),
        contract_months=v["contract_months"],
        monthly_salary=v["monthly_salary"],
        salary_currency=v["salary_currency"],
        service_fee_vnd=v["service_fee_vnd"],
        deposit_vnd=v["deposit_vnd"],
        departure_date=v["departure_date"],
        departure_reported_on=reported_on,
    )


def _event_day(v: dict[str, Any]) -> date:
    status = Status(v["status"])
    if status in rules.RETURNED_STATUSES and v["return_date"]:
        return v["return_date"]  # type: ignore[no-any-return]
    if status in rules.DEPARTED_STATUSES and v["departure_date"]:
        return v["departure_date"]  # type: ignore[no-any-return]
    if status == Status.registered:
        return v["registered_on"]  # type: ignore[no-any-return]
    return today()


# The record fields that hold enum members after validation (stored as their values).
_ENUM_FIELDS = ("channel", "sex", "programme", "status")


def _column_values(v: dict[str, Any]) -> dict[str, Any]:
    out = {name: v[name] for name in RECORD_FIELDS}
    for name in _ENUM_FIELDS:
        value = out[name]
        if isinstance(value, Enum):
            out[name] = value.value
    out["search_name"] = rules.fold(v["full_name"])
    return out


_AUDIT_SKIP = frozenset({"created_at", "updated_at", "version", "search_name"})

# One audit row per new placement, built by PostgreSQL from the stored row: every column that
# is not null, as {"before": null, "after": value}, like the audit of any other create, with
# the national ID and the phone masked as overseas.core.pii masks them.
_SERVER_AUDIT = text(
    """
    INSERT INTO audit_log (at, actor, action, entity, entity_id, changes)
    SELECT :at, :actor, 'create', 'placements', CAST(p.id AS TEXT),
           (SELECT jsonb_object_agg(e.key, jsonb_build_object('before', NULL, 'after', e.value))
            FROM jsonb_each(
                to_jsonb(p) - CAST(:skip AS TEXT[])
                || jsonb_build_object(
                    'national_id',
                    left(p.national_id, 3) || repeat('*', length(p.national_id) - 5)
                        || right(p.national_id, 2),
                    'phone',
                    CASE WHEN p.phone IS NULL THEN NULL
                         ELSE left(p.phone, 4) || repeat('*', length(p.phone) - 6)
                              || right(p.phone, 2) END)
            ) AS e
            WHERE e.value <> 'null'::jsonb)
    FROM placements AS p
    WHERE p.id = ANY(:ids)
    ORDER BY p.id
    """
).bindparams(
    bindparam("ids", type_=ARRAY(Integer)),
    bindparam("skip", value=sorted(_AUDIT_SKIP), type_=ARRAY(String)),
    bindparam("at", type_=DateTime(timezone=True)),
)


def _audit_creates_on_server(session: Session, ids: list[int], at: datetime, actor: str) -> None:
    session.connection().execute(_SERVER_AUDIT, {"ids": ids, "at": at, "actor": actor})


def _insert_workers(session: Session, national_ids: list[str], now: datetime) -> dict[str, int]:
    """Workers for these ids, made when missing. Another transaction may be adding the same
    person at the same moment (two enterprises' batches): the insert skips the ids it finds
    taken, in sorted order, and the ids are read back afterwards."""
    table = table_of(Worker)
    conn = session.connection()
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    ids = allocate_ids(session, table, len(national_ids))
    conn.execute(
        insert(table).on_conflict_do_nothing(index_elements=["national_id"]),
        [
            {"id": i, "national_id": n, "created_at": now}
            for i, n in zip(ids, national_ids, strict=True)
        ],
    )
    rows = conn.execute(
        core_select(table.c.national_id, table.c.id).where(
            in_values(session, table.c.national_id, national_ids)
        )
    ).all()
    return {nid: wid for nid, wid in rows}


def write(
    session: Session,
    planned: Sequence[Planned],
    lookups: Lookups,
    *,
    reason: str | None = None,
    on: date | None = None,
) -> None:
    """Apply a checked plan: workers, placements, status history, duplicate flags, audit.
    `on` is the day of a transition, for the history of a status change."""
    to_write = [p for p in planned if p.result != "unchanged"]
    if not to_write:
        return
    now = utcnow()
    local_today = today()
    actor = session.info.get("actor", audit.SYSTEM_ACTOR)

    # Workers: one lookup, one insert for the new ones.
    national_ids = {p.values["national_id"] for p in to_write}
    workers = dict(
        session.exec(
            select(Worker.national_id, Worker.id).where(
                in_values(session, col(Worker.national_id), national_ids)
            )
        ).all()
    )
    new_ids = sorted(national_ids - workers.keys())
    if new_ids:
        workers.update(_insert_workers(session, new_ids, now))

    # Every placement of these people, to settle possible_duplicate for all of them.
    others = session.exec(
        select(
            Placement.id, Placement.national_id, Placement.status, Placement.possible_duplicate
        ).where(in_values(session, col(Placement.national_id), national_ids))
    ).all()
    writing_ids = {p.existing.id for p in to_write if p.existing is not None}
    active = rules.ActivePlacements(
        (nid, status) for pid, nid, status, _dup in others if pid not in writing_ids
    )
    for p in to_write:
        active.add(p.values["national_id"], p.values["status"])
    duplicate = active.duplicate

    creates = [p for p in to_write if p.existing is None]
    # PostgreSQL writes the audit documents of new rows itself, from the rows just copied in.
    server_audit = session.get_bind().dialect.name == "postgresql"
    new_pids = allocate_ids(session, table_of(Placement), len(creates))
    rows: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    # Departures counted for progress, kept in the same transaction as the placements.
    tally: Counter[tallies.Key] = Counter()
    for p, pid in zip(creates, new_pids, strict=True):
        v = p.values
        reported_at = now if v["departure_date"] else None
        flags = rules.compute_flags(
            _flag_inputs(v, local_today if reported_at else None),
            lookups.rates.get((v["market_code"], v["salary_currency"])),
            duplicate(v["national_id"], v["status"]),
        )
        row = _column_values(v) | {
            "id": pid,
            "worker_id": workers[v["national_id"]],
            "departure_reported_at": reported_at,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        row |= {f.value: on for f, on in flags.items()}
        rows.append(row)
        events.append(
            {
                "placement_id": pid,
                "status": _plain(v["status"]),
                "on": _event_day(v),
                "reason": reason or "created",
                "actor": actor,
                "at": now,
            }
        )
        if not server_audit:
            audits.append(
                {
                    "at": now,
                    "actor": actor,
                    "action": "create",
                    "entity": "placements",
                    "entity_id": str(pid),
                    "changes": mask_changes(
                        {
                            k: {"before": None, "after": val}
                            for k, val in row.items()
                            if val is not None and k not in _AUDIT_SKIP
                        }
                    ),
                }
            )
        p.values["id"] = pid
        tally.update(tallies.keys_of(row))
    bulk_insert(session, table_of(Placement), rows)
    if server_audit and new_pids:
        _audit_creates_on_server(session, new_pids, now, actor)

    updates: list[dict[str, Any]] = []
    for p in to_write:
        if p.existing is None:
            continue
        e, v = p.existing, p.values
        reported_at = e.departure_reported_at
        if v["departure_date"] is not None and reported_at is None:
            reported_at = now
        reported_on = reported_at.astimezone(LOCAL_ZONE).date() if reported_at else None
        flags = rules.compute_flags(
            _flag_inputs(v, reported_on),
            lookups.rates.get((v["market_code"], v["salary_currency"])),
            duplicate(v["national_id"], v["status"]),
        )
        row = _column_values(v) | {
            "worker_id": workers[v["national_id"]],
            "departure_reported_at": reported_at,
            "updated_at": now,
        }
        row |= {f.value: on for f, on in flags.items()}
        before = {name: getattr(e, name) for name in row}
        changes = mask_changes(
            {
                k: {"before": _audit_value(before[k]), "after": _audit_value(val)}
                for k, val in row.items()
                if k != "updated_at" and not _same(before[k], val)
            }
        )
        updates.append(row | {"_id": e.id, "_version": e.version, "version": e.version + 1})
        tally.update(tallies.keys_of(row))
        tally.subtract(tallies.keys_of(e))
        audits.append(
            {
                "at": now,
                "actor": actor,
                "action": "update",
                "entity": "placements",
                "entity_id": str(e.id),
                "changes": changes,
            }
        )
        if not _same(e.status, v["status"]):
            events.append(
                {
                    "placement_id": e.id,
                    "status": _plain(v["status"]),
                    "on": on or _event_day(v),
                    "reason": reason,
                    "actor": actor,
                    "at": now,
                }
            )
        p.values["id"] = e.id
    if updates:
        table = table_of(Placement)
        columns = [c for c in updates[0] if not c.startswith("_")]
        # Only the version that was read and checked is changed: a row that another
        # transaction changed in between is not overwritten (its edit would be lost).
        stmt = (
            update(table)
            .where(table.c.id == bindparam("_id"), table.c.version == bindparam("_version"))
            .values({c: bindparam(c) for c in columns})
        )
        updates.sort(key=lambda u: u["_id"])
        changed = session.connection().execute(stmt, updates).rowcount
        if changed != len(updates):
            raise PreconditionFailed(
                "the placement was changed by another request at the same time; reload it",
                code="precondition_failed",
            )
        for p in to_write:
            if isinstance(p.existing, Placement):
                session.expire(p.existing)

    # Other placements of the same people whose duplicate flag the batch changed.
    audits += _flip_duplicates(
        session,
        [(pid, nid, status, dup) for pid, nid, status, dup in others if pid not in writing_ids],
        active,
        now,
        actor,
    )
    bulk_insert(session, table_of(PlacementEvent), events)
    bulk_insert(session, table_of(AuditLog), audits)
    tallies.apply(session, tally)


def _flip_duplicates(
    session: Session,
    placements: Iterable[tuple[Any, str, Any, bool]],
    active: rules.ActivePlacements,
    now: datetime,
    actor: str,
) -> list[dict[str, Any]]:
    """Set possible_duplicate where the rule now says otherwise, on (id, national_id, status,
    flag) rows; the audit rows of the changes are returned for the caller to write.

    The flag is the department's to settle and is derived from other placements: changing it
    changes neither the placement's version nor its updated_at, so an enterprise whose
    record is flagged because another enterprise holds the same person sees no change."""
    flips = [
        {"_id": pid, "flag": want}
        for pid, nid, status, dup in sorted(placements, key=lambda o: o[0] or 0)
        if (want := active.duplicate(nid, status)) != dup
    ]
    if not flips:
        return []
    table = table_of(Placement)
    session.connection().execute(
        update(table)
        .where(table.c.id == bindparam("_id"))
        # updated_at is named so that its on-update default does not fire.
        .values(possible_duplicate=bindparam("flag"), updated_at=table.c.updated_at),
        flips,
    )
    return [
        {
            "at": now,
            "actor": actor,
            "action": "update",
            "entity": "placements",
            "entity_id": str(f["_id"]),
            "changes": {"possible_duplicate": {"before": not f["flag"], "after": f["flag"]}},
        }
        for f in flips
    ]


def _audit_value(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def upsert(
    session: Session,
    principal: Principal,
    raw_items: Sequence[Any],
    *,
    dry_run: bool,
    rows: Sequence[int] | None = None,
) -> BatchResult:
    """Create or update placements by (agency_id, external_ref), all or nothing.

    `rows` gives each item's spreadsheet row (file imports) for the error report.
    """
    parsed, errors = parse_items(raw_items, principal)

    def attempt() -> list[Planned]:
        # Fresh copies of the records: a retried attempt must not see the last one's ids.
        planned, rule_errors, lookups = plan(
            session, [(i, dict(v)) for i, v in parsed], require_ref=True
        )
        found = errors + rule_errors
        if found:
            found.sort(key=lambda e: (e.index or 0, e.field))
            if rows is not None:
                for e in found:
                    if e.index is not None:
                        e.row = rows[e.index]
            bad = len({e.index for e in found})
            raise ValidationFailed(
                f"{bad} of {len(raw_items)} items are invalid; nothing was written", errors=found
            )
        if not dry_run:
            write(session, planned, lookups)
        return planned

    planned = with_retries(session, attempt)
    items = [
        BatchItemResult(
            index=p.index,
            external_ref=p.values["external_ref"],
            id=p.values.get("id") or (p.existing.id if p.existing else None),
            result=p.result,
        )
        for p in planned
    ]
    counts = {
        r: sum(1 for p in planned if p.result == r) for r in ("created", "updated", "unchanged")
    }
    return BatchResult(dry_run=dry_run, items=items, **counts)


def _raise_single(errors: list[FieldError]) -> None:
    for e in errors:
        e.index = None
        e.external_ref = None
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
    raise ValidationFailed(detail, errors=errors)


def create(session: Session, principal: Principal, data: PlacementIn) -> Placement:
    values = record_from(data)
    if principal.is_agency:
        values["agency_id"] = principal.agency_id

    def attempt() -> int:
        planned, errors, lookups = plan(session, [(0, dict(values))], require_ref=False)
        if planned[0].existing is not None:
            raise Conflict(
                f"a placement with external_ref '{values['external_ref']}' exists for this "
                "enterprise; change it with PATCH or the batch",
                code="external_ref_exists",
            )
        if errors:
            _raise_single(errors)
        write(session, planned, lookups)
        return int(planned[0].values["id"])

    placement = session.get(Placement, with_retries(session, attempt))
    assert placement is not None
    return placement


def _planned_change(
    session: Session, placement: Placement, values: dict[str, Any]
) -> tuple[Planned, Lookups]:
    planned_one = Planned(0, values, placement)
    planned_one.changed = {
        name: (getattr(placement, name), values[name])
        for name in RECORD_FIELDS
        if not _same(getattr(placement, name), values[name])
    }
    planned_one.result = "updated" if planned_one.changed else "unchanged"
    lookups = load_lookups(session, [values])
    errors = [
        FieldError(field=f, message=m)
        for f, m in check_record(values) + check_references(values, lookups, placement)
    ]
    if errors:
        _raise_single(errors)
    return planned_one, lookups


def update_placement(
    session: Session, principal: Principal, placement: Placement, data: PlacementUpdate
) -> Placement:
    changes = data.model_dump(exclude_unset=True)
    worker_changes = changes.pop("worker", None) or {}
    values = record_of(placement)
    for name, value in list(changes.items()) + list(worker_changes.items()):
        values[name] = value
    if "policy_groups" in worker_changes and worker_changes["policy_groups"] is not None:
        values["policy_groups"] = [_plain(g) for g in worker_changes["policy_groups"]]
    for name in (
        "channel",
        "market_code",
        "occupation",
        "contract_months",
        "monthly_salary",
        "salary_currency",
        "status",
        "registered_on",
        "national_id",
        "full_name",
        "date_of_birth",
        "sex",
        "home_area_code",
        "policy_groups",
    ):
        if values[name] is None:
            raise ValidationFailed.one(api_field(name), "may not be null")
    if principal.is_agency:
        values["agency_id"] = principal.agency_id
    if values["external_ref"] != placement.external_ref and values["external_ref"]:
        clash = _find_existing(session, [values])
        if clash:
            raise Conflict(
                f"external_ref '{values['external_ref']}' is taken by another placement",
                code="external_ref_exists",
            )

    def attempt() -> None:
        planned_one, lookups = _planned_change(session, placement, values)
        write(session, [planned_one], lookups)

    with_retries(session, attempt)
    session.refresh(placement)
    return placement


def transition(
    session: Session, principal: Principal, placement: Placement, data: TransitionIn
) -> Placement:
    if not rules.can_transition(placement.status, data.status):
        allowed = ", ".join(sorted(s.value for s in rules.TRANSITIONS[placement.status])) or "none"
        raise InvalidTransition(
            f"cannot go from {placement.status} to {data.status.value} (allowed: {allowed})"
        )
    values = record_of(placement)
    values["status"] = data.status
    if data.status == Status.departed:
        values["departure_date"] = data.on
    elif data.status in rules.RETURNED_STATUSES:
        values["return_date"] = data.on

    def attempt() -> None:
        planned_one, lookups = _planned_change(session, placement, values)
        write(session, [planned_one], lookups, reason=data.reason, on=data.on)

    with_retries(session, attempt)
    session.refresh(placement)
    return placement


def delete(session: Session, placement: Placement) -> None:
    """Remove a placement entered by mistake (history goes with it; the audit keeps it)."""
    nid = placement.national_id
    tallies.apply(session, Counter({key: -1 for key in tallies.keys_of(placement)}))
    session.delete(placement)
    session.flush()
    others = session.exec(
        select(
            Placement.id, Placement.national_id, Placement.status, Placement.possible_duplicate
        ).where(Placement.national_id == nid)
    ).all()
    active = rules.ActivePlacements((n, status) for _, n, status, _ in others)
    actor = session.info.get("actor", audit.SYSTEM_ACTOR)
    bulk_insert(
        session, table_of(AuditLog), _flip_duplicates(session, others, active, utcnow(), actor)
    )


def recompute_fee_flags(session: Session, market_code: str) -> int:
    """After a new exchange rate: settle fee_above_cap for the market's placements that charge
    a fee, reading and writing in chunks with Core statements (a market may hold 100,000s)."""
    rates = exchange_rates(session, [market_code])
    table = table_of(Placement)
    columns = [table.c[name] for name in ("id", "version", "fee_above_cap", *_FEE_INPUTS)]
    actor = session.info.get("actor", audit.SYSTEM_ACTOR)
    changed = 0
    last = 0
    while True:
        chunk = (
            session.connection()
            .execute(
                core_select(*columns)
                .where(
                    table.c.market_code == market_code,
                    table.c.service_fee_vnd > 0,
                    table.c.id > last,
                )
                .order_by(table.c.id)
                .limit(5000)
            )
            .all()
        )
        if not chunk:
            return changed
        last = chunk[-1].id
        now = utcnow()
        flips = []
        for row in chunk:
            values = dict(row._mapping) | {"deposit_vnd": None, "departure_date": None}
            want = rules.compute_flags(
                _flag_inputs(values, None), rates.get((market_code, row.salary_currency)), False
            )[Flag.fee_above_cap]
            if want != row.fee_above_cap:
                flips.append({"_id": row.id, "flag": want})
        if flips:
            session.connection().execute(
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values(
                    fee_above_cap=bindparam("flag"), updated_at=now, version=table.c.version + 1
                ),
                flips,
            )
            bulk_insert(
                session,
                table_of(AuditLog),
                [
                    {
                        "at": now,
                        "actor": actor,
                        "action": "update",
                        "entity": "placements",
                        "entity_id": str(f["_id"]),
                        "changes": {"fee_above_cap": {"before": not f["flag"], "after": f["flag"]}},
                    }
                    for f in flips
                ],
            )
            changed += len(flips)


# What the fee cap depends on, besides the exchange rate.
_FEE_INPUTS = (
    "market_code",
    "programme",
    "channel",
    "contract_months",
    "monthly_salary",
    "salary_currency",
    "service_fee_vnd",
)
