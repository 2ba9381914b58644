"""Who is calling: the principal behind a bearer token, and role checks."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from overseas.auth import cache
from overseas.auth.models import ApiClient, User
from overseas.core.db import SessionDep
from overseas.core.errors import Forbidden, NotAuthenticated
from overseas.core.principal import Principal, Role
from overseas.core.security import InvalidToken, decode_access_token
from overseas.core.types import MAX_ID

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_principal(
    session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    """The caller. Async, so that a token seen moments ago (overseas.auth.cache) costs no hop
    to the thread pool; the account is read in the pool only when the cache has no entry."""
    if not token:
        raise NotAuthenticated("a bearer token is required")
    kept = cache.lookup(token)
    if kept is None:
        kept = await run_in_threadpool(_authenticate, session, token)
    session.info["actor"] = kept.actor
    return kept


def _authenticate(session: Session, token: str) -> Principal:
    try:
        claims = decode_access_token(token)
    except InvalidToken as exc:
        raise NotAuthenticated("the token is invalid or expired") from exc
    kind, _, raw_id = str(claims["sub"]).partition(":")
    if not (raw_id.isascii() and raw_id.isdigit() and 0 < int(raw_id) <= MAX_ID):
        raise NotAuthenticated("the token is invalid or expired")
    principal: Principal | None = None
    # The account is read again at least every few seconds (overseas.auth.cache): a
    # deactivated user or a revoked client loses access within them, even while its tokens
    # have not expired.
    if kind == "user":
        user = session.get(User, int(raw_id))
        current = claims.get("ver", 1) == user.token_version if user is not None else False
        if user is not None and user.active and current and user.id is not None:
            principal = Principal("user", user.id, user.username, Role(user.role), user.agency_id)
    elif kind == "client":
        client = session.get(ApiClient, int(raw_id))
        if client is not None and client.revoked_at is None and client.id is not None:
            principal = Principal(
                "client", client.id, client.name, Role(client.role), client.agency_id
            )
    if principal is None:
        raise NotAuthenticated("the token's account is inactive or revoked")
    cache.keep(token, principal, float(claims["exp"]))
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def require_role(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    allowed = frozenset(roles)

    # Async: a check in memory needs no hop to the thread pool.
    async def _check(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            raise Forbidden(f"the role '{principal.role}' may not do this")
        return principal

    return _check


AdminPrincipal = Annotated[Principal, Depends(require_role(Role.admin))]
