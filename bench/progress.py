"""Progress at scale: latency of `GET /api/v1/progress` (a real server over HTTP) on a
registry of N synthetic placements, next to the plain GROUP BY over placements it replaces.

    .venv/bin/python bench/progress.py --placements 1000000
    .venv/bin/python bench/progress.py --placements 10000000 --dump progress-10m.dump
    .venv/bin/python bench/progress.py --restore progress-10m.dump   # no reload

PostgreSQL only (the production database). Makes a database of its own (dropped at the end
unless --keep); prints Markdown table rows.
"""

import argparse
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
QUERIES = [
    ("whole plan, no breakdown", {}),
    ("by year", {"by": "year"}),
    ("by area (Quảng Nam)", {"area_code": "49", "by": "area"}),
    ("by market, one year", {"year_from": "2025", "year_to": "2025", "by": "market"}),
    ("by enterprise", {"by": "agency"}),
    ("by policy group, Japan", {"market_code": "JP", "by": "policy_group"}),
    ("by today's commune (the city)", {"by": "commune"}),
    ("former province 49, whole plan", {"area_code": "49"}),
    ("former province 49, by commune", {"area_code": "49", "by": "commune"}),
    ("one new commune (20500)", {"area_code": "20500"}),
]
PLAIN = """
    SELECT market_code, count(*) FROM placements
    WHERE status IN ('departed', 'returned', 'returned_early', 'overstayed')
      AND departure_date BETWEEN '2023-01-01' AND '2030-12-31'
    GROUP BY market_code
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--placements", type=int, default=1_000_000)
    parser.add_argument("--database", help="reuse this existing database (already loaded)")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--dump", help="after loading, save the database to this file (pg_dump)")
    parser.add_argument("--restore", help="make the database from this dump instead of loading")
    args = parser.parse_args()

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = args.database or f"overseas_bench_{secrets.token_hex(4)}"
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    env = os.environ | {
        "OVERSEAS_ENV": "development",
        "OVERSEAS_SECRET_KEY": secrets.token_urlsafe(24),
        "OVERSEAS_DATABASE_URL": url,
        "OVERSEAS_FRONTEND_DIST": "/nonexistent",
    }
    overseas = str(ROOT / ".venv" / "bin" / "overseas")
    plain_url = url.replace("postgresql+psycopg://", "postgresql://")
    if args.restore and not args.database:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        started = time.perf_counter()
        subprocess.run(
            ["pg_restore", "--no-owner", "-j", "2", "-d", plain_url, args.restore], check=True
        )
        # A dump made before a later migration is brought up to date.
        subprocess.run([overseas, "db", "upgrade"], env=env, check=True)
        print(f"restored {args.restore} in {time.perf_counter() - started:.0f} s")
    elif not args.database:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        subprocess.run([overseas, "db", "upgrade"], env=env, check=True)
        started = time.perf_counter()
        subprocess.run(
            [overseas, "demo", "load", "--placements", str(args.placements)], env=env, check=True
        )
        print(f"loaded {args.placements:,} placements in {time.perf_counter() - started:.0f} s")
        if args.dump:
            started = time.perf_counter()
            subprocess.run(["pg_dump", "-Fc", "-f", args.dump, plain_url], check=True)
            print(f"saved {args.dump} in {time.perf_counter() - started:.0f} s")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        # As autovacuum leaves a live database: statistics and the visibility map current.
        conn.execute(text("VACUUM ANALYZE"))
        count = conn.execute(text("SELECT count(*) FROM placements")).scalar_one()
        tallies = conn.execute(text("SELECT count(*) FROM departure_tallies")).scalar_one()
    plain = []
    with engine.connect() as conn:
        for _ in range(5):
            started = time.perf_counter()
            conn.execute(text(PLAIN)).all()
            plain.append((time.perf_counter() - started) * 1000)
    engine.dispose()

    port = free_port()
    server = subprocess.Popen(
        [overseas, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            for _ in range(100):
                try:
                    if http.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            token = http.post(
                "/api/v1/auth/token",
                data={"grant_type": "password", "username": "viewer", "password": "demo-pass-2026"},
            ).json()["access_token"]
            http.headers["Authorization"] = f"Bearer {token}"
            for label, params in QUERIES:
                http.get("/api/v1/progress", params=params).raise_for_status()  # warm-up
                times = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    http.get("/api/v1/progress", params=params).raise_for_status()
                    times.append((time.perf_counter() - started) * 1000)
                times.sort()
                p95 = times[max(0, int(len(times) * 0.95) - 1)]
                rows.append(
                    f"| {count:,} | {label} | {statistics.median(times):.1f} ms | {p95:.1f} ms |"
                )
    finally:
        server.terminate()
        server.wait()
        if not args.keep and not args.database:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    print(f"database {name}: {count:,} placements, {tallies:,} tally rows")
    print("| placements | progress query | median | p95 |")
    print("|---|---|---|---|")
    for row in rows:
        print(row)
    print(
        f"| {count:,} | plain GROUP BY over placements (for comparison) | "
        f"{statistics.median(plain):.1f} ms | {max(plain):.1f} ms (max of 5) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
