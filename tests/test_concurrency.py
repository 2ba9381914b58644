"""ETag / If-Match, and optimistic locking under truly concurrent sessions."""

from collections.abc import Generator, Iterator
from typing import cast

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select
from starlette.requests import Request

from overseas.agencies.models import Agency
from overseas.audit.models import AuditLog
from overseas.core.principal import Role
from tests.factories import Factory


def test_get_carries_an_etag_and_patch_returns_the_next(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.officer)
    agency = make.agency()
    r = client.get(f"/api/v1/agencies/{agency.id}", headers=headers)
    assert r.headers["etag"] == '"1"'
    r = client.patch(
        f"/api/v1/agencies/{agency.id}",
        json={"phone": "0905123456"},
        headers={**headers, "If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    assert r.headers["etag"] == '"2"'
    assert r.json()["version"] == 2


def test_patch_with_a_stale_if_match_is_412_and_changes_nothing(
    client: TestClient, make: Factory
) -> None:
    headers = make.headers(Role.officer)
    agency = make.agency(name="Tên cũ")
    url = f"/api/v1/agencies/{agency.id}"
    first = client.patch(url, json={"name": "Tên mới"}, headers={**headers, "If-Match": '"1"'})
    assert first.status_code == 200
    stale = client.patch(url, json={"name": "Tên khác"}, headers={**headers, "If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert stale.json()["code"] == "precondition_failed"
    after = client.get(url, headers=headers)
    assert after.json()["name"] == "Tên mới"
    assert after.headers["etag"] == '"2"'


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/markets/JP", {"notes": "x"}),
        ("/api/v1/areas/502", {"name": "Thành phố Tam Kỳ"}),
    ],
)
def test_stale_if_match_on_reference_data_is_412(
    client: TestClient, make: Factory, path: str, body: dict[str, str]
) -> None:
    r = client.patch(path, json=body, headers={**make.headers(Role.admin), "If-Match": '"99"'})
    assert r.status_code == 412


def test_weak_and_wildcard_if_match_are_accepted(client: TestClient, make: Factory) -> None:
    headers = make.headers(Role.officer)
    agency = make.agency()
    url = f"/api/v1/agencies/{agency.id}"
    assert (
        client.patch(url, json={"name": "A"}, headers={**headers, "If-Match": 'W/"1"'}).status_code
        == 200
    )
    assert (
        client.patch(url, json={"name": "B"}, headers={**headers, "If-Match": "*"}).status_code
        == 200
    )


@pytest.fixture
def committed_agency(engine: Engine) -> Iterator[int]:
    with Session(engine) as s:
        agency = Agency(licence_no="RACE-1/GP", name="Race", tax_code="0399999999")
        s.add(agency)
        s.commit()
        agency_id = agency.id
    assert agency_id is not None
    yield agency_id
    with Session(engine) as s:
        s.exec(delete(Agency).where(col(Agency.id) == agency_id))
        s.commit()


def test_two_concurrent_edits_never_lose_one_silently(
    engine: Engine, committed_agency: int
) -> None:
    # Both read version 1; the first writer wins and the second is refused, not overwritten.
    with (
        Session(engine, expire_on_commit=False) as one,
        Session(engine, expire_on_commit=False) as two,
    ):
        a = one.get(Agency, committed_agency)
        b = two.get(Agency, committed_agency)
        assert a is not None and b is not None
        two.commit()  # the second editor's read is done; its edit comes later
        a.name = "first"
        one.commit()
        b.name = "second"
        with pytest.raises(StaleDataError):
            two.commit()
    with Session(engine) as check:
        stored = check.get(Agency, committed_agency)
        assert stored is not None
        assert (stored.name, stored.version) == ("first", 2)


def _request(method: str) -> Request:
    return Request({"type": "http", "method": method, "path": "/", "headers": []})


# The session dependency is a generator (its signature says Iterator): closing it ends the
# request the way the framework does.
RequestSessions = Generator[Session, None, None]


def test_writing_requests_on_sqlite_take_the_write_lock_when_they_begin(engine: Engine) -> None:
    import sqlite3

    from overseas.core import db

    sessions = cast(RequestSessions, db.get_session(_request("POST")))
    next(sessions)
    try:
        if engine.dialect.name == "sqlite":
            # A second writer must wait for the open request session, so it cannot race it.
            other = sqlite3.connect(str(engine.url.database), timeout=0.05, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
        else:
            # PostgreSQL locks rows, not the database: another session writes meanwhile, and
            # does not wait (a lock would make it fail after the timeout instead).
            with Session(engine) as other_session:
                other_session.connection().exec_driver_sql("SET LOCAL lock_timeout = '2s'")
                agency = Agency(licence_no="LOCK-1/GP", name="x", tax_code="0311111111")
                other_session.add(agency)
                other_session.flush()
                assert agency.id is not None
                other_session.rollback()
    finally:
        sessions.close()


def test_reading_requests_take_no_lock_and_write_their_audit_after(engine: Engine) -> None:
    import sqlite3

    from overseas.audit import service as audit
    from overseas.core import db

    sessions = cast(RequestSessions, db.get_session(_request("GET")))
    session = next(sessions)
    try:
        session.exec(select(Agency.id)).all()
        audit.record(session, "read_pii", "placements", "7")
        if engine.dialect.name == "sqlite":
            # A writer is not held up by a read in progress (WAL: readers beside one writer).
            other = sqlite3.connect(str(engine.url.database), timeout=0.05, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            other.close()
        with pytest.raises(StopIteration):
            next(sessions)  # the request ends: the read commits, then the audit row is written
    finally:
        sessions.close()
    with Session(engine) as check:
        row = check.exec(select(AuditLog).where(AuditLog.entity_id == "7")).one()
        assert row.action == "read_pii"
        check.delete(row)
        check.commit()
