"""What an enterprise owes and when (docs/obligations.md). Pure: no database.

- The annual report covers 15 December of the year before to 14 December and is sent before
  20 December, so it is due on 19 December (Circular 21/2021/TT-BLĐTBXH Art. 15).
- The changes of month M to the workers abroad are sent by the 20th of month M+1 (Circular
  20/2021/TT-BLĐTBXH Art. 11(1)).
Deadlines are days in Vietnam; a filing counts on the Vietnamese day it arrived.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from overseas.core.db import LOCAL_ZONE
from overseas.obligations.models import ReportKind

ANNUAL_DUE_DAY = 19
MONTHLY_DUE_DAY = 20


class DutyStatus(StrEnum):
    upcoming = "upcoming"  # not filed, the deadline still ahead
    submitted = "submitted"  # filed by the deadline
    late = "late"  # filed after the deadline
    missing = "missing"  # not filed, the deadline passed


@dataclass(frozen=True)
class Period:
    kind: ReportKind
    period_from: date
    period_to: date
    due_on: date


def annual(year: int) -> Period:
    """The annual report named by the year it ends in."""
    return Period(
        ReportKind.annual,
        date(year - 1, 12, 15),
        date(year, 12, 14),
        date(year, 12, ANNUAL_DUE_DAY),
    )


def monthly(year: int, month: int) -> Period:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(
        ReportKind.monthly_changes,
        first,
        following - timedelta(days=1),
        following.replace(day=MONTHLY_DUE_DAY),
    )


def periods_of(year: int) -> list[Period]:
    """Every report of a year: the annual report ending in it and the twelve months' changes."""
    return [annual(year)] + [monthly(year, m) for m in range(1, 13)]


def period_for(kind: ReportKind, period_from: date, period_to: date) -> Period | None:
    """The duty a filing's period names, or None when it is not one (nor one the calendar can
    hold: an annual report ending in year 1 would start in year 0)."""
    try:
        if kind == ReportKind.annual:
            expected = annual(period_to.year)
        else:
            expected = monthly(period_from.year, period_from.month)
    except (ValueError, OverflowError):
        return None
    if (expected.period_from, expected.period_to) != (period_from, period_to):
        return None
    return expected


def owes(period: Period, licensed_on: date | None, today: date) -> bool:
    """A duty is listed once its period has begun, and not for a period that ended before the
    enterprise was licensed."""
    if period.period_from > today:
        return False
    return licensed_on is None or licensed_on <= period.period_to


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_ZONE).date()


def status(period: Period, submitted_at: datetime | None, today: date) -> DutyStatus:
    if submitted_at is None:
        return DutyStatus.upcoming if today <= period.due_on else DutyStatus.missing
    return DutyStatus.submitted if local_day(submitted_at) <= period.due_on else DutyStatus.late
