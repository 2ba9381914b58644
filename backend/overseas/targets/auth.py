"""Who may do what with targets: department staff read, officers write; progress is read by
every principal (an enterprise sees only aggregates) and by the public."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import CurrentPrincipal, require_role
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep
from overseas.core.principal import Principal, Role
from overseas.core.types import Id
from overseas.targets import service
from overseas.targets.models import Target

TargetReader = Annotated[
    Principal, Depends(require_role(Role.admin, Role.officer, Role.inspector, Role.viewer))
]
TargetWriter = Annotated[Principal, Depends(require_role(Role.officer))]
ProgressReader = CurrentPrincipal


def load_target(target_id: Id, session: SessionDep, _p: TargetReader) -> Target:
    return service.get_target(session, target_id)


def load_target_for_write(
    target_id: Id, session: SessionDep, _p: TargetWriter, if_match: IfMatchDep = None
) -> Target:
    target = service.get_target(session, target_id)
    check_if_match(if_match, target.version)
    return target


TargetDep = Annotated[Target, Depends(load_target)]
TargetForWrite = Annotated[Target, Depends(load_target_for_write)]
