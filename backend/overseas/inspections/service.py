"""Inspections and their violations: planning, the lifecycle, findings and remedies.
Compliance and the risk ranking are in `risk.py`."""

from collections import defaultdict

from sqlmodel import Session, col, select

from overseas.agencies import service as agencies
from overseas.core.db import LOCAL_ZONE, today
from overseas.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed, fault
from overseas.core.faults import IN_FUTURE, before, not_found
from overseas.core.models import apply_patch
from overseas.core.pagination import PageParams, paginate
from overseas.core.principal import Principal
from overseas.inspections import findings, procedure, rules
from overseas.inspections.models import (
    Inspection,
    InspectionStatus,
    Remedy,
    Result,
    Violation,
)
from overseas.inspections.schemas import (
    InspectionCreate,
    InspectionRead,
    InspectionTransition,
    InspectionUpdate,
    RemedyUpdate,
    ViolationCreate,
    ViolationRead,
    ViolationUpdate,
)

# ------------------------------------------------------------------------- inspections


def get_visible(session: Session, principal: Principal, inspection_id: int) -> Inspection:
    inspection = session.get(Inspection, inspection_id)
    hidden = inspection is None or (
        principal.is_agency
        and (
            inspection.agency_id != principal.agency_id
            or inspection.status not in rules.VISIBLE_TO_AGENCY
        )
    )
    if hidden or inspection is None:
        raise NotFound(f"no inspection with id {inspection_id}")
    return inspection


def violations_of(session: Session, inspection_ids: list[int]) -> dict[int, list[Violation]]:
    """The violations of each inspection, oldest first."""
    found: dict[int, list[Violation]] = defaultdict(list)
    if inspection_ids:
        for v in session.exec(
            select(Violation)
            .where(col(Violation.inspection_id).in_(inspection_ids))
            .order_by(col(Violation.id))
        ).all():
            found[v.inspection_id].append(v)
    return found


_RECORDS = ("violations", "check_record", "sanction_decision", "files")


def read_many(session: Session, inspections: list[Inspection]) -> list[InspectionRead]:
    """Inspections with their violations and the procedure's records, in a few queries."""
    ids = [i.id for i in inspections if i.id is not None]
    found = violations_of(session, ids)
    remedies = findings.remedies_of(
        session, [v.id for vs in found.values() for v in vs if v.id is not None]
    )
    records, decisions, files = procedure.reads(session, ids)
    out = []
    for inspection in inspections:
        key = inspection.id or 0
        # Field by field: model_dump() of the table warns on every read, as the enum columns
        # come back from the database as plain strings.
        data = {n: getattr(inspection, n) for n in InspectionRead.model_fields if n not in _RECORDS}
        data["violations"] = [findings.read(v, remedies.get(v.id or 0, [])) for v in found[key]]
        data["check_record"] = records.get(key)
        data["sanction_decision"] = decisions.get(key)
        data["files"] = files.get(key, [])
        out.append(InspectionRead.model_validate(data))
    return out


def read_one(session: Session, inspection: Inspection) -> InspectionRead:
    return read_many(session, [inspection])[0]


def read_violation(session: Session, violation: Violation) -> ViolationRead:
    assert violation.id is not None
    return findings.read(violation, findings.remedies_of(session, [violation.id])[violation.id])


def list_inspections(
    session: Session,
    principal: Principal,
    params: PageParams,
    *,
    agency_id: int | None = None,
    status: InspectionStatus | None = None,
    kind: str | None = None,
    overdue: bool | None = None,
) -> tuple[list[InspectionRead], str | None, int | None]:
    stmt = select(Inspection)
    if principal.is_agency:
        stmt = stmt.where(
            Inspection.agency_id == principal.agency_id,
            col(Inspection.status).in_(rules.VISIBLE_TO_AGENCY),
        )
    if agency_id is not None:
        stmt = stmt.where(Inspection.agency_id == agency_id)
    if status:
        stmt = stmt.where(Inspection.status == status)
    if kind:
        stmt = stmt.where(Inspection.kind == kind)
    if overdue is not None:
        late = select(Violation.inspection_id).where(rules.overdue(today()))
        in_late = col(Inspection.id).in_(late)
        stmt = stmt.where(in_late if overdue else ~in_late)
    rows, cursor, total = paginate(session, stmt, [col(Inspection.id)], params)
    return read_many(session, list(rows)), cursor, total


def _check_dates(inspection: Inspection) -> None:
    if (
        inspection.scope_from
        and inspection.scope_to
        and inspection.scope_to < inspection.scope_from
    ):
        raise ValidationFailed.of("scope_to", before("scope_from"))


def create_inspection(session: Session, data: InspectionCreate) -> Inspection:
    agency = agencies.find(session, data.agency_id)
    if agency is None:
        raise ValidationFailed.of("agency_id", not_found("agency", data.agency_id))
    inspection = Inspection.model_validate(data)
    _check_dates(inspection)
    session.add(inspection)
    session.flush()
    return inspection


def update_inspection(
    session: Session, inspection: Inspection, data: InspectionUpdate
) -> Inspection:
    if inspection.status == InspectionStatus.closed:
        raise Conflict("a closed inspection cannot change", code="inspection_closed")
    apply_patch(
        inspection,
        data.model_dump(exclude_unset=True),
        not_null=frozenset({"kind", "team_members"}),
    )
    _check_dates(inspection)
    record = procedure.check_record_of(session, inspection.id or 0)
    if record is not None:
        held_on = record.held_at.astimezone(LOCAL_ZONE).date()
        procedure.check_decision_date(inspection.decision_date, held_on, "decision_date")
    session.add(inspection)
    session.flush()
    return inspection


def transition(session: Session, inspection: Inspection, data: InspectionTransition) -> Inspection:
    """planned → in_progress → concluded → closed; each step dated by `on`."""
    current = InspectionStatus(inspection.status)
    if rules.NEXT.get(current) != data.status:
        raise InvalidTransition(f"cannot go from {current.value} to {data.status.value}")
    if data.on > today():
        raise ValidationFailed.of("on", IN_FUTURE)
    found = violations_of(session, [inspection.id or 0])[inspection.id or 0]
    if data.status == InspectionStatus.in_progress:
        if inspection.decision_date and data.on < inspection.decision_date:
            raise ValidationFailed.one(
                "on", "is before the decision date", "before_field", {"other": "decision_date"}
            )
        inspection.started_on = data.on
    elif data.status == InspectionStatus.concluded:
        if data.result is None:
            raise Conflict("concluding needs a result", code="result_required")
        if data.result == Result.violations and not found:
            raise Conflict(
                "a result of violations needs at least one violation recorded",
                code="violations_required",
            )
        if data.result == Result.compliant and found:
            raise Conflict(
                f"{len(found)} violations are recorded: the result cannot be compliant",
                code="violations_recorded",
            )
        if inspection.started_on and data.on < inspection.started_on:
            raise ValidationFailed.one(
                "on", "is before the inspection started", "before_field", {"other": "started_on"}
            )
        inspection.concluded_on = data.on
        inspection.result = data.result
    else:
        open_ones = [v for v in found if v.remedied_on is None and not v.waived]
        if open_ones:
            raise Conflict(
                f"{len(open_ones)} violations are neither remedied nor waived",
                code="open_violations",
            )
        if inspection.concluded_on and data.on < inspection.concluded_on:
            raise ValidationFailed.one(
                "on",
                "is before the inspection concluded",
                "before_field",
                {"other": "concluded_on"},
            )
        inspection.closed_on = data.on
    if data.summary is not None:
        inspection.summary = data.summary
    inspection.status = data.status
    session.add(inspection)
    session.flush()
    return inspection


# -------------------------------------------------------------------------- violations


def _writable(inspection: Inspection) -> None:
    if inspection.status == InspectionStatus.planned:
        raise Conflict("findings are recorded once the inspection has started", code="not_started")
    if inspection.status == InspectionStatus.closed:
        raise Conflict("a closed inspection cannot change", code="inspection_closed")


def _check_remedy(violation: Violation) -> None:
    if violation.remedied_on and violation.remedied_on > today():
        raise ValidationFailed.of("remedied_on", IN_FUTURE)


def add_violation(session: Session, inspection: Inspection, data: ViolationCreate) -> Violation:
    _writable(inspection)
    if inspection.result == Result.compliant:
        raise Conflict(
            "the inspection concluded that the enterprise is compliant; a violation found "
            "later belongs to a new inspection",
            code="concluded_compliant",
        )
    items = data.remedies
    fields = data.model_dump(exclude={"remedies"})
    # An act of the catalogue may leave its description to the catalogue's title (judge()).
    fields["description"] = fields["description"] or ""
    assert inspection.id is not None
    violation = Violation(**fields, inspection_id=inspection.id)
    findings.judge(session, violation)
    findings.check_remedies(session, inspection, items)
    _check_remedy(violation)
    session.add(violation)
    session.flush()
    if items:
        assert violation.id is not None
        rows = [Remedy(violation_id=violation.id, **item.model_dump()) for item in items]
        session.add_all(rows)
        findings.summarise(violation, rows)
        session.add(violation)
        session.flush()
    return violation


# Fields that say what the act was and what it costs: a change to one is judged again.
_JUDGED = frozenset({"violation_type", "act_ended_on", "offender", "affected_workers", "fine_vnd"})
# Fields that summarise the remedy items, when the violation has any.
_SUMMARY = ("remedy", "remedy_due", "remedied_on", "waived")


def get_violation(session: Session, inspection: Inspection, violation_id: int) -> Violation:
    violation = session.get(Violation, violation_id)
    if violation is None or violation.inspection_id != inspection.id:
        raise NotFound(f"no violation with id {violation_id} in inspection {inspection.id}")
    return violation


def update_violation(
    session: Session, inspection: Inspection, violation: Violation, data: ViolationUpdate
) -> Violation:
    _writable(inspection)
    changes = data.model_dump(exclude_unset=True)
    items = findings.remedies_of(session, [violation.id or 0])[violation.id or 0]
    for name in _SUMMARY:
        if items and name in changes:
            said = fault(
                "follows_remedy_items",
                "follows the remedy items: record each item as done or cancelled",
            )
            if name == "waived":
                said = fault(
                    "no_waiver",
                    "the law has no waiver: cancel a remedy item by an amending decision",
                )
            raise ValidationFailed.of(name, said)
    apply_patch(
        violation,
        changes,
        not_null=frozenset(
            {"category", "description", "fine_vnd", "waived", "offender", "additional_sanctions"}
        ),
    )
    if _JUDGED & changes.keys():
        findings.judge(session, violation)
    _check_remedy(violation)
    session.add(violation)
    session.flush()
    return violation


def update_remedy(
    session: Session,
    inspection: Inspection,
    violation: Violation,
    remedy: Remedy,
    data: RemedyUpdate,
) -> Remedy:
    """An item done on a day, cancelled by an amending decision (its number and date), or
    corrected; the violation's summary follows."""
    _writable(inspection)
    apply_patch(remedy, data.model_dump(exclude_unset=True), not_null=frozenset({"description"}))
    if remedy.done_on is not None and remedy.done_on > today():
        raise ValidationFailed.of("done_on", IN_FUTURE)
    if (remedy.cancelled_by is None) != (remedy.cancelled_on is None):
        raise ValidationFailed.one(
            "cancelled_on",
            "an amending decision is recorded with its number and its date",
            "cancelled_needs_number_and_date",
        )
    if remedy.cancelled_on is not None and remedy.cancelled_on > today():
        raise ValidationFailed.of("cancelled_on", IN_FUTURE)
    if remedy.done_on is not None and remedy.cancelled_by is not None:
        raise ValidationFailed.one(
            "cancelled_by", "a remedy done cannot also be cancelled", "done_and_cancelled"
        )
    session.add(remedy)
    session.flush()
    findings.summarise(
        violation, findings.remedies_of(session, [violation.id or 0])[violation.id or 0]
    )
    session.add(violation)
    session.flush()
    return remedy


def get_remedy(session: Session, violation: Violation, remedy_id: int) -> Remedy:
    remedy = session.get(Remedy, remedy_id)
    if remedy is None or remedy.violation_id != violation.id:
        raise NotFound(f"no remedy with id {remedy_id} in violation {violation.id}")
    return remedy
