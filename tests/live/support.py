"""Helpers for the live tests: unique workers, placement payloads, lists read to the end,
and requests sent at the same moment."""

import itertools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from tests.placement_data import item

T = TypeVar("T")

PLACEMENTS = "/api/v1/placements"
# Quảng Nam districts (reference data): every worker lives inside the province.
HOME_AREAS = ("502", "503", "504", "506")
# Registered and departed on fixed past days, so a run does not depend on the calendar.
REGISTERED_ON = "2024-01-10"

_blocks = itertools.count()
_blocks_lock = threading.Lock()


@dataclass(frozen=True)
class Workers:
    """10,000 well-formed national ids no other test uses, sharing one 8-digit prefix: a
    list filtered with `q=<prefix>` (a national_id prefix) shows exactly this test's rows.

    Circular 59/2021/TT-BCA Art. 7: digits 1-3 the province (049, Quảng Nam), digit 4 the
    century and sex, digits 5-6 the year of birth; the prefix adds two digits of our own.
    """

    year: int
    block: int

    @property
    def prefix(self) -> str:
        century_digit = (self.year - 1900) // 100 * 2  # male
        return f"049{century_digit}{self.year % 100:02d}{self.block:02d}"

    def national_id(self, n: int) -> str:
        assert 0 <= n < 10_000
        return f"{self.prefix}{n:04d}"

    def worker(self, n: int) -> dict[str, Any]:
        return {
            "national_id": self.national_id(n),
            "full_name": "Nguyễn Văn Thử",
            "date_of_birth": f"{self.year}-04-02",
            "sex": "male",
            "home_area_code": HOME_AREAS[n % len(HOME_AREAS)],
        }

    def placement(
        self, n: int, external_ref: str | None = None, **overrides: Any
    ) -> dict[str, Any]:
        """A valid placement of worker n, registered in 2024."""
        body = item(
            external_ref=external_ref,
            worker=self.worker(n),
            registered_on=REGISTERED_ON,
        )
        return body | overrides


def new_workers() -> Workers:
    """The next unused block of national ids in this session (born 1970-2005)."""
    with _blocks_lock:
        n = next(_blocks)
    year, block = 1970 + n // 100, n % 100
    assert year <= 2005, "out of national id blocks"
    return Workers(year, block)


def read_all(
    client: httpx.Client, path: str, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    """Every item of a cursor-paged list."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        query = {"limit": 500, **params}
        if cursor:
            query["cursor"] = cursor
        r = client.get(path, params=query, headers=headers)
        assert r.status_code == 200, f"{path} {query}: {r.status_code} {r.text}"
        page = r.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def placements_of(
    client: httpx.Client, headers: dict[str, str], workers: Workers
) -> list[dict[str, Any]]:
    """The stored placements of a block of workers."""
    return read_all(client, PLACEMENTS, headers, q=workers.prefix)


def together(count: int, send: Callable[[int], T]) -> list[T | BaseException]:
    """Run `send(0..count-1)` on `count` threads released by one barrier, so the requests
    reach the server at the same moment; each result or the exception it raised."""
    barrier = threading.Barrier(count)

    def run(i: int) -> T | BaseException:
        barrier.wait()
        try:
            return send(i)
        except Exception as exc:  # reported to the test, which fails on it
            return exc

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def connected_clients(base_url: str, count: int, timeout: float = 300.0) -> list[httpx.Client]:
    """Clients whose connections are already open (a first request done), so that what the
    barrier releases are the requests under test, not TCP handshakes."""
    clients = [httpx.Client(base_url=base_url, timeout=timeout) for _ in range(count)]
    for c in clients:
        assert c.get("/healthz").status_code == 200
    return clients


def close_all(clients: Sequence[httpx.Client]) -> None:
    for c in clients:
        c.close()


def responses(results: Sequence[httpx.Response | BaseException]) -> list[httpx.Response]:
    """The results as responses; a transport error fails the test with what it was."""
    out: list[httpx.Response] = []
    for r in results:
        if isinstance(r, BaseException):
            raise AssertionError(f"a request failed without an answer: {r!r}") from r
        out.append(r)
    return out


def no_server_errors(results: Sequence[httpx.Response]) -> None:
    bad = [f"{r.request.method} {r.request.url.path}: {r.status_code} {r.text}" for r in results]
    bad = [b for b, r in zip(bad, results, strict=True) if r.status_code >= 500]
    assert not bad, "server errors:\n" + "\n".join(bad[:5])


def summary(results: Sequence[httpx.Response]) -> str:
    """Status codes, problem codes and replay headers, for assertion messages."""
    parts = []
    for r in results:
        code = ""
        if r.headers.get("content-type", "").startswith("application/problem+json"):
            code = " " + str(r.json().get("code"))
        replay = " replayed" if r.headers.get("idempotent-replayed") == "true" else ""
        parts.append(f"{r.status_code}{code}{replay}")
    return ", ".join(parts)


def problem_code(r: httpx.Response) -> str | None:
    if not r.headers.get("content-type", "").startswith("application/problem+json"):
        return None
    code = r.json().get("code")
    return str(code) if code is not None else None
