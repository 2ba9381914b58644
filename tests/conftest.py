"""Test database fixtures: SQLite by default, PostgreSQL when OVERSEAS_TEST_DATABASE_URL names
one. Each run makes its own database, migrates it once, and drops it at the end; each test runs
inside a transaction that is rolled back."""

import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Settings are read from the environment: set them before the application is imported.
os.environ["OVERSEAS_ENV"] = "test"
os.environ["OVERSEAS_SECRET_KEY"] = "test-secret-" + secrets.token_hex(16)
os.environ["OVERSEAS_FRONTEND_DIST"] = "/nonexistent-frontend-dist"
# Feeds show changes at once in tests; the settle window has a test of its own.
os.environ["OVERSEAS_SYNC_SETTLE_SECONDS"] = "0"
# Each test rolls its accounts back, so ids and tokens recur from test to test: accounts are
# read on every request here; the principal cache has tests of its own (test_auth_cache.py).
os.environ["OVERSEAS_AUTH_CACHE_SECONDS"] = "0"

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from overseas.core import db as core_db
from overseas.core.config import get_settings
from overseas.core.migrate import upgrade
from overseas.core.principal import Role
from overseas.main import create_app
from tests.factories import Factory
from tests.helpers import last_audit_id
from tests.world import World, WorldHarness


def _fresh_postgres(url: str) -> tuple[str, Callable[[], None]]:
    """A new database on the server named by `url`, and how to drop it."""
    admin_url = make_url(url).set(database="postgres")
    name = f"overseas_test_{secrets.token_hex(6)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(url).set(database=name).render_as_string(hide_password=False), drop


def new_database() -> tuple[str, Callable[[], None]]:
    """A new, empty database of the kind under test, and how to remove it."""
    url = os.environ.get("OVERSEAS_TEST_DATABASE_URL", "").strip()
    if url and not url.startswith("sqlite"):
        if url.startswith(("postgres://", "postgresql://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return _fresh_postgres(url)
    folder = tempfile.mkdtemp(prefix="overseas-test-")
    path = Path(folder) / "test.db"

    def remove() -> None:
        for p in Path(folder).glob("*"):
            p.unlink()
        Path(folder).rmdir()

    return f"sqlite:///{path}", remove


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    url, drop = new_database()
    os.environ["OVERSEAS_DATABASE_URL"] = url
    get_settings.cache_clear()
    core_db.get_engine.cache_clear()
    upgrade(url)
    yield url
    core_db.get_engine().dispose()
    core_db.get_engine.cache_clear()
    drop()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Engine:
    return core_db.get_engine()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test; the application's
    commits become savepoint releases."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    yield session
    session.close()
    outer.rollback()
    connection.close()


_WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Writes that change no audited record of their own (a token request only logs failures).
_UNAUDITED_PATHS = {"/api/v1/auth/token"}


def _use_session(application: FastAPI, session: Session) -> None:
    """Requests to `application` run on the test's session: a request's commit releases a
    savepoint, and a failed request rolls back only its own work."""

    def _session() -> Iterator[Session]:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

    application.dependency_overrides[core_db.request_session] = _session


@pytest.fixture
def app(session: Session) -> Iterator[FastAPI]:
    """The application on the test's session. Every successful write made through it must
    leave at least one new audit row; the test fails otherwise."""
    application = create_app()
    unaudited: list[str] = []

    @application.middleware("http")
    async def _check_audit(request: Request, call_next: Any) -> Any:
        audited = (
            request.method in _WRITES
            and request.url.path not in _UNAUDITED_PATHS
            and request.query_params.get("dry_run") != "true"
        )
        before = last_audit_id(session) if audited else 0
        response = await call_next(request)
        replayed = response.headers.get("Idempotent-Replayed") == "true"
        wrote = audited and response.status_code < 300 and not replayed
        if wrote and last_audit_id(session) <= before:
            unaudited.append(f"{request.method} {request.url.path}")
        return response

    _use_session(application, session)
    yield application
    assert not unaudited, f"writes without an audit row: {unaudited}"


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def dry_client(session: Session) -> Iterator[TestClient]:
    """The application on the test's session without the audit check, for dry runs (200,
    nothing written, not even an audit row) and imports that change nothing: the shared client
    would take either for a write that escaped the audit."""
    application = create_app()
    _use_session(application, session)
    with TestClient(application, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def make(session: Session) -> Factory:
    return Factory(session)


@pytest.fixture
def officer(make: Factory) -> dict[str, str]:
    """Authorization headers for a new officer."""
    return make.headers(Role.officer)


@pytest.fixture
def agency_id(make: Factory) -> int:
    """The id of a new enterprise."""
    agency = make.agency()
    assert agency.id is not None
    return agency.id


def pytest_report_header() -> str:
    url = os.environ.get("OVERSEAS_TEST_DATABASE_URL", "")
    return "database: " + ("PostgreSQL" if url and not url.startswith("sqlite") else "SQLite")


# --- A shared world for the tests that call every route (tests/world.py) -------------------


@pytest.fixture(scope="module")
def world_harness(engine: Engine) -> Iterator[WorldHarness]:
    with WorldHarness.open(engine) as harness:
        yield harness


@pytest.fixture
def world_app(world_harness: WorldHarness) -> Iterator[FastAPI]:
    """The application on the world; what the test changes is rolled back after it."""
    with world_harness.test() as application:
        yield application


@pytest.fixture
def world(world_harness: WorldHarness) -> World:
    return world_harness.world


@pytest.fixture
def world_client(world_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(world_app, raise_server_exceptions=False) as test_client:
        yield test_client
