"""The records of the sanctioning procedure beside an inspection (docs/inspections.md, "The
procedure"): the check record, the sanction decision with its signer's power, payment and
enforcement, and the scans attached."""

from datetime import date, timedelta

from sqlmodel import Session, col, select

from overseas.core import uploads
from overseas.core.db import LOCAL_ZONE, today
from overseas.core.errors import Conflict, NotFound, ValidationFailed
from overseas.core.faults import IN_FUTURE
from overseas.core.principal import Principal
from overseas.inspections.models import (
    CheckRecord,
    FileKind,
    Inspection,
    InspectionFile,
    InspectionFileContent,
    InspectionStatus,
    Result,
    SanctionDecision,
    Violation,
)
from overseas.inspections.schemas import (
    CheckRecordIn,
    CheckRecordRead,
    InspectionFileRead,
    SanctionDecisionIn,
    SanctionDecisionRead,
)
from overseas.law import fines
from overseas.law.models import SanctionPower, ViolationType

# The fine is paid within 10 days of receiving the decision (Law on Handling Administrative
# Violations 15/2012/QH13 Art. 73(1)); the registry counts from the decision's day.
PAYMENT_DAYS = 10


def _open(inspection: Inspection) -> None:
    if inspection.status == InspectionStatus.planned:
        raise Conflict("the inspection has not started", code="not_started")
    if inspection.status == InspectionStatus.closed:
        raise Conflict("a closed inspection cannot change", code="inspection_closed")


# ------------------------------------------------------------------------ check record


def check_record_of(session: Session, inspection_id: int) -> CheckRecord | None:
    return session.get(CheckRecord, inspection_id)


def check_decision_date(decision_date: date | None, held_on: date | None, field: str) -> None:
    """The check comes after the decision that ordered it."""
    if decision_date and held_on and held_on < decision_date:
        message = (
            f"the check on {held_on.isoformat()} comes before the inspection decision of "
            f"{decision_date.isoformat()}"
        )
        raise ValidationFailed.one(field, message, "before_field", {"other": "decision_date"})


def put_check_record(session: Session, inspection: Inspection, data: CheckRecordIn) -> CheckRecord:
    _open(inspection)
    held_on = data.held_at.astimezone(LOCAL_ZONE).date()
    if held_on > today():
        raise ValidationFailed.of("held_at", IN_FUTURE)
    check_decision_date(inspection.decision_date, held_on, "held_at")
    if inspection.started_on and held_on < inspection.started_on:
        raise ValidationFailed.one(
            "held_at", "is before the inspection started", "before_field", {"other": "started_on"}
        )
    record = check_record_of(session, inspection.id or 0)
    values = data.model_dump()
    if not values["signed"]:
        values["refusal_reason"] = (values["refusal_reason"] or "").strip()
    else:
        values["refusal_reason"] = None
    if record is None:
        assert inspection.id is not None
        record = CheckRecord(inspection_id=inspection.id, **values)
    else:
        for key, value in values.items():
            setattr(record, key, value)
    session.add(record)
    session.flush()
    return record


# ------------------------------------------------------------------- sanction decision


def decision_of(session: Session, inspection_id: int) -> SanctionDecision | None:
    return session.get(SanctionDecision, inspection_id)


def decision_status(decision: SanctionDecision, on: date) -> str:
    if decision.paid_amount_vnd is not None and decision.paid_amount_vnd >= decision.total_fine_vnd:
        return "paid"
    if decision.enforced_on is not None:
        return "enforced"
    return "overdue" if on > decision.payment_due_on else "unpaid"


def decision_read(session: Session, decision: SanctionDecision) -> SanctionDecisionRead:
    """The decision with its signer's title, so that the enterprise, which may not read the
    sanction powers, sees who signed (docs/inspections.md, "The sanction decision")."""
    computed = ("status", "signer_authority_vi", "signer_authority_en")
    data = {n: getattr(decision, n) for n in SanctionDecisionRead.model_fields if n not in computed}
    power = session.get(SanctionPower, decision.signer_power)
    return SanctionDecisionRead(
        **data,
        status=decision_status(decision, today()),
        signer_authority_vi=power.authority_vi if power else decision.signer_power,
        signer_authority_en=(power.authority_en or power.authority_vi)
        if power
        else decision.signer_power,
    )


def _signer(session: Session, code: str, on: date) -> SanctionPower:
    power = session.get(SanctionPower, code)
    if power is None:
        raise ValidationFailed.one(
            "signer_power",
            f"no sanctioning power '{code}'",
            "not_found",
            {"entity": "power", "value": code},
        )
    if power.valid_from > on or (power.valid_to is not None and power.valid_to < on):
        raise ValidationFailed.one(
            "signer_power",
            f"'{code}' had no power on {on.isoformat()}",
            "not_in_force",
            {"value": code, "on": on.isoformat()},
        )
    return power


def _judge_signer(
    session: Session, power: SanctionPower, violations: list[Violation], on: date
) -> None:
    """Every act within the signer's scope (Art. 63) and power (doubled for an organisation,
    Art. 63(1)), judged by the top of the act's range; every act within the time limit."""
    for v in violations:
        if v.act_ended_on is not None and on > fines.time_limit_ends(v.act_ended_on):
            raise ValidationFailed.one(
                "decided_on",
                f"violation {v.id}: the act ended on {v.act_ended_on.isoformat()}, past the "
                f"time limit for sanctioning (2 years, Decree 283/2026/NĐ-CP Art. 3(4)(b))",
                "time_limit_passed",
                {"violation": v.id, "ended_on": v.act_ended_on.isoformat()},
            )
        if v.violation_type is None:
            continue
        act = session.get(ViolationType, v.violation_type)
        assert act is not None
        if not fines.covers(power, act):
            raise ValidationFailed.one(
                "signer_power",
                f"{power.authority_en or power.authority_vi} may not sanction {act.source} "
                f"(Decree 283/2026/NĐ-CP Art. 63)",
                "power_not_competent",
            )
        offender = fines.Offender(v.offender)
        top = fines.fine_range(act, offender, v.affected_workers or 1).top
        allowed = fines.power_of(power, offender)
        if top > allowed:
            raise ValidationFailed.one(
                "signer_power",
                f"{act.source} reaches {top} VND for an {offender.value}, above the "
                f"{allowed} VND {power.authority_en or power.authority_vi} may fine "
                f"({power.source}, Art. 63(1))",
                "power_fine_limit",
                {"max": allowed},
            )


def put_decision(
    session: Session, inspection: Inspection, data: SanctionDecisionIn
) -> SanctionDecision:
    if inspection.status == InspectionStatus.closed:
        raise Conflict("a closed inspection cannot change", code="inspection_closed")
    if inspection.status != InspectionStatus.concluded or inspection.result != Result.violations:
        raise Conflict(
            "a sanction decision follows an inspection concluded with violations",
            code="not_concluded_with_violations",
        )
    assert inspection.id is not None
    if data.decided_on > today():
        raise ValidationFailed.of("decided_on", IN_FUTURE)
    record = check_record_of(session, inspection.id)
    if record is not None and data.decided_on < record.held_at.astimezone(LOCAL_ZONE).date():
        raise ValidationFailed.one(
            "decided_on", "is before the check record", "before_field", {"other": "held_at"}
        )
    if inspection.concluded_on and data.decided_on < inspection.concluded_on:
        raise ValidationFailed.one(
            "decided_on",
            "is before the inspection concluded",
            "before_field",
            {"other": "concluded_on"},
        )
    power = _signer(session, data.signer_power, data.decided_on)
    violations = list(
        session.exec(select(Violation).where(Violation.inspection_id == inspection.id)).all()
    )
    _judge_signer(session, power, violations, data.decided_on)
    due = data.payment_due_on or data.decided_on + timedelta(days=PAYMENT_DAYS)
    if due < data.decided_on:
        raise ValidationFailed.one(
            "payment_due_on", "is before the decision", "before_field", {"other": "decided_on"}
        )
    for name in ("paid_on", "enforced_on"):
        day = getattr(data, name)
        if day is not None and (day < data.decided_on or day > today()):
            raise ValidationFailed.one(
                name,
                "lies between the decision and today",
                "between_decision_and_today",
                {"other": "decided_on"},
            )
    decision = decision_of(session, inspection.id)
    values = data.model_dump() | {
        "payment_due_on": due,
        "total_fine_vnd": sum(v.fine_vnd for v in violations),
    }
    if decision is None:
        decision = SanctionDecision(inspection_id=inspection.id, **values)
    else:
        for key, value in values.items():
            setattr(decision, key, value)
    session.add(decision)
    session.flush()
    return decision


# ------------------------------------------------------------------------------- files


def files_of(session: Session, inspection_ids: list[int]) -> dict[int, list[InspectionFile]]:
    found: dict[int, list[InspectionFile]] = {}
    if inspection_ids:
        for f in session.exec(
            select(InspectionFile)
            .where(col(InspectionFile.inspection_id).in_(inspection_ids))
            .order_by(col(InspectionFile.id))
        ).all():
            found.setdefault(f.inspection_id, []).append(f)
    return found


def attach(
    session: Session,
    principal: Principal,
    inspection: Inspection,
    kind: FileKind,
    name: str | None,
    content: bytes,
) -> InspectionFile:
    if inspection.status == InspectionStatus.closed:
        raise Conflict("a closed inspection cannot change", code="inspection_closed")
    assert inspection.id is not None
    file_name = uploads.safe_name(name)
    media_type = uploads.media_type(file_name, content)
    row = InspectionFile(
        inspection_id=inspection.id,
        kind=kind,
        file_name=file_name,
        media_type=media_type,
        size=len(content),
        uploaded_by=principal.actor,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    session.add(InspectionFileContent(file_id=row.id, content=content))
    session.flush()
    return row


def get_file(
    session: Session, inspection: Inspection, file_id: int
) -> tuple[InspectionFile, bytes]:
    row = session.get(InspectionFile, file_id)
    if row is None or row.inspection_id != inspection.id:
        raise NotFound(f"no file with id {file_id} in inspection {inspection.id}")
    stored = session.get(InspectionFileContent, file_id)
    assert stored is not None
    return row, stored.content


def reads(
    session: Session, inspection_ids: list[int]
) -> tuple[
    dict[int, CheckRecordRead], dict[int, SanctionDecisionRead], dict[int, list[InspectionFileRead]]
]:
    """The procedure's records of each inspection, for its read model."""
    if not inspection_ids:
        return {}, {}, {}
    records = {
        r.inspection_id: CheckRecordRead.model_validate(r)
        for r in session.exec(
            select(CheckRecord).where(col(CheckRecord.inspection_id).in_(inspection_ids))
        ).all()
    }
    decisions = {
        d.inspection_id: decision_read(session, d)
        for d in session.exec(
            select(SanctionDecision).where(col(SanctionDecision.inspection_id).in_(inspection_ids))
        ).all()
    }
    files = {
        i: [InspectionFileRead.model_validate(f) for f in fs]
        for i, fs in files_of(session, inspection_ids).items()
    }
    return records, decisions, files
