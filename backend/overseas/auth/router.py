"""HTTP layer for tokens and the current principal."""

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request

from overseas.auth import service
from overseas.auth.dependencies import CurrentPrincipal
from overseas.auth.schemas import (
    Me,
    Token,
)
from overseas.core.db import SessionDep
from overseas.core.errors import ValidationFailed, problem_responses
from overseas.core.network import client_address

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


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
            raise ValidationFailed.one(
                "username" if not username else "password", "required", "required"
            )
    elif not client_id or not client_secret:
        raise ValidationFailed.one(
            "client_id" if not client_id else "client_secret", "required", "required"
        )
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
