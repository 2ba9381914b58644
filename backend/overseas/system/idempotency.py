"""`Idempotency-Key` on create requests: a retried request returns the first answer and
writes nothing. Keys live in the database, in the same transaction as the write they
guard, so they hold across server processes and a failed write leaves no key behind."""

import hashlib
import json
import zlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import delete, func
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from starlette.datastructures import UploadFile

from overseas.auth.dependencies import CurrentPrincipal
from overseas.core.config import get_settings
from overseas.core.db import SessionDep, utcnow, when_locked_again
from overseas.core.errors import Conflict, FieldError, ValidationFailed
from overseas.core.faults import BLANK
from overseas.system.models import IdempotencyKey

REPLAY_HEADER = "Idempotent-Replayed"
_KEPT_HEADERS = ("location", "etag")


class KeyInProgress(Conflict):
    code = "idempotency_key_in_progress"

    def __init__(self) -> None:
        super().__init__("a request with this Idempotency-Key is being processed; retry shortly")


class IdempotencyKeyReused(ValidationFailed):
    code = "idempotency_key_reused"

    def __init__(self) -> None:
        message = "this Idempotency-Key was used with another request"
        item = FieldError(field="Idempotency-Key", code="idempotency_key_reused", message=message)
        super().__init__(message, errors=[item])


@dataclass(frozen=True)
class StoredResponse:
    """The first answer, copied out of its row: the row's session is closed (and its objects
    expired) by the time the replay is written, so nothing may be read from the row then."""

    status_code: int
    body: Any
    headers: dict[str, str]


class IdempotentReplay(Exception):
    """Raised to answer with the stored first response (the transaction rolls back)."""

    def __init__(self, stored: StoredResponse) -> None:
        self.stored = stored


def replay_response(stored: StoredResponse) -> JSONResponse:
    headers = dict(stored.headers)
    headers[REPLAY_HEADER] = "true"
    return JSONResponse(stored.body, status_code=stored.status_code, headers=headers)


async def _form_fingerprint(request: Request) -> str:
    """The fields and file contents of a multipart form: the boundary between the parts is
    random, so the raw body of the same upload differs from one send to the next."""
    form = await request.form()  # already parsed by the route, and cached on the request
    parts: list[tuple[str, str, str]] = []
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            digest = hashlib.sha256()
            await value.seek(0)
            while chunk := await value.read(64 * 1024):
                digest.update(chunk)
            await value.seek(0)
            parts.append((name, "file", digest.hexdigest()))
        else:
            parts.append((name, "text", value))
    return json.dumps(sorted(parts), separators=(",", ":"))


async def request_fingerprint(request: Request) -> str:
    """A hash of what the request asks for: method, path, query and body (only worked out
    when the request carries an Idempotency-Key: a batch body is large)."""
    if "idempotency-key" not in request.headers:
        return ""
    body: Any
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        body = await _form_fingerprint(request)
    else:
        try:
            # The same JSON with other spacing or key order is the same request. Starlette
            # keeps the parsed body, so the endpoint does not parse it a second time.
            parsed = await request.json()
            body = json.dumps(parsed, sort_keys=True, separators=(",", ":"))
        except (ValueError, UnicodeDecodeError):
            body = hashlib.sha256(await request.body()).hexdigest()
    text = "\n".join([request.method, request.url.path, str(request.url.query), body])
    return hashlib.sha256(text.encode()).hexdigest()


class Idempotency:
    """What a create handler needs: `respond()` builds the answer and keeps it for replays."""

    def __init__(self, session: Session, principal: str, key: str | None, fingerprint: str):
        self.session = session
        self.principal = principal
        self.key = key
        self.fingerprint = fingerprint

    def respond(
        self, content: Any, status_code: int = 201, headers: dict[str, str] | None = None
    ) -> JSONResponse:
        # Pydantic serialises its own models far faster than the generic encoder.
        body = (
            content.model_dump(mode="json")
            if isinstance(content, BaseModel)
            else jsonable_encoder(content)
        )
        response = JSONResponse(body, status_code=status_code, headers=headers)
        if self.key is None:
            return response
        kept = {k: v for k, v in (headers or {}).items() if k.lower() in _KEPT_HEADERS}
        row = IdempotencyKey(
            principal=self.principal,
            key=self.key,
            request_hash=self.fingerprint,
            status_code=status_code,
            body=body,
            headers=kept,
            created_at=utcnow(),
        )
        purge_expired(self.session)
        try:
            with self.session.begin_nested():
                self.session.add(row)
                self.session.flush()
        except IntegrityError as exc:
            # Another request with the same key committed first; the client retries and
            # then gets that request's answer.
            raise KeyInProgress() from exc
        return response


def _claim(session: Session, principal: str, key: str) -> None:
    """Hold the key for this transaction. On PostgreSQL a transaction-scoped advisory lock
    on the (principal, key) pair: a second request with the key while the first is still
    running answers 409 at once, instead of doing the work again and failing at the end. On
    SQLite every writing request holds the database's write lock, so requests with the same
    key run one after the other and the later one finds the stored answer."""
    if session.get_bind().dialect.name != "postgresql":
        return
    lock_id = zlib.crc32(f"{principal}\n{key}".encode()) - 2**31
    # Namespace 1 of the two-integer advisory lock space: idempotency keys.
    taken = (
        session.connection()
        .execute(core_select(func.pg_try_advisory_xact_lock(1, lock_id)))
        .scalar_one()
    )
    if not taken:
        raise KeyInProgress()


def get_idempotency(
    session: SessionDep,
    principal: CurrentPrincipal,
    fingerprint: Annotated[str, Depends(request_fingerprint)],
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=255,
            description="Retry-safe creation: the same key and body within 24 h "
            "returns the first response and writes nothing",
        ),
    ] = None,
) -> Idempotency:
    if idempotency_key is not None:
        idempotency_key = idempotency_key.strip()
        if not idempotency_key:
            raise ValidationFailed.of("Idempotency-Key", BLANK)
        _claim(session, principal.key, idempotency_key)
        key = idempotency_key
        _answer_stored(session, principal.key, key, fingerprint)
        # A request that steps out of SQLite's write lock looks again when it takes it back:
        # another request with the key may have been answered meanwhile.
        when_locked_again(session, lambda: _answer_stored(session, principal.key, key, fingerprint))
    return Idempotency(session, principal.key, idempotency_key, fingerprint)


def _answer_stored(session: Session, principal: str, key: str, fingerprint: str) -> None:
    """Raise the replay of the answer stored for the key, or 422 if it was another request's;
    nothing when none is stored (an expired one is removed)."""
    cutoff = utcnow() - timedelta(hours=get_settings().idempotency_hours)
    stored = session.exec(
        select(IdempotencyKey).where(
            IdempotencyKey.principal == principal, IdempotencyKey.key == key
        )
    ).first()
    if stored is not None and stored.created_at <= cutoff:
        session.exec(delete(IdempotencyKey).where(col(IdempotencyKey.id) == stored.id))
        stored = None
    if stored is not None:
        if stored.request_hash != fingerprint:
            raise IdempotencyKeyReused()
        raise IdempotentReplay(
            StoredResponse(stored.status_code, stored.body, dict(stored.headers or {}))
        )


IdempotencyDep = Annotated[Idempotency, Depends(get_idempotency)]


def purge_expired(session: Session) -> int:
    cutoff = utcnow() - timedelta(hours=get_settings().idempotency_hours)
    result = session.exec(delete(IdempotencyKey).where(col(IdempotencyKey.created_at) < cutoff))
    return int(result.rowcount or 0)
