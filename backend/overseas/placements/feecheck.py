"""The public fee check: what the law allows an enterprise to take from a worker — the service
fee and the deposit — for a market, programme, channel, salary and contract length, on a day,
with the legal basis and the exchange rate used (docs/law.md, "The public fee check").
Over-charging is the commonest harm to workers going abroad; this answers without a login."""

from datetime import date
from decimal import ROUND_FLOOR, Decimal

from pydantic import BaseModel
from sqlmodel import Session

from overseas.core.errors import ValidationFailed
from overseas.core.faults import not_found
from overseas.core.types import Ratio
from overseas.law import caps
from overseas.markets import service as markets
from overseas.markets.models import Market
from overseas.placements.models import Channel, Programme


class RuleUsed(BaseModel):
    kind: str  # "fee" or "deposit"
    source: str
    note: str
    valid_from: date | None
    valid_to: date | None


class RateUsed(BaseModel):
    value: Ratio
    effective_on: date
    source: str | None


class FeeCheck(BaseModel):
    market_code: str
    on: date
    fee_cap_vnd: int | None
    fee_cap_months: Ratio | None
    deposit_cap_vnd: int | None
    exchange_rate: RateUsed | None
    rules: list[RuleUsed]


def fee_check(
    session: Session,
    *,
    market_code: str,
    programme: Programme | None,
    channel: Channel,
    monthly_salary: Decimal,
    salary_currency: str,
    contract_months: int,
    on: date,
) -> FeeCheck:
    code = market_code.strip().upper()
    if session.get(Market, code) is None:
        raise ValidationFailed.of("market_code", not_found("market", code))
    currency = salary_currency.strip().upper()
    prog = programme.value if programme else None
    rules: list[RuleUsed] = []
    book = caps.load(session)
    fee_rule = book.fee_cap_for(code, prog, channel.value, on)
    if fee_rule is not None:
        rules.append(_used("fee", fee_rule))
    deposit_rule = book.deposit_cap_for(code, prog, channel.value, on)
    if deposit_rule is not None:
        rules.append(_used("deposit", deposit_rule))
    rate: RateUsed | None = None
    vnd_per_unit: Decimal | None = Decimal(1) if currency == "VND" else None
    if currency != "VND":
        # The rate the registry judges placements with (markets.service.Rates), and its source.
        entry = markets.exchange_rates(session, [code]).entry_on(code, currency, on)
        if entry is not None:
            vnd_per_unit = entry.value
            rate = RateUsed(value=entry.value, effective_on=entry.effective_on, source=entry.source)
    months = book.fee_cap_months(code, prog, channel.value, contract_months, on)
    fee = book.fee_cap_vnd(
        code, prog, channel.value, contract_months, monthly_salary, vnd_per_unit, on
    )
    return FeeCheck(
        market_code=code,
        on=on,
        fee_cap_vnd=int(fee.to_integral_value(ROUND_FLOOR)) if fee is not None else None,
        fee_cap_months=months.quantize(Decimal("0.01")) if months is not None else None,
        deposit_cap_vnd=deposit_rule.cap_vnd if deposit_rule else None,
        exchange_rate=rate,
        rules=rules,
    )


def _used(kind: str, rule: caps.Rule) -> RuleUsed:
    return RuleUsed(
        kind=kind,
        source=rule.source,
        note=rule.note,
        valid_from=rule.valid_from,
        valid_to=rule.valid_to,
    )
