"""What every answer carries, the API documentation and the metrics endpoint (docs/security.md)."""

from collections.abc import Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from overseas.core.config import get_settings
from overseas.core.principal import Role
from overseas.main import create_app
from tests.factories import Factory


def _assert_security_headers(headers: Mapping[str, str]) -> str:
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    return str(csp)


def test_every_answer_carries_the_security_headers(client: TestClient, make: Factory) -> None:
    for r in (
        client.get("/healthz"),
        client.get("/api/v1/markets", headers=make.headers(Role.viewer)),
        client.get("/api/v1/markets"),  # 401
        client.get("/api/v1/no-such-thing"),  # 404
        client.post("/api/v1/markets", content=b"{", headers={"Content-Type": "application/json"}),
    ):
        csp = _assert_security_headers(r.headers)
        assert "'unsafe-inline'" not in csp and "script-src 'self'" in csp


@pytest.fixture
def built_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A web app build with the API documentation's files, as `npm run build` makes it."""
    (tmp_path / "index.html").write_text("<!doctype html><title>app</title>")
    docs = tmp_path / "api-docs"
    docs.mkdir()
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "init.js"):
        (docs / name).write_text("/* asset */")
    monkeypatch.setattr(get_settings(), "frontend_dist", tmp_path)
    return tmp_path


def test_api_docs_are_served_from_local_files(built_dist: Path) -> None:
    with TestClient(create_app()) as c:
        r = c.get("/docs")
        assert r.status_code == 200
        assert "/api-docs/swagger-ui-bundle.js" in r.text and "http" not in r.text.lower()
        assert "<script>" not in r.text  # no inline script: the policy allows none
        assert "script-src 'self'" in _assert_security_headers(r.headers)
        assert c.get("/api-docs/swagger-ui-bundle.js").status_code == 200
        # ReDoc would load its script from a CDN: it is not served (the web app answers).
        assert "redoc" not in c.get("/redoc").text.lower()
        index = c.get("/")
        assert index.status_code == 200
        assert "'unsafe-inline'" not in _assert_security_headers(index.headers)


def test_api_docs_can_be_turned_off(built_dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "api_docs", False)
    with TestClient(create_app()) as c:
        assert "swagger" not in c.get("/docs").text  # the web app answers the path
        assert c.get("/openapi.json").status_code == 200


def test_metrics_behind_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "metrics_token", "scrape-token-123")
    with TestClient(create_app()) as c:
        assert c.get("/metrics").status_code == 401
        assert c.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = c.get("/metrics", headers={"Authorization": "Bearer scrape-token-123"})
        assert r.status_code == 200 and "overseas_http_requests_total" in r.text


def test_metrics_off_in_production_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "env", "production")
    with TestClient(create_app()) as c:
        assert c.get("/metrics").status_code == 404
    monkeypatch.setattr(get_settings(), "env", "test")
    with TestClient(create_app()) as c:
        assert c.get("/metrics").status_code == 200
