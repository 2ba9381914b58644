"""Each risk factor said in plain units, so that a person can check it against the record
("14 months since the last inspection", "early returns 9.3 % against 3.1 % in the province"):
an English `text` and the `params` the web app words in Vietnamese (docs/inspections.md,
"The risk ranking")."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from overseas.obligations.rules import DutyStatus
from overseas.obligations.schemas import ReportingRecord

MONTH_DAYS = Decimal("30.4375")


class SignalsLike(Protocol):
    placements: int
    flagged: int
    departed: int
    finished: int
    early: int
    overstayed: int
    late: int
    open_violations: int
    overdue: int
    oldest_overdue: date | None
    last_inspected: date | None
    reporting: ReportingRecord | None
    complaints_open: int
    complaints_substantiated: int
    recruited: int
    without_notice: int


@dataclass(frozen=True)
class Province:
    """The province's own rates, that an enterprise's are read against."""

    early_return_rate: Decimal | None
    overstay_rate: Decimal | None


def percent(value: Decimal | None) -> str:
    if value is None:
        return "n/a"
    return f"{(value * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)} %"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def months_since(day: date, on: date) -> int:
    return int(Decimal((on - day).days) / MONTH_DAYS)


def explain(
    name: str, s: SignalsLike, province: Province, on: date, rates: dict[str, Decimal | None]
) -> tuple[str, dict[str, Any]]:
    """The factor `name` in words and its figures."""
    if name == "inspection_gap":
        if s.last_inspected is None:
            return "never inspected", {"months": None}
        months = months_since(s.last_inspected, on)
        return (
            f"{plural(months, 'month', 'months')} since the last inspection "
            f"({s.last_inspected.isoformat()})",
            {"months": months, "last_inspected_on": s.last_inspected.isoformat()},
        )
    if name == "overdue_remedies":
        if not s.overdue or s.oldest_overdue is None:
            return "no remedy overdue", {"count": 0, "days": 0}
        days = (on - s.oldest_overdue).days
        words = (
            f"1 remedy overdue by {plural(days, 'day', 'days')}"
            if s.overdue == 1
            else f"{s.overdue} remedies overdue, the oldest by {plural(days, 'day', 'days')}"
        )
        return words, {"count": s.overdue, "days": days}
    if name == "open_violations":
        return (
            f"{plural(s.open_violations, 'violation', 'violations')} not yet remedied",
            {"count": s.open_violations},
        )
    if name == "flagged_share":
        return (
            f"{s.flagged} of {plural(s.placements, 'placement', 'placements')} flagged "
            f"({percent(rates[name])})",
            {"count": s.flagged, "of": s.placements, "rate": rates[name]},
        )
    if name in ("early_return_rate", "overstay_rate"):
        words = "early returns" if name == "early_return_rate" else "overstays"
        whole = s.finished if name == "early_return_rate" else s.departed
        theirs = getattr(province, name)
        if not whole:
            return f"{words}: no workers to count yet", {"rate": None, "province_rate": theirs}
        return (
            f"{words} {percent(rates[name])} against {percent(theirs)} in the province",
            {"rate": rates[name], "province_rate": theirs},
        )
    if name == "late_report_rate":
        return (
            f"{s.late} of {plural(s.departed, 'departure', 'departures')} reported late "
            f"({percent(rates[name])})",
            {"count": s.late, "of": s.departed, "rate": rates[name]},
        )
    if name == "reports_not_on_time":
        record = s.reporting
        if record is None:
            return "owes the department no reports", {"due": 0}
        if not record.due:
            return "no report has fallen due yet", {"due": 0}
        parts = []
        if record.annual in (DutyStatus.missing, DutyStatus.late):
            parts.append(f"annual report {record.annual.value}")
        parts.append(
            f"{record.late + record.missing} of {record.due} reports due in the last 12 months "
            f"late or missing"
        )
        params = {
            "due": record.due,
            "late": record.late,
            "missing": record.missing,
            "annual": record.annual.value if record.annual else None,
        }
        return "; ".join(parts), params
    if name == "complaints":
        return (
            f"{plural(s.complaints_open, 'complaint', 'complaints')} open, "
            f"{s.complaints_substantiated} substantiated in the last 24 months",
            {"open": s.complaints_open, "substantiated": s.complaints_substantiated},
        )
    if name == "recruiting_without_notice":
        if not s.recruited:
            return "no placement registered through it in the last 12 months", {"of": 0}
        return (
            f"{s.without_notice} of {plural(s.recruited, 'placement', 'placements')} registered "
            f"in the last 12 months name no recruitment notice ({percent(rates[name])})",
            {"count": s.without_notice, "of": s.recruited, "rate": rates[name]},
        )
    raise KeyError(name)
