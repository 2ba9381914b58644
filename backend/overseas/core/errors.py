"""One error shape for the whole API: RFC 9457 problem+json, with a stable `code`."""

import logging
from collections.abc import Mapping
from typing import Any, NamedTuple

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("overseas")

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    """One bad field; `index` is the row of a batch or file, `row` its spreadsheet row.

    `code` is stable and `params` hold the values the message names (a limit, the other field),
    so a client can say it in its user's language (docs/errors.md); `message` is English."""

    field: str
    code: str = "invalid"
    params: dict[str, Any] | None = None
    message: str
    index: int | None = None
    external_ref: str | None = None
    row: int | None = None

    @classmethod
    def at(cls, field: str, fault: "Fault", **where: Any) -> "FieldError":
        """The item saying `fault` about `field` (`where`: index, external_ref, row)."""
        return cls(
            field=field, code=fault.code, params=fault.params, message=fault.message, **where
        )


class Fault(NamedTuple):
    """What is wrong with a value, before it is tied to a field: the stable code, the English
    message and the values the message names (docs/errors.md)."""

    code: str
    message: str
    params: dict[str, Any] | None = None


def fault(code: str, message: str, **params: Any) -> Fault:
    return Fault(code, message, params or None)


class Problem(BaseModel):
    """The body of every 4xx/5xx answer."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    code: str
    errors: list[FieldError] | None = None


class AppError(Exception):
    """A domain error; the handler turns it into problem+json."""

    status = 400
    code = "bad_request"
    title = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        if code:
            self.code = code
        self.errors = errors
        self.headers = headers or {}


class NotAuthenticated(AppError):
    status, code, title = 401, "not_authenticated", "Not authenticated"

    def __init__(self, detail: str | None = None, *, code: str | None = None) -> None:
        super().__init__(detail, code=code, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status, code, title = 403, "forbidden", "Forbidden"


class NotFound(AppError):
    status, code, title = 404, "not_found", "Not found"


class Conflict(AppError):
    status, code, title = 409, "conflict", "Conflict"


class InvalidTransition(Conflict):
    code, title = "invalid_transition", "Invalid transition"


class PreconditionFailed(AppError):
    status, code, title = 412, "precondition_failed", "Precondition failed"


class ValidationFailed(AppError):
    status, code, title = 422, "validation_error", "Validation failed"

    @classmethod
    def one(
        cls,
        field: str,
        message: str,
        code: str = "invalid",
        params: dict[str, Any] | None = None,
    ) -> "ValidationFailed":
        error = FieldError(field=field, code=code, params=params, message=message)
        return cls(f"{field}: {message}", errors=[error])

    @classmethod
    def of(cls, field: str, fault: Fault) -> "ValidationFailed":
        return cls.one(field, fault.message, fault.code, fault.params)

    @classmethod
    def many(cls, errors: list[FieldError]) -> "ValidationFailed":
        return cls("; ".join(f"{e.field}: {e.message}" for e in errors[:5]), errors=errors)


class TooManyRequests(AppError):
    status, code, title = 429, "too_many_requests", "Too many requests"

    def __init__(self, detail: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(detail, code=code, headers={"Retry-After": str(max(1, retry_after))})


def problem_response(
    status: int,
    title: str,
    code: str,
    detail: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(title=title, status=status, detail=detail, code=code, errors=errors)
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


# Problem responses declared on routes, so the generated client knows their shape.
def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": "Problem"}
        for status in statuses
    }


_HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    401: ("not_authenticated", "Not authenticated"),
    403: ("forbidden", "Forbidden"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    406: ("not_acceptable", "Not acceptable"),
    413: ("payload_too_large", "Payload too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
}


def _field_name(loc: tuple[Any, ...]) -> str:
    # ("body", "worker", "date_of_birth") -> "worker.date_of_birth"; ("query", "limit") -> "limit"
    sources = {"body", "query", "path", "header", "form", "cookie"}
    parts = loc[1:] if loc and loc[0] in sources else loc
    return ".".join(str(p) for p in parts) or str(loc[0] if loc else "body")


def _validation_message(err: Mapping[str, Any]) -> str:
    msg = str(err.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


def _validation_params(err: Mapping[str, Any]) -> dict[str, Any] | None:
    # Pydantic's context (min_length, expected, le, ...) as JSON values; the exception a
    # validator raised is not a parameter (its text is the message).
    ctx = {k: v for k, v in (err.get("ctx") or {}).items() if k != "error"}
    scalar = (int, float, bool, type(None))
    params = {k: v if isinstance(v, scalar) else str(v) for k, v in ctx.items()}
    return params or None


def field_error_from_pydantic(
    err: Mapping[str, Any], loc: tuple[Any, ...] | None = None
) -> FieldError:
    """One Pydantic error as an item: its `type` is the code (`string_too_short`, `missing`,
    `enum`, ...) and its context the params."""
    return FieldError(
        field=_field_name(tuple(err.get("loc", ())) if loc is None else loc),
        code=str(err.get("type", "invalid")),
        params=_validation_params(err),
        message=_validation_message(err),
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return problem_response(
            exc.status, exc.title, exc.code, exc.detail, exc.errors, exc.headers or None
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        malformed = next((e for e in exc.errors() if e.get("type") == "json_invalid"), None)
        if malformed is not None:
            # Not JSON at all: the request is malformed (400), not a document with bad values.
            reason = (malformed.get("ctx") or {}).get("error", "invalid JSON")
            return problem_response(
                400, "Bad request", "malformed_json", f"the body is not valid JSON: {reason}"
            )
        errors = [field_error_from_pydantic(e) for e in exc.errors()]
        detail = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
        return problem_response(422, "Validation failed", "validation_error", detail, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, title = _HTTP_CODES.get(exc.status_code, ("http_error", "HTTP error"))
        detail = exc.detail if isinstance(exc.detail, str) else None
        return problem_response(
            exc.status_code, title, code, detail, headers=getattr(exc, "headers", None)
        )


def invalid(code: str, message: str, **params: Any) -> PydanticCustomError:
    """What a custom field or model validator raises: the item gets `code` and `params`
    instead of Pydantic's generic `value_error` (docs/errors.md)."""
    return PydanticCustomError(code, message, params or None)
