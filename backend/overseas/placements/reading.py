"""Reading the registry: what each principal may see of a placement, the filters of the list
and the export, and the trace every read of personal data leaves (docs/security.md)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, and_, or_
from sqlmodel import Session, col, select

from overseas.areas import catalog
from overseas.audit import service as audit
from overseas.core.config import get_settings
from overseas.core.db import utcnow
from overseas.core.errors import (
    NotFound,
    ValidationFailed,
)
from overseas.core.pagination import PageParams, SortKey, Window, walk
from overseas.core.pii import mask_national_id, mask_phone
from overseas.core.principal import Principal, Role
from overseas.placements import identity, rules
from overseas.placements.models import Channel, Flag, Placement, PlacementEvent, Status
from overseas.placements.schemas import (
    HomeArea,
    PlacementRead,
    UnitRef,
    WorkerRead,
)

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


def home_of(places: catalog.Catalog, unit_id: int) -> HomeArea:
    unit = places.units[unit_id]
    return HomeArea(
        code=unit.code,
        name=unit.name,
        level=unit.level,
        today=[UnitRef(code=u.code, name=u.name) for u in places.today_of(unit)],
    )


def to_read(
    p: Placement, principal: Principal, places: catalog.Catalog, *, full: bool = False
) -> PlacementRead:
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
            previous_national_id=(
                mask_national_id(p.previous_national_id)
                if mask and p.previous_national_id
                else p.previous_national_id
            ),
            full_name=p.full_name,
            date_of_birth=p.date_of_birth,
            sex=p.sex,
            home_area_code=p.home_area_code,
            home_area=home_of(places, p.home_area_id),
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
        contract_signed_on=p.contract_signed_on,
        notes=p.notes,
        recruitment_notice_id=p.recruitment_notice_id,
        flags=flags_of(p, principal),
        version=p.version,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def audit_pii_read(session: Session, principal: Principal, ids: Sequence[int | None]) -> None:
    """Every read of workers' records leaves a trace, whoever reads (Law 91/2025/QH15; see
    docs/security.md): one row per page or record, naming the placements read."""
    if ids:
        audit.record_read(
            session,
            "placements",
            str(ids[0]) if len(ids) == 1 else "list",
            [i for i in ids if i is not None],
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
    registered_from: date | None = None
    registered_to: date | None = None
    flag: Flag | None = None
    q: str | None = None
    updated_since: datetime | None = None
    unallocated: bool = False


def check_filters(principal: Principal, f: PlacementFilters) -> None:
    """Filters a principal may not use answer 422 before anything is read (an export checks
    them before its streamed answer starts)."""
    q = (f.q or "").strip()
    # Searching by the start of an ID would let a masked role recover the digits it may not
    # see, one at a time: it finds a person only by the complete number.
    if q.isdigit() and masks_pii(principal) and len(q) not in identity.NATIONAL_ID_LENGTHS:
        raise ValidationFailed.one(
            "q",
            "search by a complete national ID (12 digits, or 9 for an old ID)",
            "national_id_incomplete",
        )
    if f.flag == Flag.possible_duplicate and principal.is_agency:
        raise ValidationFailed.one(
            "flag",
            "possible duplicates are settled by the department and not shown to enterprises",
            "not_for_enterprises",
        )


def _starts_with(column: Any, digits: str) -> ColumnElement[bool]:
    """`column` starts with `digits`, as a range of the index on it (LIKE reads the index only
    under the C collation, which a database need not have)."""
    head = digits.rstrip("9")
    if not head:
        return cast(ColumnElement[bool], column.startswith(digits))
    upper = head[:-1] + str(int(head[-1]) + 1)
    return and_(column >= digits, column < upper)


def id_part(digits: str) -> ColumnElement[bool]:
    """National IDs that begin or end with `digits` (a clerk has the first digits, or the
    last ones a worker reads out): each a range of an index, the end on the reversed ID."""
    return or_(
        _starts_with(col(Placement.national_id), digits),
        _starts_with(col(Placement.national_id_reversed), digits[::-1]),
    )


def filtered(
    session: Session,
    principal: Principal,
    f: PlacementFilters,
    columns: Select[Any] | None = None,
) -> Any:
    """The placements matching `f` that the principal may see: ORM objects, or the columns
    `columns` selects (a select of the placements' columns, built once by its caller)."""
    check_filters(principal, f)
    stmt: Any = select(Placement) if columns is None else columns
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
        # A bare code means its newest unit; the filter follows that unit's territory across
        # the 2025 reform, both ways (docs/places.md).
        places = catalog.load(session)
        unit = places.newest(f.home_area_code.strip())
        ids = sorted(places.territory(unit)) if unit else []
        stmt = stmt.where(col(Placement.home_area_id).in_(ids))
    if f.unallocated:
        # Records of the city's territory coded above commune level: a former district or the
        # bare province (docs/places.md, "Records without a commune").
        places = catalog.load(session)
        stmt = stmt.where(col(Placement.home_area_id).in_(places.unallocated()))
    if f.registered_from:
        stmt = stmt.where(col(Placement.registered_on) >= f.registered_from)
    if f.registered_to:
        stmt = stmt.where(col(Placement.registered_on) <= f.registered_to)
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
            stmt = stmt.where(id_part(q))
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


# The sorts of the list (docs/api.md, "Sorting"), each a column and the id that breaks ties;
# `-name` is the same order reversed. Names sort by their key: given name first, in
# Vietnamese alphabetical order (core.text.name_sort_key).
SORTS: dict[str, list[SortKey]] = {
    "id": [SortKey(col(Placement.id))],
    "registered_on": [SortKey(col(Placement.registered_on)), SortKey(col(Placement.id))],
    "departure_date": [
        SortKey(col(Placement.departure_date), nullable=True),
        SortKey(col(Placement.id)),
    ],
    "full_name": [SortKey(col(Placement.name_key)), SortKey(col(Placement.id))],
    "status": [SortKey(col(Placement.status)), SortKey(col(Placement.id))],
    "updated_at": [SortKey(col(Placement.updated_at)), SortKey(col(Placement.id))],
}
SORT_NAMES = [name for base in SORTS for name in (base, f"-{base}")]


def sort_keys(sort: str) -> list[SortKey]:
    keys = SORTS.get(sort.removeprefix("-"))
    if keys is None:
        raise ValidationFailed.one("sort", f"sort by one of: {', '.join(SORT_NAMES)}")
    return [k.flipped() for k in keys] if sort.startswith("-") else keys


def list_placements(
    session: Session,
    principal: Principal,
    params: PageParams,
    filters: PlacementFilters,
    sort: str = "id",
    columns: Select[Any] | None = None,
) -> Window:
    keys = sort_keys(sort)
    stmt = filtered(session, principal, filters, columns)
    plain = columns is not None
    if filters.updated_since:
        # The incremental feed keeps its own order, whatever the sort (docs/api.md, "Lists").
        order = [SortKey(col(Placement.updated_at)), SortKey(col(Placement.id))]
        return walk(session, stmt, order, params, order_name="updated", plain=plain)
    # The default order keeps the name its cursors always had.
    name = "default" if sort == "id" else sort
    return walk(session, stmt, keys, params, order_name=name, plain=plain)


def history(session: Session, placement: Placement) -> list[PlacementEvent]:
    return list(
        session.exec(
            select(PlacementEvent)
            .where(PlacementEvent.placement_id == placement.id)
            .order_by(col(PlacementEvent.id))
        ).all()
    )
