"""Flags that depend on more than the record: the fee cap moves with the exchange rate, so a
new rate judges the fees of a market again."""

from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlalchemy import select as core_select
from sqlmodel import Session

from overseas.audit import service as audit
from overseas.core.bulk import table_of
from overseas.core.db import utcnow
from overseas.markets import service as markets
from overseas.placements import rules
from overseas.placements.models import Flag, Placement
from overseas.placements.record import plain


def flag_inputs(v: dict[str, Any], reported_on: date | None) -> rules.FlagInputs:
    return rules.FlagInputs(
        market_code=v["market_code"],
        programme=plain(v["programme"]),
        channel=plain(v["channel"]),
        contract_months=v["contract_months"],
        monthly_salary=v["monthly_salary"],
        salary_currency=v["salary_currency"],
        service_fee_vnd=v["service_fee_vnd"],
        deposit_vnd=v["deposit_vnd"],
        departure_date=v["departure_date"],
        departure_reported_on=reported_on,
        judged_on=rules.judged_on(v["contract_signed_on"], v["departure_date"], v["registered_on"]),
    )


def recompute_fee_flags(
    session: Session, market_code: str, currency: str, effective_on: date
) -> int:
    """After a new exchange rate: settle fee_above_cap for the placements it applies to — the
    market's, paid in that currency, charging a fee, judged on a day from `effective_on` until
    the next rate (docs/api.md, "Caps judged as of the contract date"); a placement judged
    earlier keeps its flag. Reads and writes in chunks with Core statements (a market may hold
    100,000s); returns how many flags changed."""
    rates = markets.exchange_rates(session, [market_code])
    until = rates.next_after(market_code, currency, effective_on)
    table = table_of(Placement)
    judged = func.coalesce(
        table.c.contract_signed_on, table.c.departure_date, table.c.registered_on
    )
    columns = [table.c[name] for name in ("id", "version", "fee_above_cap", *_FEE_INPUTS)]
    changed = 0
    last = 0
    while True:
        stmt = (
            core_select(*columns)
            .where(
                table.c.market_code == market_code,
                table.c.salary_currency == currency,
                table.c.service_fee_vnd > 0,
                judged >= effective_on,
                table.c.id > last,
            )
            .order_by(table.c.id)
            .limit(5000)
        )
        if until is not None:
            stmt = stmt.where(judged < until)
        chunk = session.connection().execute(stmt).all()
        if not chunk:
            return changed
        last = chunk[-1].id
        now = utcnow()
        flips = []
        for row in chunk:
            inputs = flag_inputs(dict(row._mapping) | {"deposit_vnd": None}, None)
            rate = rates.on(market_code, currency, inputs.judged_on)
            want = rules.compute_flags(inputs, rate, False)[Flag.fee_above_cap]
            if want != row.fee_above_cap:
                flips.append({"_id": row.id, "flag": want})
        if flips:
            session.connection().execute(
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values(
                    fee_above_cap=bindparam("flag"), updated_at=now, version=table.c.version + 1
                ),
                flips,
            )
            audit.record_many(
                session,
                "update",
                "placements",
                (
                    (f["_id"], {"fee_above_cap": {"before": not f["flag"], "after": f["flag"]}})
                    for f in flips
                ),
            )
            changed += len(flips)


# What the fee cap depends on, besides the exchange rate, and the days it is judged on.
_FEE_INPUTS = (
    "market_code",
    "programme",
    "channel",
    "contract_months",
    "monthly_salary",
    "salary_currency",
    "service_fee_vnd",
    "contract_signed_on",
    "departure_date",
    "registered_on",
)
