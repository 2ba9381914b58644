"""Health, metrics, the error shape and the OpenAPI document."""

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from overseas.core.config import PLACEHOLDER_SECRET, Settings, get_settings
from overseas.core.principal import Role
from overseas.openapi import render_openapi
from tests.factories import Factory

ROOT = Path(__file__).resolve().parents[1]


def _is_problem(response: Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["status"] == status
    assert {"type", "title", "status", "code"} <= set(body)
    return body


def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_readyz_when_the_database_answers(client: TestClient) -> None:
    assert client.get("/readyz").status_code == 200


def test_readyz_is_503_when_the_database_does_not_answer(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import create_engine

    from overseas.system import router as system_router

    dead = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    monkeypatch.setattr(system_router, "get_engine", lambda: dead)
    _is_problem(client.get("/readyz"), 503, "database_unavailable")


def test_metrics_count_requests_by_route_template(client: TestClient, make: Factory) -> None:
    client.get("/api/v1/markets/JP", headers=make.headers(Role.viewer))
    r = client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    assert 'route="/api/v1/markets/{code}"' in r.text
    assert "overseas_http_request_duration_seconds_bucket" in r.text


def test_unknown_route_is_a_problem(client: TestClient) -> None:
    _is_problem(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_wrong_method_is_a_problem(client: TestClient) -> None:
    _is_problem(client.delete("/api/v1/markets"), 405, "method_not_allowed")


def test_fastapi_validation_error_is_a_problem_naming_the_field(
    client: TestClient, make: Factory
) -> None:
    body = _is_problem(
        client.get("/api/v1/markets?limit=0", headers=make.headers(Role.viewer)),
        422,
        "validation_error",
    )
    assert body["errors"] == [
        {
            "field": "limit",
            "code": "greater_than_equal",
            "params": {"ge": 1},
            "message": "Input should be greater than or equal to 1",
        }
    ]


def test_nested_body_field_is_named_with_dots(client: TestClient, make: Factory) -> None:
    body = _is_problem(
        client.post(
            "/api/v1/markets",
            json={"code": "XX", "name_vi": "x", "name_en": "x", "programmes": [None]},
            headers=make.headers(Role.officer),
        ),
        422,
        "validation_error",
    )
    assert body["errors"][0]["field"] == "programmes.0"


def test_malformed_json_is_a_problem(client: TestClient, make: Factory) -> None:
    r = client.post(
        "/api/v1/markets",
        content=b"{not json",
        headers={**make.headers(Role.officer), "Content-Type": "application/json"},
    )
    body = _is_problem(r, 400, "malformed_json")
    assert "not valid JSON" in body["detail"]


def test_unexpected_error_is_500_without_a_trace(app: FastAPI) -> None:
    @app.get("/boom", tags=["test"])
    def boom() -> None:
        raise RuntimeError("secret internals /path/to/file.py line 12")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    body = _is_problem(r, 500, "internal_error")
    assert "secret internals" not in r.text
    assert "Traceback" not in r.text
    assert body["detail"] == "An unexpected error occurred."


def test_unexpected_error_is_answered_not_raised_to_the_server(app: FastAPI) -> None:
    # A server that sees the exception drops the keep-alive connection without telling the
    # client; the answer must be complete and nothing re-raised.
    @app.get("/boom", tags=["test"])
    def boom() -> None:
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=True) as c:
        r = c.get("/boom")
        assert r.status_code == 500
        assert c.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "field"),
    [
        ("GET", "/api/v1/placements", {"params": {"q": "ab\x00c"}}, "q"),
        ("GET", "/api/v1/areas/50%002", {}, "path"),
        ("POST", "/api/v1/markets", {"json": {"code": "XX", "name_vi": "a\x00"}}, "name_vi"),
        (
            "POST",
            "/api/v1/placements/batch",
            {"json": {"items": [{"worker": {"full_name": "A\x00"}}]}},
            "items.0.worker.full_name",
        ),
        (
            "POST",
            "/api/v1/auth/token",
            {"data": {"grant_type": "password", "username": "a\x00b"}},
            "username",
        ),
    ],
)
def test_nul_characters_are_refused_naming_the_field(
    client: TestClient, make: Factory, method: str, path: str, kwargs: dict[str, Any], field: str
) -> None:
    r = client.request(method, path, headers=make.headers(Role.officer), **kwargs)
    body = _is_problem(r, 422, "validation_error")
    assert body["errors"][0]["field"] == field, body


def test_a_body_over_the_cap_is_413_before_it_is_parsed(client: TestClient, make: Factory) -> None:
    cap = get_settings().max_body_bytes
    for extra in ({}, {"Content-Length": str(cap + 1)}):
        r = client.post(
            "/api/v1/placements/batch",
            content=b"[" + b" " * cap + b"]",
            headers={**make.headers(Role.officer), "Content-Type": "application/json", **extra},
        )
        _is_problem(r, 413, "payload_too_large")


def test_openapi_document_is_committed_and_current() -> None:
    committed = (ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8")
    assert committed == render_openapi(), "run `make openapi` and commit openapi/openapi.json"


def test_every_operation_is_tagged_documented_and_named_by_tag() -> None:
    spec = json.loads(render_openapi())
    seen = set()
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            assert op.get("tags"), f"{method} {path} has no tag"
            assert op.get("description") or op.get("summary"), f"{method} {path} undocumented"
            assert op["operationId"].startswith(op["tags"][0] + "-"), op["operationId"]
            seen.add(op["operationId"])
    assert len(seen) == sum(len(m) for m in spec["paths"].values())


def test_placeholder_secret_refused_outside_development() -> None:
    with pytest.raises(ValueError, match="placeholder"):
        Settings(env="production", secret_key=PLACEHOLDER_SECRET)
    assert Settings(env="development", secret_key=PLACEHOLDER_SECRET).env == "development"


def test_postgres_url_gets_the_psycopg_driver() -> None:
    s = Settings(env="development", database_url="postgresql://u@h:5432/db")
    assert s.sqlalchemy_url == "postgresql+psycopg://u@h:5432/db"
