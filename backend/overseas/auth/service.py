"""Logins, tokens, users and API clients."""

import math
import secrets
from datetime import timedelta

from sqlalchemy import case, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from overseas.agencies import service as agencies
from overseas.auth.dependencies import Principal
from overseas.auth.models import ApiClient, LoginThrottle, Role, User
from overseas.auth.schemas import ApiClientCreate, Token, UserCreate, UserUpdate
from overseas.core.bulk import table_of
from overseas.core.config import get_settings
from overseas.core.db import utcnow
from overseas.core.errors import (
    Conflict,
    NotAuthenticated,
    NotFound,
    TooManyRequests,
    ValidationFailed,
)
from overseas.core.pagination import PageParams, paginate
from overseas.core.security import create_access_token, hash_secret, verify_secret


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


def _check_role_agency(session: Session, role: Role, agency_id: int | None) -> None:
    # An enterprise account acts for exactly one enterprise; staff act for none.
    if role == Role.agency:
        if agency_id is None:
            raise ValidationFailed.one("agency_id", "required for the agency role")
        if agencies.find(session, agency_id) is None:
            raise ValidationFailed.one("agency_id", f"no enterprise with id {agency_id}")
    elif agency_id is not None:
        raise ValidationFailed.one("agency_id", "only accounts with the agency role have one")


def list_users(
    session: Session,
    params: PageParams,
    *,
    role: Role | None = None,
    agency_id: int | None = None,
    active: bool | None = None,
) -> tuple[list[User], str | None, int | None]:
    stmt = select(User)
    if role:
        stmt = stmt.where(User.role == role)
    if agency_id is not None:
        stmt = stmt.where(User.agency_id == agency_id)
    if active is not None:
        stmt = stmt.where(User.active == active)
    return paginate(session, stmt, [col(User.id)], params)


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    return user


def create_user(session: Session, data: UserCreate) -> User:
    _check_role_agency(session, data.role, data.agency_id)
    if session.exec(select(User.id).where(User.username == data.username)).first():
        raise Conflict(f"the username '{data.username}' is taken", code="username_taken")
    user = User(
        username=data.username,
        full_name=data.full_name.strip(),
        role=data.role,
        agency_id=data.agency_id,
        active=data.active,
        password_hash=hash_secret(data.password),
    )
    session.add(user)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict(f"the username '{data.username}' is taken", code="username_taken") from exc
    return user


def update_user(session: Session, user: User, data: UserUpdate) -> User:
    changes = data.model_dump(exclude_unset=True)
    password = changes.pop("password", None)
    for field in ("role", "active", "full_name"):
        if field in changes and changes[field] is None:
            raise ValidationFailed.one(field, "may not be null")
    role = Role(changes.get("role", user.role))
    agency_id = changes.get("agency_id", user.agency_id)
    _check_role_agency(session, role, agency_id)
    if (
        user.active
        and user.role == Role.admin
        and (role != Role.admin or not changes.get("active", True))
    ):
        _keep_an_admin(session, user)
    for key, value in changes.items():
        setattr(user, key, value)
    if password is not None:
        user.password_hash = hash_secret(password)
        # Every token issued before the change stops working (a leaked password is the usual
        # reason for changing it).
        user.token_version += 1
    session.add(user)
    session.flush()
    return user


def _keep_an_admin(session: Session, leaving: User) -> None:
    """Refuse to deactivate or demote the last active administrator: nobody could manage
    accounts any more. The active administrators are locked while counting, so that two
    administrators deactivating each other at the same moment cannot both succeed."""
    others = session.exec(
        select(User.id)
        .where(User.role == Role.admin, col(User.active).is_(True), User.id != leaving.id)
        .with_for_update()
    ).all()
    if not others:
        raise Conflict(
            f"'{leaving.username}' is the last active administrator; make another account an "
            "active administrator first",
            code="last_admin",
        )


def list_clients(
    session: Session, params: PageParams, *, include_revoked: bool = True
) -> tuple[list[ApiClient], str | None, int | None]:
    stmt = select(ApiClient)
    if not include_revoked:
        stmt = stmt.where(col(ApiClient.revoked_at).is_(None))
    return paginate(session, stmt, [col(ApiClient.id)], params)


def create_client(session: Session, data: ApiClientCreate) -> tuple[ApiClient, str]:
    """The new client and its secret, which is stored only as a hash."""
    _check_role_agency(session, data.role, data.agency_id)
    secret = secrets.token_urlsafe(32)
    client = ApiClient(
        name=data.name.strip(),
        role=data.role,
        agency_id=data.agency_id,
        client_id="owr_" + secrets.token_hex(10),
        secret_hash=hash_secret(secret),
    )
    session.add(client)
    session.flush()
    return client, secret


def revoke_client(session: Session, client_id: int) -> None:
    client = session.get(ApiClient, client_id)
    if client is None:
        raise NotFound(f"no API client with id {client_id}")
    if client.revoked_at is None:
        client.revoked_at = utcnow()
        session.add(client)
        session.flush()


def me(principal: Principal) -> dict[str, object]:
    return {
        "id": principal.id,
        "username": principal.username,
        "role": principal.role,
        "agency_id": principal.agency_id,
        "kind": principal.kind,
    }
