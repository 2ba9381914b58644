"""Plain factory functions for test data: `make.agency(status="suspended")`."""

import itertools
from typing import Any

from sqlmodel import Session

from overseas.agencies.models import Agency
from overseas.auth.models import ApiClient, User
from overseas.core.principal import Role
from overseas.core.security import create_access_token, hash_secret

PASSWORD = "correct-horse-battery"
# Hashed once: Argon2 is deliberately slow and most tests need no real login.
_PASSWORD_HASH = hash_secret(PASSWORD)
_seq = itertools.count(1)


class Factory:
    """Each object is committed: inside the test's outer transaction that only releases a
    savepoint, so a request that fails and rolls back does not take the test's data with it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def agency(self, **overrides: Any) -> Agency:
        n = next(_seq)
        values: dict[str, Any] = {
            "licence_no": f"TEST-{n:04d}/GP",
            "name": f"Công ty thử nghiệm {n}",
            "tax_code": f"{4000000000 + n:010d}",
        }
        agency = Agency(**(values | overrides))
        self.session.add(agency)
        self.session.commit()
        return agency

    def user(self, role: Role = Role.officer, **overrides: Any) -> User:
        n = next(_seq)
        if role == Role.agency and "agency_id" not in overrides:
            overrides["agency_id"] = self.agency().id
        values: dict[str, Any] = {
            "username": f"{role.value}{n}",
            "full_name": f"Người dùng {n}",
            "role": role,
            "password_hash": _PASSWORD_HASH,
        }
        user = User(**(values | overrides))
        self.session.add(user)
        self.session.commit()
        return user

    def api_client(
        self, role: Role = Role.agency, secret: str = "s3cret-value-123", **overrides: Any
    ) -> ApiClient:
        n = next(_seq)
        if role == Role.agency and "agency_id" not in overrides:
            overrides["agency_id"] = self.agency().id
        values: dict[str, Any] = {
            "name": f"client {n}",
            "role": role,
            "client_id": f"test-client-{n}",
            "secret_hash": hash_secret(secret),
        }
        client = ApiClient(**(values | overrides))
        self.session.add(client)
        self.session.commit()
        return client

    def headers(self, role: Role = Role.officer, **overrides: Any) -> dict[str, str]:
        """Authorization headers for a new user of that role."""
        return self.headers_for(self.user(role, **overrides))

    @staticmethod
    def headers_for(user: User) -> dict[str, str]:
        token, _ = create_access_token(f"user:{user.id}", user.role, user.agency_id)
        return {"Authorization": f"Bearer {token}"}
