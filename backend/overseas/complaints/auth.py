"""Who may see and keep the complaints register: officers and inspectors only. Complainants'
identities are never shown to an enterprise (which could retaliate against the worker or the
family who complained), nor to viewers or administrators: every other role is 403 on every
complaint route (docs/complaints.md)."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import require_role
from overseas.complaints import service
from overseas.complaints.models import Complaint
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep
from overseas.core.principal import Principal, Role
from overseas.core.types import Id

ComplaintKeeper = Annotated[Principal, Depends(require_role(Role.officer, Role.inspector))]


def load_complaint(complaint_id: Id, session: SessionDep, _p: ComplaintKeeper) -> Complaint:
    return service.get_complaint(session, complaint_id)


def load_complaint_for_write(
    complaint_id: Id, session: SessionDep, _p: ComplaintKeeper, if_match: IfMatchDep = None
) -> Complaint:
    complaint = service.get_complaint(session, complaint_id)
    check_if_match(if_match, complaint.version)
    return complaint


ComplaintDep = Annotated[Complaint, Depends(load_complaint)]
ComplaintForWrite = Annotated[Complaint, Depends(load_complaint_for_write)]
