"""Who may do what with inspections: every role reads (an enterprise only its own, once
concluded), inspectors and officers plan and run them and see the risk ranking."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import require_role
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep
from overseas.core.principal import Principal, Role
from overseas.core.types import Id
from overseas.inspections import service
from overseas.inspections.models import Inspection, Remedy, Violation

InspectionReader = Annotated[
    Principal,
    Depends(require_role(Role.admin, Role.officer, Role.inspector, Role.viewer, Role.agency)),
]
InspectionWriter = Annotated[Principal, Depends(require_role(Role.inspector, Role.officer))]


def load_inspection(
    inspection_id: Id, session: SessionDep, principal: InspectionReader
) -> Inspection:
    return service.get_visible(session, principal, inspection_id)


def load_inspection_to_add_to(
    inspection_id: Id, session: SessionDep, principal: InspectionWriter
) -> Inspection:
    """An inspection that a violation is added to (its own version does not change)."""
    return service.get_visible(session, principal, inspection_id)


def load_inspection_for_write(
    inspection_id: Id,
    session: SessionDep,
    principal: InspectionWriter,
    if_match: IfMatchDep = None,
) -> Inspection:
    inspection = service.get_visible(session, principal, inspection_id)
    check_if_match(if_match, inspection.version)
    return inspection


def load_violation_for_write(
    inspection_id: Id,
    violation_id: Id,
    session: SessionDep,
    principal: InspectionWriter,
    if_match: IfMatchDep = None,
) -> tuple[Inspection, Violation]:
    inspection = service.get_visible(session, principal, inspection_id)
    violation = service.get_violation(session, inspection, violation_id)
    check_if_match(if_match, violation.version)
    return inspection, violation


def load_remedy_for_write(
    inspection_id: Id,
    violation_id: Id,
    remedy_id: Id,
    session: SessionDep,
    principal: InspectionWriter,
    if_match: IfMatchDep = None,
) -> tuple[Inspection, Violation, Remedy]:
    inspection = service.get_visible(session, principal, inspection_id)
    violation = service.get_violation(session, inspection, violation_id)
    remedy = service.get_remedy(session, violation, remedy_id)
    check_if_match(if_match, remedy.version)
    return inspection, violation, remedy


InspectionDep = Annotated[Inspection, Depends(load_inspection)]
InspectionToAddTo = Annotated[Inspection, Depends(load_inspection_to_add_to)]
InspectionForWrite = Annotated[Inspection, Depends(load_inspection_for_write)]
ViolationForWrite = Annotated[tuple[Inspection, Violation], Depends(load_violation_for_write)]
RemedyForWrite = Annotated[tuple[Inspection, Violation, Remedy], Depends(load_remedy_for_write)]
