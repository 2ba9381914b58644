"""The shared world's own guard: a successful request that wrote to an audited table without
leaving an audit row fails the test; one that changed nothing does not."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlmodel import col

from overseas.agencies.models import Agency
from overseas.core.db import SessionDep
from overseas.core.principal import Role
from tests.world import WorldHarness


def test_a_write_that_escapes_the_audit_fails_and_a_change_to_nothing_does_not(
    engine: Engine,
) -> None:
    with WorldHarness.open(engine) as harness:
        world = harness.world

        @harness.app.post("/unaudited-write", tags=["test"])
        def unaudited_write(session: SessionDep) -> dict[str, str]:
            # A Core statement: the audit's flush hook never sees it.
            session.execute(
                update(Agency).where(col(Agency.id) == world.own_agency).values(phone=None)
            )
            return {"status": "written"}

        with harness.test() as app, TestClient(app) as client:
            path = f"/api/v1/agencies/{world.own_agency}"
            same = client.get(path, headers=world.headers[Role.officer]).json()
            r = client.patch(path, json={"name": same["name"]}, headers=world.headers[Role.officer])
            assert r.status_code == 200, r.text

        with (
            pytest.raises(AssertionError, match="writes without an audit row"),
            harness.test() as app,
            TestClient(app) as client,
        ):
            assert client.post("/unaudited-write").status_code == 200
