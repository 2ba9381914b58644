"""Who may do what with the worker registry (docs/security.md):

- read: officers, inspectors, viewers and administrators (masked), an enterprise its own;
- write (create, batch, import, edit, transitions): officers, an enterprise its own;
- export: as read, but not inspectors; delete and bulk commune assignment: officers;
- a person's data request or correction: officers and administrators.
Another enterprise's placement answers 404, so ids cannot be probed."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import require_role
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep
from overseas.core.principal import Principal, Role
from overseas.core.types import Id
from overseas.placements import reading
from overseas.placements.models import Placement

PlacementReader = Annotated[
    Principal,
    Depends(require_role(Role.officer, Role.inspector, Role.viewer, Role.admin, Role.agency)),
]
PlacementWriter = Annotated[Principal, Depends(require_role(Role.officer, Role.agency))]
PlacementExporter = Annotated[
    Principal, Depends(require_role(Role.officer, Role.viewer, Role.admin, Role.agency))
]
PlacementRemover = Annotated[Principal, Depends(require_role(Role.officer))]
CommuneAssigner = Annotated[Principal, Depends(require_role(Role.officer))]
PersonDataOfficer = Annotated[Principal, Depends(require_role(Role.officer, Role.admin))]


def load_placement(placement_id: Id, session: SessionDep, principal: PlacementReader) -> Placement:
    return reading.get_visible(session, principal, placement_id)


def load_placement_for_write(
    placement_id: Id,
    session: SessionDep,
    principal: PlacementWriter,
    if_match: IfMatchDep = None,
) -> Placement:
    """The placement, locked until the request ends, checked against `If-Match`: two requests
    racing on one placement run one after the other, and the later one sees the change."""
    placement = reading.get_visible(session, principal, placement_id, for_update=True)
    check_if_match(if_match, placement.version)
    return placement


def load_placement_to_remove(
    placement_id: Id,
    session: SessionDep,
    principal: PlacementRemover,
    if_match: IfMatchDep = None,
) -> Placement:
    placement = reading.get_visible(session, principal, placement_id, for_update=True)
    check_if_match(if_match, placement.version)
    return placement


PlacementDep = Annotated[Placement, Depends(load_placement)]
PlacementForWrite = Annotated[Placement, Depends(load_placement_for_write)]
PlacementToRemove = Annotated[Placement, Depends(load_placement_to_remove)]
