"""The `overseas` console script, on a database of its own."""

import gc
import os
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session, select

from overseas.agencies.models import Agency
from overseas.auth.models import ApiClient, User
from overseas.cli import main
from overseas.core import db
from overseas.core.config import get_settings
from overseas.core.security import verify_secret
from overseas.demo import DEMO_PASSWORD
from overseas.markets.models import MarketRecord
from overseas.placements.models import DepartureTally
from tests.conftest import new_database


@pytest.fixture
def cli_db(database_url: str) -> Iterator[str]:
    url, drop = new_database()
    os.environ["OVERSEAS_DATABASE_URL"] = url
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    try:
        yield url
    finally:
        db.get_engine().dispose()
        os.environ["OVERSEAS_DATABASE_URL"] = database_url
        get_settings.cache_clear()
        db.get_engine.cache_clear()
        drop()


def test_db_upgrade_then_users_create(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    code = main(
        [
            "users",
            "create",
            "--username",
            "Chief",
            "--role",
            "admin",
            "--password",
            "long-enough-pw",
        ]
    )
    assert code == 0
    assert "created user chief" in capsys.readouterr().out
    with Session(db.get_engine()) as s:
        user = s.exec(select(User).where(User.username == "chief")).one()
        assert user.role == "admin"
        assert verify_secret("long-enough-pw", user.password_hash)


def test_users_create_refuses_a_short_password(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["db", "upgrade"])
    assert (
        main(["users", "create", "--username", "x1x", "--role", "viewer", "--password", "short"])
        == 2
    )
    assert "password" in capsys.readouterr().err


def test_users_create_refuses_an_agency_user_without_enterprise(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["db", "upgrade"])
    args = [
        "users",
        "create",
        "--username",
        "ag1",
        "--role",
        "agency",
        "--password",
        "long-enough-pw",
    ]
    assert main(args) == 1
    assert "agency_id" in capsys.readouterr().err


def test_demo_load_is_synthetic_complete_and_repeatable(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["db", "upgrade"])
    assert main(["demo", "load"]) == 0
    assert main(["demo", "load"]) == 0
    assert main(["demo", "logins"]) == 0
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "demo-agency1" in out
    with Session(db.get_engine()) as s:
        users = s.exec(select(User)).all()
        assert {u.role for u in users} == {"admin", "officer", "inspector", "agency", "viewer"}
        assert len(users) == 6
        agencies = s.exec(select(Agency)).all()
        assert len(agencies) == 3
        assert all("mẫu" in a.name for a in agencies)
        assert len(s.exec(select(ApiClient)).all()) == 2
        records = s.exec(select(MarketRecord)).all()
        assert records and all("mẫu" in r.title for r in records)


def test_tallies_rebuild_check_finds_a_damaged_tally_and_rebuild_repairs_it(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["demo", "load", "--placements", "200"]) == 0
    assert main(["tallies", "rebuild", "--check"]) == 0
    with Session(db.get_engine()) as session:
        tally = session.exec(select(DepartureTally).where(DepartureTally.count > 0)).first()
        assert tally is not None
        tally.count += 5
        session.add(tally)
        session.commit()
    capsys.readouterr()
    assert main(["tallies", "rebuild", "--check"]) == 1
    assert "1 departure tallies differ" in capsys.readouterr().out
    assert main(["tallies", "rebuild"]) == 0
    assert main(["tallies", "rebuild", "--check"]) == 0


def test_serve_runs_the_application_with_its_start_up_objects_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uvicorn

    from overseas.main import create_app, serving_app

    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: ran.update(app=app, **options))
    assert main(["serve", "--port", "8123"]) == 0
    assert (ran["app"], ran["factory"], ran["port"]) == ("overseas.main:serving_app", True, 8123)

    gc.unfreeze()
    try:
        app = serving_app()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert app.openapi()["paths"].keys() == create_app().openapi()["paths"].keys()
