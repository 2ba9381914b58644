"""Reads on the embedded default beside a writer: `overseas serve` (one worker) on a SQLite file
of N synthetic placements, read at saturation alone, then again while an enterprise posts
batches of new placements without pause. A read request takes no write lock (core/db.py: BEGIN
for GET/HEAD/OPTIONS, WAL lets it run beside the one writer); the audit row of a read is written
after the read, in a short transaction shared with the reads waiting at the same moment, and
waits its turn for the write lock behind the batch that holds it (docs/architecture.md,
"SQLite"). What the reads lose is that wait and the CPU the writer's requests take on the same
process and the same 2 cores.

    .venv/bin/python bench/sqlite_reads.py --placements 20000 --seconds 10   # make bench

Prints a Markdown table: for each read, rps and p50/p99 alone and beside the writer, the ratio,
and the rows per second the writer stored meanwhile. Every figure is the median of --runs runs.
"""

import argparse
import asyncio
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_ingest import item
from loadgen import Result, build, saturate
from seed import OVERSEAS, Server, log, token

# Numbers for the written workers' identity numbers, never the same twice in a run.
NUMBERS = count(100_000)

AGENCY_CLIENT = {
    "grant_type": "client_credentials",
    "client_id": "demo-agency1",
    "client_secret": "demo-secret-agency1-2026",
}


class Writer:
    """Posts batches of new placements one after another until stopped; counts stored rows."""

    def __init__(self, base: str, batch: int) -> None:
        self.base = base
        self.batch = batch
        self.rows = 0
        self.seconds = 0.0
        self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=300) as http:
            bearer = http.post("/api/v1/auth/token", data=AGENCY_CLIENT).json()["access_token"]
            http.headers["Authorization"] = f"Bearer {bearer}"
            started = time.perf_counter()
            while not self._stop.is_set():
                ref = f"W{secrets.token_hex(3)}"
                body = {"items": [item(next(NUMBERS), ref) for _ in range(self.batch)]}
                answer = http.post("/api/v1/placements/batch", json=body)
                if answer.status_code == 200:
                    self.rows += self.batch
                else:
                    self.failures += 1
            self.seconds = time.perf_counter() - started

    def __enter__(self) -> "Writer":
        self._thread.start()
        time.sleep(1.0)  # the first batch under way before the reads start
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def load(placements: int, folder: Path) -> dict[str, str]:
    env = os.environ | {
        "OVERSEAS_ENV": "development",
        "OVERSEAS_SECRET_KEY": secrets.token_urlsafe(24),
        "OVERSEAS_DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
        "OVERSEAS_FRONTEND_DIST": "/nonexistent",
        "OVERSEAS_LOG_LEVEL": "WARNING",
    }
    started = time.perf_counter()
    subprocess.run([OVERSEAS, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run(
        [OVERSEAS, "demo", "load", "--placements", str(placements)],
        env=env,
        check=True,
        capture_output=True,
    )
    log(f"SQLite: {placements} placements loaded in {time.perf_counter() - started:.0f} s")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--placements", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="overseas-bench-") as folder:
        env = load(args.placements, Path(folder))
        server = Server(
            lambda port: [OVERSEAS, "serve", "--port", str(port), "--workers", "1"],
            env,
            "/healthz",
        )
        try:
            bearer = token(server.base)
            with httpx.Client(base_url=server.base, timeout=60) as http:
                http.headers["Authorization"] = f"Bearer {bearer}"
                ids = [p["id"] for p in http.get("/api/v1/placements?limit=200").json()["items"]]
            page = "/api/v1/placements?market_code=JP&limit=50"
            reads: dict[str, Callable[[int], str]] = {
                "`GET /placements/{id}` (audited)": lambda i: f"/api/v1/placements/{ids[i % 200]}",
                "list page of 50, by market (audited)": lambda _i: page,
                # Reads nobody's personal data, so writes no audit row: no write at all.
                "`GET /progress?by=year` (not audited)": lambda _i: "/api/v1/progress?by=year",
            }
            rows = []
            for name, path in reads.items():
                alone: list[Result] = []
                beside: list[Result] = []
                written: list[float] = []
                for _ in range(args.runs):
                    alone.append(drive(server, bearer, path, args))
                    with Writer(server.base, args.batch) as writer:
                        beside.append(drive(server, bearer, path, args))
                    written.append(writer.rows_per_second)
                    if writer.failures:
                        log(f"the writer had {writer.failures} failed batches")
                rows.append(report(name, alone, beside, written))
        finally:
            server.stop()
    print(
        "| read | alone: rps | p50 / p99 ms | beside a writer: rps | p50 / p99 ms | "
        "ratio | writer rows/s |"
    )
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    return 0


def drive(
    server: Server, bearer: str, path: Callable[[int], str], args: argparse.Namespace
) -> Result:
    def raw(i: int) -> bytes:
        return build("127.0.0.1", server.port, path(i), bearer)

    return asyncio.run(saturate("127.0.0.1", server.port, raw, args.seconds, args.connections))


def report(name: str, alone: list[Result], beside: list[Result], written: list[float]) -> str:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    a_rps = med([r.rps for r in alone])
    b_rps = med([r.rps for r in beside])
    errors = sum(r.errors for r in alone + beside)
    note = f" ({errors} errors)" if errors else ""
    return (
        f"| {name}{note} | {a_rps:,.0f} | {med([r.median_ms for r in alone]):.1f} / "
        f"{med([r.percentile(99) for r in alone]):.1f} | {b_rps:,.0f} | "
        f"{med([r.median_ms for r in beside]):.1f} / {med([r.percentile(99) for r in beside]):.1f} "
        f"| {b_rps / a_rps:.2f} | {med(written):,.0f} |"
    )


if __name__ == "__main__":
    sys.exit(main())
