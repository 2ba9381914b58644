"""Batch ingest: rows/s of `POST /api/v1/placements/batch` (1,000-row batches, a real server
over HTTP) next to a raw bulk insert of the same rows into the same table (COPY on PostgreSQL,
executemany on SQLite).

    .venv/bin/python bench/batch_ingest.py --db sqlite --rows 20000 --preload 100000
    .venv/bin/python bench/batch_ingest.py --db postgresql --rows 20000 --preload 100000

The registry is preloaded with synthetic placements (a registry in use is never empty, and
PostgreSQL plans by the statistics of a table that has been analysed), then batches of new
rows are sent, then a quarter of them again (every row compared and found unchanged). Makes
and drops a database of its own; prints one Markdown table row per measurement.
"""

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def new_database(kind: str) -> tuple[str, Any]:
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="bench-")
        return f"sqlite:///{folder}/bench.db", lambda: subprocess.run(["rm", "-rf", folder])
    name = f"overseas_bench_{secrets.token_hex(4)}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False), drop


def item(n: int, agency_ref: str) -> dict[str, Any]:
    born = date(1990, 1, 1) + timedelta(days=n % 3000)
    return {
        "external_ref": f"{agency_ref}-{n:08d}",
        "channel": "service_enterprise",
        "worker": {
            "national_id": f"0490{born.year % 100:02d}{n:06d}",
            "full_name": "Nguyễn Văn Thử",
            "date_of_birth": born.isoformat(),
            "sex": "male",
            "home_area_code": "506",
            "phone": "0905123456",
            "policy_groups": [],
        },
        "market_code": "JP",
        "programme": "TITP",
        "occupation": "Chế biến thực phẩm",
        "employer_name": "Synthetic Foods K.K.",
        "contract_months": 36,
        "monthly_salary": "180000",
        "salary_currency": "JPY",
        "service_fee_vnd": 30000000,
        "deposit_vnd": 0,
        "status": "departed",
        "registered_on": "2024-01-10",
        "departure_date": "2024-06-01",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(kind: str, rows: int, batch: int, preload: int) -> list[str]:
    url, drop = new_database(kind)
    env = os.environ | {
        "OVERSEAS_ENV": "development",
        "OVERSEAS_SECRET_KEY": secrets.token_urlsafe(24),
        "OVERSEAS_DATABASE_URL": url,
        "OVERSEAS_FRONTEND_DIST": "/nonexistent",
    }
    overseas = str(ROOT / ".venv" / "bin" / "overseas")
    subprocess.run([overseas, "db", "upgrade"], env=env, check=True)
    subprocess.run(
        [overseas, "demo", "load", "--placements", str(preload)],
        env=env,
        check=True,
        capture_output=True,
    )
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    port = free_port()
    server = subprocess.Popen(
        [overseas, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = []
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=300) as http:
            for _ in range(100):
                try:
                    if http.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            token = http.post(
                "/api/v1/auth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": "demo-agency1",
                    "client_secret": "demo-secret-agency1-2026",
                },
            ).json()["access_token"]
            http.headers["Authorization"] = f"Bearer {token}"
            bodies = [
                {"items": [item(n, "B") for n in range(start, min(start + batch, rows))]}
                for start in range(0, rows, batch)
            ]
            # Warm-up batch (not counted): connections, caches, first compilation.
            http.post("/api/v1/placements/batch", json={"items": [item(10**6 - 1, "W")]})
            started = time.perf_counter()
            for body in bodies:
                r = http.post("/api/v1/placements/batch", json=body)
                assert r.status_code == 200, r.text[:500]
            api_seconds = time.perf_counter() - started
            # Re-sending the same rows: every row is compared and found unchanged.
            started = time.perf_counter()
            for body in bodies[: max(1, len(bodies) // 4)]:
                r = http.post("/api/v1/placements/batch", json=body)
                assert r.json()["unchanged"] == len(body["items"]), r.text[:300]
            unchanged_rows = sum(len(b["items"]) for b in bodies[: max(1, len(bodies) // 4)])
            unchanged_seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    raw_seconds = raw_insert(url, env, rows)
    drop()
    label = "PostgreSQL 15" if kind == "postgresql" else "SQLite"
    results.append(
        f"| {label} | API batch, {batch}-row batches, new rows ({preload:,} preloaded) | "
        f"{rows:,} | {api_seconds:.2f} s | {rows / api_seconds:,.0f} rows/s |"
    )
    results.append(
        f"| {label} | API batch, {batch}-row batches, unchanged rows | {unchanged_rows:,} | "
        f"{unchanged_seconds:.2f} s | {unchanged_rows / unchanged_seconds:,.0f} rows/s |"
    )
    raw_name = "raw COPY" if kind == "postgresql" else "raw executemany"
    results.append(
        f"| {label} | {raw_name} of the same rows | {rows:,} | {raw_seconds:.2f} s | "
        f"{rows / raw_seconds:,.0f} rows/s |"
    )
    results.append(f"| {label} | API / raw | | | {raw_seconds / api_seconds:.2f} |")
    return results


def raw_insert(url: str, env: dict[str, str], rows: int) -> float:
    """The same rows, already converted to columns, written straight into the table."""
    os.environ.update(env)
    from sqlmodel import Session

    from overseas.areas import catalog
    from overseas.core.bulk import allocate_ids, bulk_insert, table_of
    from overseas.core.db import build_engine, utcnow
    from overseas.core.text import name_sort_key
    from overseas.placements import rules
    from overseas.placements.models import Placement, Worker

    engine = build_engine(url)
    now = utcnow()
    with Session(engine) as session:
        agency_id = session.execute(text("SELECT min(id) FROM agencies")).scalar_one()
        # The unit the home code names on the registration day, as the API finds it.
        home = catalog.load(session).on("506", date(2024, 1, 10))
        assert home is not None
        payload = [item(n, "R") for n in range(rows)]
        worker_ids = allocate_ids(session, table_of(Worker), rows)
        workers = [
            {"id": w, "national_id": "9" + p["worker"]["national_id"][1:], "created_at": now}
            for w, p in zip(worker_ids, payload, strict=True)
        ]
        placement_rows = []
        for wid, p in zip(worker_ids, payload, strict=True):
            w = p["worker"]
            placement_rows.append(
                {
                    "agency_id": agency_id,
                    "external_ref": p["external_ref"],
                    "channel": p["channel"],
                    "worker_id": wid,
                    "national_id": "9" + w["national_id"][1:],
                    "full_name": w["full_name"],
                    "search_name": rules.fold(w["full_name"]),
                    "name_key": name_sort_key(w["full_name"]),
                    "national_id_reversed": ("9" + w["national_id"][1:])[::-1],
                    "date_of_birth": date.fromisoformat(w["date_of_birth"]),
                    "sex": w["sex"],
                    "home_area_code": w["home_area_code"],
                    "home_area_id": home.id,
                    "phone": w["phone"],
                    "policy_groups": [],
                    "market_code": p["market_code"],
                    "programme": p["programme"],
                    "occupation": p["occupation"],
                    "employer_name": p["employer_name"],
                    "contract_months": p["contract_months"],
                    "monthly_salary": p["monthly_salary"],
                    "salary_currency": p["salary_currency"],
                    "service_fee_vnd": p["service_fee_vnd"],
                    "deposit_vnd": p["deposit_vnd"],
                    "loan_vnd": None,
                    "status": p["status"],
                    "registered_on": date(2024, 1, 10),
                    "departure_date": date(2024, 6, 1),
                    "return_date": None,
                    "departure_reported_at": now,
                    "notes": None,
                    "fee_above_cap": False,
                    "deposit_above_cap": False,
                    "possible_duplicate": False,
                    "late_report": True,
                    "over_quota": False,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
        started = time.perf_counter()
        bulk_insert(session, table_of(Worker), workers)
        ids = allocate_ids(session, table_of(Placement), rows)
        bulk_insert(
            session,
            table_of(Placement),
            [r | {"id": i} for r, i in zip(placement_rows, ids, strict=True)],
        )
        session.commit()
        seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--preload", type=int, default=100_000)
    args = parser.parse_args()
    print("| database | what | rows | time | rate |")
    print("|---|---|---|---|---|")
    for line in run(args.db, args.rows, args.batch, args.preload):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
