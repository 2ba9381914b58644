"""What enterprises owe the department and how they filed it (docs/obligations.md): the annual
report (15 Dec-14 Dec, due before 20 Dec, Circular 21/2021 Art. 15) and each month's changes
(due by the 20th of the next month, Circular 20/2021 Art. 11(1)); statuses across the deadline,
amendments that keep the first filing, files, who owes nothing, and the reporting record in the
compliance and the risk ranking."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from overseas.agencies.models import AgencyStatus
from overseas.core.db import LOCAL_ZONE, today
from overseas.core.principal import Role
from overseas.obligations import rules
from overseas.obligations.models import AgencyReport, ReportKind
from overseas.obligations.rules import DutyStatus
from tests.factories import Factory
from tests.helpers import assert_problem, last_audit_id

OBLIGATIONS = "/api/v1/reports/obligations"
PDF = b"%PDF-1.4\n% synthetic report for tests\n"


def reports_of(agency_id: int) -> str:
    return f"/api/v1/agencies/{agency_id}/reports"


def test_the_periods_and_their_deadlines() -> None:
    annual = rules.annual(2026)
    assert (annual.period_from, annual.period_to, annual.due_on) == (
        date(2025, 12, 15),
        date(2026, 12, 14),
        date(2026, 12, 19),
    )
    november = rules.monthly(2026, 11)
    assert (november.period_from, november.period_to, november.due_on) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
        date(2026, 12, 20),
    )
    december = rules.monthly(2026, 12)
    assert (december.period_to, december.due_on) == (date(2026, 12, 31), date(2027, 1, 20))
    assert rules.monthly(2024, 2).period_to == date(2024, 2, 29)
    assert [p.kind for p in rules.periods_of(2026)].count(ReportKind.monthly_changes) == 12


def _vn(year: int, month: int, day: int, hour: int, minute: int = 0) -> str:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_ZONE).isoformat()


def _file(
    client: TestClient,
    headers: dict[str, str],
    agency_id: int,
    period: rules.Period,
    received_at: str | None = None,
    **figures: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": period.kind.value,
        "period_from": period.period_from.isoformat(),
        "period_to": period.period_to.isoformat(),
        "figures": figures or {"departed": 3},
    }
    if received_at:
        body["received_at"] = received_at
    r = client.post(reports_of(agency_id), json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def _duties(
    client: TestClient, headers: dict[str, str], **query: Any
) -> dict[tuple[int, str, str], dict[str, Any]]:
    r = client.get(OBLIGATIONS, params={"limit": 500, **query}, headers=headers)
    assert r.status_code == 200, r.text
    return {(o["agency_id"], o["kind"], o["period_from"]): o for o in r.json()["items"]}


def test_statuses_across_the_20_december_deadline(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    on_time, late, silent = (make.agency().id for _ in range(3))
    assert on_time and late and silent
    november = rules.monthly(2025, 11)
    annual = rules.annual(2025)
    # Received at 23:30 on 20 December 2025 in Vietnam (16:30 UTC): on time for November's changes.
    _file(client, officer, on_time, november, _vn(2025, 12, 20, 23, 30))
    _file(client, officer, on_time, annual, _vn(2025, 12, 19, 17))
    # At 00:30 on 21 December in Vietnam, still 20 December in UTC: late.
    _file(client, officer, late, november, _vn(2025, 12, 21, 0, 30))
    _file(client, officer, late, annual, _vn(2025, 12, 20, 8))

    def status(day: str, agency: int, period: rules.Period) -> str:
        found = _duties(client, officer, year=2025, on=day, agency_id=agency)
        return str(found[(agency, period.kind.value, period.period_from.isoformat())]["status"])

    for agency, expected in ((on_time, "submitted"), (late, "late")):
        assert status("2025-12-22", agency, november) == expected
        assert status("2025-12-22", agency, annual) == expected
    # Not filed: upcoming up to and on the due day, missing the day after.
    assert status("2025-12-19", silent, annual) == "upcoming"
    assert status("2025-12-20", silent, annual) == "missing"
    assert status("2025-12-20", silent, november) == "upcoming"
    assert status("2025-12-21", silent, november) == "missing"
    duty = _duties(client, officer, year=2025, on="2025-12-22", agency_id=silent)[
        (silent, "monthly_changes", "2025-11-01")
    ]
    assert duty == {
        "agency_id": silent,
        "agency_name": duty["agency_name"],
        "kind": "monthly_changes",
        "period_from": "2025-11-01",
        "period_to": "2025-11-30",
        "due_on": "2025-12-20",
        "submitted_at": None,
        "status": "missing",
        "report_id": None,
    }
    missing = _duties(client, officer, year=2025, on="2025-12-22", status="missing")
    assert (silent, "monthly_changes", "2025-11-01") in missing
    assert (on_time, "monthly_changes", "2025-11-01") not in missing
    assert {o["status"] for o in missing.values()} == {"missing"}


def test_only_the_periods_begun_are_listed_and_in_due_order(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    agency = make.agency().id
    assert agency
    found = list(_duties(client, officer, year=2026, on="2026-03-05", agency_id=agency).values())
    # The annual report (begun 15 Dec 2025) and January to March.
    assert [(o["kind"], o["due_on"]) for o in found] == [
        ("monthly_changes", "2026-02-20"),
        ("monthly_changes", "2026-03-20"),
        ("monthly_changes", "2026-04-20"),
        ("annual", "2026-12-19"),
    ]
    past = _duties(client, officer, year=2025, on="2026-03-05", agency_id=agency)
    assert len(past) == 13 and {o["status"] for o in past.values()} == {"missing"}
    annual_only = _duties(client, officer, year=2025, on="2026-03-05", kind="annual")
    assert {k[1] for k in annual_only} == {"annual"}


def test_who_owes_nothing(client: TestClient, make: Factory, officer: dict[str, str]) -> None:
    elsewhere = make.agency(reports_elsewhere=True).id
    suspended = make.agency(status=AgencyStatus.suspended).id
    licensed_in_june = make.agency(licence_issued_on=date(2026, 6, 10)).id
    found = _duties(client, officer, year=2026, on="2026-11-30")
    owing = {k[0] for k in found}
    assert elsewhere not in owing and suspended not in owing
    months = sorted(k[2] for k in found if k[0] == licensed_in_june and k[1] == "monthly_changes")
    assert months[0] == "2026-06-01" and len(months) == 6  # June to November
    # Marking an enterprise as reporting elsewhere is a change officers make.
    r = client.patch(
        f"/api/v1/agencies/{licensed_in_june}", json={"reports_elsewhere": True}, headers=officer
    )
    assert r.status_code == 200 and r.json()["reports_elsewhere"] is True
    assert not _duties(client, officer, year=2026, on="2026-11-30", agency_id=licensed_in_june)


def test_an_enterprise_files_its_own_and_an_amendment_keeps_the_first(
    client: TestClient, make: Factory, session: Session
) -> None:
    account = make.user(Role.agency)
    assert account.agency_id is not None
    me = make.headers_for(account)
    october = rules.monthly(2026, 10)
    before = last_audit_id(session)
    first = _file(client, me, account.agency_id, october, departed=4, note="Bốn người xuất cảnh")
    assert first["revision"] == 1 and first["amends_id"] is None
    assert first["submitted_by"] == account.username
    assert first["obligation"]["status"] in ("submitted", "late")
    assert first["obligation"]["report_id"] == first["id"]
    assert first["figures"] == {"departed": 4, "note": "Bốn người xuất cảnh"}
    second = _file(client, me, account.agency_id, october, departed=5)
    assert (second["revision"], second["amends_id"]) == (2, first["id"])
    # The duty still points at the first filing, which says whether it came on time.
    assert second["obligation"]["report_id"] == first["id"]
    assert second["obligation"]["submitted_at"] == first["submitted_at"]
    listed = client.get(reports_of(account.agency_id), headers=me).json()["items"]
    assert [r["id"] for r in listed] == [second["id"], first["id"]]
    assert listed[1]["figures"] == {"departed": 4, "note": "Bốn người xuất cảnh"}
    rows = session.exec(
        select(AgencyReport).where(AgencyReport.agency_id == account.agency_id)
    ).all()
    assert sorted(r.revision for r in rows) == [1, 2]
    assert last_audit_id(session) > before


def test_an_enterprise_sees_only_its_own(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    account = make.user(Role.agency)
    other = make.agency().id
    assert account.agency_id is not None and other
    me = make.headers_for(account)
    mine = _duties(client, me, year=2026, on="2026-11-30")
    assert {k[0] for k in mine} == {account.agency_id}
    assert not _duties(client, me, year=2026, on="2026-11-30", agency_id=other)
    filed = _file(client, officer, other, rules.monthly(2026, 9))
    assert_problem(client.get(reports_of(other), headers=me), 404, "not_found")
    r = client.get(f"{reports_of(other)}/{filed['id']}", headers=me)
    assert_problem(r, 404, "not_found")
    body = {"kind": "monthly_changes", "period_from": "2026-09-01", "period_to": "2026-09-30"}
    assert_problem(client.post(reports_of(other), json=body, headers=me), 404, "not_found")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "annual", "period_from": "2025-01-01", "period_to": "2025-12-31"}, "period_from"),
        (
            {"kind": "monthly_changes", "period_from": "2026-09-02", "period_to": "2026-09-30"},
            "period_from",
        ),
        (
            {"kind": "monthly_changes", "period_from": "2030-01-01", "period_to": "2030-01-31"},
            "period_to",
        ),
        ({"kind": "weekly", "period_from": "2026-09-01", "period_to": "2026-09-30"}, "kind"),
        # Periods the calendar cannot hold: year 0 before the first, year 10000 after the last.
        ({"kind": "annual", "period_from": "0001-01-01", "period_to": "0001-12-14"}, "period_from"),
        (
            {"kind": "monthly_changes", "period_from": "9999-12-01", "period_to": "9999-12-31"},
            "period_from",
        ),
        (
            {
                "kind": "monthly_changes",
                "period_from": "2026-09-01",
                "period_to": "2026-09-30",
                "figures": {"departed": -1},
            },
            "figures.departed.int",
        ),
        (
            {
                "kind": "monthly_changes",
                "period_from": "2026-09-01",
                "period_to": "2026-09-30",
                "extra": 1,
            },
            "extra",
        ),
        (
            {
                "kind": "monthly_changes",
                "period_from": "2026-09-01",
                "period_to": "2026-09-30",
                "received_at": "2026-10-01T09:00:00",
            },
            "received_at",
        ),
    ],
)
def test_bad_filings_are_refused_naming_the_field(
    client: TestClient, make: Factory, session: Session, body: dict[str, Any], field: str
) -> None:
    account = make.user(Role.agency)
    assert account.agency_id is not None
    r = client.post(reports_of(account.agency_id), json=body, headers=make.headers_for(account))
    problem = assert_problem(r, 422, "validation_error")
    assert any(e["field"].startswith(field.split(".")[0]) for e in problem["errors"]), problem
    assert not session.exec(
        select(AgencyReport).where(AgencyReport.agency_id == account.agency_id)
    ).all()


def test_a_received_date_in_the_future_is_refused(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    agency = make.agency().id
    assert agency
    body = {
        "kind": "monthly_changes",
        "period_from": "2026-09-01",
        "period_to": "2026-09-30",
        "received_at": "2999-01-01T00:00:00",
    }
    assert_problem(
        client.post(reports_of(agency), json=body, headers=officer),
        422,
        "validation_error",
        "received_at",
    )


def test_a_report_with_a_signed_scan(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    account = make.user(Role.agency)
    assert account.agency_id is not None
    me = make.headers_for(account)
    form = {
        "kind": "monthly_changes",
        "period_from": "2026-08-01",
        "period_to": "2026-08-31",
        "figures": '{"departed": 2}',
    }
    r = client.post(
        reports_of(account.agency_id),
        data=form,
        files={"file": ("../Báo cáo tháng 8.pdf", PDF, "text/plain")},
        headers=me,
    )
    assert r.status_code == 201, r.text
    filed = r.json()
    assert filed["file_name"] == "Báo cáo tháng 8.pdf"
    assert filed["file_type"] == "application/pdf"  # read from the bytes, not the header
    assert filed["file_size"] == len(PDF) and filed["figures"] == {"departed": 2}
    for headers in (me, officer):
        got = client.get(f"{reports_of(account.agency_id)}/{filed['id']}/file", headers=headers)
        assert got.status_code == 200 and got.content == PDF
        assert got.headers["content-type"] == "application/pdf"
        assert "attachment" in got.headers["content-disposition"]
    bare = _file(client, me, account.agency_id, rules.monthly(2026, 7))
    r = client.get(f"{reports_of(account.agency_id)}/{bare['id']}/file", headers=me)
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.exe", b"MZ\x90\x00"),
        ("bao-cao.pdf", b"<html>not a pdf</html>"),
        ("bao-cao.pdf", b""),
        ("bao-cao.xlsx", b"not a zip"),
    ],
)
def test_files_of_other_types_are_refused(
    client: TestClient, make: Factory, officer: dict[str, str], name: str, content: bytes
) -> None:
    agency = make.agency().id
    assert agency
    form = {"kind": "monthly_changes", "period_from": "2026-08-01", "period_to": "2026-08-31"}
    r = client.post(reports_of(agency), data=form, files={"file": (name, content)}, headers=officer)
    assert_problem(r, 422, "validation_error", "file")


def test_bad_figures_in_a_form_name_the_field(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    agency = make.agency().id
    assert agency
    form = {
        "kind": "monthly_changes",
        "period_from": "2026-08-01",
        "period_to": "2026-08-31",
        "figures": "{not json",
    }
    r = client.post(reports_of(agency), data=form, headers=officer)
    assert_problem(r, 422, "validation_error", "figures")


def test_an_enterprise_that_files_nothing_does_not_look_safe(
    client: TestClient, make: Factory, officer: dict[str, str]
) -> None:
    diligent, silent = make.agency().id, make.agency().id
    assert diligent and silent
    now = today()
    due = [
        p
        for year in (now.year - 1, now.year)
        for p in rules.periods_of(year)
        if now - timedelta(days=365) < p.due_on < now
    ]
    for period in due:  # each on its due day, in the morning
        day = period.due_on
        _file(client, officer, diligent, period, _vn(day.year, day.month, day.day, 9))

    def compliance(agency: int) -> dict[str, Any]:
        r = client.get(f"/api/v1/agencies/{agency}/compliance", headers=officer)
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]

    good, bad = compliance(diligent), compliance(silent)
    assert bad["reporting"]["due"] == good["reporting"]["due"] > 0
    assert bad["reporting"]["on_time_rate"] == 0 and bad["reporting"]["missing"] > 0
    assert good["reporting"]["missing"] == 0 and good["reporting"]["late"] == 0
    factor = {f["name"]: f for f in bad["risk_factors"]}["reports_not_on_time"]
    assert factor["value"] == 1 and factor["score"] == factor["weight"]
    assert {f["name"]: f for f in good["risk_factors"]}["reports_not_on_time"]["value"] == 0
    assert bad["risk_score"] > good["risk_score"]
    assert sum(f["weight"] for f in good["risk_factors"]) == 100
    ranked = client.get("/api/v1/inspections/priorities", headers=officer).json()["items"]
    order = [p["agency_id"] for p in ranked]
    assert order.index(silent) < order.index(diligent)


def test_filing_status_rules() -> None:
    november = rules.monthly(2026, 11)
    at = datetime(2026, 12, 20, 16, 59, tzinfo=LOCAL_ZONE)
    assert rules.status(november, at, date(2027, 1, 1)) == DutyStatus.submitted
    assert rules.status(november, None, date(2026, 12, 20)) == DutyStatus.upcoming
    assert rules.period_for(ReportKind.annual, date(2025, 12, 15), date(2026, 12, 14))
    assert rules.period_for(ReportKind.annual, date(2026, 1, 1), date(2026, 12, 31)) is None


def test_a_multipart_filing_replayed_with_its_key_is_filed_once(
    client: TestClient, make: Factory, session: Session
) -> None:
    account = make.user(Role.agency)
    assert account.agency_id is not None
    path = reports_of(account.agency_id)
    headers = make.headers_for(account) | {"Idempotency-Key": "bao-cao-thang-6"}
    form = {"kind": "monthly_changes", "period_from": "2026-06-01", "period_to": "2026-06-30"}

    def send(content: bytes) -> Any:
        upload = {"file": ("bao-cao.pdf", content, "application/pdf")}
        return client.post(path, data=form, files=upload, headers=headers)

    first = send(PDF)
    assert first.status_code == 201, first.text
    again = send(PDF)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert_problem(send(PDF + b"%"), 422, "idempotency_key_reused", "Idempotency-Key")
    rows = session.exec(
        select(AgencyReport).where(AgencyReport.agency_id == account.agency_id)
    ).all()
    assert len(rows) == 1
