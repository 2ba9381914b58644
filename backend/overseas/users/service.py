"""Managing users and API clients (administrators): who may log in, with which role and for
which enterprise. Logging in itself is `overseas.auth`."""

import secrets

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from overseas.agencies import service as agencies
from overseas.auth.models import ApiClient, User
from overseas.core.db import utcnow
from overseas.core.errors import Conflict, NotFound, ValidationFailed
from overseas.core.faults import NOT_NULL, not_found
from overseas.core.pagination import PageParams, paginate
from overseas.core.principal import Role
from overseas.core.security import hash_secret
from overseas.users.schemas import ApiClientCreate, UserCreate, UserUpdate


def _check_role_agency(session: Session, role: Role, agency_id: int | None) -> None:
    # An enterprise account acts for exactly one enterprise; staff act for none.
    if role == Role.agency:
        if agency_id is None:
            raise ValidationFailed.one(
                "agency_id", "required for the agency role", "required_for_role", {"role": "agency"}
            )
        if agencies.find(session, agency_id) is None:
            raise ValidationFailed.of("agency_id", not_found("agency", agency_id))
    elif agency_id is not None:
        raise ValidationFailed.one(
            "agency_id",
            "only accounts with the agency role have one",
            "only_for_role",
            {"role": "agency"},
        )


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
            raise ValidationFailed.of(field, NOT_NULL)
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
