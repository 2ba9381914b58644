"""Who may do what with markets and their records: every principal reads, officers and
administrators write."""

from typing import Annotated

from fastapi import Depends

from overseas.auth.dependencies import CurrentPrincipal, require_role
from overseas.core.concurrency import IfMatchDep, check_if_match
from overseas.core.db import SessionDep
from overseas.core.principal import Principal, Role
from overseas.markets import service
from overseas.markets.models import Market

MarketReader = CurrentPrincipal
MarketWriter = Annotated[Principal, Depends(require_role(Role.officer, Role.admin))]


def load_market(code: str, session: SessionDep, _principal: MarketReader) -> Market:
    return service.get_market(session, code)


def load_market_for_write(code: str, session: SessionDep, _principal: MarketWriter) -> Market:
    """A market that records are added to (no version of its own changes)."""
    return service.get_market(session, code)


def load_market_for_edit(
    code: str, session: SessionDep, _principal: MarketWriter, if_match: IfMatchDep = None
) -> Market:
    market = service.get_market(session, code)
    check_if_match(if_match, market.version)
    return market


MarketDep = Annotated[Market, Depends(load_market)]
MarketForRecords = Annotated[Market, Depends(load_market_for_write)]
MarketForWrite = Annotated[Market, Depends(load_market_for_edit)]
