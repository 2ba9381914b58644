"""Who may do what with the legal rules: every member of staff reads, administrators write
(docs/law.md)."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import require_role
from overseas.core.principal import Principal, Role

RuleReader = Annotated[
    Principal,
    Depends(require_role(Role.officer, Role.inspector, Role.viewer, Role.admin)),
]
RuleWriter = Annotated[Principal, Depends(require_role(Role.admin))]
