"""HTTP layer for the audit log."""

from fastapi import APIRouter

from overseas.audit import service
from overseas.audit.auth import AuditReader
from overseas.audit.schemas import AuditRead
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Timestamp

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])


@router.get("", response_model=Page[AuditRead], responses=problem_responses(401, 403, 422))
def list_audit(
    session: SessionDep,
    _p: AuditReader,
    page: PageDep,
    entity: str | None = None,
    entity_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: Timestamp | None = None,
) -> Page[AuditRead]:
    """Every write, oldest first: who, what, when, and the fields before and after."""
    rows, cursor, total = service.list_entries(
        session, page, entity=entity, entity_id=entity_id, actor=actor, action=action, since=since
    )
    return Page(items=[AuditRead.model_validate(r) for r in rows], next_cursor=cursor, total=total)
