"""Late reports by channel (Circular 20/2021 Art. 11): 5 days for service enterprises and
public units, 5 working days — Tết and the other public holidays excluded, with the days the
government swaps — for contract winners, outbound investors and internship enterprises, never
for direct contracts; and the working calendar administrators keep (docs/law.md)."""

from datetime import date, datetime, time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session, col

from overseas.core.db import LOCAL_ZONE
from overseas.core.principal import Role
from overseas.law.calendar import WorkCalendar
from overseas.placements import rules
from overseas.placements.models import Channel, Placement
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"
WORKING_DAYS = "/api/v1/rules/working-days"
# Thursday before Tết 2026 (16-20 February are public holidays, 14-15 and 21-22 weekends).
LEFT = date(2026, 2, 12)


@pytest.mark.parametrize(
    ("channel", "deadline"),
    [
        (Channel.service_enterprise, date(2026, 2, 17)),
        (Channel.public_unit, date(2026, 2, 17)),
        # Fri 13, then Mon 23 to Thu 26: Tết and two weekends are not working days.
        (Channel.contract_winner, date(2026, 2, 26)),
        (Channel.outbound_investor, date(2026, 2, 26)),
        (Channel.internship, date(2026, 2, 26)),
        (Channel.direct_contract, date.max),
    ],
)
def test_the_deadline_of_a_departure_by_channel(channel: Channel, deadline: date) -> None:
    assert rules.report_deadline(channel, LEFT, WorkCalendar()) == deadline


def test_a_saturday_worked_counts_and_a_bridge_day_off_does_not() -> None:
    worked = WorkCalendar({date(2026, 2, 21): True})
    assert rules.report_deadline(Channel.contract_winner, LEFT, worked) == date(2026, 2, 25)
    bridge = WorkCalendar({date(2026, 2, 23): False})
    assert rules.report_deadline(Channel.contract_winner, LEFT, bridge) == date(2026, 2, 27)


def _departed_and_reported(
    client: TestClient,
    session: Session,
    officer: dict[str, str],
    agency_id: int,
    channel: str,
    reported: date,
    n: int,
) -> Any:
    """A departure of LEFT, reported on `reported` (set as the registry would have stamped it),
    judged again by an edit."""
    body = item(
        f"WD-{n}",
        channel=channel,
        agency_id=None if channel in ("direct_contract", "public_unit") else agency_id,
        registered_on="2026-01-05",
        status="departed",
        departure_date=LEFT.isoformat(),
        worker={"national_id": national_id(800 + n)},
    )
    r = client.post(PLACEMENTS, json=body, headers=officer)
    assert r.status_code == 201, r.text
    created = r.json()
    stamp = datetime.combine(reported, time(16), tzinfo=LOCAL_ZONE)
    session.exec(
        update(Placement)
        .where(col(Placement.id) == created["id"])
        .values(departure_reported_at=stamp)
    )
    session.commit()
    session.expire_all()
    r = client.patch(
        f"{PLACEMENTS}/{created['id']}",
        json={"occupation": "Cơ khí"},
        headers=officer | {"If-Match": f'"{created["version"]}"'},
    )
    assert r.status_code == 200, r.text
    return r.json()["flags"]


def test_late_reports_by_channel_across_tet(
    client: TestClient, session: Session, make: Factory
) -> None:
    officer = make.headers(Role.officer)
    agency_id = make.agency().id
    assert agency_id is not None
    reported = date(2026, 2, 25)  # 13 days later; the 4th working day
    got = {
        channel: _departed_and_reported(client, session, officer, agency_id, channel, reported, n)
        for n, channel in enumerate(
            ("service_enterprise", "contract_winner", "internship", "direct_contract")
        )
    }
    assert got == {
        "service_enterprise": ["late_report"],
        "contract_winner": [],
        "internship": [],
        "direct_contract": [],
    }


def test_administrators_keep_the_swapped_days(client: TestClient, make: Factory) -> None:
    admin = make.headers(Role.admin)
    body = {
        "day": "2026-02-21",
        "working": True,
        "note": "Làm bù ngày nghỉ (ví dụ tổng hợp)",
        "source": "Thông báo của Bộ Nội vụ (ví dụ)",
    }
    r = client.post(WORKING_DAYS, json=body, headers=admin)
    assert r.status_code == 201, r.text
    assert_problem(client.post(WORKING_DAYS, json=body, headers=admin), 409, "already_exists")
    for role in (Role.officer, Role.viewer, Role.agency):
        assert client.post(WORKING_DAYS, json=body | {"day": "2026-03-07"},
                           headers=make.headers(role)).status_code == 403  # fmt: skip
    listed = client.get(WORKING_DAYS, params={"year": 2026}, headers=make.headers(Role.viewer))
    assert [d["day"] for d in listed.json()["items"]] == ["2026-02-21"]
    assert client.get(WORKING_DAYS, headers=make.headers(Role.agency)).status_code == 403
    r = client.post(WORKING_DAYS, json=body | {"day": "2026-02-31"}, headers=admin)
    assert_problem(r, 422, "validation_error", "day")
    assert client.delete(f"{WORKING_DAYS}/2026-02-21", headers=admin).status_code == 204
    assert client.delete(f"{WORKING_DAYS}/2026-02-21", headers=admin).status_code == 404
