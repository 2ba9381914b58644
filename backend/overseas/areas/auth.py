"""Who may do what with administrative units: every principal reads, administrators write."""

from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from overseas.areas import service
from overseas.areas.models import Area
from overseas.auth.dependencies import AdminPrincipal, CurrentPrincipal
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep

AreaReader = CurrentPrincipal
AreaWriter = AdminPrincipal


OnDay = Annotated[
    date | None,
    Query(
        description="The unit with this code valid on this day; without it, the newest unit "
        "with the code (a code alone names a unit only with a date since the 2025 reform)"
    ),
]


def load_area(code: str, session: SessionDep, _principal: AreaReader, on: OnDay = None) -> Area:
    return service.get_area(session, code, on)


def load_area_for_write(
    code: str,
    session: SessionDep,
    _principal: AreaWriter,
    on: OnDay = None,
    if_match: IfMatchDep = None,
) -> Area:
    area = service.get_area(session, code, on)
    check_if_match(if_match, area.version)
    return area


AreaDep = Annotated[Area, Depends(load_area)]
AreaForWrite = Annotated[Area, Depends(load_area_for_write)]
