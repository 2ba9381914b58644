"""Exports side by side: `GET /api/v1/placements/export` as CSV, XLSX and NDJSON through the
app (`overseas serve`, one worker, HTTP on loopback) next to `COPY (SELECT ...) TO STDOUT` of
the same rows with psycopg (the limit of the database and its driver), on one PostgreSQL
database of N synthetic placements.

    .venv/bin/python bench/export.py --placements 20000              # make bench
    .venv/bin/python bench/export.py --placements 200000             # make bench-full

Wall time of the whole download (median of --runs), the ratio COPY time / app time, and the
server's resident memory: sampled every 20 ms during each export, its peak above what the
process held before the export started (memory should stay flat whatever N is).
"""

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed import Database, Server, log, serve_app, token

COPY = """COPY (
    SELECT id, agency_id, external_ref, channel, national_id, previous_national_id, full_name,
        date_of_birth, sex, home_area_code, phone, policy_groups, market_code, programme,
        occupation, employer_name, contract_months, monthly_salary, salary_currency,
        service_fee_vnd, deposit_vnd, loan_vnd, status, registered_on, departure_date,
        return_date, contract_signed_on, notes, recruitment_notice_id, fee_above_cap,
        deposit_above_cap, possible_duplicate, late_report, over_quota, version, created_at,
        updated_at
    FROM placements ORDER BY id
) TO STDOUT (FORMAT csv, HEADER)"""


def rss_mib(server: Server) -> float:
    total = 0
    for pid in server.pids():
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class Sampler(threading.Thread):
    """The peak resident memory of the server while it runs."""

    def __init__(self, server: Server) -> None:
        super().__init__(daemon=True)
        self.server, self.peak, self.running = server, 0.0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss_mib(self.server))
            time.sleep(0.02)

    def stop(self) -> float:
        self.running = False
        self.join()
        return max(self.peak, rss_mib(self.server))


def app_export(server: Server, bearer: str, fmt: str) -> tuple[float, int, float]:
    """Seconds, bytes and the peak RSS growth (MiB) of one export by the app."""
    before = rss_mib(server)
    sampler = Sampler(server)
    sampler.start()
    size = 0
    started = time.perf_counter()
    with httpx.stream(
        "GET",
        f"{server.base}/api/v1/placements/export",
        params={"format": fmt},
        headers={"Authorization": f"Bearer {bearer}"},
        timeout=3600,
    ) as answer:
        answer.raise_for_status()
        for chunk in answer.iter_bytes():
            size += len(chunk)
    seconds = time.perf_counter() - started
    return seconds, size, sampler.stop() - before


def copy_export(dsn: str) -> tuple[float, int]:
    size = 0
    started = time.perf_counter()
    with psycopg.connect(dsn) as conn, conn.cursor() as cur, cur.copy(COPY) as copy:
        for block in copy:
            size += len(block)
    return time.perf_counter() - started, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--placements", type=int, default=20_000)
    parser.add_argument("--database", help="use this existing, loaded database")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="csv,xlsx,ndjson")
    args = parser.parse_args()

    db = Database(args.placements, args.database)
    server = None
    try:
        server = serve_app(db)
        bearer = token(server.base)
        copies = [copy_export(db.dsn) for _ in range(args.runs)]
        copy_s = statistics.median(c[0] for c in copies)
        rows = []
        for fmt in args.formats.split(","):
            runs = []
            for run in range(args.runs):
                log(f"run {run + 1}/{args.runs}: {fmt}")
                runs.append(app_export(server, bearer, fmt))
            seconds = statistics.median(r[0] for r in runs)
            size = runs[-1][1]
            growth = max(r[2] for r in runs)
            rows.append(
                f"| {fmt.upper()} | {seconds:.2f} s | {args.placements / seconds:,.0f} rows/s "
                f"| {size / 2**20:.1f} MiB | {copy_s / seconds:.2f} | +{growth:.0f} MiB |"
            )
        print(
            f"\n{args.placements:,} placements, PostgreSQL, one app worker, median of "
            f"{args.runs} runs; COPY ... TO STDOUT (CSV): {copy_s:.2f} s, "
            f"{copies[-1][1] / 2**20:.1f} MiB; server peak RSS {server.peak_rss_mib():.0f} MiB\n"
        )
        print("| export | app | app rate | size | COPY / app | server RSS growth (max) |")
        print("|---|---|---|---|---|---|")
        print("\n".join(rows))
    finally:
        if server is not None:
            server.stop()
        db.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
