"""Who may do what with administrative units: every principal reads, administrators write."""

from typing import Annotated

from fastapi import Depends

from overseas.areas import service
from overseas.areas.models import Area
from overseas.auth.dependencies import AdminPrincipal, CurrentPrincipal
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep

AreaReader = CurrentPrincipal
AreaWriter = AdminPrincipal


def load_area(code: str, session: SessionDep, _principal: AreaReader) -> Area:
    return service.get_area(session, code)


def load_area_for_write(
    code: str, session: SessionDep, _principal: AreaWriter, if_match: IfMatchDep = None
) -> Area:
    area = service.get_area(session, code)
    check_if_match(if_match, area.version)
    return area


AreaDep = Annotated[Area, Depends(load_area)]
AreaForWrite = Annotated[Area, Depends(load_area_for_write)]
