"""What the side-by-side benchmarks share: a PostgreSQL database of their own seeded with N
synthetic placements (`overseas demo load`), the app served on it, a server's CPU time."""

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from overseas.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
OVERSEAS = str(ROOT / ".venv" / "bin" / "overseas")
PASSWORD = DEMO_PASSWORD
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Database:
    """A database `overseas_bench_<random>` loaded with N placements; `drop()` removes it."""

    def __init__(self, placements: int, existing: str | None = None) -> None:
        self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        self.name = existing or f"overseas_bench_{secrets.token_hex(4)}"
        self.owned = existing is None
        self.url = make_url(PG_URL).set(database=self.name).render_as_string(hide_password=False)
        # The driver's own form of the address, for psycopg.
        self.dsn = self.url.replace("postgresql+psycopg://", "postgresql://")
        self.env = os.environ | {
            "OVERSEAS_ENV": "development",
            "OVERSEAS_SECRET_KEY": secrets.token_urlsafe(24),
            "OVERSEAS_DATABASE_URL": self.url,
            "OVERSEAS_FRONTEND_DIST": "/nonexistent",
            "OVERSEAS_LOG_LEVEL": "WARNING",
        }
        if not self.owned:
            return
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        started = time.perf_counter()
        subprocess.run([OVERSEAS, "db", "upgrade"], env=self.env, check=True, capture_output=True)
        subprocess.run(
            [OVERSEAS, "demo", "load", "--placements", str(placements)],
            env=self.env,
            check=True,
            capture_output=True,
        )
        engine = create_engine(self.url)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        engine.dispose()
        log(f"{self.name}: {placements} placements loaded in {time.perf_counter() - started:.0f} s")

    def drop(self) -> None:
        if self.owned:
            with self.admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


class Server:
    """A server process answering on a free port of 127.0.0.1, stopped by `stop()`."""

    def __init__(self, argv: Callable[[int], list[str]], env: dict[str, str], probe: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            argv(self.port), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(300):
            try:
                if httpx.get(self.base + probe, timeout=2).status_code < 500:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"server {argv(self.port)} exited")
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server {argv(self.port)} did not answer")

    def pids(self) -> list[int]:
        """The server process and its children (the workers of `--workers N`)."""
        found = [self.process.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def cpu_seconds(self) -> float:
        """User and system CPU time of the server's processes (/proc/<pid>/stat)."""
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / CLOCK_TICKS

    def peak_rss_mib(self) -> float:
        """The process's peak resident memory (VmHWM, /proc/<pid>/status)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serve_app(db: Database, workers: int = 1) -> Server:
    return Server(
        lambda port: [OVERSEAS, "serve", "--port", str(port), "--workers", str(workers)],
        db.env,
        "/healthz",
    )


def token(base: str, username: str = "officer") -> str:
    answer = httpx.post(
        base + "/api/v1/auth/token",
        data={"username": username, "password": PASSWORD, "grant_type": "password"},
        timeout=30,
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])
