"""Markets and market records: queries and rules."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from overseas.core.errors import Conflict, NotFound
from overseas.core.models import apply_patch
from overseas.core.pagination import PageParams, paginate
from overseas.markets.models import Market, MarketRecord, RecordKind, Tier
from overseas.markets.schemas import MarketCreate, MarketRecordCreate, MarketUpdate

_NOT_NULL = frozenset({"name_vi", "name_en", "tier", "programmes"})


def find(session: Session, code: str) -> Market | None:
    return session.get(Market, code.upper())


def get_market(session: Session, code: str) -> Market:
    market = find(session, code)
    if market is None:
        raise NotFound(f"no market with code '{code}'")
    return market


def list_markets(
    session: Session,
    params: PageParams,
    *,
    tier: Tier | None = None,
    updated_since: datetime | None = None,
) -> tuple[list[Market], str | None, int | None]:
    stmt = select(Market)
    if tier:
        stmt = stmt.where(Market.tier == tier)
    if updated_since:
        stmt = stmt.where(col(Market.updated_at) >= updated_since)
        order = [col(Market.updated_at), col(Market.code)]
        return paginate(session, stmt, order, params, order_name="updated")
    return paginate(session, stmt, [col(Market.code)], params)


def create_market(session: Session, data: MarketCreate) -> Market:
    if find(session, data.code) is not None:
        raise Conflict(f"a market with code '{data.code}' exists", code="market_exists")
    market = Market.model_validate(data)
    session.add(market)
    session.flush()
    return market


def update_market(session: Session, market: Market, data: MarketUpdate) -> Market:
    apply_patch(market, data.model_dump(exclude_unset=True), not_null=_NOT_NULL)
    session.add(market)
    session.flush()
    return market


def list_records(
    session: Session,
    params: PageParams,
    *,
    market_code: str | None = None,
    kind: RecordKind | None = None,
    since: date | None = None,
    public_only: bool = False,
) -> tuple[list[MarketRecord], str | None, int | None]:
    stmt = select(MarketRecord)
    if market_code:
        stmt = stmt.where(MarketRecord.market_code == market_code.upper())
    if kind:
        stmt = stmt.where(MarketRecord.kind == kind)
    if since:
        stmt = stmt.where(col(MarketRecord.effective_on) >= since)
    if public_only:
        stmt = stmt.where(col(MarketRecord.public).is_(True))
    return paginate(session, stmt, [col(MarketRecord.id)], params)


def create_record(session: Session, market: Market, data: MarketRecordCreate) -> MarketRecord:
    record = MarketRecord.model_validate(data, update={"market_code": market.code})
    session.add(record)
    session.flush()
    return record


# The unit of an exchange rate: "VND/JPY" is the VND for one yen.
RATE_PREFIX = "VND/"


def is_exchange_rate(record: MarketRecord) -> bool:
    """A `wage` record whose unit is "VND/<currency>": the VND for one unit of the currency."""
    return record.kind == RecordKind.wage and (record.unit or "").startswith(RATE_PREFIX)


def rate_currency(record: MarketRecord) -> str:
    """The currency of an exchange-rate record ("VND/JPY" -> "JPY")."""
    return (record.unit or "").removeprefix(RATE_PREFIX).strip().upper()


def public_markets(session: Session) -> list[tuple[Market, list[MarketRecord]]]:
    """Every market with its public records, newest first; two queries in all."""
    markets = session.exec(select(Market).order_by(col(Market.code))).all()
    records = session.exec(
        select(MarketRecord)
        .where(col(MarketRecord.public).is_(True))
        .order_by(col(MarketRecord.effective_on).desc(), col(MarketRecord.id).desc())
    ).all()
    by_market: dict[str, list[MarketRecord]] = {}
    for record in records:
        by_market.setdefault(record.market_code, []).append(record)
    return [(m, by_market.get(m.code, [])) for m in markets]


class RateEntry(NamedTuple):
    """One exchange rate: the VND for one unit of the currency from `effective_on`."""

    effective_on: date
    value: Decimal
    source: str | None


@dataclass
class Rates:
    """Exchange rates over time per (market, currency). A placement is judged at the rate in
    force on its contract date (docs/api.md, "Caps judged as of the contract date"), and the
    public fee check shows that rate with its source."""

    history: dict[tuple[str, str], list[RateEntry]] = field(default_factory=dict)

    def entry_on(self, market_code: str, currency: str, day: date) -> RateEntry | None:
        """The latest rate effective on or before `day`; None when none was recorded by then."""
        found = None
        for entry in self.history.get((market_code, currency), []):
            if entry.effective_on > day:
                break
            found = entry
        return found

    def on(self, market_code: str, currency: str, day: date) -> Decimal | None:
        entry = self.entry_on(market_code, currency, day)
        return entry.value if entry else None

    def next_after(self, market_code: str, currency: str, day: date) -> date | None:
        """The first day after `day` on which another rate takes effect."""
        later = [
            e.effective_on
            for e in self.history.get((market_code, currency), [])
            if e.effective_on > day
        ]
        return later[0] if later else None


def exchange_rates(session: Session, market_codes: Iterable[str]) -> Rates:
    """Every rate of the markets: exchange-rate records (`is_exchange_rate`) whose value is the
    VND for one unit of the currency, in the order they took effect (a later record of the
    same day wins)."""
    rows = session.execute(
        core_select(
            col(MarketRecord.market_code),
            col(MarketRecord.unit),
            col(MarketRecord.value),
            col(MarketRecord.effective_on),
            col(MarketRecord.source),
        )
        .where(
            col(MarketRecord.market_code).in_(set(market_codes)),
            col(MarketRecord.kind) == RecordKind.wage,
            col(MarketRecord.unit).startswith(RATE_PREFIX),
            col(MarketRecord.value).is_not(None),
        )
        .order_by(col(MarketRecord.effective_on), col(MarketRecord.id))
    ).all()
    rates = Rates()
    for market_code, unit, value, effective_on, source in rows:
        if unit and value is not None and value > 0:
            key = (market_code, unit.removeprefix(RATE_PREFIX).strip().upper())
            history = rates.history.setdefault(key, [])
            entry = RateEntry(effective_on, value, source)
            if history and history[-1].effective_on == effective_on:
                history[-1] = entry
            else:
                history.append(entry)
    return rates
