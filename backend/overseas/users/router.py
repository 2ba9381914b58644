"""HTTP layer for managing users and API clients (administrators only)."""

from fastapi import APIRouter, Response

from overseas.core.concurrency import created_headers, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import problem_responses
from overseas.core.pagination import Page, PageDep
from overseas.core.principal import Role
from overseas.core.types import Id
from overseas.system.idempotency import IdempotencyDep
from overseas.users import service
from overseas.users.auth import AccountManager, UserDep, UserForWrite
from overseas.users.schemas import (
    ApiClientCreate,
    ApiClientCreated,
    ApiClientRead,
    UserCreate,
    UserRead,
    UserUpdate,
)

users_router = APIRouter(prefix="/api/v1/users", tags=["users"])
clients_router = APIRouter(prefix="/api/v1/api-clients", tags=["api-clients"])


@users_router.get("", response_model=Page[UserRead], responses=problem_responses(401, 403, 422))
def list_users(
    session: SessionDep,
    _p: AccountManager,
    page: PageDep,
    role: Role | None = None,
    agency_id: Id | None = None,
    active: bool | None = None,
) -> Page[UserRead]:
    """Users, ordered by id."""
    rows, cursor, total = service.list_users(
        session, page, role=role, agency_id=agency_id, active=active
    )
    return Page(items=[UserRead.model_validate(r) for r in rows], next_cursor=cursor, total=total)


@users_router.post(
    "", status_code=201, response_model=UserRead, responses=problem_responses(401, 403, 409, 422)
)
def create_user(
    data: UserCreate, session: SessionDep, _p: AccountManager, idem: IdempotencyDep
) -> Response:
    """Create a user; the password is stored only as an Argon2 hash."""
    user = service.create_user(session, data)
    return idem.respond(
        UserRead.model_validate(user),
        headers=created_headers(f"/api/v1/users/{user.id}", user.version),
    )


@users_router.get("/{user_id}", response_model=UserRead, responses=problem_responses(401, 403, 404))
def get_user(user: UserDep, response: Response) -> UserRead:
    """One user, with its ETag."""
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@users_router.patch(
    "/{user_id}",
    response_model=UserRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_user(
    user: UserForWrite, data: UserUpdate, session: SessionDep, response: Response
) -> UserRead:
    """Change a user's name, role, enterprise, password or deactivate it."""
    user = service.update_user(session, user, data)
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@clients_router.get(
    "", response_model=Page[ApiClientRead], responses=problem_responses(401, 403, 422)
)
def list_api_clients(
    session: SessionDep, _p: AccountManager, page: PageDep, include_revoked: bool = True
) -> Page[ApiClientRead]:
    """API clients, ordered by id."""
    rows, cursor, total = service.list_clients(session, page, include_revoked=include_revoked)
    return Page(
        items=[ApiClientRead.model_validate(r) for r in rows], next_cursor=cursor, total=total
    )


@clients_router.post(
    "",
    status_code=201,
    response_model=ApiClientCreated,
    responses=problem_responses(401, 403, 422),
)
def create_api_client(
    data: ApiClientCreate, session: SessionDep, _p: AccountManager, response: Response
) -> ApiClientCreated:
    """Create an API client; the secret is in this response only, never again.

    No `Idempotency-Key` here: a replay would have to keep the secret in clear text.
    """
    client, secret = service.create_client(session, data)
    response.headers["Location"] = f"/api/v1/api-clients/{client.id}"
    return ApiClientCreated.model_validate(
        {**ApiClientRead.model_validate(client).model_dump(), "client_secret": secret}
    )


@clients_router.delete("/{client_id}", status_code=204, responses=problem_responses(401, 403, 404))
def revoke_api_client(client_id: Id, session: SessionDep, _p: AccountManager) -> Response:
    """Revoke an API client: its unexpired tokens stop working at once."""
    service.revoke_client(session, client_id)
    return Response(status_code=204)
