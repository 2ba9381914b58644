"""A minute of mixed load on one server: 20 clients posting batches (half of them two
enterprises reporting the same people) and 20 reading lists, single placements and progress.
Nothing answers 5xx, every acknowledged row is stored exactly once, nothing unacknowledged is
stored, and the departures counted by progress equal the departed rows."""

import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.live.conftest import Live
from tests.live.support import PLACEMENTS, Workers, new_workers, placements_of

pytestmark = pytest.mark.long

LOAD_SECONDS = 60
WRITERS = 20
READERS = 20
BATCH = 25
# Each loop also stops after this many requests, whatever the time.
MAX_REQUESTS_PER_CLIENT = 5000
# The people the overlapping writers share: few enough that batches keep meeting them.
SHARED_WORKERS = 300
DEPARTED_ON = "2024-06-01"
DEPARTURE_YEAR = 2024


@dataclass
class Tally:
    """What the clients saw, gathered across threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: dict[tuple[int, str], int] = field(default_factory=dict)
    departed: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)
    ids: list[int] = field(default_factory=list)


def _departures(c: httpx.Client, live: Live) -> int:
    r = c.get(
        "/api/v1/progress",
        params={"by": "year", "year_from": DEPARTURE_YEAR, "year_to": DEPARTURE_YEAR},
        headers=live.auth("officer"),
    )
    assert r.status_code == 200, r.text
    return int(r.json()["actual"])


def _departed_rows(c: httpx.Client, live: Live) -> int:
    r = c.get(
        PLACEMENTS,
        params={
            "status": "departed",
            "departed_from": f"{DEPARTURE_YEAR}-01-01",
            "departed_to": f"{DEPARTURE_YEAR}-12-31",
            "include_total": "true",
            "limit": 1,
        },
        headers=live.auth("officer"),
    )
    assert r.status_code == 200, r.text
    return int(r.json()["total"])


def test_a_minute_of_mixed_load_answers_no_5xx_and_stores_exact_rows(
    live: Live, demo_agencies: dict[int, int]
) -> None:
    shared = new_workers()
    own = [new_workers() for _ in range(WRITERS // 2)]
    logins = ("agency1", "agency2")
    agency_of = {"agency1": demo_agencies[1], "agency2": demo_agencies[2]}
    tally = Tally()
    with live.client() as c:
        departures_before = _departures(c, live)
        assert departures_before == _departed_rows(c, live)
    for login in logins:
        live.token(login)
    live.token("officer")
    deadline = time.monotonic() + LOAD_SECONDS

    def items(writer: int, n: int) -> tuple[Workers, list[dict[str, Any]]]:
        if writer < WRITERS // 2:
            # Overlapping writers: the same few hundred people, from both enterprises.
            workers = shared
            numbers = [(writer * 37 + n * BATCH + i) % SHARED_WORKERS for i in range(BATCH)]
        else:
            workers = own[writer - WRITERS // 2]
            numbers = [(n * BATCH + i) % 10_000 for i in range(BATCH)]
        batch = []
        for i, number in enumerate(numbers):
            body = workers.placement(number, f"LIVE-LOAD-{writer}-{n}-{i}")
            if i % 3 == 0:
                body |= {"status": "departed", "departure_date": DEPARTED_ON}
            batch.append(body)
        return workers, batch

    def writer(w: int) -> None:
        login = logins[w % 2]
        headers = live.auth(login)
        with live.client() as c:
            for n in range(MAX_REQUESTS_PER_CLIENT):
                if time.monotonic() > deadline:
                    return
                _, batch = items(w, n)
                try:
                    r = c.post(PLACEMENTS + "/batch", json={"items": batch}, headers=headers)
                except httpx.TransportError as exc:
                    with tally.lock:
                        tally.failures.append(f"writer {w}: {exc!r}")
                    return
                with tally.lock:
                    tally.requests["batch"] += 1
                    if r.status_code == 200:
                        for item, sent in zip(r.json()["items"], batch, strict=True):
                            assert item["result"] == "created", item
                            key = (agency_of[login], item["external_ref"])
                            tally.acknowledged[key] = item["id"]
                            tally.ids.append(item["id"])
                            tally.departed += sent["status"] == "departed"
                    elif r.status_code == 409:
                        # Refused as a whole (a race lost); nothing of it may be stored.
                        tally.refused[str(r.json().get("code"))] += 1
                    else:
                        tally.failures.append(f"writer {w}: {r.status_code} {r.text[:300]}")
                        if r.status_code < 500:
                            return

    def reader(rd: int) -> None:
        officer = live.auth("officer")
        agency = live.auth(logins[rd % 2])
        reads: list[Callable[[httpx.Client, int], httpx.Response]] = [
            lambda c, n: c.get(PLACEMENTS, params={"limit": 50}, headers=officer),
            lambda c, n: c.get(
                PLACEMENTS, params={"limit": 50, "status": "departed"}, headers=officer
            ),
            lambda c, n: c.get(
                PLACEMENTS, params={"limit": 50, "q": shared.prefix}, headers=agency
            ),
            lambda c, n: c.get("/api/v1/progress", params={"by": "year"}, headers=officer),
            lambda c, n: c.get(f"{PLACEMENTS}/{_some_id(n)}", headers=officer),
        ]

        def _some_id(n: int) -> int:
            with tally.lock:
                return tally.ids[n % len(tally.ids)] if tally.ids else 1

        with live.client() as c:
            for n in range(MAX_REQUESTS_PER_CLIENT):
                if time.monotonic() > deadline:
                    return
                kind = (rd + n) % len(reads)
                if kind == 4 and not tally.ids:
                    kind = 0
                try:
                    r = reads[kind](c, n)
                except httpx.TransportError as exc:
                    with tally.lock:
                        tally.failures.append(f"reader {rd}: {exc!r}")
                    return
                with tally.lock:
                    tally.requests[f"read {kind}"] += 1
                    if r.status_code != 200:
                        tally.failures.append(
                            f"reader {rd} {r.request.url}: {r.status_code} {r.text[:300]}"
                        )

    with ThreadPoolExecutor(max_workers=WRITERS + READERS) as pool:
        futures = [pool.submit(writer, w) for w in range(WRITERS)]
        futures += [pool.submit(reader, r) for r in range(READERS)]
        for future in futures:
            future.result()

    print(f"requests: {dict(tally.requests)}; refused: {dict(tally.refused)}")
    problems = [f"{len(tally.failures)} failed requests, e.g.", *tally.failures[:10]]
    problems = problems if tally.failures else []
    if not tally.acknowledged:
        problems.append("no batch was acknowledged")

    with live.client() as c:
        officer = live.auth("officer")
        stored: list[dict[str, Any]] = []
        for workers in (shared, *own):
            stored += placements_of(c, officer, workers)
        keys = Counter((p["agency_id"], p["external_ref"]) for p in stored)
        twice = [k for k, n in keys.items() if n > 1]
        if twice:
            problems.append(f"stored twice: {twice[:10]}")
        unacknowledged = set(keys) - set(tally.acknowledged)
        if unacknowledged:
            problems.append(f"stored, never acknowledged: {sorted(unacknowledged)[:10]}")
        lost = set(tally.acknowledged) - set(keys)
        if lost:
            problems.append(f"acknowledged, not stored: {sorted(lost)[:10]}")
        ids = {(p["agency_id"], p["external_ref"]): p["id"] for p in stored}
        wrong = [k for k, i in tally.acknowledged.items() if k in ids and ids[k] != i]
        if wrong:
            problems.append(f"stored under another id than acknowledged: {wrong[:10]}")
        departures, rows = _departures(c, live), _departed_rows(c, live)
        if departures != rows:
            problems.append(f"progress counts {departures} departures, {rows} rows departed")
        if departures != departures_before + tally.departed:
            problems.append(
                f"progress counts {departures} departures: {departures_before} before and "
                f"{tally.departed} acknowledged since"
            )
    assert not problems, "\n".join(problems)
