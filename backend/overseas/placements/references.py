"""A record's references: its home unit, market, enterprise and recruitment notice, checked
against what the registry holds (loaded once per batch in `Lookups`)."""

from dataclasses import dataclass, field
from typing import Any

from overseas.agencies.models import AgencyStatus
from overseas.areas.catalog import REFORM_DAY, Catalog, Unit
from overseas.areas.models import AreaLevel
from overseas.core.errors import Fault, fault
from overseas.core.faults import licence_not_active, not_found
from overseas.law.calendar import WorkCalendar
from overseas.law.caps import CapBook
from overseas.markets.service import Rates
from overseas.notices.models import NoticeStatus
from overseas.placements.models import Placement, Status
from overseas.placements.rules import can_move


@dataclass
class Lookups:
    """Everything a batch checks against, loaded with one query per kind."""

    places: Catalog
    markets: set[str]
    agencies: dict[int, str]
    rates: Rates
    calendar: WorkCalendar
    caps: CapBook
    # The enterprise and status of each recruitment notice the records name.
    notices: dict[int, tuple[int, NoticeStatus]] = field(default_factory=dict)


def _names(units: list[Unit]) -> str:
    return ", ".join(f"{u.code} {u.name}" for u in units)


def _shown(units: list[Unit]) -> str:
    return _names(units[:8]) + (f" and {len(units) - 8} more" if len(units) > 8 else "")


def home_area(
    v: dict[str, Any], places: Catalog, existing: Any | None
) -> tuple[Unit | None, Fault | None]:
    """The unit the record's home code names on its registration day, and the problem with it.

    A code and a date name one unit (docs/places.md). From 2025-07-01 a province whose
    communes the registry holds is recorded by commune: an abolished district, an old commune
    or the bare province is refused, naming what took its place (the merger: Resolution
    202/2025/QH15; the district level abolished: Resolution 203/2025/QH15 and the Law on the
    Organisation of Local Government 72/2025/QH15). The rule judges a record when it is
    created and when its home or registration day changes; a record re-sent unchanged is never
    refused by it."""
    code, day = v["home_area_code"], v["registered_on"]
    unit = places.on(code, day)
    unchanged = (
        existing is not None and existing.home_area_code == code and existing.registered_on == day
    )
    if unchanged:
        return unit or places.newest(code), None
    if unit is None:
        others = places.by_code.get(code)
        if not others:
            return None, not_found("area", code)
        later = [u for u in others if u.valid_from and u.valid_from > day]
        earlier = [u for u in others if u.valid_to and u.valid_to < day]
        hint = ""
        if earlier:
            hint = f"; it was replaced by {_names(places.today(earlier[-1], day))}"
            if day >= REFORM_DAY and earlier[-1].level != AreaLevel.commune:
                # An abolished district or province: the communes that now cover it.
                communes = places.communes_of(earlier[-1], day)
                if communes:
                    hint += f"; since 2025-07-01 name one of its communes: {_shown(communes)}"
        elif later:
            hint = f"; it exists from {later[0].valid_from.isoformat()}"  # type: ignore[union-attr]
        message = f"'{code}' names no area on {day.isoformat()}{hint}"
        return None, fault("area_not_on_day", message, value=code, on=day.isoformat())
    if day >= REFORM_DAY and unit.level != AreaLevel.commune:
        province = places.path(unit)[-1]
        if places.holds_communes(province, day):
            message = (
                f"since 2025-07-01 a worker's home is a commune: '{code}' ({unit.name}) is a "
                f"{unit.level}; name one of its communes: {_shown(places.communes_of(unit, day))}"
            )
            return None, fault("area_not_commune", message, value=code, level=str(unit.level))
    return unit, None


def check_references(
    v: dict[str, Any], lookups: Lookups, existing: Placement | None
) -> list[tuple[str, Fault]]:
    errors: list[tuple[str, Fault]] = []
    unit, problem = home_area(v, lookups.places, existing)
    if problem:
        errors.append(("worker.home_area_code", problem))
    elif unit is not None:
        v["home_area_id"] = unit.id
    if v["market_code"] not in lookups.markets:
        errors.append(("market_code", not_found("market", v["market_code"])))
    agency_id = v["agency_id"]
    if agency_id is not None:
        status = lookups.agencies.get(agency_id)
        if status is None:
            errors.append(("agency_id", not_found("agency", agency_id)))
        elif existing is None and status != AgencyStatus.active:
            # Law 69/2020/QH14 Art. 12: a suspended or revoked licence sends nobody new.
            errors.append(("agency_id", licence_not_active(status)))
    problem = notice_problem(v, lookups.notices, existing)
    if problem:
        errors.append(("recruitment_notice_id", problem))
    if existing is not None and not can_move(existing.status, v["status"]):
        was, wanted = Status(existing.status).value, Status(v["status"]).value
        message = f"cannot go from {existing.status} to {wanted}"
        errors.append(
            ("status", fault("status_unreachable", message, **{"from": was, "to": wanted}))
        )
    return errors


def notice_problem(
    v: dict[str, Any], notices: dict[int, tuple[int, NoticeStatus]], existing: Any | None
) -> Fault | None:
    """What is wrong with the recruitment notice a record names, or None: it must be one of
    the placement's enterprise, acknowledged by the department (docs/notices.md). A rule added
    in v1.1: it judges a record when it is created and when its notice or enterprise changes; a
    record re-sent unchanged is never refused by it."""
    notice_id = v.get("recruitment_notice_id")
    if notice_id is None:
        return None
    unchanged = (
        existing is not None
        and existing.recruitment_notice_id == notice_id
        and existing.agency_id == v["agency_id"]
    )
    if unchanged:
        return None
    found = notices.get(notice_id)
    # Another enterprise's notice is answered as a missing one, so ids cannot be probed.
    if found is None or found[0] != v["agency_id"]:
        message = f"no recruitment notice {notice_id} of the placement's enterprise"
        return fault("not_found", message, entity="notice", value=notice_id)
    if found[1] != NoticeStatus.acknowledged:
        message = f"the notice is {found[1].value}: name one the department has acknowledged"
        return fault("notice_not_acknowledged", message, status=found[1].value)
    return None
