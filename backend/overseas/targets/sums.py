"""Departures summed from the departure tallies: over whole years (`tally_sums`), and over any
span of days (`Days`), the tallies corrected at each end by the departures of a few days."""

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import func, text
from sqlalchemy import select as core_select
from sqlmodel import Session

from overseas.core.bulk import in_values, table_of
from overseas.placements import tallies
from overseas.placements.models import DepartureTally
from overseas.placements.tallies import Key

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
