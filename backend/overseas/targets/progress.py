"""Progress against targets, counted from the departure tallies.

`actual` counts placements whose departure_date falls in the span with a status of departed,
returned, returned_early or overstayed, whose home area lies in the area's subtree (areas it
succeeded included), in the market if one is given. `target` is the matching target, or the
sum of the yearly targets across the span, or else the sum of the children's targets.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlmodel import Session, col, select

from overseas.agencies.models import Agency
from overseas.areas import catalog
from overseas.areas.catalog import Catalog, Unit
from overseas.core.db import today
from overseas.core.errors import ValidationFailed
from overseas.core.faults import before, not_found
from overseas.markets.models import Market
from overseas.placements import tallies
from overseas.placements.labels import LABELS_VI
from overseas.targets.models import Target
from overseas.targets.schemas import By, Progress, ProgressRow, Projection
from overseas.targets.sums import Days, TallyColumn, tally_sums

NO_AGENCY_LABEL = "Không qua doanh nghiệp"


class Targets:
    """Every target, by (area code, span, market), with the roll-up rule: an area without a
    target of its own has the sum of the targets of the units it is made of."""

    def __init__(self, session: Session, places: Catalog) -> None:
        rows = session.exec(select(Target)).all()
        self.exact = {(t.area_code, t.year_from, t.year_to, t.market_code): t.value for t in rows}
        self.spans = sorted(
            ((t.year_to - t.year_from, t.area_code, t.year_from, t.year_to) for t in rows),
            reverse=True,
        )
        self.places = places

    def value(self, area: str, year_from: int, year_to: int, market: str | None) -> int | None:
        own = self.exact.get((area, year_from, year_to, market))
        if own is not None:
            return own
        if year_from < year_to:
            yearly = [self.exact.get((area, y, y, market)) for y in range(year_from, year_to + 1)]
            if all(v is not None for v in yearly):
                return sum(v for v in yearly if v is not None)
        parts = [
            self.value(c, year_from, year_to, market) for c in self.places.parts(area) if c != area
        ]
        known = [p for p in parts if p is not None]
        return sum(known) if known else None

    def default_span(self, unit: Unit) -> tuple[int, int] | None:
        """The widest target span of the area or of an area in its territory."""
        within = self.places.territory(unit)
        for _width, code, year_from, year_to in self.spans:
            target_unit = self.places.newest(code)
            if target_unit is not None and target_unit.id in within:
                return year_from, year_to
        return None


def _row(key: str | None, label: str, target: int | None, actual: int) -> ProgressRow:
    return ProgressRow(
        key=key, label=label, target=target, actual=actual, percent=percent_of(actual, target)
    )


def percent_of(actual: int, target: int | None) -> Decimal | None:
    if not target:
        return None
    return (Decimal(actual) * 100 / Decimal(target)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def projection(
    actual: int, target: int | None, year_from: int, year_to: int, on: date
) -> Projection:
    start, end = date(year_from, 1, 1), date(year_to, 12, 31)
    expected = None
    if on >= start:
        elapsed = (min(on, end) - start).days + 1
        expected = round(actual * ((end - start).days + 1) / elapsed)
    remaining = year_to - max(on.year, year_from) + 1 if on <= end else 0
    required = None
    if target is not None and remaining > 0:
        required = math.ceil(max(target - actual, 0) / remaining)
    return Projection(expected_at_end=expected, required_per_year=required)


@dataclass
class Query:
    """One progress question: the area (and what it holds), the span and the market."""

    session: Session
    places: Catalog
    targets: Targets
    unit: Unit
    within: frozenset[int]
    year_from: int
    year_to: int
    market: str | None
    # A span of days instead of the whole years from year_from to year_to.
    days: Days | None = None
    _read: dict[TallyColumn | None, dict[Any, int]] = field(default_factory=dict)

    def _sums(self, by: TallyColumn | None, dimension: str) -> dict[Any, int]:
        if self.days is not None:
            return self.days.sums(self.session, dimension, self.within, self.market, by)
        return tally_sums(
            self.session, dimension, self.within, self.year_from, self.year_to, self.market, by
        )

    def sums(
        self, by: TallyColumn | None, dimension: str = tallies.TOTAL_DIMENSION
    ) -> dict[Any, int]:
        """Departures summed by a column: of the total breakdown (every departure has one sex,
        so its sums add up to `actual`), read once per request; or of another breakdown."""
        if dimension != tallies.TOTAL_DIMENSION:
            return self._sums(by, dimension)
        kept = self._read.get(by)
        if kept is None:
            kept = self._read[by] = self._sums(by, dimension)
        return kept

    def actual(self) -> int:
        """Every departure counted: from a breakdown of the total already read, else read."""
        read = next(iter(self._read.values()), None)
        return sum(read.values()) if read is not None else sum(self.sums(None).values())


def _by_year(q: Query) -> list[ProgressRow]:
    per_year = q.sums("year")
    return [
        _row(
            str(year),
            str(year),
            q.targets.value(q.unit.code, year, year, q.market),
            per_year.get(year, 0),
        )
        for year in range(q.year_from, q.year_to + 1)
    ]


def _rest(q: Query, rows: list[ProgressRow], key: str | None, label: str) -> list[ProgressRow]:
    """A row for what the other rows do not hold, so that the rows add up to `actual`."""
    rest = q.actual() - sum(r.actual for r in rows)
    return [*rows, _row(key, label, None, rest)] if rest > 0 else rows


def _by_area(q: Query) -> list[ProgressRow]:
    per_unit = q.sums("area_id")
    rows = []
    for code in q.places.parts(q.unit.code):
        part = q.places.newest(code)
        if part is None or code == q.unit.code:
            continue
        n = sum(per_unit.get(u, 0) for u in q.places.territory(part) & q.within)
        t = q.targets.value(code, q.year_from, q.year_to, q.market)
        rows.append(_row(code, q.places.display_name(part), t, n))
    # People homed in the area itself, or in a unit across two of its parts, get a row of
    # their own.
    return _rest(q, rows, q.unit.code, q.places.display_name(q.unit))


NOT_ALLOCATED = "Chưa xác định xã, phường"


def _by_commune(q: Query) -> list[ProgressRow]:
    """Today's communes within the area, each counting its territory (its predecessors' old
    records included); records coded above commune level are not allocated to one."""
    per_unit = q.sums("area_id")
    rows = []
    for commune in q.places.communes_of(q.unit, today()):
        n = sum(per_unit.get(u, 0) for u in q.places.territory(commune) & q.within)
        t = q.targets.value(commune.code, q.year_from, q.year_to, q.market)
        rows.append(_row(commune.code, commune.name, t, n))
    return _rest(q, rows, None, NOT_ALLOCATED)


def _by_market(q: Query) -> list[ProgressRow]:
    per_market = q.sums("market_code")
    names = dict(q.session.exec(select(Market.code, Market.name_vi)).all())
    codes_within = {q.places.units[u].code for u in q.within}
    with_targets = {m for (a, _f, _t, m) in q.targets.exact if m and a in codes_within}
    rows = []
    for code in sorted(set(per_market) | with_targets):
        if q.market and code != q.market:
            continue
        t = q.targets.value(q.unit.code, q.year_from, q.year_to, code)
        rows.append(_row(code, names.get(code, code), t, per_market.get(code, 0)))
    return rows


def _by_value(q: Query, by: str) -> list[ProgressRow]:
    """Breakdowns kept in the tallies as values of their own (channel, agency, sex, group)."""
    per_value = q.sums("value", by)
    labels = dict(LABELS_VI.get(by, {}))
    if by == "agency":
        ids = [int(v) for v in per_value if v]
        labels = {str(i): name for i, name in q.session.exec(
            select(Agency.id, Agency.name).where(col(Agency.id).in_(ids))
        ).all()} | {tallies.NO_AGENCY: NO_AGENCY_LABEL}  # fmt: skip
    return [
        _row(value, labels.get(value, value), None, per_value[value])
        for value in sorted(per_value, key=lambda v: (-per_value[v], v))
    ]


BREAKDOWNS: dict[str, Callable[[Query], list[ProgressRow]]] = {
    "year": _by_year,
    "area": _by_area,
    "commune": _by_commune,
    "market": _by_market,
}


def progress(
    session: Session,
    *,
    area_code: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    market_code: str | None = None,
    by: By | None = None,
    on: date | None = None,
    days: Days | None = None,
) -> Progress:
    """Progress of an area over a span of years; with `days`, the departures are those of
    that span of days instead (the annual report's period), the target still the years'."""
    on = on or today()
    places = catalog.load(session)
    code = (area_code or "").strip()
    unit = places.newest(code) if code else places.root()
    if unit is None:
        raise ValidationFailed.of("area_code", not_found("area", code))
    market = market_code.strip().upper() if market_code else None
    if market is not None and session.get(Market, market) is None:
        raise ValidationFailed.of("market_code", not_found("market", market))
    targets = Targets(session, places)
    if year_from is None and year_to is None:
        year_from, year_to = targets.default_span(unit) or (on.year, on.year)
    year_from = year_from if year_from is not None else year_to
    year_to = year_to if year_to is not None else year_from
    assert year_from is not None and year_to is not None
    if year_to < year_from:
        raise ValidationFailed.of("year_to", before("year_from"))

    within = places.territory(unit)
    q = Query(session, places, targets, unit, within, year_from, year_to, market, days)
    rows: list[ProgressRow] = []
    if by is not None:
        breakdown = BREAKDOWNS.get(by)
        rows = breakdown(q) if breakdown else _by_value(q, by)
    actual = q.actual()
    target = targets.value(unit.code, year_from, year_to, market)
    return Progress(
        area_code=unit.code,
        area_name=places.display_name(unit),
        year_from=year_from,
        year_to=year_to,
        market_code=market,
        by=by,
        target=target,
        actual=actual,
        percent=percent_of(actual, target),
        projection=projection(actual, target, year_from, year_to, on),
        rows=rows,
    )
