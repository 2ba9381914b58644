"""The outermost layer of the application, in plain ASGI: what every request passes before
any route sees it, and what every unexpected failure turns into.

- Bodies are capped before they are parsed (`OVERSEAS_MAX_BODY_BYTES`, 16 MiB): 413.
- NUL characters are refused wherever text arrives (path, query, form and JSON bodies): no
  database stores them, and PostgreSQL would fail on them deep inside a write (422 naming the
  field instead).
- An exception no handler knew is logged and answered with a problem+json 500, and the
  connection stays usable: nothing is re-raised to the server, which would drop a keep-alive
  connection without telling the client.
"""

import json
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from overseas.core.errors import FieldError, problem_response

logger = logging.getLogger("overseas")

_NUL = "must not contain NUL characters"
_BUFFERED_TYPES = ("application/json", "application/x-www-form-urlencoded")
_JSON_NUL = b"\\u0000"


class BodyTooLarge(Exception):
    pass


def _nul_paths(value: Any, path: str = "") -> Iterator[str]:
    """The fields of a parsed JSON document whose key or text holds a NUL character."""
    if isinstance(value, str):
        if "\x00" in value:
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                yield child
            else:
                yield from _nul_paths(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_paths(item, f"{path}.{index}" if path else str(index))


def _form_nul_fields(text: str) -> list[str]:
    pairs = parse_qsl(text, keep_blank_values=True)
    return sorted({name.replace("\x00", "") or "?" for name, v in pairs if "\x00" in name + v})


def _nul_problem(fields: list[str]) -> Any:
    errors = [FieldError(field=f, code="nul_character", message=_NUL) for f in fields[:20]]
    detail = "; ".join(f"{e.field}: {_NUL}" for e in errors[:5])
    return problem_response(422, "Validation failed", "validation_error", detail, errors)


def _too_large(limit: int) -> Any:
    return problem_response(
        413,
        "Payload too large",
        "payload_too_large",
        f"the request body is larger than {limit} bytes",
    )


class RequestGuard:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            problem = self._check_url(scope)
            if problem is None:
                problem, receive = await self._check_body(scope, receive)
            if problem is not None:
                await problem(scope, receive, tracked_send)
                return
            await self.app(scope, receive, tracked_send)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(self.max_body)(scope, receive, tracked_send)
        except Exception as exc:
            if started:
                # Part of the answer is on its way: the only honest end is a broken stream.
                raise
            # Logged with its trace for operators; the client sees no internals, ever.
            logger.error("unhandled error", exc_info=exc)
            response = problem_response(
                500, "Internal server error", "internal_error", "An unexpected error occurred."
            )
            await response(scope, receive, tracked_send)

    @staticmethod
    def _check_url(scope: Scope) -> Any:
        if "\x00" in scope["path"] or b"%00" in scope.get("raw_path", b""):
            return _nul_problem(["path"])
        query: bytes = scope.get("query_string", b"")
        if b"%00" in query or b"\x00" in query:
            return _nul_problem(_form_nul_fields(query.decode("latin-1")))
        return None

    async def _check_body(self, scope: Scope, receive: Receive) -> tuple[Any, Receive]:
        headers = dict(scope.get("headers", []))
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return _too_large(self.max_body), receive
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        if not content_type.startswith(_BUFFERED_TYPES):
            return None, self._counting(receive)
        # JSON and form bodies are read whole by their parser anyway: read them here, once,
        # and hand the same bytes on.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None, receive
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return _too_large(self.max_body), receive
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        fields: list[str] = []
        if content_type.startswith("application/json"):
            if _JSON_NUL in body or b"\x00" in body:
                try:
                    fields = list(_nul_paths(json.loads(body)))
                except ValueError:
                    fields = []  # not JSON at all: the route answers 400
        elif b"%00" in body or b"\x00" in body:
            fields = _form_nul_fields(body.decode("latin-1"))
        if fields:
            return _nul_problem(fields), receive
        return None, _replay(body, receive)

    def _counting(self, receive: Receive) -> Receive:
        size = 0

        async def counted() -> Message:
            nonlocal size
            message = await receive()
            if message["type"] == "http.request":
                size += len(message.get("body", b""))
                if size > self.max_body:
                    raise BodyTooLarge()
            return message

        return counted


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
