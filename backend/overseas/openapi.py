"""The OpenAPI document: every error declared as the API answers it (RFC 9457
`application/problem+json` with the `Problem` schema), written with sorted keys so that diffs
are readable."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from overseas.core.errors import PROBLEM_JSON

PROBLEM_SCHEMA = {"$ref": "#/components/schemas/Problem"}
JSON = "application/json"
MULTIPART = "multipart/form-data"

# What each problem status means in this API; the `code` in the body says which case it is.
PROBLEM_DESCRIPTIONS = {
    400: "Bad request: the body is not well-formed JSON (`malformed_json`) or multipart data "
    "(`bad_request`)",
    401: "Not authenticated: no bearer token, or one that is invalid, expired or revoked",
    403: "Forbidden: the caller's role may not do this",
    404: "Not found (for an enterprise account, also another enterprise's record)",
    405: "Method not allowed",
    409: "Conflict: a duplicate, a transition not allowed, or an Idempotency-Key in use",
    412: "Precondition failed: `If-Match` names another version",
    413: "Payload too large: the request body is over the size limit",
    415: "Unsupported media type",
    422: "Validation failed: `errors` names each bad field",
    429: "Too many requests: `Retry-After` says when to try again",
    500: "Internal server error",
    503: "Service unavailable",
}

# FastAPI's own 422 shape, which this API never sends (its handler answers a Problem).
_FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")
_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def _problem(status: int) -> dict[str, Any]:
    return {
        "description": PROBLEM_DESCRIPTIONS.get(status, "Problem"),
        "content": {PROBLEM_JSON: {"schema": dict(PROBLEM_SCHEMA)}},
    }


# Answers that come with a request header or a login, whatever the operation.
_HEADER_PROBLEMS = {
    "Idempotency-Key": 409,  # idempotency_key_in_progress: the same key is being processed
    "If-Match": 412,
}


def declare_problems(spec: dict[str, Any]) -> dict[str, Any]:
    """Declare every 4xx/5xx answer of every operation as problem+json, and the answers that
    any operation may give: 422 everywhere (a NUL character anywhere in the URL is refused
    before routing, core/guard.py), 413 where it takes a body, 400 where that body is JSON,
    401 where it needs a login, 409 where it takes an Idempotency-Key and 412 where it takes
    If-Match. Drops FastAPI's unused validation error schemas."""
    for methods in spec.get("paths", {}).values():
        for method, operation in methods.items():
            if method not in _METHODS:
                continue
            responses: dict[str, Any] = operation.setdefault("responses", {})
            body = operation.get("requestBody")
            statuses = {int(code) for code in responses if code.isdigit() and int(code) >= 400}
            statuses.add(422)
            if body:
                statuses.add(413)
                # Not readable as JSON (`malformed_json`) or as a multipart form (`bad_request`).
                if {JSON, MULTIPART} & set(body.get("content", {})):
                    statuses.add(400)
            if operation.get("security"):
                statuses.add(401)
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "header" and parameter["name"] in _HEADER_PROBLEMS:
                    statuses.add(_HEADER_PROBLEMS[parameter["name"]])
            for status in statuses:
                responses[str(status)] = _problem(status)
    components: dict[str, Any] = spec.get("components", {})
    schemas: dict[str, Any] = components.get("schemas", {})
    kept = {k: v for k, v in schemas.items() if k not in _FASTAPI_VALIDATION_SCHEMAS}
    rest = json.dumps({**spec, "components": {**components, "schemas": kept}})
    if not any(f'"#/components/schemas/{n}"' in rest for n in _FASTAPI_VALIDATION_SCHEMAS):
        for name in _FASTAPI_VALIDATION_SCHEMAS:
            schemas.pop(name, None)
    return spec


def install_openapi(app: FastAPI) -> None:
    """Make `app.openapi()` (and /openapi.json) build the document with `declare_problems`."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = declare_problems(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def render_openapi() -> str:
    from overseas.main import create_app  # the application installs this module's builder

    spec: dict[str, Any] = create_app().openapi()
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_openapi(path: str | Path) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_openapi(), encoding="utf-8")
