"""How much a sanction may be and who may sign it, from Decree 283/2026/NĐ-CP's rows
(docs/inspections.md, "Fines"). Pure: the rows come from the caller.

- The printed amounts are an individual's or an organisation's as each row's `fine_basis` says;
  an organisation pays twice an individual's amount (Art. 7(1)), so an individual pays half an
  organisation's.
- A per-worker act is fined per worker affected, up to the row's cap (`per_worker_max_vnd`),
  the cap converted like the amounts (Art. 7(1) read with each per-worker clause).
- An authority's fining power is for one individual's violation and doubles for an
  organisation (Art. 63(1)); whether an authority may sanction an act is judged by the top of
  the act's fine range, as the Law on Handling Administrative Violations does.
- An act can be sanctioned until 2 years after it ended (Art. 3(4)(b)).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from overseas.law.models import SanctionPower, ViolationType

# Decree 283/2026/NĐ-CP Art. 66(1): in force from this day; acts that ended before it fall
# under Decree 12/2022/NĐ-CP (Art. 67).
DECREE_283_IN_FORCE = date(2026, 9, 10)
TIME_LIMIT_YEARS = 2  # Art. 3(4)(b)


class Offender(StrEnum):
    organisation = "organisation"
    individual = "individual"


@dataclass(frozen=True)
class FineRange:
    low: int
    high: int
    # The top of the act's range for this offender, whatever the number of workers: what an
    # authority's power is compared with.
    top: int


def _convert(amount: int, basis: str, offender: Offender) -> int:
    if basis == offender.value:
        return amount
    return amount * 2 if offender == Offender.organisation else amount // 2


def fine_range(act: ViolationType, offender: Offender, affected_workers: int | None) -> FineRange:
    """The fine the act allows for this offender; `affected_workers` is needed (at least 1) for
    a per-worker act, and ignored otherwise."""
    low = _convert(act.fine_min_vnd or 0, act.fine_basis, offender)
    high = _convert(act.fine_max_vnd, act.fine_basis, offender)
    if act.per_worker_max_vnd is None:
        return FineRange(low, high, high)
    if not affected_workers or affected_workers < 1:
        raise ValueError("a per-worker act needs the number of workers affected")
    cap = _convert(act.per_worker_max_vnd, act.fine_basis, offender)
    high = min(high * affected_workers, cap)
    return FineRange(min(low * affected_workers, high), high, cap)


def power_of(power: SanctionPower, offender: Offender) -> int:
    """The most an authority may fine this offender for one violation."""
    return power.max_fine_vnd * 2 if offender == Offender.organisation else power.max_fine_vnd


def time_limit_ends(act_ended_on: date) -> date:
    """The last day an act that ended on `act_ended_on` may be sanctioned."""
    try:
        return act_ended_on.replace(year=act_ended_on.year + TIME_LIMIT_YEARS)
    except ValueError:  # 29 February
        return act_ended_on.replace(year=act_ended_on.year + TIME_LIMIT_YEARS, day=28)


def covers(power: SanctionPower, act: ViolationType) -> bool:
    """Whether Art. 63 lets the authority sanction the act: an empty scope is all of Chapter IV;
    otherwise the scope lists provisions as "49(1)(a,b,e); 50(8); 53" (an article, a clause, or
    points of a clause)."""
    if not power.scope.strip():
        return True
    for item in power.scope.split(";"):
        text = item.strip().split(" ")[0]
        article, _, rest = text.partition("(")
        if article != act.article:
            continue
        if not rest:
            return True
        clause, _, points = rest.partition(")")
        if clause != act.clause:
            continue
        points = points.strip("()")
        if not points:
            return True
        if act.point and _point_in(act.point, points):
            return True
    return False


def _point_in(point: str, points: str) -> bool:
    for part in points.split(","):
        part = part.strip()
        if "-" in part:
            first, _, last = part.partition("-")
            if first <= point <= last:
                return True
        elif part == point:
            return True
    return False
