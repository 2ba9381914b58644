"""Two server processes on one database, as behind a load balancer: what one process knows
(failed logins, idempotency keys, the rows behind a cursor) the other knows too."""

import threading
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from tests.live.conftest import Live, LiveServer
from tests.live.support import PLACEMENTS, new_workers, placements_of, problem_code, read_all

pytestmark = pytest.mark.long

# Settings default: five failed logins within the window, then 429 (see .env.example).
LOGIN_MAX_FAILURES = 5
PAGE = 50
WRITER_BATCH = 20
WRITER_MAX_BATCHES = 200


@pytest.fixture(scope="module")
def server_b(live: Live) -> Iterator[LiveServer]:
    server = live.start_server("server-b")
    yield server
    live.retire(server)


def _login(server: LiveServer, username: str, password: str) -> httpx.Response:
    return httpx.post(
        server.base_url + "/api/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
        timeout=60,
    )


def test_failed_logins_on_one_server_count_on_the_other(live: Live, server_b: LiveServer) -> None:
    username = f"live-throttle-{new_workers().prefix}"
    password = "dung-mat-khau-2026"
    with live.client() as c:
        r = c.post(
            "/api/v1/users",
            json={"username": username, "role": "viewer", "password": password},
            headers=live.auth("admin"),
        )
        assert r.status_code == 201, r.text
    servers = [live.server, server_b]
    for attempt in range(LOGIN_MAX_FAILURES):
        r = _login(servers[attempt % 2], username, "sai-mat-khau-00")
        assert r.status_code == 401, f"attempt {attempt + 1}: {r.status_code} {r.text}"
    for server in servers:
        r = _login(server, username, "sai-mat-khau-00")
        assert r.status_code == 429, f"{server.name}: {r.status_code} {r.text}"
        assert problem_code(r) == "too_many_login_attempts"
        assert int(r.headers["retry-after"]) > 0
    # The right password waits too: the account is throttled, not the wrong guess.
    assert _login(server_b, username, password).status_code == 429


def test_idempotency_key_used_on_one_server_replays_on_the_other(
    live: Live, server_b: LiveServer
) -> None:
    licence = f"LIVE-2S-{new_workers().prefix}/GP"
    body = {"licence_no": licence, "name": "Công ty hai máy", "tax_code": "0312345670"}
    headers = live.auth("officer", **{"Idempotency-Key": f"two-servers-{licence}"})
    with live.client() as a, server_b.client() as b:
        first = a.post("/api/v1/agencies", json=body, headers=headers)
        assert first.status_code == 201, first.text
        again = b.post("/api/v1/agencies", json=body, headers=headers)
        assert again.status_code == 201, again.text
        assert again.headers.get("idempotent-replayed") == "true"
        assert again.json() == first.json()
        stored = read_all(a, "/api/v1/agencies", live.auth("officer"), q=licence)
    assert [x["licence_no"] for x in stored] == [licence]


def test_cursor_walk_across_two_servers_sees_every_row_once(
    live: Live, server_b: LiveServer
) -> None:
    """Pages alternate between the servers while another client keeps adding placements of
    the same people: every row that existed before the walk appears exactly once, in id
    order, and nothing twice. The walk is over one block of workers (`q`), so that it reads
    this test's rows only."""
    officer = live.auth("officer")
    workers = new_workers()
    seeded = 3000
    with live.client() as c:
        r = c.post(
            PLACEMENTS + "/batch",
            json={"items": [workers.placement(i, f"LIVE-CW-{i}") for i in range(seeded)]},
            headers=live.auth("agency2"),
        )
        assert r.status_code == 200, r.text
        before = {p["id"] for p in placements_of(c, officer, workers)}
    assert len(before) == seeded

    stop = threading.Event()
    writer_errors: list[str] = []
    added: list[int] = []

    def write() -> None:
        clients = [live.client(), server_b.client()]
        try:
            for n in range(WRITER_MAX_BATCHES):
                if stop.is_set():
                    return
                first = seeded + n * WRITER_BATCH
                items = [
                    workers.placement(i, f"LIVE-CW-{i}") for i in range(first, first + WRITER_BATCH)
                ]
                r = clients[n % 2].post(
                    PLACEMENTS + "/batch", json={"items": items}, headers=live.auth("agency2")
                )
                if r.status_code != 200:
                    writer_errors.append(f"{r.status_code} {r.text[:300]}")
                    return
                added.extend(i["id"] for i in r.json()["items"])
        finally:
            for client in clients:
                client.close()

    writer = threading.Thread(target=write)
    writer.start()
    seen: list[int] = []
    pages = 0
    try:
        with live.client() as a, server_b.client() as b:
            cursor: str | None = None
            while True:
                params: dict[str, str | int] = {"limit": PAGE, "q": workers.prefix}
                if cursor:
                    params["cursor"] = cursor
                r = (a, b)[pages % 2].get(PLACEMENTS, params=params, headers=officer)
                assert r.status_code == 200, f"page {pages}: {r.status_code} {r.text}"
                pages += 1
                seen += [p["id"] for p in r.json()["items"]]
                cursor = r.json()["next_cursor"]
                if not cursor:
                    break
    finally:
        stop.set()
        writer.join()

    print(f"walk: {pages} pages, {len(seen)} rows; writer added {len(added)}")
    assert not writer_errors, writer_errors
    twice = [i for i, n in Counter(seen).items() if n > 1]
    assert not twice, f"rows seen twice: {twice[:20]}"
    missing = before - set(seen)
    assert not missing, f"{len(missing)} rows missed, e.g. {sorted(missing)[:20]}"
    assert seen == sorted(seen), "pages out of id order"
    with live.client() as c:
        after = {p["id"] for p in placements_of(c, officer, workers)}
    assert set(seen) <= after
    assert after == before | set(added)
