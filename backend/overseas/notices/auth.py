"""Who may do what with recruitment notices: an enterprise files and changes its own (another's
answers 404), officers file what came on paper and acknowledge or reject; department staff
read them all (docs/notices.md)."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import require_role
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep
from overseas.core.principal import Principal, Role
from overseas.core.types import Id
from overseas.notices import service
from overseas.notices.models import RecruitmentNotice

NoticeReader = Annotated[
    Principal,
    Depends(require_role(Role.admin, Role.officer, Role.inspector, Role.viewer, Role.agency)),
]
NoticeWriter = Annotated[Principal, Depends(require_role(Role.officer, Role.agency))]


def load_notice(notice_id: Id, session: SessionDep, principal: NoticeReader) -> RecruitmentNotice:
    return service.get_visible(session, principal, notice_id)


def load_notice_for_write(
    notice_id: Id, session: SessionDep, principal: NoticeWriter, if_match: IfMatchDep = None
) -> RecruitmentNotice:
    """The notice to change, or 404; 412 when `If-Match` names another version."""
    notice = service.get_visible(session, principal, notice_id)
    check_if_match(if_match, notice.version)
    return notice


NoticeDep = Annotated[RecruitmentNotice, Depends(load_notice)]
NoticeForWrite = Annotated[RecruitmentNotice, Depends(load_notice_for_write)]
