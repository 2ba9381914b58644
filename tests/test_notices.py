"""Recruitment notices (docs/notices.md): an enterprise files its own, an officer acknowledges
or rejects it, the public list shows the acknowledged ones in force by commune, placements name
their notice, and those past its quota carry `over_quota`."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session, col, select

from overseas.agencies.models import AgencyStatus
from overseas.core.db import today
from overseas.core.principal import Role
from overseas.notices.models import RecruitmentNoticeArea
from overseas.placements import quota
from overseas.placements.models import Placement
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

NOTICES = "/api/v1/recruitment-notices"
PUBLIC = "/api/v1/public/recruitment-notices"
PLACEMENTS = "/api/v1/placements"
# Xã Đại Lộc (from 2025-07-01), formed from Thị trấn Ái Nghĩa (20500), Xã Đại Nghĩa (20521) and
# others of the former district Đại Lộc (506); Xã Thượng Đức (20506) is its neighbour.
DAI_LOC, DAI_NGHIA_BEFORE, THUONG_DUC, DISTRICT_BEFORE, CITY = (
    "20500",
    "20521",
    "20506",
    "506",
    "48",
)


def body(**overrides: Any) -> dict[str, Any]:
    """A notice an enterprise files, in force from a month ago for most of a year."""
    values: dict[str, Any] = {
        "market_code": "JP",
        "occupation": "Chế biến thực phẩm",
        "quota": 3,
        "approved_contract_no": "HĐ-0001/2026/SYN",
        "period_from": (today() - timedelta(days=30)).isoformat(),
        "period_to": (today() + timedelta(days=300)).isoformat(),
        "area_codes": [DAI_LOC],
    }
    return values | overrides


class Enterprise:
    """An enterprise's account: its id and its headers."""

    def __init__(self, make: Factory) -> None:
        user = make.user(Role.agency)
        assert user.agency_id is not None
        self.id: int = user.agency_id
        self.headers = make.headers_for(user)


@pytest.fixture
def ent(make: Factory) -> Enterprise:
    return Enterprise(make)


def file(client: TestClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    r = client.post(NOTICES, json=body(**overrides), headers=headers)
    assert r.status_code == 201, r.text
    made: dict[str, Any] = r.json()
    return made


def patch(
    client: TestClient, headers: dict[str, str], notice: dict[str, Any], **changes: Any
) -> Any:
    return client.patch(
        f"{NOTICES}/{notice['id']}",
        json=changes,
        headers=headers | {"If-Match": f'"{notice["version"]}"'},
    )


def acknowledged(
    client: TestClient, ent: Enterprise, officer: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    made = file(client, ent.headers, **overrides)
    r = patch(client, officer, made, status="acknowledged")
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


# ---------------------------------------------------------------------------------- filing


def test_an_enterprise_files_its_own_notice_and_an_officer_acknowledges_it(
    client: TestClient, ent: Enterprise, officer: dict[str, str], agency_id: int
) -> None:
    r = client.post(NOTICES, json=body(agency_id=agency_id), headers=ent.headers)
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["agency_id"] == ent.id  # its own, whatever it sent
    assert made["status"] == "submitted"
    assert made["area_codes"] == [DAI_LOC]
    assert made["acknowledged_on"] is None and made["decided_by"] is None
    assert r.headers["location"] == f"{NOTICES}/{made['id']}"
    assert r.headers["etag"] == '"1"'

    r = patch(client, officer, made, status="acknowledged")
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "acknowledged"
    assert done["acknowledged_on"] == today().isoformat()
    assert done["decided_by"]
    assert r.headers["etag"] == f'"{done["version"]}"'
    got = client.get(f"{NOTICES}/{made['id']}", headers=ent.headers)
    assert got.status_code == 200 and got.json()["status"] == "acknowledged"


def test_an_officer_files_for_an_enterprise_it_names(
    client: TestClient, officer: dict[str, str], agency_id: int, make: Factory
) -> None:
    r = client.post(NOTICES, json=body(), headers=officer)
    assert_problem(r, 422, "validation_error", "agency_id")
    made = file(client, officer, agency_id=agency_id)
    assert made["agency_id"] == agency_id
    suspended = make.agency(status=AgencyStatus.suspended)
    r = client.post(NOTICES, json=body(agency_id=suspended.id), headers=officer)
    assert_problem(r, 422, "validation_error", "agency_id")


def test_who_may_do_what(client: TestClient, ent: Enterprise, make: Factory) -> None:
    viewer = make.headers(Role.viewer)
    inspector = make.headers(Role.inspector)
    assert client.post(NOTICES, json=body(), headers=viewer).status_code == 403
    made = file(client, ent.headers)
    # Only the department acknowledges or rejects; staff read every notice.
    assert_problem(patch(client, ent.headers, made, status="acknowledged"), 403, "forbidden")
    assert_problem(patch(client, inspector, made, status="acknowledged"), 403, "forbidden")
    for headers in (viewer, inspector):
        assert client.get(f"{NOTICES}/{made['id']}", headers=headers).status_code == 200
    assert client.get(NOTICES).status_code == 401


def test_another_enterprises_notice_is_not_found(
    client: TestClient, ent: Enterprise, make: Factory
) -> None:
    other = Enterprise(make)
    theirs = file(client, other.headers, occupation="Xây dựng")
    mine = file(client, ent.headers)
    url = f"{NOTICES}/{theirs['id']}"
    missing = f"{NOTICES}/987654"
    for r in (
        client.get(url, headers=ent.headers),
        patch(client, ent.headers, theirs, status="withdrawn"),
    ):
        problem = assert_problem(r, 404, "not_found")
        assert (
            problem["title"]
            == assert_problem(client.get(missing, headers=ent.headers), 404, "not_found")["title"]
        )
    listed = client.get(NOTICES, headers=ent.headers).json()["items"]
    assert [n["id"] for n in listed] == [mine["id"]]
    assert client.get(url, headers=other.headers).json()["status"] == "submitted"


# ---------------------------------------------------------------------------------- lifecycle


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["rejected"], ["acknowledged", "withdrawn", "submitted"]),
        (["withdrawn"], ["acknowledged", "rejected", "submitted"]),
        (["acknowledged", "withdrawn"], ["acknowledged", "rejected", "submitted"]),
        (["acknowledged"], ["rejected", "submitted"]),
    ],
)
def test_a_notice_moves_only_as_the_rules_say(
    client: TestClient,
    ent: Enterprise,
    officer: dict[str, str],
    path: list[str],
    refused: list[str],
) -> None:
    notice = file(client, ent.headers)
    for status in path:
        extra = {"rejection_reason": "Hợp đồng cung ứng chưa được chấp thuận"}
        who = ent.headers if status == "withdrawn" else officer
        r = patch(client, who, notice, status=status, **(extra if status == "rejected" else {}))
        assert r.status_code == 200, r.text
        notice = r.json()
    for status in refused:
        extra = {"rejection_reason": "Lý do"} if status == "rejected" else {}
        r = patch(client, officer, notice, status=status, **extra)
        assert_problem(r, 409, "invalid_transition")


def test_a_rejection_needs_its_reason(
    client: TestClient, ent: Enterprise, officer: dict[str, str]
) -> None:
    notice = file(client, ent.headers)
    assert_problem(
        patch(client, officer, notice, status="rejected"),
        422,
        "validation_error",
        "rejection_reason",
    )
    r = patch(client, officer, notice, status="rejected", rejection_reason="   ")
    assert_problem(r, 422, "validation_error", "rejection_reason")
    r = patch(client, officer, notice, rejection_reason="Không phải lúc từ chối")
    assert_problem(r, 422, "validation_error", "rejection_reason")
    r = patch(client, officer, notice, status="rejected", rejection_reason="Thiếu hợp đồng")
    assert r.status_code == 200, r.text
    assert r.json()["rejection_reason"] == "Thiếu hợp đồng"
    assert r.json()["decided_by"]
    assert r.json()["acknowledged_on"] is None


def test_an_enterprise_edits_its_notice_until_the_department_answers(
    client: TestClient, ent: Enterprise, officer: dict[str, str]
) -> None:
    notice = file(client, ent.headers)
    r = patch(client, ent.headers, notice, quota=5, area_codes=[DAI_LOC, THUONG_DUC])
    assert r.status_code == 200, r.text
    notice = r.json()
    assert notice["quota"] == 5 and notice["area_codes"] == [DAI_LOC, THUONG_DUC]
    notice = patch(client, officer, notice, status="acknowledged").json()
    assert_problem(patch(client, ent.headers, notice, quota=6), 409, "notice_not_editable")
    # An officer corrects an acknowledged notice; the enterprise still withdraws it.
    notice = patch(client, officer, notice, quota=8).json()
    assert notice["quota"] == 8
    notice = patch(client, ent.headers, notice, status="withdrawn").json()
    assert notice["status"] == "withdrawn"
    assert_problem(patch(client, officer, notice, quota=9), 409, "notice_not_editable")


def test_an_edit_from_a_stale_version_is_412_and_changes_nothing(
    client: TestClient, ent: Enterprise
) -> None:
    notice = file(client, ent.headers)
    assert patch(client, ent.headers, notice, quota=4).status_code == 200
    r = patch(client, ent.headers, notice, quota=7)  # still version 1
    assert_problem(r, 412, "precondition_failed")
    assert client.get(f"{NOTICES}/{notice['id']}", headers=ent.headers).json()["quota"] == 4


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"market_code": "QQ"}, "market_code"),
        ({"market_code": "japan"}, "market_code"),
        ({"quota": 0}, "quota"),
        ({"quota": 100_001}, "quota"),
        ({"period_from": "2026-05-01", "period_to": "2026-04-30"}, "period_to"),
        ({"area_codes": []}, "area_codes"),
        ({"area_codes": ["99999"]}, "area_codes"),
        # A former district, the former province: name communes, or the city itself.
        ({"area_codes": [DISTRICT_BEFORE]}, "area_codes"),
        ({"area_codes": ["49"]}, "area_codes"),
        # A commune that ended on 2025-06-30, for a notice of later days.
        ({"area_codes": [DAI_LOC, DAI_NGHIA_BEFORE]}, "area_codes"),
        ({"occupation": "  "}, "occupation"),
        ({"approved_contract_no": ""}, "approved_contract_no"),
    ],
)
def test_a_bad_field_is_422_naming_it(
    client: TestClient, ent: Enterprise, overrides: dict[str, Any], field: str
) -> None:
    r = client.post(NOTICES, json=body(**overrides), headers=ent.headers)
    problem = assert_problem(r, 422, "validation_error")
    assert any(e["field"].split(".")[0] == field for e in problem["errors"]), problem


def test_a_change_is_checked_like_a_new_notice(client: TestClient, ent: Enterprise) -> None:
    notice = file(client, ent.headers)
    r = patch(client, ent.headers, notice, period_to="2020-01-01")
    assert_problem(r, 422, "validation_error", "period_to")
    r = patch(client, ent.headers, notice, area_codes=[DISTRICT_BEFORE])
    assert_problem(r, 422, "validation_error", "area_codes")
    r = patch(client, ent.headers, notice, quota=None)
    assert_problem(r, 422, "validation_error", "quota")
    assert client.get(f"{NOTICES}/{notice['id']}", headers=ent.headers).json()["version"] == 1


def test_the_province_itself_and_old_communes_for_old_periods_may_be_named(
    client: TestClient, ent: Enterprise, session: Session
) -> None:
    notice = file(client, ent.headers, area_codes=[CITY, DAI_LOC])
    assert notice["area_codes"] == [CITY, DAI_LOC]
    rows = session.exec(
        select(RecruitmentNoticeArea).where(RecruitmentNoticeArea.notice_id == notice["id"])
    ).all()
    assert len(rows) == 2
    old = file(
        client,
        ent.headers,
        period_from="2025-01-01",
        period_to="2025-12-31",
        area_codes=[DAI_NGHIA_BEFORE],
    )
    assert old["area_codes"] == [DAI_NGHIA_BEFORE]


def test_the_staff_list_filters(
    client: TestClient, ent: Enterprise, officer: dict[str, str], make: Factory
) -> None:
    other = Enterprise(make)
    a = acknowledged(client, ent, officer)
    b = file(client, ent.headers, market_code="KR", occupation="Nông nghiệp")
    c = file(client, other.headers, period_from="2024-01-01", period_to="2024-12-31")

    def ids(**params: Any) -> list[int]:
        r = client.get(NOTICES, params=params, headers=officer)
        assert r.status_code == 200, r.text
        return [n["id"] for n in r.json()["items"] if n["id"] in {a["id"], b["id"], c["id"]}]

    assert ids() == [c["id"], b["id"], a["id"]]  # newest first
    assert ids(status="acknowledged") == [a["id"]]
    assert ids(agency_id=other.id) == [c["id"]]
    assert ids(market_code="kr") == [b["id"]]
    assert ids(current=False) == [c["id"]]
    assert ids(q="nông") == [b["id"]]


# ---------------------------------------------------------------------------------- public list


def test_the_public_list_shows_acknowledged_notices_in_force_by_commune(
    client: TestClient, ent: Enterprise, officer: dict[str, str], make: Factory
) -> None:
    in_dai_loc = acknowledged(client, ent, officer)
    everywhere = acknowledged(
        client, ent, officer, area_codes=[CITY], market_code="KR", occupation="Điều dưỡng"
    )
    submitted = file(client, ent.headers)
    ended = acknowledged(
        client,
        ent,
        officer,
        period_from="2025-01-01",
        period_to="2025-12-31",
        area_codes=[DAI_NGHIA_BEFORE],
    )
    withdrawn = acknowledged(client, ent, officer)
    assert patch(client, ent.headers, withdrawn, status="withdrawn").status_code == 200
    suspended_ent = Enterprise(make)
    suspended = acknowledged(client, suspended_ent, officer)
    r = client.patch(
        f"/api/v1/agencies/{suspended_ent.id}", json={"status": "suspended"}, headers=officer
    )
    assert r.status_code == 200, r.text
    ours = {
        in_dai_loc["id"],
        everywhere["id"],
        submitted["id"],
        ended["id"],
        withdrawn["id"],
        suspended["id"],
    }

    def listed(**params: Any) -> list[int]:
        r = client.get(PUBLIC, params=params)  # no login
        assert r.status_code == 200, r.text
        assert r.headers["cache-control"] == "public, max-age=300"
        return [n["id"] for n in r.json()["items"] if n["id"] in ours]

    assert listed() == [everywhere["id"], in_dai_loc["id"]]
    # The commune, a commune it was formed from, the former district that held it.
    for code in (DAI_LOC, DAI_NGHIA_BEFORE, DISTRICT_BEFORE, CITY):
        assert listed(area_code=code) == [everywhere["id"], in_dai_loc["id"]], code
    assert listed(area_code=THUONG_DUC) == [everywhere["id"]]
    assert listed(market_code="jp") == [in_dai_loc["id"]]
    assert listed(q="chế biến", area_code=DAI_LOC) == [in_dai_loc["id"]]
    assert_problem(
        client.get(PUBLIC, params={"area_code": "99999"}), 422, "validation_error", "area_code"
    )

    shown = next(
        n
        for n in client.get(PUBLIC, params={"area_code": DAI_LOC}).json()["items"]
        if n["id"] == in_dai_loc["id"]
    )
    agency = client.get(f"/api/v1/agencies/{ent.id}", headers=officer).json()
    assert shown == {
        "id": in_dai_loc["id"],
        "agency_name": agency["name"],
        "licence_no": agency["licence_no"],
        "market_code": "JP",
        "market_name": shown["market_name"],
        "occupation": "Chế biến thực phẩm",
        "quota": 3,
        "period_from": in_dai_loc["period_from"],
        "period_to": in_dai_loc["period_to"],
        "areas": [{"code": DAI_LOC, "name": "Xã Đại Lộc"}],
        "acknowledged_on": today().isoformat(),
    }
    assert shown["market_name"]


# ---------------------------------------------------------------------------------- placements


def test_a_placement_names_an_acknowledged_notice_of_its_own_enterprise(
    client: TestClient, ent: Enterprise, officer: dict[str, str], make: Factory
) -> None:
    notice = acknowledged(client, ent, officer)
    submitted = file(client, ent.headers)
    theirs = acknowledged(client, Enterprise(make), officer)
    for bad in (submitted["id"], theirs["id"], 987654):
        r = client.post(
            PLACEMENTS, json=item("N-BAD", recruitment_notice_id=bad), headers=ent.headers
        )
        assert_problem(r, 422, "validation_error", "recruitment_notice_id")
    r = client.post(
        PLACEMENTS, json=item("N-1", recruitment_notice_id=notice["id"]), headers=ent.headers
    )
    assert r.status_code == 201, r.text
    placement = r.json()
    assert placement["recruitment_notice_id"] == notice["id"]
    assert placement["flags"] == []

    # Naming another notice is judged again; a record re-sent unchanged is not, even once its
    # notice was withdrawn.
    url = f"{PLACEMENTS}/{placement['id']}"
    r = client.patch(url, json={"recruitment_notice_id": submitted["id"]}, headers=ent.headers)
    assert_problem(r, 422, "validation_error", "recruitment_notice_id")
    assert patch(client, ent.headers, notice, status="withdrawn").status_code == 200
    sent = item("N-1", recruitment_notice_id=notice["id"], notes="gửi lại")
    r = client.post(f"{PLACEMENTS}/batch", json={"items": [sent]}, headers=ent.headers)
    assert r.status_code == 200, r.text
    assert r.json()["updated"] == 1
    r = client.patch(url, json={"recruitment_notice_id": None}, headers=ent.headers)
    assert r.status_code == 200, r.text
    assert r.json()["recruitment_notice_id"] is None


def _over(session: Session, notice_id: int) -> dict[str, bool]:
    """Each placement of the notice (by external_ref) and whether it is over the quota."""
    session.expire_all()
    rows = session.exec(select(Placement).where(Placement.recruitment_notice_id == notice_id)).all()
    return {p.external_ref or "": p.over_quota for p in rows}


def test_a_notice_going_over_quota_flags_the_placements_past_it(
    client: TestClient, ent: Enterprise, officer: dict[str, str], session: Session
) -> None:
    notice = acknowledged(client, ent, officer, quota=2)
    made: dict[str, dict[str, Any]] = {}
    # Registered on the 10th, 12th and 14th; the fourth, sent last, was registered first.
    for n, (ref, day) in enumerate(
        [("Q-10", "2024-01-10"), ("Q-12", "2024-01-12"), ("Q-14", "2024-01-14")]
    ):
        sent = item(
            ref,
            recruitment_notice_id=notice["id"],
            registered_on=day,
            worker={"national_id": national_id(9100 + n)},
        )
        r = client.post(PLACEMENTS, json=sent, headers=ent.headers)
        assert r.status_code == 201, r.text
        made[ref] = r.json()
    assert made["Q-14"]["flags"] == ["over_quota"]
    assert _over(session, notice["id"]) == {"Q-10": False, "Q-12": False, "Q-14": True}

    early = item(
        "Q-08",
        recruitment_notice_id=notice["id"],
        registered_on="2024-01-08",
        worker={"national_id": national_id(9199)},
    )
    assert client.post(PLACEMENTS, json=early, headers=ent.headers).status_code == 201
    assert _over(session, notice["id"]) == {
        "Q-08": False,
        "Q-10": False,
        "Q-12": True,
        "Q-14": True,
    }
    # The flag filters the list, and shows on the placement (its version moved with it).
    flagged = client.get(PLACEMENTS, params={"flag": "over_quota"}, headers=ent.headers).json()
    assert sorted(p["external_ref"] for p in flagged["items"]) == ["Q-12", "Q-14"]
    q12 = client.get(f"{PLACEMENTS}/{made['Q-12']['id']}", headers=ent.headers).json()
    assert q12["flags"] == ["over_quota"]
    assert q12["version"] == made["Q-12"]["version"] + 1

    # A cancelled placement counts no more: the next one is within the quota again.
    r = client.post(
        f"{PLACEMENTS}/{made['Q-10']['id']}/transitions",
        json={"status": "cancelled", "on": "2024-02-01"},
        headers=ent.headers,
    )
    assert r.status_code == 200, r.text
    assert _over(session, notice["id"]) == {
        "Q-08": False,
        "Q-10": False,
        "Q-12": False,
        "Q-14": True,
    }
    # A higher quota lifts the flag, a lower one sets it again.
    current = client.get(f"{NOTICES}/{notice['id']}", headers=officer).json()
    current = patch(client, officer, current, quota=3).json()
    assert _over(session, notice["id"])["Q-14"] is False
    patch(client, officer, current, quota=1)
    assert _over(session, notice["id"]) == {
        "Q-08": False,
        "Q-10": False,
        "Q-12": True,
        "Q-14": True,
    }
    # Naming no notice any more, or being deleted, frees a place too.
    r = client.patch(
        f"{PLACEMENTS}/{made['Q-12']['id']}",
        json={"recruitment_notice_id": None},
        headers=ent.headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["flags"] == []
    assert _over(session, notice["id"]) == {"Q-08": False, "Q-10": False, "Q-14": True}
    q08 = next(p for p in session.exec(select(Placement)).all() if p.external_ref == "Q-08")
    assert client.delete(f"{PLACEMENTS}/{q08.id}", headers=officer).status_code == 204
    assert _over(session, notice["id"]) == {"Q-10": False, "Q-14": False}


def test_a_batch_naming_notices_flags_what_is_past_each_quota_in_one_grouped_query(
    client: TestClient, ent: Enterprise, officer: dict[str, str], session: Session
) -> None:
    first = acknowledged(client, ent, officer, quota=3)
    second = acknowledged(client, ent, officer, quota=1)

    def batch(tag: str, count: int, start: int) -> dict[str, Any]:
        return {
            "items": [
                item(
                    f"{tag}-{i}",
                    recruitment_notice_id=(first if i % 2 else second)["id"],
                    worker={"national_id": national_id(start + i)},
                )
                for i in range(count)
            ]
        }

    counted: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "row_number" in statement.lower():
            counted.append(statement)

    bind = session.connection()
    event.listen(bind, "before_cursor_execute", count)
    try:
        r = client.post(f"{PLACEMENTS}/batch", json=batch("B", 10, 9300), headers=ent.headers)
    finally:
        event.remove(bind, "before_cursor_execute", count)
    assert r.status_code == 200, r.text
    assert len(counted) == 1, "one grouped query counts every notice of the batch"
    assert sum(_over(session, first["id"]).values()) == 5 - 3
    assert sum(_over(session, second["id"]).values()) == 5 - 1


def test_an_import_and_export_carry_the_notice(
    client: TestClient, ent: Enterprise, officer: dict[str, str]
) -> None:
    notice = acknowledged(client, ent, officer)
    sent = item("IMP-1", recruitment_notice_id=notice["id"])
    row = {k: v for k, v in sent.items() if k != "worker"} | sent["worker"]
    row["policy_groups"] = ";".join(row["policy_groups"])
    header = ",".join(row)
    line = ",".join("" if v is None else str(v) for v in row.values())
    csv = f"{header}\n{line}\n".encode()
    r = client.post(f"{PLACEMENTS}/import", files={"file": ("p.csv", csv)}, headers=ent.headers)
    assert r.status_code == 200, r.text
    exported = client.get(f"{PLACEMENTS}/export", params={"format": "ndjson"}, headers=ent.headers)
    assert exported.status_code == 200, exported.text
    assert f'"recruitment_notice_id":{notice["id"]}' in exported.text
    template = client.get(
        f"{PLACEMENTS}/import-template", params={"format": "csv"}, headers=ent.headers
    )
    assert "ID thông báo tuyển dụng" in template.content.decode("utf-8-sig").splitlines()[0]


# ---------------------------------------------------------------------------------- risk


def test_placements_without_a_notice_are_counted_per_enterprise(
    client: TestClient, ent: Enterprise, officer: dict[str, str], session: Session, make: Factory
) -> None:
    notice = acknowledged(client, ent, officer, quota=10)
    recent = (today() - timedelta(days=20)).isoformat()
    old = (today() - timedelta(days=400)).isoformat()
    sends = [
        item("R-1", registered_on=recent, recruitment_notice_id=notice["id"]),
        item("R-2", registered_on=recent),
        item("R-3", registered_on=recent, status="registered"),
        item("R-4", registered_on=old),  # more than 12 months ago
        # A direct contract goes through no enterprise's recruitment.
        item("R-5", registered_on=recent, channel="direct_contract"),
    ]
    for n, sent in enumerate(sends):
        sent["worker"]["national_id"] = national_id(9500 + n)
        r = client.post(PLACEMENTS, json=sent, headers=ent.headers)
        assert r.status_code == 201, r.text
    other = make.agency()
    assert other.id is not None
    found = quota.without_notice(session)
    assert found[ent.id] == quota.NoticeCoverage(registered=3, without_notice=2)
    assert other.id not in found
    since = today() - timedelta(days=500)
    assert quota.without_notice(session, since)[ent.id] == quota.NoticeCoverage(4, 3)


def test_the_twelve_months_end_today() -> None:
    from datetime import date

    assert quota._twelve_months_before(date(2027, 2, 28)) == date(2026, 3, 1)
    assert quota._twelve_months_before(date(2028, 2, 29)) == date(2027, 3, 1)
    assert quota._twelve_months_before(date(2026, 11, 30)) == date(2025, 12, 1)


def test_notice_areas_follow_the_notice(
    client: TestClient, ent: Enterprise, session: Session
) -> None:
    notice = file(client, ent.headers)
    patch(client, ent.headers, notice, area_codes=[THUONG_DUC])
    area_ids = session.exec(
        select(RecruitmentNoticeArea.area_id).where(
            col(RecruitmentNoticeArea.notice_id) == notice["id"]
        )
    ).all()
    assert len(area_ids) == 1
