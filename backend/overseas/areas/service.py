"""Administrative units: the hierarchy, validity and successors."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from overseas.areas.models import Area, AreaLevel
from overseas.areas.schemas import AreaCreate, AreaUpdate
from overseas.core.errors import Conflict, NotFound, ValidationFailed
from overseas.core.models import apply_patch
from overseas.core.pagination import PageParams, paginate

# Which level may sit under which. Since the 2025 reform communes sit directly under the
# province (Resolution 202/2025/QH15 abolished the district level).
_PARENT_LEVELS = {
    AreaLevel.province: frozenset[AreaLevel](),
    AreaLevel.district: frozenset({AreaLevel.province}),
    AreaLevel.commune: frozenset({AreaLevel.province, AreaLevel.district}),
}


@dataclass
class AreaTree:
    """The units and their links, loaded once per request (a few dozen rows)."""

    names: dict[str, str]
    children: dict[str, list[str]]

    @classmethod
    def load(cls, session: Session) -> "AreaTree":
        rows = session.exec(
            select(Area.code, Area.name, Area.parent_code, Area.successor_code)
        ).all()
        names = {code: name for code, name, _p, _s in rows}
        parent_of = {code: parent for code, _n, parent, _s in rows}
        linked: dict[str, set[str]] = defaultdict(set)
        for code, _name, parent, successor in rows:
            if parent:
                linked[parent].add(code)
            if successor:
                linked[successor].add(code)
        # A district of a merged province is reached through the province: list the top-most.
        children = {
            code: sorted(c for c in kids if parent_of.get(c) not in kids)
            for code, kids in linked.items()
        }
        return cls(names, children)

    def root(self) -> str:
        linked = {c for kids in self.children.values() for c in kids}
        roots = sorted(code for code in self.names if code not in linked)
        if not roots:
            raise ValidationFailed.one("area_code", "no root area is defined")
        return roots[0]

    def within(self, code: str) -> set[str]:
        found: set[str] = set()
        todo = [code]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(self.children.get(current, []))
        return found


def find(session: Session, code: str) -> Area | None:
    return session.get(Area, code)


def get_area(session: Session, code: str) -> Area:
    area = session.get(Area, code)
    if area is None:
        raise NotFound(f"no area with code '{code}'")
    return area


def list_areas(
    session: Session,
    params: PageParams,
    *,
    parent_code: str | None = None,
    level: AreaLevel | None = None,
    active_on: date | None = None,
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
    if updated_since:
        stmt = stmt.where(col(Area.updated_at) >= updated_since)
        order = [col(Area.updated_at), col(Area.code)]
        return paginate(session, stmt, order, params, order_name="updated")
    return paginate(session, stmt, [col(Area.code)], params)


def _check_links(session: Session, area: Area) -> None:
    if area.parent_code is not None:
        parent = find(session, area.parent_code)
        if parent is None:
            raise ValidationFailed.one("parent_code", f"no area with code '{area.parent_code}'")
        if parent.level not in _PARENT_LEVELS[AreaLevel(area.level)]:
            raise ValidationFailed.one(
                "parent_code", f"a {area.level} cannot sit under a {parent.level}"
            )
        if parent.code == area.code or _is_descendant(session, parent.code, area.code):
            raise ValidationFailed.one("parent_code", "would make a cycle in the hierarchy")
    elif area.level != AreaLevel.province:
        raise ValidationFailed.one("parent_code", f"a {area.level} needs a parent")
    if area.successor_code is not None:
        if area.successor_code == area.code:
            raise ValidationFailed.one("successor_code", "an area cannot succeed itself")
        if find(session, area.successor_code) is None:
            raise ValidationFailed.one(
                "successor_code", f"no area with code '{area.successor_code}'"
            )
    if area.valid_from and area.valid_to and area.valid_to < area.valid_from:
        raise ValidationFailed.one("valid_to", "is before valid_from")


def _is_descendant(session: Session, code: str, ancestor: str) -> bool:
    seen: set[str] = set()
    current = find(session, code)
    while current is not None and current.parent_code and current.code not in seen:
        if current.parent_code == ancestor:
            return True
        seen.add(current.code)
        current = find(session, current.parent_code)
    return False


def create_area(session: Session, data: AreaCreate) -> Area:
    if find(session, data.code) is not None:
        raise Conflict(f"an area with code '{data.code}' exists", code="area_exists")
    area = Area.model_validate(data)
    _check_links(session, area)
    session.add(area)
    session.flush()
    return area


def update_area(session: Session, area: Area, data: AreaUpdate) -> Area:
    # The checks look codes up; an autoflush there would write an unknown code first and
    # answer 500 (foreign key) instead of a 422 naming the field.
    with session.no_autoflush:
        apply_patch(area, data.model_dump(exclude_unset=True), not_null=frozenset({"name"}))
        _check_links(session, area)
    session.add(area)
    session.flush()
    return area
