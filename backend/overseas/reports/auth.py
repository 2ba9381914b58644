"""Who may read the province's reports: officers and viewers."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import require_role
from overseas.core.principal import Principal, Role

ReportReader = Annotated[Principal, Depends(require_role(Role.officer, Role.viewer))]
