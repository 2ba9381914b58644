"""Flags that depend on more than the record: the caps and the exchange rate in force on the
day a placement is judged on, so a new rate or cap rule judges again the placements it applies
to (docs/law.md)."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlalchemy import select as core_select
from sqlmodel import Session

from overseas.audit import service as audit
from overseas.core.bulk import table_of
from overseas.core.db import utcnow
from overseas.law import caps
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
    """After a new exchange rate: settle the cap flags of the placements it applies to — the
    market's, paid in that currency, judged on a day from `effective_on` until the next rate
    (docs/law.md); a placement judged earlier keeps its flags. Returns how many changed."""
    rates = markets.exchange_rates(session, [market_code])
    until = rates.next_after(market_code, currency, effective_on)
    table = table_of(Placement)
    return rejudge(
        session,
        [table.c.market_code == market_code, table.c.salary_currency == currency],
        effective_on,
        until - timedelta(days=1) if until else None,
    )


def rejudge(session: Session, where: list[Any], judged_from: date, judged_to: date | None) -> int:
    """Settle fee_above_cap and deposit_above_cap, with the caps and rates as they are now
    recorded, for the placements `where` selects that are judged on a day in the span (after a
    new rate or cap rule: only what it applies to). Reads and writes in chunks with Core
    statements (a market may hold 100,000s); returns how many flags changed."""
    table = table_of(Placement)
    judged = func.coalesce(
        table.c.contract_signed_on, table.c.departure_date, table.c.registered_on
    )
    flags = ("fee_above_cap", "deposit_above_cap")
    columns = [table.c[name] for name in ("id", "version", *flags, *_CAP_INPUTS)]
    book = caps.load(session)
    rates: markets.Rates | None = None
    changed = 0
    last = 0
    while True:
        stmt = (
            core_select(*columns)
            .where(*where, judged >= judged_from, table.c.id > last)
            .order_by(table.c.id)
            .limit(5000)
        )
        if judged_to is not None:
            stmt = stmt.where(judged <= judged_to)
        chunk = session.connection().execute(stmt).all()
        if not chunk:
            return changed
        last = chunk[-1].id
        if rates is None:
            rates = markets.exchange_rates(session, {row.market_code for row in chunk})
        else:
            missing = {row.market_code for row in chunk} - {m for m, _ in rates.history}
            if missing:
                rates.history.update(markets.exchange_rates(session, missing).history)
        now = utcnow()
        flips = []
        for row in chunk:
            inputs = flag_inputs(dict(row._mapping), None)
            rate = rates.on(row.market_code, row.salary_currency, inputs.judged_on)
            want = rules.compute_flags(inputs, rate, False, book=book)
            new = {name: want[Flag(name)] for name in flags}
            if any(new[name] != getattr(row, name) for name in flags):
                before = {name: getattr(row, name) for name in flags}
                flips.append({"_id": row.id, **new, "_before": before})
        if flips:
            session.connection().execute(
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values(
                    fee_above_cap=bindparam("fee_above_cap"),
                    deposit_above_cap=bindparam("deposit_above_cap"),
                    updated_at=now,
                    version=table.c.version + 1,
                ),
                [{k: v for k, v in f.items() if k != "_before"} for f in flips],
            )
            audit.record_many(
                session,
                "update",
                "placements",
                (
                    (
                        f["_id"],
                        {
                            name: {"before": f["_before"][name], "after": f[name]}
                            for name in flags
                            if f["_before"][name] != f[name]
                        },
                    )
                    for f in flips
                ),
            )
            changed += len(flips)


# What the cap flags depend on, besides the rates and rules, and the days they are judged on.
_CAP_INPUTS = (
    "market_code",
    "programme",
    "channel",
    "contract_months",
    "monthly_salary",
    "salary_currency",
    "service_fee_vnd",
    "deposit_vnd",
    "contract_signed_on",
    "departure_date",
    "registered_on",
)
