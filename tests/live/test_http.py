"""HTTP behaviour of the running server: connections stay usable after error answers, and
bad input (numbers past the database's integers, NUL characters, odd timestamps, edited
cursors, forged tokens, huge bodies) answers with a 4xx naming the problem, never a 500."""

import base64
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from jose import jwt

from tests.live.conftest import Live, LiveServer
from tests.live.failing_app import FAILING_PATH
from tests.live.support import PLACEMENTS, new_workers, problem_code, read_all

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
REPO = Path(__file__).resolve().parents[2]
# Over the request body limit of 16 MiB for JSON (and over the 10 MiB import limit).
HUGE_BYTES = 17 * 1024 * 1024


def _remember_local_address(response: httpx.Response) -> None:
    """Response hook: note the client end of the connection while it is open."""
    stream = response.extensions["network_stream"]
    response.extensions["local_address"] = stream.get_extra_info("client_addr")


def keep_alive_client(server: LiveServer) -> httpx.Client:
    return server.client(event_hooks={"response": [_remember_local_address]})


def _next_request_works(error: httpx.Response, follow: Callable[[], httpx.Response]) -> None:
    """After `error`, the next request on the client succeeds: on the same connection, unless
    the error answer said `Connection: close` (the client then opens a new one)."""
    closing = error.headers.get("connection", "").lower() == "close"
    r = follow()
    assert r.status_code == 200, f"after {error.status_code}: {r.status_code} {r.text}"
    if not closing:
        assert r.extensions["local_address"] == error.extensions["local_address"], (
            f"the connection was dropped after {error.status_code} without Connection: close"
        )


def _oversized_json() -> bytes:
    return json.dumps({"items": [{"notes": "x" * HUGE_BYTES}]}).encode()


def test_connection_serves_the_next_request_after_4xx_answers(
    live: Live, demo_agencies: dict[int, int]
) -> None:
    officer = live.auth("officer")
    workers = new_workers()
    body = workers.placement(0, f"LIVE-KA-{workers.prefix}", agency_id=demo_agencies[1])
    with keep_alive_client(live.server) as client:
        assert client.post(PLACEMENTS, json=body, headers=officer).status_code == 201

        def me() -> httpx.Response:
            return client.get("/api/v1/auth/me", headers=officer)

        assert me().status_code == 200
        errors: list[tuple[int, Callable[[], httpx.Response]]] = [
            (404, lambda: client.get(f"{PLACEMENTS}/999999", headers=officer)),
            (422, lambda: client.post(PLACEMENTS, json={"channel": "x"}, headers=officer)),
            (409, lambda: client.post(PLACEMENTS, json=body, headers=officer)),
            (
                413,
                lambda: client.post(
                    PLACEMENTS + "/import",
                    files={"file": ("big.csv", b"a" * HUGE_BYTES, "text/csv")},
                    headers=officer,
                ),
            ),
        ]
        for status, send in errors:
            r = send()
            assert r.status_code == status, r.text
            _next_request_works(r, me)


@pytest.fixture
def failing_server(live: Live, start_server: Callable[..., LiveServer]) -> LiveServer:
    """uvicorn serving the application plus a route that raises."""
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "tests.live.failing_app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
    ]
    return start_server("failing-app", command, {"PYTHONPATH": path})


def test_connection_serves_the_next_request_after_a_500(failing_server: LiveServer) -> None:
    with keep_alive_client(failing_server) as client:
        assert client.get("/healthz").status_code == 200
        for _ in range(3):
            r = client.get(FAILING_PATH)
            assert r.status_code == 500
            assert problem_code(r) == "internal_error"
            assert "DeliberateError" not in r.text
            _next_request_works(r, lambda: client.get("/healthz"))


# ---------------------------------------------------------------------------------- bad input


def assert_names_problem(r: httpx.Response, field: str, status: int) -> None:
    """A problem+json answer with that status whose errors or detail name `field`."""
    assert r.status_code == status, f"{r.status_code} {r.text}"
    assert r.headers["content-type"].startswith("application/problem+json"), r.text
    body = r.json()
    fields = [e.get("field") for e in body.get("errors") or []]
    assert field in fields or field in (body.get("detail") or ""), body


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        (f"{PLACEMENTS}/67982068202", {}, "placement_id"),
        (PLACEMENTS, {"agency_id": 5428745509087892}, "agency_id"),
        ("/api/v1/reports/annual", {"year": -4251621490062772}, "year"),
    ],
    ids=["path-id", "filter-id", "report-year"],
)
def test_numbers_past_the_integer_range_are_4xx(
    live: Live, path: str, params: dict[str, int], field: str
) -> None:
    with live.client() as c:
        r = c.get(path, params=params, headers=live.auth("officer"))
    assert_names_problem(r, field, 422)


def test_nul_in_a_query_is_422(live: Live) -> None:
    with live.client() as c:
        r = c.get(PLACEMENTS + "?q=%00abc", headers=live.auth("officer"))
    assert_names_problem(r, "q", 422)


def test_nul_in_a_login_name_is_4xx(live: Live) -> None:
    with live.client() as c:
        r = c.post(
            "/api/v1/auth/token",
            content=b"grant_type=password&username=a%00b&password=whatever-pass",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    assert_names_problem(r, "username", 422)


def test_nul_in_a_json_field_is_422(live: Live) -> None:
    body = {"licence_no": "LIVE-NUL/GP", "name": "Công ty\u0000 thử", "tax_code": "0312345678"}
    with live.client() as c:
        r = c.post("/api/v1/agencies", json=body, headers=live.auth("officer"))
    assert_names_problem(r, "name", 422)


def _feed(c: httpx.Client, live: Live, since: str) -> httpx.Response:
    return c.get(
        PLACEMENTS, params={"updated_since": since, "limit": 500}, headers=live.auth("officer")
    )


def test_updated_since_takes_a_bare_date_as_vietnam_midnight(
    live: Live, demo_agencies: dict[int, int]
) -> None:
    officer = live.auth("officer")
    workers = new_workers()
    body = workers.placement(0, f"LIVE-US-{workers.prefix}", agency_id=demo_agencies[1])
    with live.client() as c:
        made = c.post(PLACEMENTS, json=body, headers=officer)
        assert made.status_code == 201, made.text
        day = datetime.fromisoformat(made.json()["updated_at"]).astimezone(VIETNAM).date()

        def feed(since: str) -> list[int]:
            return [p["id"] for p in read_all(c, PLACEMENTS, officer, updated_since=since)]

        bare = feed(day.isoformat())
        assert bare == feed(f"{day.isoformat()}T00:00:00+07:00")
        assert made.json()["id"] in bare
        # The next Vietnamese day has not started for this row.
        assert made.json()["id"] not in feed((day + timedelta(days=1)).isoformat())


def test_updated_since_accepts_a_naive_timestamp(live: Live) -> None:
    with live.client() as c:
        r = _feed(c, live, "2025-01-01T10:00:00")
    assert r.status_code == 200, r.text


def test_updated_since_past_year_9999_is_422(live: Live) -> None:
    with live.client() as c:
        r = _feed(c, live, "99999-01-01")
    assert_names_problem(r, "updated_since", 422)


def _cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "value",
    [{"o": "default", "v": ["abc"]}, None, [1, 2], {"o": "default", "v": [1e30]}],
    ids=["text-value", "null", "list", "huge-number"],
)
def test_edited_cursor_is_invalid_cursor(live: Live, value: Any) -> None:
    with live.client() as c:
        r = c.get(PLACEMENTS, params={"cursor": _cursor(value)}, headers=live.auth("officer"))
    assert r.status_code == 422, r.text
    assert problem_code(r) == "invalid_cursor", r.text


def _signed(live: Live, subject: str) -> dict[str, str]:
    """A bearer token signed with the server's own secret, as the server makes them."""
    now = int(time.time())
    claims = {"sub": subject, "role": "admin", "agency_id": None, "iat": now, "exp": now + 600}
    return {"Authorization": "Bearer " + jwt.encode(claims, live.secret_key, algorithm="HS256")}


def test_token_for_an_id_past_the_integer_range_is_401(live: Live) -> None:
    with live.client() as c:
        admin_id = c.get("/api/v1/auth/me", headers=live.auth("admin")).json()["id"]
        # The same signing with a real account is accepted: the 401 below is about the id.
        assert (
            c.get("/api/v1/auth/me", headers=_signed(live, f"user:{admin_id}")).status_code == 200
        )
        r = c.get("/api/v1/auth/me", headers=_signed(live, "user:99999999999999999999"))
    assert r.status_code == 401, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


def test_json_body_over_16_mib_is_413(live: Live) -> None:
    agency = live.auth("agency1")
    with keep_alive_client(live.server) as c:
        r = c.post(
            PLACEMENTS + "/batch",
            content=_oversized_json(),
            headers={**agency, "Content-Type": "application/json"},
        )
        assert r.status_code == 413, r.text[:500]
        assert problem_code(r) == "payload_too_large"
        _next_request_works(r, lambda: c.get("/api/v1/auth/me", headers=agency))
