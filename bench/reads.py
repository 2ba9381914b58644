"""Reads side by side: the app (`overseas serve`, one uvicorn worker) and the bare endpoint of
bench/bare.py (Starlette + psycopg's pool, the same SQL and the same JSON, the same audit row)
on one PostgreSQL database of N synthetic placements, driven alike.

    .venv/bin/python bench/reads.py --placements 20000            # make bench
    .venv/bin/python bench/reads.py --placements 200000 --runs 5  # make bench-full

For each request: the rate of answers at saturation (closed loop, --connections keep-alive
connections), p50 and p99 at a fixed offered rate (open loop, latency from each request's due
time: bench/loadgen.py), and the CPU time per request of each server process (/proc/<pid>/stat
before and after the saturation run), which the shared cores disturb less than throughput.
Every figure is the median of --runs runs; app and bare endpoint alternate within a run. The
answers of both are compared before anything is measured. Prints Markdown tables.
"""

import argparse
import asyncio
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadgen import build, paced, saturate
from seed import ROOT, Database, Server, log, serve_app, token


@dataclass
class Case:
    name: str
    path: Callable[[int], str]
    auth: bool = True


@dataclass
class Figures:
    rps: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    errors: int = 0


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def cases(base: str, bearer: str, placements: int) -> list[Case]:
    headers = {"Authorization": f"Bearer {bearer}"}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
        markets = sorted(
            {p["market_code"] for p in http.get("/api/v1/placements?limit=500").json()["items"]}
        )
        cursor = None
        for _ in range(20):  # 20 pages of 500: the cursor 10,000 rows deep
            answer = http.get("/api/v1/placements", params={"limit": 500, "cursor": cursor})
            cursor = answer.json()["next_cursor"]
    step = 7919  # a prime: request i reads a placement far from request i-1's

    return [
        Case(
            "GET /api/v1/placements/{id}",
            lambda i: f"/api/v1/placements/{1 + i * step % placements}",
        ),
        Case(
            "list page of 50, filtered by market",
            lambda i: f"/api/v1/placements?market_code={markets[i % len(markets)]}",
        ),
        # A cursor is URL-safe base64 and a dot: no escaping needed.
        Case(
            "list page of 50, 10,000 rows deep by cursor",
            lambda i: f"/api/v1/placements?cursor={cursor}",
        ),
        Case("GET /api/v1/auth/me", lambda i: "/api/v1/auth/me"),
        Case("GET /healthz", lambda i: "/healthz", auth=False),
    ]


def same_answers(app: Server, bare: Server, bearer: str, all_cases: list[Case]) -> None:
    """The bare endpoint answers what the app answers, or the comparison means nothing."""
    headers = {"Authorization": f"Bearer {bearer}"}
    for case in all_cases:
        for i in (0, 1):
            path = case.path(i)
            mine = httpx.get(app.base + path, headers=headers, timeout=60)
            theirs = httpx.get(bare.base + path, timeout=60)
            if mine.status_code != 200 or mine.json() != theirs.json():
                raise SystemExit(f"{case.name}: the bare endpoint's answer differs from the app's")


async def measure(
    server: Server, case: Case, bearer: str, args: argparse.Namespace, into: Figures
) -> None:
    raws = [
        build("127.0.0.1", server.port, case.path(i), bearer if case.auth else None)
        for i in range(997)
    ]

    def raw(i: int) -> bytes:
        return raws[i % len(raws)]

    await saturate("127.0.0.1", server.port, raw, 1.0, args.connections)  # warm-up
    before = server.cpu_seconds()
    result = await saturate("127.0.0.1", server.port, raw, args.seconds, args.connections)
    spent = server.cpu_seconds() - before
    into.rps.append(result.rps)
    into.cpu_ms.append(spent / max(result.ok, 1) * 1000)
    into.errors += result.errors
    await asyncio.sleep(0.5)
    offered = await paced(
        "127.0.0.1", server.port, raw, args.rate, args.seconds, args.paced_connections
    )
    into.p50.append(offered.percentile(50))
    into.p99.append(offered.percentile(99))
    into.errors += offered.errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--placements", type=int, default=20_000)
    parser.add_argument("--database", help="use this existing, loaded database")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0, help="per measurement")
    parser.add_argument("--rate", type=float, default=500.0, help="offered rate, requests/s")
    parser.add_argument("--connections", type=int, default=16, help="at saturation")
    parser.add_argument("--paced-connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1, help="the app's uvicorn workers")
    parser.add_argument("--only", help="only the requests whose name contains this")
    args = parser.parse_args()

    db = Database(args.placements, args.database)
    app = bare = None
    try:
        app = serve_app(db, args.workers)
        bare = Server(
            lambda port: [
                str(ROOT / ".venv" / "bin" / "python"),
                str(ROOT / "bench" / "bare.py"),
                "--port",
                str(port),
                "--dsn",
                db.dsn,
            ],
            db.env,
            "/healthz",
        )
        bearer = token(app.base)
        all_cases = [
            c
            for c in cases(app.base, bearer, args.placements)
            if not args.only or args.only in c.name
        ]
        same_answers(app, bare, bearer, all_cases)
        figures = {(c.name, who): Figures() for c in all_cases for who in ("app", "bare")}
        for run in range(args.runs):
            for case in all_cases:
                log(f"run {run + 1}/{args.runs}: {case.name}")
                for who, server in (("app", app), ("bare", bare)):
                    asyncio.run(measure(server, case, bearer, args, figures[(case.name, who)]))
        report(args, all_cases, figures)
    finally:
        for server in (app, bare):
            if server is not None:
                server.stop()
        db.drop()
    return 0


def report(
    args: argparse.Namespace, all_cases: list[Case], figures: dict[tuple[str, str], Figures]
) -> None:
    print(
        f"\n{args.placements:,} placements, PostgreSQL, {args.workers} app worker(s), "
        f"median of {args.runs} runs, {args.seconds:g} s each; saturation with "
        f"{args.connections} connections, latency at {args.rate:g} rps offered\n"
    )
    print(
        "| request | app rps | bare rps | ratio | app CPU ms/req | bare CPU ms/req | CPU ratio "
        f"| app p50 / p99 @{args.rate:g} | bare p50 / p99 @{args.rate:g} |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for case in all_cases:
        a, b = figures[(case.name, "app")], figures[(case.name, "bare")]
        ratio = med(a.rps) / med(b.rps)
        print(
            f"| {case.name} | {med(a.rps):,.0f} | {med(b.rps):,.0f} | {ratio:.2f} "
            f"| {med(a.cpu_ms):.2f} | {med(b.cpu_ms):.2f} | {med(b.cpu_ms) / med(a.cpu_ms):.2f} "
            f"| {med(a.p50):.1f} / {med(a.p99):.1f} ms | {med(b.p50):.1f} / {med(b.p99):.1f} ms |"
        )
        if a.errors or b.errors:
            print(f"|  ↳ errors: app {a.errors}, bare {b.errors} | | | | | | | | |")
    print("\nratio = app / bare endpoint (throughput); CPU ratio = bare / app (CPU per request)")


if __name__ == "__main__":
    sys.exit(main())
