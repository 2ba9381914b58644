"""A server killed (SIGKILL) in the middle of a 5,000-row batch: after a restart the batch is
stored whole or not at all, and the client's retry with the same Idempotency-Key applies it
exactly once, answering with the first response when the first had committed."""

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.live.conftest import Live, LiveServer
from tests.live.support import PLACEMENTS, Workers, new_workers, placements_of

pytestmark = pytest.mark.long

KILL_ROUNDS = 10
BATCH_ROWS = 5000
# Fixed, so that a failing round can be run again with the same moments.
SEED = 20260
# Kill moments are spread from the request's start to a little past its usual end, so some
# land while the body is sent, some while rows are written, some after the answer.
KILL_SPREAD = 1.2


def _batch(workers: Workers) -> dict[str, Any]:
    return {
        "items": [
            workers.placement(i, f"LIVE-KILL-{workers.prefix}-{i}") for i in range(BATCH_ROWS)
        ]
    }


def _stored(live: Live, workers: Workers) -> list[dict[str, Any]]:
    with live.client() as c:
        return placements_of(c, live.auth("officer"), workers)


def test_batch_killed_mid_write_is_all_or_nothing_and_retry_applies_once(
    live: Live, start_server: Callable[..., LiveServer]
) -> None:
    server = start_server("crash")
    agency = live.auth("agency1")
    rng = random.Random(SEED)

    # How long a batch takes here, unkilled: the span the kill moments are drawn from.
    workers = new_workers()
    with server.client() as c:
        started = time.monotonic()
        r = c.post(PLACEMENTS + "/batch", json=_batch(workers), headers=agency)
        duration = time.monotonic() - started
    assert r.status_code == 200, r.text
    assert len(_stored(live, workers)) == BATCH_ROWS

    outcomes: list[str] = []
    for round_no in range(KILL_ROUNDS):
        workers = new_workers()
        body = _batch(workers)
        headers = {**agency, "Idempotency-Key": f"kill-{workers.prefix}"}
        first: dict[str, Any] = {}

        def send(
            body: dict[str, Any] = body,
            headers: dict[str, str] = headers,
            first: dict[str, Any] = first,
        ) -> None:
            try:
                with server.client() as c:
                    first["response"] = c.post(PLACEMENTS + "/batch", json=body, headers=headers)
            except httpx.TransportError as exc:
                first["error"] = exc

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(rng.uniform(0, duration * KILL_SPREAD))
        server.kill()
        sender.join()
        server.start()

        committed = len(_stored(live, workers))
        answered = first.get("response")
        outcomes.append(
            f"round {round_no}: {'committed' if committed else 'nothing stored'}, first "
            + (f"answered {answered.status_code}" if answered is not None else "got no answer")
        )
        assert committed in (0, BATCH_ROWS), f"round {round_no}: a partial batch: {committed}"
        if answered is not None:
            assert answered.status_code == 200, answered.text
            assert committed == BATCH_ROWS, f"round {round_no}: answered 200, nothing stored"

        with server.client() as c:
            retry = c.post(PLACEMENTS + "/batch", json=body, headers=headers)
            assert retry.status_code == 200, f"round {round_no}: {retry.status_code} {retry.text}"
            if committed:
                assert retry.headers.get("idempotent-replayed") == "true", f"round {round_no}"
                if answered is not None:
                    assert retry.json() == answered.json()
            else:
                assert "idempotent-replayed" not in retry.headers
                assert retry.json()["created"] == BATCH_ROWS
            again = c.post(PLACEMENTS + "/batch", json=body, headers=headers)
            assert again.headers.get("idempotent-replayed") == "true", f"round {round_no}"
            assert again.json() == retry.json()

        stored = _stored(live, workers)
        refs = Counter(p["external_ref"] for p in stored)
        assert len(stored) == BATCH_ROWS, f"round {round_no}"
        assert max(refs.values()) == 1, f"round {round_no}: a row stored twice"
        assert {p["id"] for p in stored} == {i["id"] for i in retry.json()["items"]}
    print(f"batch of {BATCH_ROWS} rows unkilled: {duration:.1f} s", *outcomes, sep="\n")
