"""The administrative units over time, held in memory: which unit a code names on a day, what
each unit contains, what succeeded what, and the territory a figure about a unit counts
(docs/places.md).

A province's units are a few hundred rows; the catalog is read once and kept by each process,
and read again when the areas or their successions changed (one cheap query per request
tells). Everything here answers from memory.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from threading import Lock
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session

from overseas.areas.models import Area, AreaLevel, AreaSuccession, SuccessionPart
from overseas.core.bulk import table_of
from overseas.core.db import today
from overseas.core.text import fold

# From this day local government has two levels, the province and the commune (the merger of
# provinces: Resolution 202/2025/QH15; the district level abolished: Resolution 203/2025/QH15
# and the Law on the Organisation of Local Government 72/2025/QH15).
REFORM_DAY = date(2025, 7, 1)


@dataclass(frozen=True)
class Unit:
    id: int
    code: str
    name: str
    level: AreaLevel
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None
    search_name: str

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def overlaps(self, other: "Unit") -> bool:
        starts_before_end = (
            other.valid_to is None or (self.valid_from or date.min) <= other.valid_to
        )
        ends_after_start = self.valid_to is None or (other.valid_from or date.min) <= self.valid_to
        return starts_before_end and ends_after_start

    def period(self) -> str:
        """ "to 30/06/2025", "from 01/07/2025", "01/01/2025-30/06/2025", or "" when open."""
        start = self.valid_from.strftime("%d/%m/%Y") if self.valid_from else None
        end = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else None
        if start and end:
            return f"{start}-{end}"
        if end:
            return f"to {end}"
        return f"from {start}" if start else ""


@dataclass(frozen=True)
class Link:
    unit: int
    part: SuccessionPart


@dataclass
class Catalog:
    units: dict[int, Unit]
    successions: list[tuple[int, int, SuccessionPart]]
    by_code: dict[str, list[Unit]] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    successors: dict[int, list[Link]] = field(default_factory=dict)
    predecessors: dict[int, list[Link]] = field(default_factory=dict)
    _territory: dict[int, frozenset[int]] = field(default_factory=dict)
    _today: dict[tuple[int, date], list[Unit]] = field(default_factory=dict)
    _parts: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_code: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.units.values():
            by_code[unit.code].append(unit)
        for units in by_code.values():
            units.sort(key=lambda u: u.valid_from or date.min)
        self.by_code = dict(by_code)
        children: dict[int, list[int]] = defaultdict(list)
        for unit in self.units.values():
            holder = next(
                (p for p in self.by_code.get(unit.parent_code or "", []) if p.overlaps(unit)),
                None,
            )
            if holder is not None:
                self.parent[unit.id] = holder.id
                children[holder.id].append(unit.id)
        self.children = dict(children)
        successors: dict[int, list[Link]] = defaultdict(list)
        predecessors: dict[int, list[Link]] = defaultdict(list)
        for old, new, part in self.successions:
            successors[old].append(Link(new, part))
            predecessors[new].append(Link(old, part))
        self.successors = dict(successors)
        self.predecessors = dict(predecessors)

    # --- naming a unit ---------------------------------------------------------------------

    def on(self, code: str, day: date) -> Unit | None:
        """The unit with this code on this day."""
        return next((u for u in self.by_code.get(code, []) if u.valid_on(day)), None)

    def newest(self, code: str) -> Unit | None:
        """The newest unit with this code: what a bare code means (docs/api.md)."""
        units = self.by_code.get(code)
        return units[-1] if units else None

    def root(self) -> Unit:
        """The province the registry is about: the newest province that succeeds nothing."""
        provinces = [
            u for u in self.units.values() if u.level == AreaLevel.province and u.valid_to is None
        ]
        return sorted(provinces, key=lambda u: -len(self.predecessors.get(u.id, [])))[0]

    def path(self, unit: Unit) -> list[Unit]:
        """The unit and the units it lies in, innermost first."""
        out = [unit]
        while out[-1].id in self.parent and len(out) < 5:
            out.append(self.units[self.parent[out[-1].id]])
        return out

    # --- succession ------------------------------------------------------------------------

    def allocated(self, old: Unit) -> Unit:
        """The one successor a unit split between several is counted under, everywhere: the
        one that kept its code, else the lowest code (docs/places.md)."""
        successors = [self.units[link.unit] for link in self.successors.get(old.id, [])]
        same = [s for s in successors if s.code == old.code]
        return same[0] if same else min(successors, key=lambda s: (s.code, s.id))

    def counts_under(self, old_id: int, link: Link, new_id: int) -> bool:
        if link.part == SuccessionPart.whole:
            return True
        return self.allocated(self.units[old_id]).id == new_id

    def today(self, unit: Unit, day: date) -> list[Unit]:
        """The units valid on `day` that hold the unit's territory (itself when still valid)."""
        found: list[Unit] = []
        todo, seen = [unit], set()
        while todo:
            current = todo.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            if current.valid_on(day):
                found.append(current)
                continue
            todo += [self.units[link.unit] for link in self.successors.get(current.id, [])]
        return sorted(found, key=lambda u: (u.code, u.id))

    def today_of(self, unit: Unit) -> list[Unit]:
        """Today's units holding the unit's territory, kept for the day (every record read)."""
        day = today()
        key = (unit.id, day)
        kept = self._today.get(key)
        if kept is None:
            kept = self._today[key] = self.today(unit, day)
        return kept

    def display_name(self, unit: Unit) -> str:
        """How the reports and the web app name an area (docs/places.md, "Names"): its own
        name while it exists (a former district keeps its own: the communes it went into are
        many); a former province that one unit holds today, by that unit and the old
        territory, "Thành phố Đà Nẵng (địa bàn tỉnh Quảng Nam cũ)"."""
        if unit.valid_to is None or unit.level != AreaLevel.province:
            return unit.name
        holders = self.today_of(unit)
        if len(holders) != 1 or holders[0].id == unit.id:
            return unit.name
        return f"{holders[0].name} (địa bàn {unit.name[:1].lower()}{unit.name[1:]} cũ)"

    # --- territory ---------------------------------------------------------------------------

    def _contained(self, unit_id: int) -> set[int]:
        """The unit, the units in it, and those it succeeded (what it counts directly)."""
        found: set[int] = set()
        todo = [unit_id]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            todo += self.children.get(current, [])
            todo += [
                link.unit
                for link in self.predecessors.get(current, [])
                if self.counts_under(link.unit, link, current)
            ]
        return found

    def territory(self, unit: Unit) -> frozenset[int]:
        """The units whose records a figure about `unit` counts: the unit, the units in it,
        the units it succeeded, and — for a unit that was replaced — every later unit that lies
        wholly within it (the former province 49 counts the 78 new communes formed only from its
        communes, not the rest of Đà Nẵng)."""
        kept = self._territory.get(unit.id)
        if kept is not None:
            return kept
        found = self._contained(unit.id)
        grew = True
        while grew:
            grew = False
            for later_id, links in self.predecessors.items():
                if later_id in found:
                    continue
                counted = [
                    link.unit for link in links if self.counts_under(link.unit, link, later_id)
                ]
                # Formed only from what the unit holds: every predecessor counted under it and
                # every unit of its own inside (Quế Sơn took Nông Sơn in 2025 but kept its own
                # communes, so it does not lie within Nông Sơn).
                own = self.children.get(later_id, [])
                if counted and all(u in found for u in counted) and all(c in found for c in own):
                    found |= self._contained(later_id)
                    grew = True
        result = frozenset(found)
        self._territory[unit.id] = result
        return result

    def parts(self, code: str) -> list[str]:
        """The codes of the units an area is made of, for rolling targets up: the units in it
        and those it succeeded, the outermost only (a unit inside another of them is counted
        through that one). Kept with the catalog."""
        kept = self._parts.get(code)
        if kept is not None:
            return kept
        unit = self.newest(code)
        found: list[str] = []
        if unit is not None:
            candidates = set(self.children.get(unit.id, []))
            candidates |= {
                link.unit
                for link in self.predecessors.get(unit.id, [])
                if self.counts_under(link.unit, link, unit.id)
            }
            outermost = [
                c
                for c in candidates
                if not any(c in self.territory(self.units[o]) for o in candidates if o != c)
            ]
            found = sorted({self.units[c].code for c in outermost})
        self._parts[code] = found
        return found

    def communes_of(self, unit: Unit, day: date) -> list[Unit]:
        """Today's commune-level units within the unit's territory."""
        within = self.territory(unit)
        return sorted(
            (
                u
                for u in self.units.values()
                if u.level == AreaLevel.commune and u.valid_on(day) and u.id in within
            ),
            key=lambda u: (u.code, u.id),
        )

    def unallocated(self) -> list[int]:
        """The units of today's city above commune level (its former districts, the provinces
        it succeeded and itself): a record coded with one of them lacks a commune."""
        return sorted(
            u for u in self.territory(self.root()) if self.units[u].level != AreaLevel.commune
        )

    def holds_communes(self, province: Unit, day: date) -> bool:
        """Whether the registry holds the commune-level units of the province on `day`."""
        return any(
            self.units[c].level == AreaLevel.commune and self.units[c].valid_on(day)
            for c in self.children.get(province.id, [])
        )

    # --- search ------------------------------------------------------------------------------

    def search(self, text: str, units: Iterable[Unit] | None = None) -> list[Unit]:
        wanted = fold(text)
        pool = self.units.values() if units is None else units
        return [u for u in pool if wanted in u.search_name]


_cache: tuple[tuple[object, ...], Catalog] | None = None
_lock = Lock()


_AREAS, _LINKS = table_of(Area), table_of(AreaSuccession)
# What tells whether the areas changed: their number, latest change and highest id, and the
# number of successions. Scalar subqueries, so that a query of the registry can carry them
# along (FINGERPRINT) and spare the catalog a round trip of its own.
FINGERPRINT = [
    core_select(func.count(_AREAS.c.id)).scalar_subquery().label("catalog_units"),
    core_select(func.max(_AREAS.c.updated_at)).scalar_subquery().label("catalog_changed"),
    core_select(func.max(_AREAS.c.id)).scalar_subquery().label("catalog_last"),
    core_select(func.count()).select_from(_LINKS).scalar_subquery().label("catalog_links"),
]
_FINGERPRINT_QUERY = core_select(*FINGERPRINT)


def _fingerprint(values: Sequence[Any]) -> tuple[object, ...]:
    units, updated, last, links = values
    return (units, updated.isoformat() if updated else None, last, links)


def load(session: Session, fingerprint: Sequence[Any] | None = None) -> Catalog:
    """The catalog of this database, read again only when the areas changed. `fingerprint`:
    the values of FINGERPRINT, read in the same transaction by a query that carried them."""
    global _cache
    if fingerprint is None:
        fingerprint = session.connection().execute(_FINGERPRINT_QUERY).one()
    key = (str(session.get_bind().engine.url), *_fingerprint(fingerprint))
    cached = _cache
    if cached is not None and cached[0] == key:
        return cached[1]
    areas, links = table_of(Area), table_of(AreaSuccession)
    conn = session.connection()
    units = {
        r.id: Unit(
            r.id,
            r.code,
            r.name,
            AreaLevel(r.level),
            r.parent_code,
            r.valid_from,
            r.valid_to,
            r.search_name,
        )
        for r in conn.execute(
            core_select(
                areas.c.id,
                areas.c.code,
                areas.c.name,
                areas.c.level,
                areas.c.parent_code,
                areas.c.valid_from,
                areas.c.valid_to,
                areas.c.search_name,
            )
        )
    }
    successions = [
        (r.old_id, r.new_id, SuccessionPart(r.part))
        for r in conn.execute(core_select(links.c.old_id, links.c.new_id, links.c.part))
    ]
    catalog = Catalog(units, successions)
    with _lock:
        _cache = (key, catalog)
    return catalog
