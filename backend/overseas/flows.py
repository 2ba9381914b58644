"""Reactions that cross domains, in one place (docs/architecture.md, "Flows").

A domain never imports a domain above it; when an event in one domain must change another's
records, the route that handles the event calls the flow here, which calls each domain's
service in turn, in the request's transaction.
"""

from sqlmodel import Session

from overseas.audit import service as audit
from overseas.markets import service as markets
from overseas.markets.models import Market, MarketRecord
from overseas.markets.schemas import MarketRecordCreate
from overseas.placements import flags as placement_flags


def record_market_entry(session: Session, market: Market, data: MarketRecordCreate) -> MarketRecord:
    """A new market record; when it is an exchange rate, the service fees of the placements it
    applies to (judged on a day from its `effective_on` until the next rate) are judged again
    against the legal cap (`fee_above_cap`), as one audited system action that says how many
    flags changed."""
    record = markets.create_record(session, market, data)
    if markets.is_exchange_rate(record):
        currency = markets.rate_currency(record)
        changed = placement_flags.recompute_fee_flags(
            session, market.code, currency, record.effective_on
        )
        audit.record(
            session,
            "rejudge_fees",
            "markets",
            market.code,
            {
                "currency": currency,
                "effective_on": record.effective_on.isoformat(),
                "record_id": record.id,
                "flags_changed": changed,
            },
        )
    return record
