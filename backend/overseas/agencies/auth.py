"""Who may do what with enterprises: every principal reads (an enterprise only its own),
officers and administrators write."""

from typing import Annotated

from fastapi import Depends

from overseas.agencies import service
from overseas.agencies.models import Agency
from overseas.auth.dependencies import CurrentPrincipal, require_role
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep
from overseas.core.principal import Principal, Role
from overseas.core.types import Id

AgencyReader = CurrentPrincipal
AgencyWriter = Annotated[Principal, Depends(require_role(Role.officer, Role.admin))]


def load_agency(agency_id: Id, session: SessionDep, principal: AgencyReader) -> Agency:
    """The enterprise, or 404 (also for another enterprise's account)."""
    return service.get_visible(session, principal, agency_id)


def load_agency_for_write(
    agency_id: Id, session: SessionDep, principal: AgencyWriter, if_match: IfMatchDep = None
) -> Agency:
    """The enterprise to change, or 404; 412 when `If-Match` names another version."""
    agency = service.get_visible(session, principal, agency_id)
    check_if_match(if_match, agency.version)
    return agency


AgencyDep = Annotated[Agency, Depends(load_agency)]
AgencyForWrite = Annotated[Agency, Depends(load_agency_for_write)]
