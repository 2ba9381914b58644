"""Working days in Vietnam: Monday to Friday, less the public holidays of the Labour Code 2019
Art. 112 (Tết and the others, from the maintained `holidays` calendar), with the days the
government swaps each year as an administrator records them (`WorkingDay`): a Saturday worked
in exchange for a bridge day off (docs/law.md, "Working days")."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
from sqlmodel import Session, select

from overseas.law.models import WorkingDay


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


@dataclass(frozen=True)
class WorkCalendar:
    changes: Mapping[date, bool] = field(default_factory=dict)

    def is_working(self, day: date) -> bool:
        swapped = self.changes.get(day)
        if swapped is not None:
            return swapped
        return day.weekday() < 5 and day not in public_holidays(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        """The day `days` working days after `start` (the deadline of a duty counted so)."""
        day, counted = start, 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working(day):
                counted += 1
        return day


def load(session: Session) -> WorkCalendar:
    rows = session.exec(select(WorkingDay)).all()
    return WorkCalendar({row.day: row.working for row in rows})
