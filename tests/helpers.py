"""Assertions and look-ups shared by the API tests."""

from typing import Any

from httpx import Response
from sqlalchemy import func
from sqlmodel import Session, select

from overseas.audit.models import AuditLog


def assert_problem(r: Response, status: int, code: str, field: str | None = None) -> dict[str, Any]:
    """`r` is a problem+json answer with that status and code (and, for a 422, naming `field`)."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert body["code"] == code, body
    assert body["status"] == status
    if field is not None:
        assert field in [e["field"] for e in body.get("errors", [])], body
    return body


def last_audit_id(session: Session) -> int:
    """The id of the newest audit row, 0 when there is none."""
    return session.exec(select(func.max(AuditLog.id))).one() or 0
