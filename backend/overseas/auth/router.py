"""HTTP layer for tokens, users and API clients."""

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request, Response

from overseas.auth import service
from overseas.auth.dependencies import AdminPrincipal, CurrentPrincipal
from overseas.auth.models import Role
from overseas.auth.schemas import (
    ApiClientCreate,
    ApiClientCreated,
    ApiClientRead,
    Me,
    Token,
    UserCreate,
    UserRead,
    UserUpdate,
)
from overseas.core.concurrency import IfMatchDep, check_if_match, set_etag
from overseas.core.db import SessionDep
from overseas.core.errors import ValidationFailed, problem_responses
from overseas.core.network import client_address
from overseas.core.pagination import Page, PageDep
from overseas.core.types import Id
from overseas.system.idempotency import IdempotencyDep

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
users_router = APIRouter(prefix="/api/v1/users", tags=["users"])
clients_router = APIRouter(prefix="/api/v1/api-clients", tags=["api-clients"])


@router.post("/token", response_model=Token, responses=problem_responses(401, 422, 429))
def issue_token(
    request: Request,
    session: SessionDep,
    grant_type: Annotated[Literal["password", "client_credentials"], Form()],
    username: Annotated[str | None, Form(max_length=255)] = None,
    password: Annotated[str | None, Form(max_length=256)] = None,
    client_id: Annotated[str | None, Form(max_length=64)] = None,
    client_secret: Annotated[str | None, Form(max_length=256)] = None,
) -> Token:
    """OAuth2 token: a password grant for people, client credentials for systems."""
    if grant_type == "password":
        if not username or not password:
            raise ValidationFailed.one("username" if not username else "password", "required")
    elif not client_id or not client_secret:
        raise ValidationFailed.one("client_id" if not client_id else "client_secret", "required")
    address = client_address(request)
    try:
        if grant_type == "password":
            return service.login_password(session, username or "", password or "", address)
        return service.login_client(session, client_id or "", client_secret or "", address)
    except service.LoginFailed:
        # The failure must be counted even though the request fails: commit it now, since
        # the session dependency rolls back on errors.
        session.commit()
        raise


@router.get("/me", response_model=Me, responses=problem_responses(401))
def read_me(principal: CurrentPrincipal) -> Me:
    """Who the bearer of this token is."""
    return Me.model_validate(service.me(principal))


@users_router.get("", response_model=Page[UserRead], responses=problem_responses(401, 403, 422))
def list_users(
    session: SessionDep,
    _p: AdminPrincipal,
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
    data: UserCreate, session: SessionDep, _p: AdminPrincipal, idem: IdempotencyDep
) -> Response:
    """Create a user; the password is stored only as an Argon2 hash."""
    user = service.create_user(session, data)
    return idem.respond(
        UserRead.model_validate(user),
        headers={"Location": f"/api/v1/users/{user.id}", "ETag": f'"{user.version}"'},
    )


@users_router.get("/{user_id}", response_model=UserRead, responses=problem_responses(401, 403, 404))
def get_user(user_id: Id, session: SessionDep, _p: AdminPrincipal, response: Response) -> UserRead:
    """One user, with its ETag."""
    user = service.get_user(session, user_id)
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@users_router.patch(
    "/{user_id}", response_model=UserRead, responses=problem_responses(401, 403, 404, 412, 422)
)
def update_user(
    user_id: Id,
    data: UserUpdate,
    session: SessionDep,
    _p: AdminPrincipal,
    response: Response,
    if_match: IfMatchDep = None,
) -> UserRead:
    """Change a user's name, role, enterprise, password or deactivate it."""
    user = service.get_user(session, user_id)
    check_if_match(if_match, user.version)
    user = service.update_user(session, user, data)
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@clients_router.get(
    "", response_model=Page[ApiClientRead], responses=problem_responses(401, 403, 422)
)
def list_api_clients(
    session: SessionDep, _p: AdminPrincipal, page: PageDep, include_revoked: bool = True
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
    data: ApiClientCreate, session: SessionDep, _p: AdminPrincipal, response: Response
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
def revoke_api_client(client_id: Id, session: SessionDep, _p: AdminPrincipal) -> Response:
    """Revoke an API client: its unexpired tokens stop working at once."""
    service.revoke_client(session, client_id)
    return Response(status_code=204)
