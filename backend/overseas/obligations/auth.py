"""Who may see and file enterprises' reports: officers and inspectors see every enterprise's
duties, an enterprise its own (another's answers 404); an enterprise files its own, officers
file what came in on paper."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import require_role
from overseas.core.principal import Principal, Role

DutyReader = Annotated[Principal, Depends(require_role(Role.officer, Role.inspector, Role.agency))]
ReportFiler = Annotated[Principal, Depends(require_role(Role.officer, Role.agency))]
