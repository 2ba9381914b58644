"""Logging in: password and client-credentials grants, the login throttle, who is calling."""

import math
from datetime import timedelta

from sqlalchemy import case, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from overseas.auth.models import ApiClient, LoginThrottle, User
from overseas.auth.schemas import Token
from overseas.core.bulk import table_of
from overseas.core.config import get_settings
from overseas.core.db import utcnow
from overseas.core.errors import (
    NotAuthenticated,
    TooManyRequests,
)
from overseas.core.principal import Principal
from overseas.core.security import create_access_token, verify_secret


class LoginFailed(NotAuthenticated):
    """Wrong credentials; the caller commits the counted attempt before answering."""

    def __init__(self) -> None:
        super().__init__("wrong username or password", code="invalid_credentials")


class AccountInactive(NotAuthenticated):
    """The right credentials of a deactivated user or a revoked client."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, code="account_inactive")


def _throttle_keys(kind: str, name: str, address: str) -> list[tuple[str, int]]:
    """The counters a login attempt is charged to: (name, client address), so that a stranger
    cannot lock an account out, and the name alone with a looser limit, so that an attacker
    spread over many addresses still meets one."""
    settings = get_settings()
    return [
        (f"{kind}:{name}|{address}", settings.login_max_failures),
        (f"{kind}:{name}", settings.login_backstop_failures),
    ]


def _count_attempt(session: Session, keys: list[tuple[str, int]]) -> None:
    """Charge this attempt to each counter before the secret is checked, each with one atomic
    upsert that also locks the counter until the transaction ends: parallel attempts on one
    name are counted one after the other, and none gets past the limit. 429 when over."""
    window = timedelta(minutes=get_settings().login_window_minutes)
    now = utcnow()
    table = table_of(LoginThrottle)
    conn = session.connection()
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    expired = table.c.window_start <= now - window
    for key, limit in sorted(keys):
        upsert = (
            insert(table)
            .values(key=key, window_start=now, count=1)
            .on_conflict_do_update(
                index_elements=["key"],
                set_={
                    "count": case((expired, 1), else_=table.c.count + 1),
                    "window_start": case((expired, now), else_=table.c.window_start),
                },
            )
            .returning(table.c.count, table.c.window_start)
        )
        count, started = conn.execute(upsert).one()
        if count > limit:
            retry = math.ceil((started + window - now).total_seconds())
            raise TooManyRequests(
                f"too many failed logins for this account; try again in {retry} s",
                retry_after=retry,
                code="too_many_login_attempts",
            )


def purge_throttle(session: Session) -> int:
    """Delete the counters whose window has passed (they would start afresh anyway)."""
    table = table_of(LoginThrottle)
    window = timedelta(minutes=get_settings().login_window_minutes)
    result = session.connection().execute(
        sql_delete(table).where(table.c.window_start <= utcnow() - window)
    )
    return int(result.rowcount or 0)


def _forgive_attempt(session: Session, keys: list[tuple[str, int]]) -> None:
    """A successful login clears its (name, address) counter and takes back its own charge
    on the name's, which other addresses may still be filling."""
    table = table_of(LoginThrottle)
    conn = session.connection()
    (pair, _), (name, _) = keys
    conn.execute(sql_delete(table).where(table.c.key == pair))
    conn.execute(
        update(table).where(table.c.key == name, table.c.count > 0).values(count=table.c.count - 1)
    )


def login_password(session: Session, username: str, password: str, address: str) -> Token:
    username = username.strip().lower()
    keys = _throttle_keys("user", username, address)
    _count_attempt(session, keys)
    user = session.exec(select(User).where(User.username == username)).first()
    if not verify_secret(password, user.password_hash if user else None):
        raise LoginFailed()
    assert user is not None and user.id is not None
    # Said only after the password was checked, so that a login never tells a stranger
    # which accounts exist.
    if not user.active:
        raise AccountInactive("this account is deactivated; ask an administrator to reactivate it")
    _forgive_attempt(session, keys)
    token, lifetime = create_access_token(
        f"user:{user.id}", user.role, user.agency_id, version=user.token_version
    )
    return Token(access_token=token, expires_in=lifetime)


def login_client(session: Session, client_id: str, client_secret: str, address: str) -> Token:
    keys = _throttle_keys("client", client_id, address)
    _count_attempt(session, keys)
    client = session.exec(select(ApiClient).where(ApiClient.client_id == client_id)).first()
    if not verify_secret(client_secret, client.secret_hash if client else None):
        raise LoginFailed()
    assert client is not None and client.id is not None
    if client.revoked_at is not None:
        raise AccountInactive("this API client was revoked; ask an administrator for a new one")
    _forgive_attempt(session, keys)
    token, lifetime = create_access_token(f"client:{client.id}", client.role, client.agency_id)
    return Token(access_token=token, expires_in=lifetime)


def me(principal: Principal) -> dict[str, object]:
    return {
        "id": principal.id,
        "username": principal.username,
        "role": principal.role,
        "agency_id": principal.agency_id,
        "kind": principal.kind,
    }
