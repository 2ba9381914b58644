"""Passwords and tokens, in one place."""

import secrets
from datetime import timedelta
from typing import Any

from jose import JWTError, jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from overseas.core.config import get_settings
from overseas.core.db import utcnow

# Pinned: a token must never choose its own algorithm (python-jose issue 419, "alg: none").
JWT_ALGORITHM = "HS256"

password_hash = PasswordHash((Argon2Hasher(),))

# Verified against when the username is unknown, so that a login for a missing user costs the
# same time as one with a wrong password and does not reveal who has an account.
DUMMY_HASH = password_hash.hash(secrets.token_urlsafe(16))


def hash_secret(secret: str) -> str:
    return password_hash.hash(secret)


def verify_secret(secret: str, hashed: str | None) -> bool:
    if hashed is None:
        password_hash.verify(secret, DUMMY_HASH)
        return False
    return password_hash.verify(secret, hashed)


def create_access_token(
    subject: str,
    role: str,
    agency_id: int | None,
    *,
    minutes: int | None = None,
    version: int | None = None,
) -> tuple[str, int]:
    """A signed JWT and its lifetime in seconds; `version` is the account's token version,
    raised by a password change so that older tokens stop working."""
    settings = get_settings()
    lifetime = timedelta(minutes=minutes or settings.access_token_minutes)
    now = utcnow()
    claims: dict[str, Any] = {
        "sub": subject,
        "role": role,
        "agency_id": agency_id,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
    }
    if version is not None:
        claims["ver"] = version
    token = jwt.encode(claims, settings.secret_key, algorithm=JWT_ALGORITHM)
    return token, int(lifetime.total_seconds())


class InvalidToken(Exception):
    pass


def decode_access_token(token: str) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            get_settings().secret_key,
            algorithms=[JWT_ALGORITHM],
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    # A token from the future was not issued by this clock: refuse it (60 s for clock skew).
    if not isinstance(claims.get("iat"), int) or claims["iat"] > utcnow().timestamp() + 60:
        raise InvalidToken("the token was issued in the future")
    return claims
