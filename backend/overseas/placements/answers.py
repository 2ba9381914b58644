"""The registry's two hot reads, one placement and a page of the list, answered as JSON bytes
(docs/performance.md): the columns are read with a Core select (no ORM objects), each row
becomes a plain dict as `reading.to_read` would build its model (the same masking and flags),
and Pydantic's Rust core writes the answer in one pass, through the same serializers as the
response model (`PlacementRead`), whose shape the typed dicts below repeat: what the database
returned is already valid, so nothing is validated again, and the route returns the bytes.
tests/test_placements_answers.py holds the two answers equal, byte for byte."""

from datetime import date, datetime
from typing import Any, NotRequired

from fastapi import Response
from pydantic import TypeAdapter
from sqlalchemy import bindparam, select
from sqlmodel import Session
from typing_extensions import TypedDict

from overseas.areas import catalog
from overseas.core import db
from overseas.core.bulk import table_of
from overseas.core.concurrency import set_etag
from overseas.core.db import today
from overseas.core.errors import NotFound
from overseas.core.pagination import PageParams
from overseas.core.pii import mask_national_id, mask_phone
from overseas.core.principal import Principal
from overseas.placements import reading
from overseas.placements.models import Flag, Placement
from overseas.placements.schemas import DecimalText

_TABLE = table_of(Placement)
_FLAGS = [f.value for f in Flag]
# What a placement's answer shows, and the keys the list's sorts put in their cursors.
_SHOWN = [
    "id", "agency_id", "external_ref", "channel", "market_code", "programme", "occupation",
    "employer_name", "contract_months", "monthly_salary", "salary_currency", "service_fee_vnd",
    "deposit_vnd", "loan_vnd", "status", "registered_on", "departure_date", "return_date",
    "contract_signed_on", "notes", "recruitment_notice_id", "national_id",
    "previous_national_id", "full_name", "date_of_birth", "sex", "home_area_code",
    "home_area_id", "phone", "policy_groups", "version", "created_at", "updated_at",
    "name_key", *_FLAGS,
]  # fmt: skip
# The catalog's fingerprint comes first, carried by the same query (areas.catalog.load).
_COLUMNS = [*catalog.FINGERPRINT, *(_TABLE.c[name] for name in _SHOWN)]
_CARRIED = len(catalog.FINGERPRINT)
_SELECT = select(*_COLUMNS)
_ONE_QUERY = _SELECT.where(_TABLE.c.id == bindparam("placement_id"))


# The shape of `PlacementRead` and its parts, field for field and in its order; codes stay the
# text the database holds (the enums' values).
class _UnitOut(TypedDict):
    code: str
    name: str


class _HomeOut(TypedDict):
    code: str
    name: str
    level: str
    today: list[_UnitOut]


class _WorkerOut(TypedDict):
    national_id: str
    previous_national_id: str | None
    full_name: str
    date_of_birth: date
    sex: str
    home_area_code: str
    home_area: _HomeOut
    phone: str | None
    policy_groups: NotRequired[list[str]]  # left out for the masked roles


class _PlacementOut(TypedDict):
    agency_id: int | None
    external_ref: str | None
    channel: str
    market_code: str
    programme: str | None
    occupation: str
    employer_name: str | None
    contract_months: int
    monthly_salary: DecimalText
    salary_currency: str
    service_fee_vnd: int | None
    deposit_vnd: int | None
    loan_vnd: int | None
    status: str
    registered_on: date
    departure_date: date | None
    return_date: date | None
    contract_signed_on: date | None
    notes: str | None
    recruitment_notice_id: int | None
    id: int
    worker: _WorkerOut
    flags: list[str]
    version: int
    created_at: datetime
    updated_at: datetime


class _PageOut(TypedDict):
    items: list[_PlacementOut]
    next_cursor: str | None
    total: int | None
    prev_cursor: str | None


_ONE = TypeAdapter(_PlacementOut)
_PAGE = TypeAdapter(_PageOut)


class _Homes:
    """Each home unit's answer built once per request (a page shares a few units)."""

    def __init__(self, places: catalog.Catalog | None) -> None:
        self.places = places
        self.day: date = today()
        self.built: dict[int, _HomeOut] = {}

    def __call__(self, unit_id: int) -> _HomeOut:
        home = self.built.get(unit_id)
        if home is None:
            assert self.places is not None, "a row's home needs the catalog"
            unit = self.places.units[unit_id]
            home = self.built[unit_id] = {
                "code": unit.code,
                "name": unit.name,
                "level": unit.level,
                "today": [{"code": u.code, "name": u.name} for u in self.places.today_of(unit)],
            }
        return home


def _item(r: Any, mask: bool, hidden: str | None, homes: _Homes) -> _PlacementOut:
    """A row as `reading.to_read` shows it to the principal (masked for the masked roles, no
    possible-duplicate flag for an enterprise). The row is unpacked by position: reading a
    Row's fields by name costs several times more, on every field of every row."""
    (
        _units, _changed, _last, _links,
        id_, agency_id, external_ref, channel, market_code, programme, occupation,
        employer_name, contract_months, monthly_salary, salary_currency, service_fee_vnd,
        deposit_vnd, loan_vnd, status, registered_on, departure_date, return_date,
        contract_signed_on, notes, recruitment_notice_id, national_id, previous_national_id,
        full_name, date_of_birth, sex, home_area_code, home_area_id, phone, policy_groups,
        version, created_at, updated_at, _name_key, *flags,
    ) = r  # fmt: skip
    worker: _WorkerOut = {
        "national_id": mask_national_id(national_id) if mask else national_id,
        "previous_national_id": (
            mask_national_id(previous_national_id)
            if mask and previous_national_id
            else previous_national_id
        ),
        "full_name": full_name,
        "date_of_birth": date_of_birth,
        "sex": sex,
        "home_area_code": home_area_code,
        "home_area": homes(home_area_id),
        "phone": mask_phone(phone) if mask else phone,
    }
    if not mask and policy_groups is not None:
        worker["policy_groups"] = policy_groups
    return {
        "agency_id": agency_id,
        "external_ref": external_ref,
        "channel": channel,
        "market_code": market_code,
        "programme": programme,
        "occupation": occupation,
        "employer_name": employer_name,
        "contract_months": contract_months,
        "monthly_salary": monthly_salary,
        "salary_currency": salary_currency,
        "service_fee_vnd": service_fee_vnd,
        "deposit_vnd": deposit_vnd,
        "loan_vnd": loan_vnd,
        "status": status,
        "registered_on": registered_on,
        "departure_date": departure_date,
        "return_date": return_date,
        "contract_signed_on": contract_signed_on,
        "notes": notes,
        "recruitment_notice_id": recruitment_notice_id,
        "id": id_,
        "worker": worker,
        "flags": [f for f, on in zip(_FLAGS, flags, strict=True) if on and f != hidden],
        "version": version,
        "created_at": created_at,
        "updated_at": updated_at,
    }


def _hidden_flag(principal: Principal) -> str | None:
    # As reading.flags_of: a possible duplicate is the department's to settle.
    return Flag.possible_duplicate.value if principal.is_agency else None


def one(session: Session, principal: Principal, placement_id: int) -> Response:
    """One placement as the principal may see it, with its ETag; the read is audited.
    Another enterprise's placement answers 404, as `reading.get_visible` does."""
    row = session.connection().execute(_ONE_QUERY, {"placement_id": placement_id}).first()
    if row is None or (principal.is_agency and row.agency_id != principal.agency_id):
        raise NotFound(f"no placement with id {placement_id}")
    reading.audit_pii_read(session, principal, [row.id])
    homes = _Homes(catalog.load(session, row[:_CARRIED]))
    item = _item(row, reading.masks_pii(principal), _hidden_flag(principal), homes)
    db.finish(session)  # here, in the thread pool: no second hop to commit
    answer = Response(_ONE.dump_json(item), media_type="application/json")
    set_etag(answer, row.version)
    return answer


def page(
    session: Session,
    principal: Principal,
    params: PageParams,
    filters: reading.PlacementFilters,
    sort: str = "id",
) -> Response:
    """A page of the registry as the principal may see it; the read is audited."""
    window = reading.list_placements(session, principal, params, filters, sort, _SELECT)
    reading.audit_pii_read(session, principal, [r.id for r in window.rows])
    # An empty page needs no catalog; a page's rows carry its fingerprint.
    rows = window.rows
    homes = _Homes(catalog.load(session, rows[0][:_CARRIED]) if rows else None)
    mask, hidden = reading.masks_pii(principal), _hidden_flag(principal)
    body: _PageOut = {
        "items": [_item(r, mask, hidden, homes) for r in rows],
        "next_cursor": window.next_cursor,
        "total": window.total,
        "prev_cursor": window.prev_cursor,
    }
    db.finish(session)
    return Response(_PAGE.dump_json(body), media_type="application/json")
