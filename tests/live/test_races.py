"""Requests that reach the running server at the same moment: one Idempotency-Key sent eight
times, two edits with the same If-Match, two transitions of one placement, and batches from two
enterprises naming the same new workers. Whatever the interleaving, nothing answers 5xx and
what is stored is exactly what was acknowledged."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.live.conftest import Live
from tests.live.support import (
    PLACEMENTS,
    Workers,
    close_all,
    connected_clients,
    new_workers,
    no_server_errors,
    placements_of,
    problem_code,
    responses,
    summary,
    together,
)

NOTICES = "/api/v1/recruitment-notices"
SAME_KEY_REQUESTS = 8
IF_MATCH_ROUNDS = 20
TRANSITION_ROUNDS = 10
DEPARTED_ON = "2025-03-01"
DEPARTURE_YEAR = 2025


def _notice(**overrides: Any) -> dict[str, Any]:
    """A recruitment notice in force until 2030, in Xã Đại Lộc (docs/notices.md)."""
    return {
        "market_code": "JP",
        "occupation": "Chế biến thực phẩm",
        "quota": 5,
        "approved_contract_no": f"LIVE-{new_workers().prefix}/HĐCU",
        "period_from": "2026-01-01",
        "period_to": "2030-12-31",
        "area_codes": ["20500"],
    } | overrides


def _is_replay(r: httpx.Response) -> bool:
    return bool(r.headers.get("idempotent-replayed") == "true")


def _same_key_at_once(
    live: Live, login: str, path: str, body: dict[str, Any], key: str
) -> tuple[httpx.Response, list[httpx.Response]]:
    """Send one request SAME_KEY_REQUESTS times at once; the one fresh answer and the rest."""
    headers = live.auth(login, **{"Idempotency-Key": key})
    clients = connected_clients(live.base_url, SAME_KEY_REQUESTS)
    try:
        results = responses(
            together(SAME_KEY_REQUESTS, lambda i: clients[i].post(path, json=body, headers=headers))
        )
    finally:
        close_all(clients)
    no_server_errors(results)
    fresh = [r for r in results if r.is_success and not _is_replay(r)]
    assert len(fresh) == 1, f"one fresh answer expected: {summary(results)}"
    for r in results:
        if r is fresh[0]:
            continue
        if r.status_code == 409:
            assert problem_code(r) == "idempotency_key_in_progress", r.text
        else:
            assert _is_replay(r), f"neither a replay nor 409: {r.status_code} {r.text}"
            assert r.status_code == fresh[0].status_code
            assert r.json() == fresh[0].json()
    # Once the dust settles the key answers with the first response.
    with live.client() as client:
        again = client.post(path, json=body, headers=headers)
    assert _is_replay(again), again.text
    assert again.json() == fresh[0].json()
    return fresh[0], results


def test_concurrent_same_key_batch_gives_one_write(live: Live) -> None:
    workers = new_workers()
    items = [workers.placement(i, f"LIVE-SK-{workers.prefix}-{i}") for i in range(200)]
    fresh, _ = _same_key_at_once(
        live, "agency1", PLACEMENTS + "/batch", {"items": items}, f"same-key-{workers.prefix}"
    )
    assert fresh.json()["created"] == 200
    with live.client() as client:
        stored = placements_of(client, live.auth("officer"), workers)
    refs = Counter(p["external_ref"] for p in stored)
    assert len(stored) == 200
    assert set(refs) == {i["external_ref"] for i in items}
    assert max(refs.values()) == 1


def test_concurrent_same_key_create_gives_one_write(
    live: Live, demo_agencies: dict[int, int]
) -> None:
    workers = new_workers()
    body = workers.placement(0, f"LIVE-SK1-{workers.prefix}", agency_id=demo_agencies[1])
    fresh, _ = _same_key_at_once(live, "officer", PLACEMENTS, body, f"same-key-{workers.prefix}")
    with live.client() as client:
        stored = placements_of(client, live.auth("officer"), workers)
    assert [p["id"] for p in stored] == [fresh.json()["id"]]


# ---------------------------------------------------------------------------------- If-Match


@dataclass
class Editable:
    """A record to edit: its URL, who may edit it, and the field an edit sets."""

    url: str
    login: str
    field: str


def _created(r: httpx.Response) -> dict[str, Any]:
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def _editable_placement(live: Live, c: httpx.Client, agencies: dict[int, int]) -> Editable:
    workers = new_workers()
    body = workers.placement(0, f"LIVE-IM-{workers.prefix}", agency_id=agencies[1])
    made = _created(c.post(PLACEMENTS, json=body, headers=live.auth("officer")))
    return Editable(f"{PLACEMENTS}/{made['id']}", "officer", "notes")


def _editable_inspection(live: Live, c: httpx.Client, agencies: dict[int, int]) -> Editable:
    body = {"agency_id": agencies[1], "kind": "scheduled", "decision_no": "LIVE-IM/QĐ"}
    made = _created(c.post("/api/v1/inspections", json=body, headers=live.auth("inspector")))
    return Editable(f"/api/v1/inspections/{made['id']}", "inspector", "summary")


def _editable_user(live: Live, c: httpx.Client, agencies: dict[int, int]) -> Editable:
    body = {"username": f"live-race-{new_workers().prefix}", "role": "viewer", "password": "p" * 12}
    made = _created(c.post("/api/v1/users", json=body, headers=live.auth("admin")))
    return Editable(f"/api/v1/users/{made['id']}", "admin", "full_name")


def _editable_target(live: Live, c: httpx.Client, agencies: dict[int, int]) -> Editable:
    body = {"name": "Chỉ tiêu đua", "area_code": "504", "year_from": 2090, "year_to": 2090,
            "value": 5}  # fmt: skip
    made = _created(c.post("/api/v1/targets", json=body, headers=live.auth("officer")))
    return Editable(f"/api/v1/targets/{made['id']}", "officer", "notes")


def _editable_agency(live: Live, c: httpx.Client, agencies: dict[int, int]) -> Editable:
    body = {"licence_no": f"LIVE-IM-{new_workers().prefix}/GP", "name": "Công ty đua",
            "tax_code": "0312345679"}  # fmt: skip
    made = _created(c.post("/api/v1/agencies", json=body, headers=live.auth("officer")))
    return Editable(f"/api/v1/agencies/{made['id']}", "officer", "address")


def _editable_notice(live: Live, c: httpx.Client, agencies: dict[int, int]) -> Editable:
    made = _created(c.post(NOTICES, json=_notice(), headers=live.auth("agency1")))
    return Editable(f"{NOTICES}/{made['id']}", "agency1", "occupation")


EDITABLES: dict[str, Callable[[Live, httpx.Client, dict[int, int]], Editable]] = {
    "placement": _editable_placement,
    "inspection": _editable_inspection,
    "user": _editable_user,
    "target": _editable_target,
    "agency": _editable_agency,
    "recruitment-notice": _editable_notice,
}


@pytest.mark.parametrize("kind", EDITABLES)
def test_simultaneous_edits_with_one_etag_let_exactly_one_win(
    live: Live, demo_agencies: dict[int, int], kind: str
) -> None:
    with live.client() as c:
        record = EDITABLES[kind](live, c, demo_agencies)
        headers = live.auth(record.login)
        clients = connected_clients(live.base_url, 2)
        try:
            for round_no in range(IF_MATCH_ROUNDS):
                read = c.get(record.url, headers=headers)
                assert read.status_code == 200, read.text
                etag, version = read.headers["etag"], read.json()["version"]
                edits = [f"sửa {side} lượt {round_no}" for side in ("A", "B")]

                def patch(i: int, etag: str = etag, edits: list[str] = edits) -> httpx.Response:
                    return clients[i].patch(
                        record.url,
                        json={record.field: edits[i]},
                        headers={**headers, "If-Match": etag},
                    )

                results = responses(together(2, patch))
                no_server_errors(results)
                statuses = sorted(r.status_code for r in results)
                assert statuses == [200, 412], f"round {round_no}: {summary(results)}"
                loser = next(r for r in results if r.status_code == 412)
                assert problem_code(loser) == "precondition_failed", loser.text
                winner = results.index(next(r for r in results if r.status_code == 200))
                after = c.get(record.url, headers=headers).json()
                assert after[record.field] == edits[winner], f"round {round_no}"
                assert after["version"] == version + 1, f"round {round_no}"
        finally:
            close_all(clients)


# ---------------------------------------------------------------------------------- transitions


def _departures(c: httpx.Client, live: Live) -> int:
    """Departures counted for the province in DEPARTURE_YEAR, as the officers see them."""
    r = c.get(
        "/api/v1/progress",
        params={"by": "year", "year_from": DEPARTURE_YEAR, "year_to": DEPARTURE_YEAR},
        headers=live.auth("officer"),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    rows = {row["key"]: row["actual"] for row in body["rows"]}
    assert rows.get(str(DEPARTURE_YEAR), 0) == body["actual"]
    return int(body["actual"])


def test_simultaneous_departures_of_one_placement_count_once(
    live: Live, demo_agencies: dict[int, int]
) -> None:
    workers = new_workers()
    officer = live.auth("officer")
    clients = connected_clients(live.base_url, 2)
    try:
        with live.client() as c:
            for round_no in range(TRANSITION_ROUNDS):
                body = workers.placement(
                    round_no,
                    f"LIVE-TR-{workers.prefix}-{round_no}",
                    agency_id=demo_agencies[1],
                    status="contracted",
                )
                made = _created(c.post(PLACEMENTS, json=body, headers=officer))
                url = f"{PLACEMENTS}/{made['id']}"
                before = _departures(c, live)
                # Half the rounds also send the ETag read at creation.
                with_etag = round_no % 2 == 1
                headers = {**officer, "If-Match": f'"{made["version"]}"'} if with_etag else officer

                def depart(i: int, url: str = url, headers: dict[str, str] = headers) -> Any:
                    return clients[i].post(
                        f"{url}/transitions",
                        json={"status": "departed", "on": DEPARTED_ON},
                        headers=headers,
                    )

                results = responses(together(2, depart))
                no_server_errors(results)
                statuses = sorted(r.status_code for r in results)
                loser_codes = {"invalid_transition"} | (
                    {"precondition_failed"} if with_etag else set()
                )
                assert statuses in ([200, 409], [200, 412]), f"round {round_no}: {summary(results)}"
                loser = next(r for r in results if r.status_code != 200)
                assert problem_code(loser) in loser_codes, loser.text

                history = c.get(f"{url}/history", headers=officer)
                assert history.status_code == 200, history.text
                departed = [e for e in history.json()["items"] if e["status"] == "departed"]
                assert len(departed) == 1, f"round {round_no}: {history.json()}"
                assert _departures(c, live) == before + 1, f"round {round_no}"
    finally:
        close_all(clients)


# ---------------------------------------------------------------------------------- batches


def _batch(workers: Workers, refs: range, tag: str) -> dict[str, Any]:
    return {"items": [workers.placement(i, f"{tag}-{i}") for i in refs]}


def test_concurrent_batches_naming_the_same_new_workers_store_exact_rows(live: Live) -> None:
    """Two enterprises report the same new people at once, each in two overlapping batches:
    every (enterprise, external_ref) is stored once, for its worker, and each of these people,
    with an active placement at both enterprises, is flagged as a possible duplicate."""
    workers = new_workers()
    tag = f"LIVE-OV-{workers.prefix}"
    sends = [
        ("agency1", _batch(workers, range(0, 10), tag)),
        ("agency1", _batch(workers, range(5, 15), tag)),
        ("agency2", _batch(workers, range(0, 10), tag)),
        ("agency2", _batch(workers, range(5, 15), tag)),
    ]
    clients = connected_clients(live.base_url, len(sends))
    try:

        def send(i: int) -> httpx.Response:
            login, body = sends[i]
            return clients[i].post(PLACEMENTS + "/batch", json=body, headers=live.auth(login))

        results = responses(together(len(sends), send))
        no_server_errors(results)
        # A batch that lost a race may be refused with 409 (nothing written); the client then
        # sends it again, as a client would.
        for i, r in enumerate(results):
            retries = 0
            while r.status_code == 409 and retries < 3:
                r = send(i)
                retries += 1
            assert r.status_code == 200, f"batch {i}: {r.status_code} {r.text}"
    finally:
        close_all(clients)

    with live.client() as c:
        stored = placements_of(c, live.auth("officer"), workers)
    by_key = Counter((p["agency_id"], p["external_ref"]) for p in stored)
    assert max(by_key.values()) == 1, [k for k, n in by_key.items() if n > 1]
    assert len(stored) == 2 * 15, f"{len(stored)} rows for 2 x 15 placements"
    for p in stored:
        n = int(p["external_ref"].rsplit("-", 1)[1])
        assert p["worker"]["national_id"] == workers.national_id(n)
    unflagged = [p["external_ref"] for p in stored if "possible_duplicate" not in p["flags"]]
    assert not unflagged, f"not flagged as possible duplicates: {unflagged}"


PARALLEL_LOGINS = 40


def test_parallel_wrong_passwords_are_each_counted(live: Live) -> None:
    """40 wrong passwords for one name at the same moment: the throttle counts every one
    (each attempt is charged atomically before the password is checked), so exactly the
    limit's worth are checked and the rest answer 429."""
    username = f"parallel-{new_workers().prefix}"
    clients = connected_clients(live.base_url, PARALLEL_LOGINS)
    try:
        form = {"grant_type": "password", "username": username, "password": "not-the-password"}
        results = responses(
            together(PARALLEL_LOGINS, lambda i: clients[i].post("/api/v1/auth/token", data=form))
        )
    finally:
        close_all(clients)
    no_server_errors(results)
    codes = Counter((r.status_code, problem_code(r)) for r in results)
    assert codes == {(401, "invalid_credentials"): 5, (429, "too_many_login_attempts"): 35}, (
        summary(results)
    )


FILINGS_AT_ONCE = 6


def test_filings_of_one_report_sent_at_once_are_numbered_without_a_gap(
    live: Live, demo_agencies: dict[int, int]
) -> None:
    """The same month's report filed six times at once (an enterprise's system retrying without
    a key): every filing is kept, exactly one is the first, and the amendments follow it
    (docs/obligations.md)."""
    path = f"/api/v1/agencies/{demo_agencies[2]}/reports"
    body = {"kind": "monthly_changes", "period_from": "2019-05-01", "period_to": "2019-05-31"}
    headers = live.auth("officer")
    clients = connected_clients(live.base_url, FILINGS_AT_ONCE)
    try:
        results = responses(
            together(
                FILINGS_AT_ONCE,
                lambda i: clients[i].post(
                    path, json=body | {"figures": {"departed": i}}, headers=headers
                ),
            )
        )
    finally:
        close_all(clients)
    no_server_errors(results)
    assert all(r.status_code == 201 for r in results), summary(results)
    filed = [r.json() for r in results]
    assert sorted(f["revision"] for f in filed) == list(range(1, FILINGS_AT_ONCE + 1))
    first = next(f for f in filed if f["revision"] == 1)
    assert {f["obligation"]["report_id"] for f in filed} == {first["id"]}
    by_revision = {f["revision"]: f for f in filed}
    for n in range(2, FILINGS_AT_ONCE + 1):
        assert by_revision[n]["amends_id"] == by_revision[n - 1]["id"]
    with live.client() as c:
        stored = c.get(path, params={"period_from": "2019-05-01"}, headers=headers).json()
    assert len(stored["items"]) == FILINGS_AT_ONCE


NOTICE_ROUNDS = 3
NOTICE_QUOTA = 5
BATCHES_AT_ONCE = 3
ITEMS_PER_BATCH = 4


def test_batches_naming_one_notice_at_once_flag_exactly_those_past_its_quota(live: Live) -> None:
    """Three batches of an enterprise name the same notice at the same moment, 12 placements
    for a quota of 5: whatever the interleaving, the 7 placed last in the notice's order
    (registration day, then id) carry over_quota and the first 5 do not (docs/notices.md)."""
    for round_no in range(NOTICE_ROUNDS):
        _notice_round(live, round_no)


def _notice_round(live: Live, round_no: int) -> None:
    agency, officer = live.auth("agency1"), live.auth("officer")
    workers = new_workers()
    with live.client() as c:
        made = _created(c.post(NOTICES, json=_notice(quota=NOTICE_QUOTA), headers=agency))
        r = c.patch(f"{NOTICES}/{made['id']}", json={"status": "acknowledged"}, headers=officer)
        assert r.status_code == 200, r.text
    # Registered on two days, so the order is not only the order of the ids.
    sends = [
        {
            "items": [
                workers.placement(
                    n,
                    f"LIVE-NQ-{workers.prefix}-{n}",
                    recruitment_notice_id=made["id"],
                    registered_on="2024-01-10" if n % 2 else "2024-01-09",
                )
                for n in range(b * ITEMS_PER_BATCH, (b + 1) * ITEMS_PER_BATCH)
            ]
        }
        for b in range(BATCHES_AT_ONCE)
    ]
    clients = connected_clients(live.base_url, BATCHES_AT_ONCE)
    try:

        def send(i: int) -> httpx.Response:
            return clients[i].post(PLACEMENTS + "/batch", json=sends[i], headers=agency)

        results = responses(together(BATCHES_AT_ONCE, send))
        no_server_errors(results)
        for i, r in enumerate(results):
            retries = 0
            while r.status_code == 409 and retries < 3:
                r = send(i)
                retries += 1
            assert r.status_code == 200, f"round {round_no}, batch {i}: {r.text}"
            assert r.json()["created"] == ITEMS_PER_BATCH
    finally:
        close_all(clients)
    with live.client() as c:
        stored = placements_of(c, officer, workers)
    assert len(stored) == BATCHES_AT_ONCE * ITEMS_PER_BATCH
    ordered = sorted(stored, key=lambda p: (p["registered_on"], p["id"]))
    flagged = ["over_quota" in p["flags"] for p in ordered]
    expected = [False] * NOTICE_QUOTA + [True] * (len(ordered) - NOTICE_QUOTA)
    assert flagged == expected, f"round {round_no}: {summary(results)}"
