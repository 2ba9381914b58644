"""Live tests: the real `overseas serve` process on a throwaway database, driven over HTTP.

The in-process tests run the application on a savepoint session; production opens and
closes a session per request, commits before answering and runs several requests at once.
These tests run what an operator runs (`db upgrade`, `demo load`, `serve`) with production
settings, so what differs between the two shows up here. One database and one server serve
the whole session; tests that need more servers start them on the same database.
"""

import itertools
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import new_database

# What one Argon2 login costs makes tokens worth keeping for the whole session.
DEMO_PASSWORD = "demo-pass-2026"
READY_WAIT_SECONDS = 90.0
STOP_WAIT_SECONDS = 30.0
LOG_TAIL_LINES = 40

# Every server started in this session, so that a failing test shows their logs.
_SERVERS: list["LiveServer"] = []
_LOG_NUMBERS = itertools.count(1)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> None:
    """Run `overseas <args>` as an operator would; its output goes into the failure."""
    done = subprocess.run(  # noqa: S603 - the interpreter running the tests, fixed arguments
        [sys.executable, "-m", "overseas.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"overseas {' '.join(args)}:\n{done.stdout}\n{done.stderr}"


class LiveServer:
    """One `overseas serve` process (or another ASGI app under uvicorn) and its log."""

    def __init__(
        self, env: dict[str, str], folder: Path, name: str, command: list[str] | None = None
    ) -> None:
        self.env = env
        self.folder = folder
        self.name = name
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / f"{name}-{next(_LOG_NUMBERS)}.log"
        self._command = command
        self.process: subprocess.Popen[bytes] | None = None
        _SERVERS.append(self)

    def command(self) -> list[str]:
        if self._command is not None:
            return [*self._command, "--port", str(self.port)]
        return [
            sys.executable,
            "-m",
            "overseas.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, "already running"
        with self.log_path.open("ab") as log:
            log.write(f"--- start {self.name} on port {self.port}\n".encode())
            log.flush()
            self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
                self.command(),
                env=self.env,
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_WAIT_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited at start:\n{self.tail()}")
            try:
                if httpx.get(self.base_url + "/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"{self.name} did not become ready:\n{self.tail()}")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to finish what it was doing."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        """SIGTERM, as a service manager stops it; SIGKILL if it does not end."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()

    def restart(self) -> None:
        self.kill()
        self.start()

    def tail(self, lines: int = LOG_TAIL_LINES) -> str:
        if not self.log_path.exists():
            return "(no log)"
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def client(self, **kwargs: Any) -> httpx.Client:
        """A keep-alive client; the timeout only stops a hung request from hanging the run."""
        kwargs.setdefault("timeout", 300.0)
        return httpx.Client(base_url=self.base_url, **kwargs)


class Live:
    """The database under test, its first server, tokens, and more servers on demand."""

    def __init__(self, database_url: str, folder: Path) -> None:
        self.database_url = database_url
        self.folder = folder
        self.secret_key = secrets.token_urlsafe(48)
        self.env = {
            **os.environ,
            "OVERSEAS_ENV": "production",
            "OVERSEAS_SECRET_KEY": self.secret_key,
            "OVERSEAS_DATABASE_URL": database_url,
            "OVERSEAS_FRONTEND_DIST": str(folder / "no-frontend-dist"),
            "OVERSEAS_SYNC_SETTLE_SECONDS": "0",
            # The principal cache as deployed (the in-process tests switch it off).
            "OVERSEAS_AUTH_CACHE_SECONDS": "5",
            "OVERSEAS_LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
        self._tokens: dict[tuple[str, str], str] = {}
        self._token_lock = threading.Lock()
        self.server = self.new_server("server-a")

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def log_path(self) -> Path:
        return self.server.log_path

    def new_server(
        self, name: str, command: list[str] | None = None, env: dict[str, str] | None = None
    ) -> LiveServer:
        """A server process on this database (not started)."""
        return LiveServer(self.env | (env or {}), self.folder, name, command)

    def start_server(
        self, name: str, command: list[str] | None = None, env: dict[str, str] | None = None
    ) -> LiveServer:
        """Start another server process on this database."""
        server = self.new_server(name, command, env)
        server.start()
        return server

    def retire(self, server: LiveServer) -> None:
        """Stop a server started for a test, and forget it."""
        server.stop()
        _SERVERS.remove(server)

    def client(self, **kwargs: Any) -> httpx.Client:
        return self.server.client(**kwargs)

    def token(self, username: str, password: str = DEMO_PASSWORD) -> str:
        """A bearer token for a login, asked for once per session (tokens last an hour)."""
        key = (username, password)
        with self._token_lock:
            if key not in self._tokens:
                r = httpx.post(
                    self.base_url + "/api/v1/auth/token",
                    data={"grant_type": "password", "username": username, "password": password},
                    timeout=60,
                )
                assert r.status_code == 200, f"login {username}: {r.status_code} {r.text}"
                self._tokens[key] = r.json()["access_token"]
            return self._tokens[key]

    def auth(self, username: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(username)}", **extra}


# Package scope: the server stops when the live tests are done, before the rest of the suite.
@pytest.fixture(scope="package")
def live() -> Iterator[Live]:
    url, drop = new_database()
    folder = Path(tempfile.mkdtemp(prefix="overseas-live-"))
    live = Live(url, folder)
    try:
        _cli(["db", "upgrade"], live.env, folder)
        _cli(["demo", "load", "--placements", "0"], live.env, folder)
        live.server.start()
        yield live
    finally:
        for server in list(_SERVERS):
            server.stop()
        _SERVERS.clear()
        drop()
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        folder.rmdir()


@pytest.fixture
def start_server(live: Live) -> Iterator[Callable[..., LiveServer]]:
    """Start more server processes on the live database; they stop at the test's end."""
    started: list[LiveServer] = []

    def start(
        name: str, command: list[str] | None = None, env: dict[str, str] | None = None
    ) -> LiveServer:
        server = live.start_server(name, command, env)
        started.append(server)
        return server

    yield start
    for server in started:
        live.retire(server)


# The log lines that say what went wrong: exception lines and the database's DETAIL lines.
_ERROR_LINE = re.compile(r"^(\w[\w.]*(Error|Exception|Violation|Warning)\b.*|DETAIL: .*)$")
_ADDRESS = re.compile(r"0x[0-9a-f]{6,}")
_LOG_OFFSETS = pytest.StashKey[dict[str, int]]()


def _log_size(server: LiveServer) -> int:
    return server.log_path.stat().st_size if server.log_path.exists() else 0


def _errors_since(server: LiveServer, offset: int) -> str:
    if not server.log_path.exists():
        return ""
    with server.log_path.open("rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", errors="replace")
    counts = Counter(
        _ADDRESS.sub("0x…", line) for line in text.splitlines() if _ERROR_LINE.match(line)
    )
    return "\n".join(f"{n:5} x {line}" for line, n in counts.most_common(30))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if report.when == "setup":
        item.stash[_LOG_OFFSETS] = {s.name: _log_size(s) for s in _SERVERS}
    if not report.failed or not _SERVERS:
        return
    offsets = item.stash.get(_LOG_OFFSETS, {})
    for server in _SERVERS:
        errors = _errors_since(server, offsets.get(server.name, 0))
        if errors:
            report.sections.append((f"errors logged by {server.name} during the test", errors))
        report.sections.append((f"log of {server.name} (last lines)", server.tail()))


@pytest.fixture(scope="package")
def demo_agencies(live: Live) -> dict[int, int]:
    """The ids of the demo enterprises 1 and 2 (active licences), by their number."""
    ids: dict[int, int] = {}
    with live.client() as client:
        for n in (1, 2):
            r = client.get(
                "/api/v1/agencies", params={"q": f"DEMO-00{n}"}, headers=live.auth("officer")
            )
            assert r.status_code == 200, r.text
            (agency,) = r.json()["items"]
            ids[n] = int(agency["id"])
    return ids
