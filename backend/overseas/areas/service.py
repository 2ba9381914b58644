"""Administrative units over time: reading them by code and date, their successions, and the
administrators' changes (a new unit, a renamed or dissolved one). The territory a figure about
a unit counts is the catalog's (`catalog.py`)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from overseas.areas import catalog
from overseas.areas.models import Area, AreaLevel, AreaSuccession, SuccessionPart
from overseas.areas.schemas import AreaCreate, AreaRead, AreaUpdate, Predecessor, Successor
from overseas.core.db import today
from overseas.core.errors import Conflict, NotFound, ValidationFailed
from overseas.core.faults import before, not_found
from overseas.core.models import apply_patch
from overseas.core.pagination import PageParams, paginate
from overseas.core.text import fold

# Which level may sit under which. Since the 2025 reform communes sit directly under the
# province (Resolution 203/2025/QH15 and Law 72/2025/QH15 abolished the district level).
_PARENT_LEVELS = {
    AreaLevel.province: frozenset[AreaLevel](),
    AreaLevel.district: frozenset({AreaLevel.province}),
    AreaLevel.commune: frozenset({AreaLevel.province, AreaLevel.district}),
}


def find(session: Session, code: str, on: date | None = None) -> Area | None:
    """The unit with this code on this day; without a day, the newest unit with the code."""
    places = catalog.load(session)
    unit = places.on(code, on) if on else places.newest(code)
    return session.get(Area, unit.id) if unit else None


def get_area(session: Session, code: str, on: date | None = None) -> Area:
    area = find(session, code, on)
    if area is None:
        when = f" valid on {on.isoformat()}" if on else ""
        raise NotFound(f"no area with code '{code}'{when}")
    return area


def to_read(session: Session, area: Area) -> AreaRead:
    places = catalog.load(session)
    assert area.id is not None
    return AreaRead.model_validate(
        area,
        update={
            "predecessors": [
                Predecessor(
                    code=places.units[link.unit].code,
                    valid_to=places.units[link.unit].valid_to,
                    part=link.part,
                )
                for link in places.predecessors.get(area.id, [])
            ],
            "successors": [
                Successor(
                    code=places.units[link.unit].code,
                    valid_from=places.units[link.unit].valid_from,
                    part=link.part,
                )
                for link in places.successors.get(area.id, [])
            ],
        },
    )


def list_areas(
    session: Session,
    params: PageParams,
    *,
    parent_code: str | None = None,
    level: AreaLevel | None = None,
    active_on: date | None = None,
    q: str | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[Area], str | None, int | None]:
    stmt = select(Area)
    if parent_code:
        stmt = stmt.where(Area.parent_code == parent_code)
    if level:
        stmt = stmt.where(Area.level == level)
    if active_on:
        stmt = stmt.where(
            or_(col(Area.valid_from).is_(None), col(Area.valid_from) <= active_on),
            or_(col(Area.valid_to).is_(None), col(Area.valid_to) >= active_on),
        )
    if q:
        # Case, diacritics and the old and new spelling of "Hòa"/"Hoà" do not matter.
        stmt = stmt.where(col(Area.search_name).contains(fold(q), autoescape=True))
    if updated_since:
        stmt = stmt.where(col(Area.updated_at) >= updated_since)
        order = [col(Area.updated_at), col(Area.id)]
        return paginate(session, stmt, order, params, order_name="updated")
    # By code, the older unit of a code first.
    return paginate(session, stmt, [col(Area.code), col(Area.id)], params, order_name="code")


def _check(session: Session, area: Area) -> None:
    if area.valid_from and area.valid_to and area.valid_to < area.valid_from:
        raise ValidationFailed.of("valid_to", before("valid_from"))
    places = catalog.load(session)
    # A code and a date name exactly one unit: two periods of one code may not overlap.
    probe = catalog.Unit(
        area.id or 0, area.code, area.name, AreaLevel(area.level), area.parent_code,
        area.valid_from, area.valid_to, "",
    )  # fmt: skip
    for other in places.by_code.get(area.code, []):
        if other.id != area.id and other.overlaps(probe):
            period = other.period() or "with no end"
            raise Conflict(
                f"the code '{area.code}' already names {other.name} ({period}); the periods "
                "of one code may not overlap",
                code="area_exists",
            )
    if area.parent_code is not None:
        parent = next(
            (p for p in places.by_code.get(area.parent_code, []) if p.overlaps(probe)), None
        )
        if parent is None:
            raise ValidationFailed.one(
                "parent_code",
                f"no area with code '{area.parent_code}' in the unit's period",
                "not_found",
                {"entity": "area", "value": area.parent_code},
            )
        if parent.level not in _PARENT_LEVELS[AreaLevel(area.level)]:
            raise ValidationFailed.one(
                "parent_code",
                f"a {area.level} cannot sit under a {parent.level}",
                "parent_level",
                {"level": str(area.level), "parent_level": str(parent.level)},
            )
        if parent.code == area.code:
            raise ValidationFailed.one(
                "parent_code", "would make a cycle in the hierarchy", "cycle"
            )
    elif area.level != AreaLevel.province:
        raise ValidationFailed.one(
            "parent_code",
            f"a {area.level} needs a parent",
            "parent_required",
            {"level": str(area.level)},
        )
    if area.successor_code is not None:
        if area.successor_code == area.code:
            raise ValidationFailed.one(
                "successor_code",
                "an area cannot succeed itself",
                "same_as_field",
                {"other": "code"},
            )
        if not places.by_code.get(area.successor_code):
            raise ValidationFailed.of("successor_code", not_found("area", area.successor_code))


def _link_successor(session: Session, area: Area) -> None:
    """The single successor named on a unit, as a whole succession (from the day after it
    ended, else the successor's newest unit)."""
    if area.successor_code is None or area.id is None:
        return
    places = catalog.load(session)
    day = area.valid_to
    after = places.on(area.successor_code, date.fromordinal(day.toordinal() + 1)) if day else None
    successor = after or places.newest(area.successor_code)
    linked = (
        session.exec(
            select(AreaSuccession.old_id).where(
                AreaSuccession.old_id == area.id, AreaSuccession.new_id == successor.id
            )
        ).first()
        if successor
        else None
    )
    if successor is None or linked is not None:
        return
    session.add(AreaSuccession(old_id=area.id, new_id=successor.id, part=SuccessionPart.whole))
    session.flush()


def create_area(session: Session, data: AreaCreate) -> Area:
    area = Area.model_validate(data, update={"search_name": fold(data.name)})
    _check(session, area)
    session.add(area)
    session.flush()
    _link_successor(session, area)
    return area


def update_area(session: Session, area: Area, data: AreaUpdate) -> Area:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    if "name" in changes and changes["name"] is not None:
        changes["search_name"] = fold(changes["name"])
    with session.no_autoflush:
        apply_patch(area, changes, not_null=frozenset({"name"}))
        _check(session, area)
    session.add(area)
    session.flush()
    _link_successor(session, area)
    return area


def root_code(session: Session) -> str:
    return catalog.load(session).root().code


def today_units(session: Session, code: str, on: date) -> list[catalog.Unit]:
    places = catalog.load(session)
    unit = places.on(code, on)
    return places.today(unit, today()) if unit else []
