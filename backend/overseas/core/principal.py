"""Who is calling: the roles and the principal behind a request, as plain values (no web
framework here, so that every layer may know who acts without importing the HTTP layer)."""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    officer = "officer"
    inspector = "inspector"
    agency = "agency"
    viewer = "viewer"


@dataclass(frozen=True)
class Principal:
    """A logged-in user or API client, as loaded from the database on every request."""

    kind: str  # "user" | "client"
    id: int
    username: str
    role: Role
    agency_id: int | None

    @property
    def actor(self) -> str:
        """The name written into audit rows and histories."""
        return self.username if self.kind == "user" else f"client:{self.username}"

    @property
    def key(self) -> str:
        """A stable identity for per-principal stores (idempotency keys)."""
        return f"{self.kind}:{self.id}"

    @property
    def is_agency(self) -> bool:
        return self.role == Role.agency
