"""The legal caps on what an enterprise may take from a worker, as dated rows with their
source (`FeeCapRule`, `DepositCapRule`): the service fee (Law 69/2020/QH14 Art. 23; public
units none, Art. 42(3); the market tables of Circular 02/2024/TT-BLĐTBXH until Circular
09/2026/TT-BNV replaced them on 2026-06-30) and the deposit (Decree 112/2021/NĐ-CP Art. 29 and
App. II; Korea's EPS by the intergovernmental agreement, Art. 33).

A cap is judged on a day with the row in force that day: the most specific row valid then, a
row naming the channel beating one naming the market, which beats one naming the programme
(`*` matches any). A row with an empty cap means no known cap (docs/law.md)."""

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from threading import Lock
from typing import TypeVar

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session, select

from overseas.core.bulk import table_of
from overseas.law.models import DepositCapRule, FeeCapRule

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
ANY = "*"


@dataclass(frozen=True)
class Rule:
    market_code: str
    programme: str
    channel: str
    valid_from: date | None
    valid_to: date | None
    note: str
    source: str

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def score(self, market_code: str, programme: str | None, channel: str) -> int | None:
        """How specific the rule is for these values (None when it does not apply)."""
        total = 0
        for wanted, actual, weight in (
            (self.channel, channel, 4),
            (self.market_code, market_code, 2),
            (self.programme, programme or "", 1),
        ):
            if wanted == ANY:
                continue
            if wanted != actual:
                return None
            total += weight
        return total


@dataclass(frozen=True)
class FeeCap(Rule):
    months_per_12: Decimal
    months_max: Decimal


@dataclass(frozen=True)
class DepositCap(Rule):
    cap_vnd: int | None  # None: no known cap, no flag


R = TypeVar("R", bound=Rule)


def _applying(
    rules: tuple[R, ...], market_code: str, programme: str | None, channel: str
) -> tuple[R, ...]:
    """The rules that apply to these values on some day, the most specific first (rows of the
    same score in their own order)."""
    scored = [(s, r) for r in rules if (s := r.score(market_code, programme, channel)) is not None]
    return tuple(r for _, r in sorted(scored, key=lambda sr: -sr[0]))


def _in_force(rules: tuple[R, ...], on: date) -> R | None:
    """The first of `_applying`'s rules valid on the day: the most specific in force."""
    return next((r for r in rules if r.valid_on(on)), None)


@dataclass(frozen=True)
class CapBook:
    """Every cap row, to judge placements with (read once per request, or per process while
    the rows do not change)."""

    fees: tuple[FeeCap, ...]
    deposits: tuple[DepositCap, ...]
    # The rules that apply to each (market, programme, channel), worked out once per book: a
    # batch judges a thousand placements with a handful of these (a few keys at most).
    _fees_for: dict[tuple[str, str | None, str], tuple[FeeCap, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _deposits_for: dict[tuple[str, str | None, str], tuple[DepositCap, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def fee_cap_for(
        self, market_code: str, programme: str | None, channel: str, on: date
    ) -> FeeCap | None:
        """The fee rule in force on the day; None before the rows begin (Law 69/2020 is in
        force from 2022-01-01; the caps of the law before it are not loaded)."""
        key = (market_code, programme, channel)
        rules = self._fees_for.get(key)
        if rules is None:
            rules = self._fees_for[key] = _applying(self.fees, *key)
        return _in_force(rules, on)

    def deposit_cap_for(
        self, market_code: str, programme: str | None, channel: str, on: date
    ) -> DepositCap | None:
        """The deposit rule in force on the day; None when the market has none."""
        key = (market_code, programme, channel)
        rules = self._deposits_for.get(key)
        if rules is None:
            rules = self._deposits_for[key] = _applying(self.deposits, *key)
        return _in_force(rules, on)

    def fee_cap_months(
        self, market_code: str, programme: str | None, channel: str, contract_months: int, on: date
    ) -> Decimal | None:
        """How many months of salary the fee may reach: per 12 months of contract, at most the
        rule's maximum (Law 69/2020/QH14 Art. 23); None when no rule is in force."""
        cap = self.fee_cap_for(market_code, programme, channel, on)
        if cap is None:
            return None
        return min(cap.months_max, cap.months_per_12 * Decimal(contract_months) / Decimal(12))

    def fee_cap_vnd(
        self,
        market_code: str,
        programme: str | None,
        channel: str,
        contract_months: int,
        monthly_salary: Decimal,
        vnd_per_unit: Decimal | None,
        on: date,
    ) -> Decimal | None:
        """The highest lawful service fee in VND on the day, or None when no rule or no
        exchange rate is known (a cap of 0 months needs no rate)."""
        months = self.fee_cap_months(market_code, programme, channel, contract_months, on)
        if months is None:
            return None
        if months == 0:
            return Decimal(0)
        if vnd_per_unit is None:
            return None
        return months * monthly_salary * vnd_per_unit


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def reference_rows(name: str) -> list[dict[str, str]]:
    """The rows shipped with the application (`data/reference`), which seed the tables."""
    with (REFERENCE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@lru_cache
def reference_book() -> CapBook:
    """The caps as shipped, for the tables' first rows and for tests of pure rules."""
    return CapBook(
        tuple(
            FeeCap(r["market_code"], r["programme"], r["channel"], _day(r["valid_from"]),
                   _day(r["valid_to"]), r["note"], r["source"],
                   Decimal(r["cap_months_per_12"]), Decimal(r["cap_months_max"]))
            for r in reference_rows("fee_caps.csv")
        ),
        tuple(
            DepositCap(r["market_code"], r["programme"], r["channel"], _day(r["valid_from"]),
                       _day(r["valid_to"]), r["note"], r["source"],
                       int(r["cap_vnd"]) if r["cap_vnd"] else None)
            for r in reference_rows("deposit_caps.csv")
        ),
    )  # fmt: skip


_cache: tuple[tuple[object, ...], CapBook] | None = None
_lock = Lock()


def _fingerprint(session: Session) -> tuple[object, ...]:
    parts: list[object] = [str(session.get_bind().engine.url)]
    for model in (FeeCapRule, DepositCapRule):
        table = table_of(model)
        count, updated, top = (
            session.connection()
            .execute(core_select(func.count(), func.max(table.c.updated_at), func.max(table.c.id)))
            .one()
        )
        stamp: datetime | None = updated
        parts += [count, stamp.isoformat() if stamp else None, top]
    return tuple(parts)


def load(session: Session) -> CapBook:
    """The caps of this database, read again only when a row changed."""
    global _cache
    key = _fingerprint(session)
    cached = _cache
    if cached is not None and cached[0] == key:
        return cached[1]
    fees = tuple(
        FeeCap(r.market_code, r.programme, r.channel, r.valid_from, r.valid_to, r.note,
               r.source, r.cap_months_per_12, r.cap_months_max)
        for r in session.exec(select(FeeCapRule)).all()
    )  # fmt: skip
    deposits = tuple(
        DepositCap(r.market_code, r.programme, r.channel, r.valid_from, r.valid_to, r.note,
                   r.source, r.cap_vnd)
        for r in session.exec(select(DepositCapRule)).all()
    )  # fmt: skip
    book = CapBook(fees, deposits)
    with _lock:
        _cache = (key, book)
    return book
