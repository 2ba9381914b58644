"""Progress against targets, counted from the departure tallies.

`actual` counts placements whose departure_date falls in the span with a status of departed,
returned, returned_early or overstayed, whose home area lies in the area's subtree (areas it
succeeded included), in the market if one is given. `target` is the matching target, or the
sum of the yearly targets across the span, or else the sum of the children's targets.
"""

import math
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency
from overseas.areas.service import AreaTree
from overseas.core.db import today
from overseas.core.errors import ValidationFailed
from overseas.markets.models import Market
from overseas.placements import tallies
from overseas.placements.models import DepartureTally
from overseas.targets.models import Target
from overseas.targets.schemas import By, Progress, ProgressRow, Projection

LABELS_VI = {
    "channel": {
        "public_unit": "Đơn vị sự nghiệp công",
        "service_enterprise": "Doanh nghiệp dịch vụ",
        "contract_winner": "Doanh nghiệp trúng thầu, nhận thầu",
        "internship": "Thực tập nâng cao tay nghề",
        "outbound_investor": "Doanh nghiệp đầu tư ra nước ngoài",
        "direct_contract": "Hợp đồng cá nhân trực tiếp",
    },
    "sex": {"male": "Nam", "female": "Nữ"},
    "policy_group": {
        "poor_household": "Hộ nghèo",
        "near_poor_household": "Hộ cận nghèo",
        "ethnic_minority": "Dân tộc thiểu số",
        "land_recovered": "Bị thu hồi đất",
        "merit_relative": "Thân nhân người có công",
        "demobilised_soldier": "Bộ đội xuất ngũ",
    },
}
NO_AGENCY_LABEL = "Không qua doanh nghiệp"


class Targets:
    """Every target, by (area, span, market), with the roll-up rule."""

    def __init__(self, session: Session, tree: AreaTree) -> None:
        rows = session.exec(select(Target)).all()
        self.exact = {(t.area_code, t.year_from, t.year_to, t.market_code): t.value for t in rows}
        self.spans = sorted(
            ((t.year_to - t.year_from, t.area_code, t.year_from, t.year_to) for t in rows),
            reverse=True,
        )
        self.tree = tree

    def value(self, area: str, year_from: int, year_to: int, market: str | None) -> int | None:
        own = self.exact.get((area, year_from, year_to, market))
        if own is not None:
            return own
        if year_from < year_to:
            yearly = [self.exact.get((area, y, y, market)) for y in range(year_from, year_to + 1)]
            if all(v is not None for v in yearly):
                return sum(v for v in yearly if v is not None)
        parts = [
            self.value(c, year_from, year_to, market) for c in self.tree.children.get(area, [])
        ]
        known = [p for p in parts if p is not None]
        return sum(known) if known else None

    def default_span(self, area: str) -> tuple[int, int] | None:
        """The widest target span of the area or of an area it includes."""
        within = self.tree.within(area)
        for _width, code, year_from, year_to in self.spans:
            if code in within:
                return year_from, year_to
        return None


def _row(key: str, label: str, target: int | None, actual: int) -> ProgressRow:
    return ProgressRow(
        key=key, label=label, target=target, actual=actual, percent=_percent(actual, target)
    )


def _percent(actual: int, target: int | None) -> Decimal | None:
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


def tally_rows(
    session: Session,
    dimension: str,
    areas: set[str],
    year_from: int,
    year_to: int,
    market: str | None,
) -> list[Any]:
    stmt = (
        core_select(
            col(DepartureTally.year),
            col(DepartureTally.area_code),
            col(DepartureTally.market_code),
            col(DepartureTally.value),
            func.sum(col(DepartureTally.count)),
        )
        .where(
            col(DepartureTally.dimension) == dimension,
            col(DepartureTally.year) >= year_from,
            col(DepartureTally.year) <= year_to,
            col(DepartureTally.area_code).in_(sorted(areas)),
        )
        .group_by(
            col(DepartureTally.year),
            col(DepartureTally.area_code),
            col(DepartureTally.market_code),
            col(DepartureTally.value),
        )
    )
    if market:
        stmt = stmt.where(col(DepartureTally.market_code) == market)
    return list(session.execute(stmt).all())


def progress(
    session: Session,
    *,
    area_code: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    market_code: str | None = None,
    by: By | None = None,
    on: date | None = None,
) -> Progress:
    on = on or today()
    tree = AreaTree.load(session)
    area = (area_code or "").strip() or tree.root()
    if area not in tree.names:
        raise ValidationFailed.one("area_code", f"no area with code '{area}'")
    market = market_code.strip().upper() if market_code else None
    if market is not None and session.get(Market, market) is None:
        raise ValidationFailed.one("market_code", f"no market with code '{market}'")
    targets = Targets(session, tree)
    if year_from is None and year_to is None:
        year_from, year_to = targets.default_span(area) or (on.year, on.year)
    year_from = year_from if year_from is not None else year_to
    year_to = year_to if year_to is not None else year_from
    assert year_from is not None and year_to is not None
    if year_to < year_from:
        raise ValidationFailed.one("year_to", "is before year_from")

    within = tree.within(area)
    base = tally_rows(session, tallies.TOTAL_DIMENSION, within, year_from, year_to, market)
    actual = sum(r[4] for r in base)
    target = targets.value(area, year_from, year_to, market)

    rows: list[ProgressRow] = []
    if by == "year":
        per_year: dict[int, int] = defaultdict(int)
        for year, _a, _m, _v, n in base:
            per_year[year] += n
        for year in range(year_from, year_to + 1):
            t = targets.value(area, year, year, market)
            rows.append(_row(str(year), str(year), t, per_year[year]))
    elif by == "area":
        per_area: dict[str, int] = defaultdict(int)
        for _y, code, _m, _v, n in base:
            per_area[code] += n
        for child in tree.children.get(area, []):
            n = sum(per_area[c] for c in tree.within(child))
            t = targets.value(child, year_from, year_to, market)
            rows.append(_row(child, tree.names[child], t, n))
        # People homed in the area itself (under none of its units) get a row of their own,
        # so that the rows add up to `actual`.
        if per_area[area]:
            rows.append(_row(area, tree.names[area], None, per_area[area]))
    elif by == "market":
        per_market: dict[str, int] = defaultdict(int)
        for _y, _a, code, _v, n in base:
            per_market[code] += n
        names = dict(session.exec(select(Market.code, Market.name_vi)).all())
        with_targets = {m for (a, f, t, m) in targets.exact if m and a in within}
        for code in sorted(set(per_market) | with_targets):
            if market and code != market:
                continue
            t = targets.value(area, year_from, year_to, code)
            rows.append(_row(code, names.get(code, code), t, per_market[code]))
    elif by is not None:
        source = base if by == tallies.TOTAL_DIMENSION else tally_rows(
            session, by, within, year_from, year_to, market
        )  # fmt: skip
        per_value: dict[str, int] = defaultdict(int)
        for _y, _a, _m, value, n in source:
            per_value[value] += n
        labels = dict(LABELS_VI.get(by, {}))
        if by == "agency":
            ids = [int(v) for v in per_value if v]
            labels = {str(i): name for i, name in session.exec(
                select(Agency.id, Agency.name).where(col(Agency.id).in_(ids))
            ).all()} | {tallies.NO_AGENCY: NO_AGENCY_LABEL}  # fmt: skip
        for value in sorted(per_value, key=lambda v: (-per_value[v], v)):
            rows.append(_row(value, labels.get(value, value), None, per_value[value]))
    return Progress(
        area_code=area,
        year_from=year_from,
        year_to=year_to,
        market_code=market,
        by=by,
        target=target,
        actual=actual,
        percent=_percent(actual, target),
        projection=projection(actual, target, year_from, year_to, on),
        rows=rows,
    )
