"""The OpenAPI document tells the truth about errors: the API answers every one of them as
RFC 9457 `application/problem+json` with the `Problem` schema (see core/errors.py), so the
document declares them so, and declares the answers any request of its kind may get (422,
400, 413, 401, 409 for Idempotency-Key, 412 for If-Match)."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from overseas.auth.models import Role
from overseas.openapi import render_openapi
from tests.factories import Factory
from tests.helpers import assert_problem

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
        if operation.get("parameters") or body:
            assert "422" in responses, f"{name} takes input but declares no 422"
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


def test_malformed_json_body_is_a_400_problem(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.officer) | {"Content-Type": "application/json"}
    r = client.post("/api/v1/agencies", content=b'{"name": ', headers=headers)
    assert_problem(r, 400, "malformed_json")
