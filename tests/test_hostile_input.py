"""Input a client may send on purpose or by mistake, sent to every operation that takes it, on
both databases: ids beyond the database's integer range, NUL characters, timestamps without a
zone, edited pagination cursors, odd token subjects. Whatever the answer, it is never a 5xx: a
bad value is a 4xx problem (RFC 9457), a value the API can serve is served.

The inputs come from the OpenAPI document, so a new operation is covered when it is added; the
caller is a role the access policy allows (tests/test_access_matrix.py)."""

import base64
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from overseas.core.principal import Role
from overseas.core.security import create_access_token
from overseas.openapi import render_openapi
from tests.helpers import assert_problem
from tests.test_access_matrix import BODIES, POLICY, url
from tests.test_replays import CREATES
from tests.world import MARKET, World

SPEC: dict[str, Any] = json.loads(render_openapi())
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]

# Past PostgreSQL's INTEGER (the id columns), past 64 bits (SQLite's INTEGER), below zero.
BIG_INTEGERS = [2**31, 2**63, -(2**63) - 1]
NUL = "a\x00b"
NAIVE_TIMESTAMPS = ["2024-01-01T00:00:00", "2024-01-01 08:30"]
# The caller, in order of preference, among the roles the policy allows.
CALLERS = [Role.officer, Role.admin, Role.inspector, Role.viewer, Role.agency]


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in sorted(SPEC["paths"].items()):
        if path.startswith("/api/v1/"):
            for method, operation in sorted(methods.items()):
                yield method.upper(), path, operation


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _kinds(schema: dict[str, Any]) -> set[str]:
    """The JSON types (and string formats) a schema admits: "integer", "string", "date-time"."""
    schema = _resolve(schema)
    kinds: set[str] = set()
    for option in schema.get("anyOf", [schema]):
        option = _resolve(option)
        if option.get("enum") is not None:
            kinds.add("enum")
        elif "type" in option:
            kinds.add(option.get("format", option["type"]))
    return kinds


def _caller(method: str, path: str, world: World) -> dict[str, str]:
    allowed = POLICY[(method, path)]
    if allowed is None:
        return {}
    return world.headers[next(role for role in CALLERS if role in allowed)]


def _body_fields(operation: dict[str, Any]) -> dict[str, set[str]]:
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return {}
    schema = _resolve(content["application/json"]["schema"])
    return {name: _kinds(prop) for name, prop in schema.get("properties", {}).items()}


class Sender:
    """Sends requests and, for a 5xx, says what broke (the logged exception)."""

    def __init__(self, client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
        self.client = client
        self.caplog = caplog
        self.broken: list[str] = []

    def send(self, label: str, method: str, target: str, **kwargs: Any) -> Response:
        self.caplog.clear()
        r: Response = self.client.request(method, target, **kwargs)
        if r.status_code >= 500:
            errors = [
                f"{rec.exc_info[0].__name__}: {str(rec.exc_info[1]).splitlines()[0][:160]}"
                for rec in self.caplog.records
                if rec.exc_info and rec.exc_info[0] is not None
            ]
            self.broken.append(f"{label} -> {r.status_code} {'; '.join(errors) or r.text[:160]}")
        elif r.status_code >= 400:
            assert r.headers["content-type"].startswith("application/problem+json"), label
        return r

    def check(self) -> None:
        assert not self.broken, "server errors:\n" + "\n".join(self.broken)


@pytest.fixture
def sender(world_client: TestClient, caplog: pytest.LogCaptureFixture) -> Sender:
    caplog.set_level(logging.ERROR, logger="overseas")
    return Sender(world_client, caplog)


def _cases(kind: str) -> list[tuple[str, str]]:
    return [(m, p) for m, p, o in _operations() if _has(kind, o)]


def _operation(method: str, path: str) -> dict[str, Any]:
    return SPEC["paths"][path][method.lower()]  # type: ignore[no-any-return]


def _has(kind: str, operation: dict[str, Any]) -> bool:
    params = operation.get("parameters", [])
    if kind == "path-integer":
        return any(p["in"] == "path" and "integer" in _kinds(p["schema"]) for p in params)
    if kind == "query-integer":
        return any(p["in"] == "query" and "integer" in _kinds(p["schema"]) for p in params)
    if kind == "text":
        return any(p["in"] in ("path", "query") and "string" in _kinds(p["schema"]) for p in params)
    if kind == "date-time":
        return any(p["in"] == "query" and "date-time" in _kinds(p["schema"]) for p in params)
    if kind == "cursor":
        return any(p["in"] == "query" and p["name"] == "cursor" for p in params)
    if kind == "body":
        return bool(_body_fields(operation))
    raise AssertionError(kind)


def _ids(cases: list[tuple[str, str]]) -> list[str]:
    return [f"{m} {p}" for m, p in cases]


def _body(method: str, path: str) -> Any:
    # The matrix's bodies get past validation to the lookup; the rest send an empty object.
    if method in ("POST", "PATCH", "PUT") and not path.endswith("/import"):
        return BODIES.get((method, path), {})
    return None


def _send(
    sender: Sender,
    label: str,
    method: str,
    path: str,
    world: World,
    *,
    params: dict[str, Any] | None = None,
    **values: Any,
) -> Response:
    body = _body(method, path)
    return sender.send(
        label,
        method,
        url(path, world, **values),
        params=params,
        headers=_caller(method, path, world),
        **({"json": body} if body is not None else {}),
    )


PATH_INTEGER = _cases("path-integer")


@pytest.mark.parametrize(("method", "path"), PATH_INTEGER, ids=_ids(PATH_INTEGER))
def test_ids_beyond_the_integer_range_are_a_4xx(
    sender: Sender, world: World, method: str, path: str
) -> None:
    operation = _operation(method, path)
    for param in operation["parameters"]:
        if param["in"] == "path" and "integer" in _kinds(param["schema"]):
            for value in BIG_INTEGERS:
                label = f"{method} {path} {param['name']}={value}"
                in_path: dict[str, Any] = {param["name"]: value}
                r = _send(sender, label, method, path, world, **in_path)
                # Ids are 32-bit; a larger one is 422 (docs/api.md, conventions).
                if r.status_code < 500:
                    assert r.status_code == 422, f"{label}: {r.status_code} {r.text}"
    sender.check()


QUERY_INTEGER = _cases("query-integer")


@pytest.mark.parametrize(("method", "path"), QUERY_INTEGER, ids=_ids(QUERY_INTEGER))
def test_query_integers_beyond_the_integer_range_are_no_server_error(
    sender: Sender, world: World, method: str, path: str
) -> None:
    operation = _operation(method, path)
    for param in operation["parameters"]:
        if param["in"] == "query" and "integer" in _kinds(param["schema"]):
            for value in BIG_INTEGERS:
                label = f"{method} {path} ?{param['name']}={value}"
                _send(sender, label, method, path, world, params={param["name"]: value})
    sender.check()


TEXT = _cases("text")


@pytest.mark.parametrize(("method", "path"), TEXT, ids=_ids(TEXT))
def test_nul_characters_in_parameters_are_no_server_error(
    sender: Sender, world: World, method: str, path: str
) -> None:
    operation = _operation(method, path)
    for param in operation["parameters"]:
        if param["in"] not in ("path", "query") or "string" not in _kinds(param["schema"]):
            continue
        if param["in"] == "path":
            label = f"{method} {path} {param['name']}=a%00b"
            in_path: dict[str, Any] = {param["name"]: "a%00b"}
            _send(sender, label, method, path, world, **in_path)
        else:
            label = f"{method} {path} ?{param['name']}=a%00b"
            _send(sender, label, method, path, world, params={param["name"]: NUL})
    sender.check()


DATE_TIME = _cases("date-time")


@pytest.mark.parametrize(("method", "path"), DATE_TIME, ids=_ids(DATE_TIME))
def test_timestamps_without_a_zone_are_no_server_error(
    sender: Sender, world: World, method: str, path: str
) -> None:
    operation = _operation(method, path)
    for param in operation["parameters"]:
        if param["in"] == "query" and "date-time" in _kinds(param["schema"]):
            for value in NAIVE_TIMESTAMPS:
                label = f"{method} {path} ?{param['name']}={value}"
                _send(sender, label, method, path, world, params={param["name"]: value})
    sender.check()


def _encode(data: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


# What a client could put in place of one value of a cursor it decoded.
CURSOR_VALUES: list[Any] = [
    2**63,
    -(2**63) - 1,
    2**31,
    "x",
    NUL,
    None,
    True,
    1.5,
    [1],
    {"t": "2024-01-01T00:00:00"},
    {"t": "not a time"},
    {"d": "2024-13-45"},
    {"x": 1},
]
CURSOR = _cases("cursor")


@pytest.mark.parametrize(("method", "path"), CURSOR, ids=_ids(CURSOR))
def test_edited_cursors_are_a_4xx(sender: Sender, world: World, method: str, path: str) -> None:
    first = _send(sender, f"{method} {path} ?limit=1", method, path, world, params={"limit": 1})
    assert first.status_code == 200, first.text
    cursor = first.json()["next_cursor"]
    assert cursor, f"{path}: the world has one page only; give it a second"
    # A cursor is base64 JSON, followed by ".signature" when the API signs it; an edit keeps
    # the signature the cursor came with.
    payload, dot, signature = cursor.partition(".")
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

    def edit(data: Any) -> str:
        return f"{_encode(data)}{dot}{signature}"

    edited = [
        edit(decoded | {"v": [*decoded["v"][:i], value, *decoded["v"][i + 1 :]]})
        for i in range(len(decoded["v"]))
        for value in CURSOR_VALUES
    ]
    edited += [edit(decoded | {"v": [*decoded["v"], 1]}), edit({"o": decoded["o"]})]
    edited += [edit(decoded | {"o": "another"}), edit([]), edit(None)]
    edited += ["!!!", f"{cursor}x", base64.urlsafe_b64encode(b"\xff").decode()]
    if dot:
        edited += [payload, f"{payload}.", f"{payload}.{signature[::-1]}"]
    for value in edited:
        label = f"{method} {path} ?cursor={value}"
        r = _send(sender, label, method, path, world, params={"limit": 1, "cursor": value})
        if r.status_code < 500:
            assert r.status_code == 422, f"{label}: {r.status_code} {r.text}"
            assert "cursor" in [e["field"] for e in r.json().get("errors", [])], r.text
    sender.check()


BODY = [c for c in _cases("body") if c[0] == "PATCH"]


@pytest.mark.parametrize(("method", "path"), BODY, ids=_ids(BODY))
def test_changes_with_nul_characters_or_big_integers_are_no_server_error(
    sender: Sender, world: World, method: str, path: str
) -> None:
    operation = _operation(method, path)
    """Every field a change may carry, one at a time, on an object that exists."""
    headers = _caller(method, path, world)
    target = url(path, world)
    for field, kinds in _body_fields(operation).items():
        values: list[Any] = []
        if "string" in kinds or "date" in kinds or "date-time" in kinds or "enum" in kinds:
            values.append(NUL)
        if "date-time" in kinds:
            values += NAIVE_TIMESTAMPS
        if "integer" in kinds or "number" in kinds:
            values += BIG_INTEGERS
        for value in values:
            label = f"{method} {path} {{{field!r}: {value!r}}}"
            sender.send(label, method, target, json={field: value}, headers=headers)
    sender.check()


def _with_nul(body: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The body with one text field at a time holding a NUL (in nested objects and in the
    first item of a list too)."""
    for key, value in body.items():
        if isinstance(value, str):
            yield key, body | {key: NUL}
        elif isinstance(value, dict):
            for label, changed in _with_nul(value):
                yield f"{key}.{label}", body | {key: changed}
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for label, changed in _with_nul(value[0]):
                yield f"{key}[0].{label}", body | {key: [changed, *value[1:]]}


CREATE_OPERATIONS = sorted(CREATES)


@pytest.mark.parametrize(
    ("method", "path"), CREATE_OPERATIONS, ids=[f"{m} {p}" for m, p in CREATE_OPERATIONS]
)
def test_creates_with_nul_characters_are_no_server_error(
    sender: Sender, world: World, method: str, path: str
) -> None:
    role, make_body = CREATES[(method, path)]
    target = url(path, world, code=MARKET)
    for n, (field, body) in enumerate(_with_nul(make_body(world, 1)), start=1):
        label = f"{method} {path} {field}={NUL!r}"
        headers = world.headers[role] | {"Idempotency-Key": f"nul-{n}"}
        sender.send(label, method, target, json=body, headers=headers)
    sender.check()


# Subjects a token signed with the right key could carry: the account must not be found,
# and the answer is 401 like any other bad token.
ODD_SUBJECTS = [
    "user:99999999999999999999",
    "client:99999999999999999999",
    "user:2147483648",
    "user:²",  # str.isdigit() says yes, int() says no
    "client:³",
    "user:٣",  # an Arabic-Indic digit
    "user:-1",
    "user:",
    ":1",
    "user:1:2",
    "nobody:1",
    "user: 1",
]


@pytest.mark.parametrize("subject", ODD_SUBJECTS)
def test_odd_token_subjects_are_401(sender: Sender, subject: str) -> None:
    token, _ = create_access_token(subject, Role.admin.value, None)
    r = sender.send(subject, "GET", "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    sender.check()
    assert_problem(r, 401, "not_authenticated")
