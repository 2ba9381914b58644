"""A violation judged against Decree 283/2026's rows (docs/inspections.md, "Violations"): the
act valid on the day it ended, the time limit, the fine within the act's range for the
offender, and its remedies as items whose state the violation's summary fields carry."""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from overseas.core.db import today
from overseas.core.errors import ValidationFailed
from overseas.core.faults import IN_FUTURE
from overseas.inspections.models import Inspection, Remedy, Violation
from overseas.inspections.schemas import RemedyIn, RemedyRead, ViolationRead
from overseas.law import fines
from overseas.law.models import ViolationType
from overseas.placements.models import Placement


def act_of(session: Session, violation: Violation) -> ViolationType | None:
    """The catalogue's act the violation names, checked against the day the act ended."""
    if violation.violation_type is None:
        return None
    if violation.act_ended_on is None:
        raise ValidationFailed.one(
            "act_ended_on",
            "is needed with a violation_type",
            "required_with_field",
            {"other": "violation_type"},
        )
    act = session.get(ViolationType, violation.violation_type)
    if act is None:
        raise ValidationFailed.one(
            "violation_type",
            f"no act '{violation.violation_type}' in the catalogue",
            "not_found",
            {"entity": "violation_type", "value": violation.violation_type},
        )
    if violation.act_ended_on < fines.DECREE_283_IN_FORCE:
        raise ValidationFailed.one(
            "violation_type",
            "the act ended before 2026-09-10 and falls under Decree 12/2022/NĐ-CP, whose "
            "catalogue is not loaded: record it without a type, with its legal_basis",
            "act_before_decree",
            {"from": "2026-09-10"},
        )
    ended = violation.act_ended_on
    if act.valid_from > ended or (act.valid_to is not None and act.valid_to < ended):
        raise ValidationFailed.one(
            "violation_type",
            f"'{act.code}' was not in force on {ended.isoformat()}",
            "not_in_force",
            {"value": act.code, "on": ended.isoformat()},
        )
    return act


def judge(session: Session, violation: Violation, on: date | None = None) -> None:
    """422 naming the field when the violation breaks a rule of the decree."""
    day = on or today()
    if violation.act_ended_on is not None:
        if violation.act_ended_on > day:
            raise ValidationFailed.of("act_ended_on", IN_FUTURE)
        limit = fines.time_limit_ends(violation.act_ended_on)
        if day > limit:
            raise ValidationFailed.one(
                "act_ended_on",
                f"the time limit for sanctioning (2 years, Decree 283/2026/NĐ-CP Art. 3(4)(b)) "
                f"ended on {limit.isoformat()}",
                "time_limit_passed",
                {"ended_on": limit.isoformat()},
            )
    act = act_of(session, violation)
    if act is None:  # free text: what the catalogue lacks, or an act under Decree 12/2022
        if not violation.description:
            raise ValidationFailed.one(
                "description",
                "a violation outside the catalogue is described in words",
                "description_required",
            )
        return
    if not violation.description:
        violation.description = act.title_vi
    if not violation.legal_basis:
        violation.legal_basis = act.source
    offender = fines.Offender(violation.offender)
    try:
        allowed = fines.fine_range(act, offender, violation.affected_workers)
    except ValueError as exc:
        raise ValidationFailed.one("affected_workers", str(exc), "workers_required") from exc
    if not allowed.low <= violation.fine_vnd <= allowed.high:
        workers = (
            f", {violation.affected_workers} workers" if act.per_worker_max_vnd is not None else ""
        )
        raise ValidationFailed.one(
            "fine_vnd",
            f"must lie between {allowed.low} and {allowed.high} VND for an {offender.value} "
            f"under {act.source}{workers}",
            "fine_out_of_range",
            {"low": allowed.low, "high": allowed.high, "offender": offender.value},
        )


def check_remedies(
    session: Session, inspection: Inspection, items: list[RemedyIn] | list[Remedy]
) -> None:
    """The placements a refund names are the inspected enterprise's."""
    wanted = sorted({pid for item in items for pid in item.placement_ids})
    if not wanted:
        return
    found = set(
        session.exec(
            select(Placement.id).where(
                col(Placement.id).in_(wanted), Placement.agency_id == inspection.agency_id
            )
        ).all()
    )
    missing = [pid for pid in wanted if pid not in found]
    if missing:
        raise ValidationFailed.one(
            "remedies.placement_ids",
            f"not placements of the inspected enterprise: {', '.join(map(str, missing))}",
            "other_enterprise",
            {"ids": ", ".join(map(str, missing))},
        )


def summarise(violation: Violation, items: list[Remedy]) -> None:
    """The violation's remedy fields from its items: what is ordered, the earliest day still
    due, and the day the last item was done or cancelled once all are."""
    if not items:
        return
    violation.remedy = "; ".join(item.description for item in items)
    pending = [i for i in items if i.done_on is None and i.cancelled_by is None]
    dues = [i.due_on for i in (pending or items) if i.due_on is not None]
    violation.remedy_due = min(dues) if dues else None
    if pending:
        violation.remedied_on = None
    else:
        settled = [i.done_on or i.cancelled_on for i in items]
        violation.remedied_on = max(d for d in settled if d is not None)


def remedies_of(session: Session, violation_ids: list[int]) -> dict[int, list[Remedy]]:
    found: dict[int, list[Remedy]] = defaultdict(list)
    if violation_ids:
        for item in session.exec(
            select(Remedy)
            .where(col(Remedy.violation_id).in_(violation_ids))
            .order_by(col(Remedy.id))
        ).all():
            found[item.violation_id].append(item)
    return found


def read(violation: Violation, items: list[Remedy]) -> ViolationRead:
    data: dict[str, Any] = {
        n: getattr(violation, n)
        for n in ViolationRead.model_fields
        if n not in ("remedies", "catalogued")
    }
    data["catalogued"] = violation.violation_type is not None
    data["remedies"] = [RemedyRead.model_validate(i) for i in items]
    return ViolationRead.model_validate(data)
