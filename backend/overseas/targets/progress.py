"""Progress against targets, counted from the departure tallies.

`actual` counts placements whose departure_date falls in the span with a status of departed,
returned, returned_early or overstayed, whose home area lies in the area's subtree (areas it
succeeded included), in the market if one is given. `target` is the matching target, or the
sum of the yearly targets across the span, or else the sum of the children's targets.
"""

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from sqlalchemy import func, text
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency
from overseas.areas import catalog
from overseas.areas.catalog import Catalog, Unit
from overseas.core.bulk import in_values, table_of
from overseas.core.db import today
from overseas.core.errors import ValidationFailed
from overseas.markets.models import Market
from overseas.placements import tallies
from overseas.placements.labels import LABELS_VI
from overseas.placements.models import DepartureTally
from overseas.placements.tallies import Key
from overseas.targets.models import Target
from overseas.targets.schemas import By, Progress, ProgressRow, Projection

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


# The tally columns a figure is summed by.
TallyColumn = Literal["year", "area_id", "market_code", "value"]


def tally_sums(
    session: Session,
    dimension: str,
    areas: Iterable[int],
    year_from: int,
    year_to: int,
    market: str | None,
    by: TallyColumn | None = None,
) -> dict[Any, int]:
    """Departures in the areas and span, summed by the database over one column of the
    tallies (or in all, under the key None): a few rows come back, whatever the registry's
    size (docs/architecture.md, "Progress")."""
    table = table_of(DepartureTally)
    total = func.sum(table.c.count)
    key = table.c[by] if by else None
    stmt = core_select(*([key] if key is not None else []), total).where(
        table.c.dimension == dimension,
        table.c.year >= year_from,
        table.c.year <= year_to,
        in_values(session, table.c.area_id, sorted(areas)),
    )
    if market:
        stmt = stmt.where(table.c.market_code == market)
    if session.get_bind().dialect.name == "postgresql":
        # The driver prepares a statement run five times, and PostgreSQL then plans it once
        # for any parameters: with the territory unknown it guesses a handful of rows and
        # probes the index once per unit (600-900 ms at 1M placements instead of 20 ms;
        # bench/RESULTS.md). Planned for the values at hand, it scans the span once.
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    if key is None:
        return {None: int(session.execute(stmt).scalar_one() or 0)}
    return {k: int(n) for k, n in session.execute(stmt.group_by(key)).all()}


# Where each tally column sits in a tally key (tallies.Key).
_KEY_INDEX: dict[TallyColumn, int] = {"year": 0, "area_id": 1, "market_code": 2, "value": 4}


class DayCounts:
    """The tally keys of the departures of spans of days (tallies.count_days), read once per
    span and market for the widest territory asked and answered for any territory within it:
    the annual report asks for its area and for the plans' territories inside it."""

    def __init__(self) -> None:
        self._read: dict[tuple[date, date, str | None], tuple[frozenset[int], Counter[Key]]] = {}

    def keys(
        self, session: Session, first: date, last: date, areas: frozenset[int], market: str | None
    ) -> Counter[Key]:
        kept = self._read.get((first, last, market))
        if kept is None or not areas <= kept[0]:
            kept = (areas, tallies.count_days(session, first, last, areas, market))
            self._read[(first, last, market)] = kept
        held, counted = kept
        if areas == held:
            return counted
        return Counter({key: n for key, n in counted.items() if key[1] in areas})


class Days:
    """Departures over a span of days that need not start on 1 January nor end on 31 December,
    such as the annual report's statutory period, 15 December of the year before to
    14 December (Decree 09/2019/NĐ-CP Art. 12). The tallies hold whole years, so the span is
    read as the tallies of whole years corrected at each end by the departures of a few days,
    counted from the placements with the tallies' own keys (`tallies.count_days`). Each end
    takes the shorter correction: add the span's days of a year otherwise left out, or take
    away the days of its year outside the span; the statutory period is its year's tally, less
    15-31 December of the year, plus 15-31 December of the year before (docs/api.md, "The
    annual report"). Spans sharing a DayCounts read the days they share once."""

    def __init__(self, first: date, last: date, counts: DayCounts | None = None) -> None:
        if last < first:
            raise ValueError("the span ends before it starts")
        self.first, self.last = first, last
        self.counts = counts or DayCounts()
        # (sign, first day, last day) of each correction.
        self.windows: list[tuple[int, date, date]] = []
        new_year, year_end = date(first.year, 1, 1), date(first.year, 12, 31)
        if (year_end - first).days + 1 < (first - new_year).days:
            self.year_from = first.year + 1
            self.windows.append((1, first, year_end))
        else:
            self.year_from = first.year
            if first > new_year:
                self.windows.append((-1, new_year, first - timedelta(days=1)))
        new_year, year_end = date(last.year, 1, 1), date(last.year, 12, 31)
        if (last - new_year).days + 1 < (year_end - last).days:
            self.year_to = last.year - 1
            self.windows.append((1, new_year, last))
        else:
            self.year_to = last.year
            if last < year_end:
                self.windows.append((-1, last + timedelta(days=1), year_end))
        # Both ends adding would need the span to end before it starts: at most one year of
        # tallies is skipped, and then the two corrections are the span itself.
        assert self.year_from <= self.year_to + 1

    def sums(
        self,
        session: Session,
        dimension: str,
        areas: frozenset[int],
        market: str | None,
        by: TallyColumn | None = None,
    ) -> dict[Any, int]:
        """What `tally_sums` answers for whole years, for the span's days; a key no departure
        of the span has is left out."""
        if self.year_from <= self.year_to:
            sums = tally_sums(session, dimension, areas, self.year_from, self.year_to, market, by)
        else:
            sums = {None: 0} if by is None else {}
        for sign, first, last in self.windows:
            for key, n in self.counts.keys(session, first, last, areas, market).items():
                if key[3] == dimension:
                    column = key[_KEY_INDEX[by]] if by else None
                    sums[column] = sums.get(column, 0) + sign * n
        if by is None:
            return sums
        return {k: n for k, n in sums.items() if n}


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
        rows.append(_row(code, part.name, t, n))
    # People homed in the area itself, or in a unit across two of its parts, get a row of
    # their own.
    return _rest(q, rows, q.unit.code, q.unit.name)


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
        raise ValidationFailed.one("area_code", f"no area with code '{code}'")
    market = market_code.strip().upper() if market_code else None
    if market is not None and session.get(Market, market) is None:
        raise ValidationFailed.one("market_code", f"no market with code '{market}'")
    targets = Targets(session, places)
    if year_from is None and year_to is None:
        year_from, year_to = targets.default_span(unit) or (on.year, on.year)
    year_from = year_from if year_from is not None else year_to
    year_to = year_to if year_to is not None else year_from
    assert year_from is not None and year_to is not None
    if year_to < year_from:
        raise ValidationFailed.one("year_to", "is before year_from")

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
