"""The OpenAPI document tells the truth about errors: the API answers every one of them as
RFC 9457 `application/problem+json` with the `Problem` schema (see core/errors.py), so the
document declares them so, and declares the answers any request of its kind may get (422,
400, 413, 401, 409 for Idempotency-Key, 412 for If-Match), which the API does give."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from overseas.core.config import get_settings
from overseas.core.principal import Role
from overseas.main import create_app
from overseas.openapi import render_openapi
from tests.helpers import assert_problem
from tests.test_access_matrix import POLICY, url
from tests.world import World

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return json.loads(render_openapi())  # type: ignore[no-any-return]


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_error_answer_is_problem_json_with_the_problem_schema(spec: dict[str, Any]) -> None:
    errors = 0
    for name, operation in _operations(spec):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                errors += 1
                assert response.get("content") == PROBLEM, f"{name} {status}: {response}"
                assert response.get("description"), f"{name} {status} has no description"
    assert errors > 0


def test_answers_that_come_with_the_kind_of_request_are_declared(spec: dict[str, Any]) -> None:
    for name, operation in _operations(spec):
        responses = operation["responses"]
        body = operation.get("requestBody")
        assert "422" in responses, f"{name} declares no 422"
        if body:
            assert "413" in responses, f"{name} takes a body but declares no 413"
            if "application/json" in body["content"]:
                assert "400" in responses, f"{name} takes JSON but declares no 400"
        else:
            assert "400" not in responses and "413" not in responses, name
        if operation.get("security"):
            assert "401" in responses, f"{name} needs a login but declares no 401"
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        if "Idempotency-Key" in headers:
            assert "409" in responses, f"{name} takes an Idempotency-Key but declares no 409"
        if "If-Match" in headers:
            assert "412" in responses, f"{name} takes If-Match but declares no 412"


def test_the_problem_schema_lists_field_errors_and_fastapis_own_shape_is_gone(
    spec: dict[str, Any],
) -> None:
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert "ValidationError" not in schemas
    problem = schemas["Problem"]
    assert set(problem["required"]) == {"title", "status", "code"}
    items = [s["items"] for s in problem["properties"]["errors"]["anyOf"] if "items" in s]
    assert items == [{"$ref": "#/components/schemas/FieldError"}]
    assert {"field", "message"} <= set(schemas["FieldError"]["required"])


def test_served_document_is_the_rendered_one(client: TestClient, spec: dict[str, Any]) -> None:
    assert client.get("/openapi.json").json() == spec


def _operations_with(spec: dict[str, Any], status: str) -> list[tuple[str, str]]:
    return sorted(
        (method.upper(), path)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
        if status in operation["responses"]
    )


SPEC = json.loads(render_openapi())
# The operations whose body is JSON (a multipart upload's 400 is its own test).
DECLARE_400 = [
    (method, path)
    for method, path in _operations_with(SPEC, "400")
    if "application/json"
    in SPEC["paths"][path][method.lower()].get("requestBody", {}).get("content", {})
]
DECLARE_413 = _operations_with(SPEC, "413")


@pytest.mark.parametrize(("method", "path"), DECLARE_400, ids=[f"{m} {p}" for m, p in DECLARE_400])
def test_a_malformed_json_body_is_the_declared_400(
    world_client: TestClient, world: World, method: str, path: str
) -> None:
    allowed = POLICY[(method, path)]
    role = next(r for r in (Role.officer, Role.admin, Role.inspector) if allowed and r in allowed)
    headers = world.headers[role] | {"Content-Type": "application/json"}
    r = world_client.request(method, url(path, world), content=b'{"name": ', headers=headers)
    assert_problem(r, 400, "malformed_json")


def test_a_broken_multipart_upload_is_the_declared_400(
    world_client: TestClient, world: World
) -> None:
    assert "400" in SPEC["paths"]["/api/v1/placements/import"]["post"]["responses"]
    boundary = "d179e1be866c7109f564f879b78645d0"
    r = world_client.post(
        "/api/v1/placements/import?dry_run=true",
        content=f"--{boundary}\r\n0.0--{boundary}--\r\n".encode(),
        headers={
            **world.headers[Role.officer],
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    assert_problem(r, 400, "bad_request")


@pytest.fixture
def capped_client(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The application with a 1 KiB body cap; the cap answers before any route or login."""
    monkeypatch.setattr(get_settings(), "max_body_bytes", 1024)
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize(("method", "path"), DECLARE_413, ids=[f"{m} {p}" for m, p in DECLARE_413])
def test_a_body_over_the_cap_is_the_declared_413(
    capped_client: TestClient, method: str, path: str
) -> None:
    content_type = next(iter(SPEC["paths"][path][method.lower()]["requestBody"]["content"]))
    target = path.replace("{code}", "49").format(**dict.fromkeys(_path_names(path), 1))
    r = capped_client.request(
        method, target, content=b"x" * 2048, headers={"Content-Type": content_type}
    )
    assert_problem(r, 413, "payload_too_large")


def _path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]
