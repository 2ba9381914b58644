"""Reactions that cross domains, in one place (docs/architecture.md, "Flows").

A domain never imports a domain above it; when an event in one domain must change another's
records, the route that handles the event calls the flow here, which calls each domain's
service in turn, in the request's transaction.
"""

from sqlmodel import Session

from overseas.markets import service as markets
from overseas.markets.models import Market, MarketRecord
from overseas.markets.schemas import MarketRecordCreate
from overseas.placements import flags as placement_flags


def record_market_entry(session: Session, market: Market, data: MarketRecordCreate) -> MarketRecord:
    """A new market record; when it is an exchange rate, the service fees of the market's
    placements are judged again against the legal cap (`fee_above_cap`)."""
    record = markets.create_record(session, market, data)
    if markets.is_exchange_rate(record):
        placement_flags.recompute_fee_flags(session, market.code)
    return record
