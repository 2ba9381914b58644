"""Keyset pagination: bounded pages, every row exactly once, even while rows are inserted."""

import base64
from collections.abc import Callable
from datetime import timedelta
from typing import cast

import pytest
from fastapi.testclient import TestClient

from overseas.core.db import utcnow
from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem

AGENCIES = "/api/v1/agencies"


def _walk(
    client: TestClient,
    url: str,
    headers: dict[str, str],
    on_page: Callable[[], None] | None = None,
    **filters: str,
) -> list[int]:
    ids: list[int] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 7, **filters}
        if cursor:
            params["cursor"] = cursor
        r = client.get(url, params=params, headers=headers)
        assert r.status_code == 200, r.text
        page = r.json()
        ids += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids
        if on_page:
            on_page()


def test_cursor_walk_returns_every_row_once_while_rows_are_inserted(
    client: TestClient, make: Factory
) -> None:
    headers = make.headers(Role.officer)
    before = {make.agency().id for _ in range(30)}
    inserted: set[int | None] = set()

    def insert_two() -> None:
        inserted.update({make.agency().id, make.agency().id})

    ids = _walk(client, AGENCIES, headers, insert_two)
    assert len(ids) == len(set(ids)), "a row was returned twice"
    assert before <= set(ids), "a row that existed before the walk was skipped"
    # Rows inserted during the walk sort after the cursor (ids grow), so the walk sees them.
    assert inserted <= set(ids)


def test_updated_since_walk_orders_by_update_and_sees_each_change_once(
    client: TestClient, make: Factory
) -> None:
    headers = make.headers(Role.officer)
    start = utcnow() - timedelta(seconds=1)
    rows = [make.agency() for _ in range(12)]
    first = rows[0]
    assert first.id is not None
    changed = False

    def change_first_seen_row() -> None:
        nonlocal changed
        if not changed:
            r = client.patch(f"{AGENCIES}/{first.id}", json={"name": "Đã đổi tên"}, headers=headers)
            assert r.status_code == 200
            changed = True

    ids = _walk(client, AGENCIES, headers, change_first_seen_row, updated_since=start.isoformat())
    # The changed row comes again at the end (its change is new); every other row once.
    assert ids.count(first.id) == 2
    assert ids[-1] == first.id
    others = [i for i in ids if i != first.id]
    assert sorted(others) == sorted(cast(int, r.id) for r in rows[1:])


def test_total_only_on_request(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.viewer)
    assert client.get("/api/v1/markets", headers=headers).json()["total"] is None
    r = client.get("/api/v1/markets?include_total=true&limit=2", headers=headers).json()
    assert r["total"] == 15
    assert len(r["items"]) == 2
    assert r["next_cursor"]


def test_limit_is_capped(client: TestClient, make: Factory) -> None:
    r = client.get("/api/v1/markets?limit=501", headers=make.headers(Role.viewer))
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "limit"


def test_bad_cursor_is_422_naming_cursor(client: TestClient, make: Factory) -> None:
    r = client.get("/api/v1/markets?cursor=not-a-cursor", headers=make.headers(Role.viewer))
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"] == [
        {"field": "cursor", "code": "bad_cursor", "message": "invalid or expired cursor"}
    ]


def test_cursor_of_another_ordering_is_refused(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.officer)
    for _ in range(3):
        make.agency()
    cursor = client.get(f"{AGENCIES}?limit=1", headers=headers).json()["next_cursor"]
    since = (utcnow() - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    r = client.get(AGENCIES, params={"cursor": cursor, "updated_since": since}, headers=headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "cursor"


def test_last_page_has_no_cursor(client: TestClient, make: Factory) -> None:
    r = client.get("/api/v1/markets?limit=500", headers=make.headers(Role.viewer)).json()
    assert r["next_cursor"] is None
    assert [m["code"] for m in r["items"]] == sorted(m["code"] for m in r["items"])


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "payload",
    ['{"o":"default","v":["abc"]}', "null", "[1,2]", '{"o":"default","v":[' + "9" * 31 + "]}"],
)
def test_edited_cursor_is_422_invalid_cursor(
    client: TestClient, make: Factory, payload: str
) -> None:
    headers = make.headers(Role.officer)
    for cursor in (_b64(payload), _b64(payload) + ".forged-signature"):
        r = client.get("/api/v1/placements", params={"cursor": cursor}, headers=headers)
        assert_problem(r, 422, "invalid_cursor", "cursor")


def test_a_signed_cursor_with_another_payload_is_refused(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.officer)
    for _ in range(3):
        make.agency()
    cursor = client.get(f"{AGENCIES}?limit=1", headers=headers).json()["next_cursor"]
    signature = cursor.partition(".")[2]
    forged = _b64('{"o":"default","v":[0]}') + "." + signature
    assert client.get(AGENCIES, params={"cursor": cursor}, headers=headers).status_code == 200
    assert_problem(
        client.get(AGENCIES, params={"cursor": forged}, headers=headers), 422, "invalid_cursor"
    )
