"""The registry's rules: identity numbers, ages, dates, statuses, legal fee and deposit caps.

Pure functions over plain values, so that the single-record API, the batch and the file import
apply exactly the same checks, and the batch can run them without touching the database.
"""

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from overseas.core.db import today
from overseas.core.errors import Fault, fault
from overseas.core.faults import IN_FUTURE, before, same_as
from overseas.core.faults import required_for_status as _for_status
from overseas.core.text import fold as fold
from overseas.law.calendar import WorkCalendar
from overseas.law.caps import CapBook
from overseas.placements.identity import CCCD_ONLY_FROM, NATIONAL_ID_LENGTHS, check_national_id
from overseas.placements.models import Channel, Flag, Status

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"

# Law 69/2020/QH14 Art. 5 and Art. 8: an enterprise is behind every channel but these two.
CHANNELS_WITHOUT_AGENCY = frozenset({Channel.direct_contract, Channel.public_unit})

# Statuses in which the worker has left (departure_date required) and has come back.
DEPARTED_STATUSES = frozenset(
    {Status.departed, Status.returned, Status.returned_early, Status.overstayed}
)
RETURNED_STATUSES = frozenset({Status.returned, Status.returned_early})
# A placement still under way: it makes another of the same person a possible duplicate.
ACTIVE_STATUSES = frozenset(
    {Status.registered, Status.training, Status.contracted, Status.departed, Status.overstayed}
)


class ActivePlacements:
    """The duplicate-worker rule: a placement is a possible duplicate while another placement
    of the same person is under way. Counts the active placements per number a person is
    known by (`ids_of`)."""

    def __init__(self, people: Iterable[tuple[Sequence[str], Any]] = ()) -> None:
        self.count: Counter[str] = Counter()
        for ids, status in people:
            self.add(ids, status)

    def add(self, ids: Sequence[str], status: Any) -> None:
        if Status(status) in ACTIVE_STATUSES:
            for number in set(ids):
                self.count[number] += 1

    def duplicate(self, ids: Sequence[str], status: Any) -> bool:
        """Whether a placement with this status (itself counted) has an active twin."""
        own = 1 if Status(status) in ACTIVE_STATUSES else 0
        return any(self.count[number] - own > 0 for number in set(ids))


# The allowed transitions; anything else is 409 invalid_transition.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.registered: frozenset({Status.training, Status.contracted, Status.cancelled}),
    Status.training: frozenset({Status.contracted, Status.cancelled}),
    Status.contracted: frozenset({Status.departed, Status.cancelled}),
    Status.departed: frozenset({Status.returned, Status.returned_early, Status.overstayed}),
    Status.overstayed: frozenset({Status.returned}),
    Status.returned: frozenset(),
    Status.returned_early: frozenset(),
    Status.cancelled: frozenset(),
}


def _reachable(start: Status) -> frozenset[Status]:
    seen: set[Status] = set()
    todo = list(TRANSITIONS[start])
    while todo:
        s = todo.pop()
        if s not in seen:
            seen.add(s)
            todo.extend(TRANSITIONS[s])
    return frozenset(seen)


# A full record (batch, import, PATCH) may move a placement several steps forward at once,
# e.g. an enterprise reporting "departed" for a worker last reported "registered".
REACHABLE = {s: _reachable(s) for s in Status}


def can_transition(current: Status, new: Status) -> bool:
    return new in TRANSITIONS[current]


def can_move(current: Status, new: Status) -> bool:
    return new == current or new in REACHABLE[current]


def normalise_name(value: str) -> str:
    """NFC (one code point per accented letter, as Vietnamese keyboards differ) and single
    spaces, so that the same name typed twice is stored the same."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# Law 69/2020/QH14 Art. 44(1): a worker going abroad has full civil act capacity, which the
# Civil Code 2015 (91/2015/QH13) Art. 20 gives at 18.
MINIMUM_AGE = 18

# Circular 20/2021/TT-BLĐTBXH Art. 11(2): a departure is reported within 5 days — working
# days for contract winners, outbound investors and internship (training) enterprises — and
# never by the worker of a direct contract, which the department records itself (Art. 11(3)).
LATE_REPORT_DAYS = 5
REPORTED_IN_WORKING_DAYS = frozenset(
    {Channel.contract_winner, Channel.outbound_investor, Channel.internship}
)


def judged_on(
    contract_signed_on: date | None, departure_date: date | None, registered_on: date
) -> date:
    """The day a placement's caps and exchange rate are taken from: the contract's signature,
    else the departure, else the registration (docs/api.md, "Caps judged as of the contract
    date"); a flag then does not change when a later rate or rule is recorded."""
    return contract_signed_on or departure_date or registered_on


# A named tuple rather than a frozen dataclass: a batch makes one per placement, and a frozen
# dataclass sets each field through object.__setattr__ (several times slower to build).
class FlagInputs(NamedTuple):
    market_code: str
    programme: str | None
    channel: str
    contract_months: int
    monthly_salary: Decimal
    salary_currency: str
    service_fee_vnd: int | None
    deposit_vnd: int | None
    departure_date: date | None
    departure_reported_on: date | None
    judged_on: date


def report_deadline(channel: Channel, departed: date, calendar: WorkCalendar) -> date:
    """The last day a departure may reach the registry on time (a date in Vietnam time);
    `date.max` for a direct contract, which nobody reports."""
    if channel == Channel.direct_contract:
        return date.max
    if channel in REPORTED_IN_WORKING_DAYS:
        return calendar.add_working_days(departed, LATE_REPORT_DAYS)
    return departed + timedelta(days=LATE_REPORT_DAYS)


def compute_flags(
    inputs: FlagInputs,
    vnd_per_unit: Decimal | None,
    duplicate: bool,
    calendar: WorkCalendar = WorkCalendar(),
    *,
    book: CapBook,
) -> dict[Flag, bool]:
    """The flags of a record; `vnd_per_unit` is the exchange rate in force on its
    `judged_on` day, and the caps are those in force that day."""
    rate = Decimal(1) if inputs.salary_currency == "VND" else vnd_per_unit
    fee_above = False
    if inputs.service_fee_vnd:
        cap = book.fee_cap_vnd(
            inputs.market_code,
            inputs.programme,
            inputs.channel,
            inputs.contract_months,
            inputs.monthly_salary,
            rate,
            inputs.judged_on,
        )
        fee_above = cap is not None and Decimal(inputs.service_fee_vnd) > cap
    deposit_rule = book.deposit_cap_for(
        inputs.market_code, inputs.programme, inputs.channel, inputs.judged_on
    )
    deposit_cap = deposit_rule.cap_vnd if deposit_rule else None
    deposit_above = (
        deposit_cap is not None
        and inputs.deposit_vnd is not None
        and inputs.deposit_vnd > deposit_cap
    )
    late = False
    left, reported = inputs.departure_date, inputs.departure_reported_on
    if left is not None and reported is not None:
        late = reported > report_deadline(Channel(inputs.channel), left, calendar)
    return {
        Flag.fee_above_cap: fee_above,
        Flag.deposit_above_cap: deposit_above,
        Flag.possible_duplicate: duplicate,
        Flag.late_report: late,
    }


def check_record(v: dict[str, Any]) -> list[tuple[str, Fault]]:
    """Rules across fields; (api field, fault) for each broken one (docs/errors.md)."""
    errors: list[tuple[str, Fault]] = []
    status = Status(v["status"])
    born: date = v["date_of_birth"]
    problem = check_national_id(v["national_id"], v["sex"], born)
    if problem:
        errors.append(("worker.national_id", problem))
    elif len(v["national_id"]) == 9 and v["registered_on"] >= CCCD_ONLY_FROM:
        errors.append(("worker.national_id", fault("national_id_expired", (
            "a 9-digit identity card is valid on records registered before 2025-01-01 only "
            "(it expired on 2024-12-31): give the 12-digit CCCD, and the old number as "
            "worker.previous_national_id"
        ), until="2024-12-31", other="worker.previous_national_id")))  # fmt: skip
    previous = v.get("previous_national_id")
    if previous is not None:
        if not (previous.isascii() and previous.isdigit() and len(previous) in NATIONAL_ID_LENGTHS):
            errors.append(
                (
                    "worker.previous_national_id",
                    fault("previous_national_id_format", "must be 9 digits (or 12)"),
                )
            )
        elif previous == v["national_id"]:
            errors.append(("worker.previous_national_id", same_as("worker.national_id")))
    if born >= v["registered_on"]:
        errors.append(
            (
                "worker.date_of_birth",
                fault("not_before_field", "must be before registered_on", other="registered_on"),
            )
        )
    # Law 69/2020/QH14 Art. 44(1) with the Civil Code 2015 Art. 20: at least 18 when leaving
    # (or when registering, before).
    age_day = v["departure_date"] or v["registered_on"]
    if age_on(born, age_day) < MINIMUM_AGE:
        errors.append(
            (
                "worker.date_of_birth",
                fault(
                    "too_young",
                    f"the worker is under {MINIMUM_AGE} on {age_day}",
                    min_age=MINIMUM_AGE,
                    on=age_day.isoformat(),
                ),
            )
        )
    departure, returned = v["departure_date"], v["return_date"]
    if status in DEPARTED_STATUSES and departure is None:
        errors.append(("departure_date", _for_status(status.value)))
    if status in RETURNED_STATUSES and returned is None:
        errors.append(("return_date", _for_status(status.value)))
    if returned is not None and status not in RETURNED_STATUSES:
        errors.append(
            (
                "return_date",
                fault(
                    "not_for_status",
                    f"only for returned placements, not {status.value}",
                    status=status.value,
                ),
            )
        )
    if departure is not None and departure < v["registered_on"]:
        errors.append(("departure_date", before("registered_on")))
    if departure is not None and returned is not None and returned < departure:
        errors.append(("return_date", before("departure_date")))
    if status in DEPARTED_STATUSES and departure is not None and departure > today():
        errors.append(
            ("departure_date", fault("in_future", "is in the future for a worker who has left"))
        )
    if returned is not None and returned > today():
        errors.append(("return_date", IN_FUTURE))
    if v["registered_on"] > today():
        errors.append(("registered_on", IN_FUTURE))
    signed = v.get("contract_signed_on")
    if signed is not None and signed > today():
        errors.append(("contract_signed_on", IN_FUTURE))
    if signed is not None and departure is not None and signed > departure:
        errors.append(
            (
                "contract_signed_on",
                fault("after_field", "is after departure_date", other="departure_date"),
            )
        )
    # Law 69/2020/QH14 Art. 5: every channel but direct contracts and public units goes
    # through a licensed enterprise.
    if v["agency_id"] is None and Channel(v["channel"]) not in CHANNELS_WITHOUT_AGENCY:
        errors.append(
            (
                "agency_id",
                fault(
                    "required_for_channel",
                    f"required for the {v['channel']} channel",
                    channel=v["channel"],
                ),
            )
        )
    return errors
