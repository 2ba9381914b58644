"""Flags that depend on more than the record: the fee cap moves with the exchange rate, so a
new rate judges the fees of a market again."""

from datetime import date
from typing import Any

from sqlalchemy import bindparam, update
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
    )


def recompute_fee_flags(session: Session, market_code: str) -> int:
    """After a new exchange rate: settle fee_above_cap for the market's placements that charge
    a fee, reading and writing in chunks with Core statements (a market may hold 100,000s)."""
    rates = markets.exchange_rates(session, [market_code])
    table = table_of(Placement)
    columns = [table.c[name] for name in ("id", "version", "fee_above_cap", *_FEE_INPUTS)]
    changed = 0
    last = 0
    while True:
        chunk = (
            session.connection()
            .execute(
                core_select(*columns)
                .where(
                    table.c.market_code == market_code,
                    table.c.service_fee_vnd > 0,
                    table.c.id > last,
                )
                .order_by(table.c.id)
                .limit(5000)
            )
            .all()
        )
        if not chunk:
            return changed
        last = chunk[-1].id
        now = utcnow()
        flips = []
        for row in chunk:
            values = dict(row._mapping) | {"deposit_vnd": None, "departure_date": None}
            want = rules.compute_flags(
                flag_inputs(values, None), rates.get((market_code, row.salary_currency)), False
            )[Flag.fee_above_cap]
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


# What the fee cap depends on, besides the exchange rate.
_FEE_INPUTS = (
    "market_code",
    "programme",
    "channel",
    "contract_months",
    "monthly_salary",
    "salary_currency",
    "service_fee_vnd",
)
