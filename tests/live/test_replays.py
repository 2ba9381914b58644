"""`Idempotency-Key` on every create route, against the running server: a retry answers with
the first response (`Idempotent-Replayed: true`) and writes nothing; the same key with another
body is 422 `idempotency_key_reused`."""

import calendar
import csv
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.live.conftest import Live
from tests.live.support import PLACEMENTS, new_workers, placements_of, problem_code, read_all

# Routes declared with IdempotencyDep (the routers); test_every_idempotent_route_is_covered
# fails when a router gains one this list does not name.
IDEMPOTENT_ROUTES = {
    ("POST", "/api/v1/placements"),
    ("POST", "/api/v1/placements/batch"),
    ("POST", "/api/v1/placements/import"),
    ("POST", "/api/v1/placements/assign-commune"),
    ("POST", "/api/v1/users"),
    ("POST", "/api/v1/targets"),
    ("POST", "/api/v1/inspections"),
    ("POST", "/api/v1/inspections/{inspection_id}/violations"),
    ("POST", "/api/v1/markets"),
    ("POST", "/api/v1/markets/{code}/records"),
    ("POST", "/api/v1/agencies"),
    ("POST", "/api/v1/areas"),
    ("POST", "/api/v1/rules/working-days"),
    ("POST", "/api/v1/rules/fee-caps"),
    ("POST", "/api/v1/rules/deposit-caps"),
    ("POST", "/api/v1/rules/violation-types"),
    ("POST", "/api/v1/agencies/{agency_id}/reports"),
    ("POST", "/api/v1/rules/sanction-powers"),
    ("POST", "/api/v1/inspections/{inspection_id}/files"),
    ("POST", "/api/v1/complaints"),
    ("POST", "/api/v1/complaints/{complaint_id}/inspection"),
    ("POST", "/api/v1/recruitment-notices"),
}

_serial = itertools.count(1)


def serial() -> int:
    return next(_serial)


@dataclass
class Family:
    """One create route: how to send the request (variant 0) or another body under the same
    key (variant 1), and how many of the rows variant 0 creates are stored."""

    login: str
    fresh_status: int
    send: Callable[[httpx.Client, dict[str, str], int], httpx.Response]
    stored: Callable[[httpx.Client], int]
    rows: int = 1


def _json(path: str, bodies: tuple[dict[str, Any], dict[str, Any]]) -> Any:
    def send(client: httpx.Client, headers: dict[str, str], variant: int) -> httpx.Response:
        return client.post(path, json=bodies[variant], headers=headers)

    return send


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return ";".join(value) if isinstance(value, list) else value


def _csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    fields = [k for k in rows[0] if k != "worker"] + list(rows[0]["worker"])
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        flat = {k: v for k, v in row.items() if k != "worker"} | row["worker"]
        writer.writerow({k: _cell(v) for k, v in flat.items()})
    return out.getvalue().encode()


def placement_officer(live: Live, agencies: dict[int, int]) -> Family:
    workers = new_workers()
    n = serial()
    bodies = (
        workers.placement(0, f"LIVE-OFF-{n}", agency_id=agencies[1]),
        workers.placement(1, f"LIVE-OFF-{n}-B", agency_id=agencies[1]),
    )
    officer = live.auth("officer")
    return Family(
        "officer",
        201,
        _json(PLACEMENTS, bodies),
        lambda c: len(placements_of(c, officer, workers)),
    )


def placement_agency(live: Live, agencies: dict[int, int]) -> Family:
    workers = new_workers()
    n = serial()
    bodies = (workers.placement(0, f"LIVE-AG-{n}"), workers.placement(1, f"LIVE-AG-{n}-B"))
    officer = live.auth("officer")
    return Family(
        "agency1", 201, _json(PLACEMENTS, bodies), lambda c: len(placements_of(c, officer, workers))
    )


def placement_batch(live: Live, agencies: dict[int, int]) -> Family:
    workers = new_workers()
    n = serial()
    items = [workers.placement(i, f"LIVE-B-{n}-{i}") for i in range(3)]
    other = [*items[:2], workers.placement(3, f"LIVE-B-{n}-3")]
    officer = live.auth("officer")
    return Family(
        "agency1",
        200,
        _json(PLACEMENTS + "/batch", ({"items": items}, {"items": other})),
        lambda c: len(placements_of(c, officer, workers)),
        rows=3,
    )


def placement_import(live: Live, agencies: dict[int, int]) -> Family:
    workers = new_workers()
    n = serial()
    files = (
        _csv([workers.placement(i, f"LIVE-I-{n}-{i}") for i in range(2)]),
        _csv([workers.placement(i, f"LIVE-I-{n}-{i}") for i in (0, 2)]),
    )
    officer = live.auth("officer")

    def send(client: httpx.Client, headers: dict[str, str], variant: int) -> httpx.Response:
        upload = {"file": ("placements.csv", files[variant], "text/csv")}
        return client.post(PLACEMENTS + "/import", files=upload, headers=headers)

    return Family("agency1", 200, send, lambda c: len(placements_of(c, officer, workers)), rows=2)


def commune_assignment(live: Live, agencies: dict[int, int]) -> Family:
    """Records registered at a former district, given one of its communes; the other body
    names another commune."""
    workers = new_workers()
    n = serial()
    home = {"home_area_code": "506"}
    items = [
        workers.placement(i, f"LIVE-AC-{n}-{i}", worker=workers.worker(i) | home) for i in range(2)
    ]
    officer = live.auth("officer")
    with live.client() as c:
        r = c.post(PLACEMENTS + "/batch", json={"items": items}, headers=live.auth("agency1"))
        assert r.status_code == 200, r.text
    wanted = {"q": workers.prefix, "unallocated": True}
    bodies = (
        {"home_area_code": "20506", "filter": wanted},
        {"home_area_code": "20509", "filter": wanted},
    )

    def stored(c: httpx.Client) -> int:
        rows = placements_of(c, officer, workers)
        return sum(1 for p in rows if p["worker"]["home_area_code"] == "20506")

    return Family("officer", 200, _json(PLACEMENTS + "/assign-commune", bodies), stored, rows=2)


def user(live: Live, agencies: dict[int, int]) -> Family:
    name = f"live-user-{serial()}"
    bodies = (
        {"username": name, "full_name": "Người thử", "role": "viewer", "password": "x" * 12},
        {"username": name, "full_name": "Người khác", "role": "viewer", "password": "y" * 12},
    )
    admin = live.auth("admin")

    def stored(c: httpx.Client) -> int:
        users = read_all(c, "/api/v1/users", admin, role="viewer")
        return sum(1 for u in users if u["username"] == name)

    return Family("admin", 201, _json("/api/v1/users", bodies), stored)


def target(live: Live, agencies: dict[int, int]) -> Family:
    year = 2040 + serial()
    body = {"name": "Chỉ tiêu thử", "area_code": "506", "year_from": year, "year_to": year}
    bodies = (body | {"value": 10}, body | {"value": 11})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        return len(read_all(c, "/api/v1/targets", officer, area_code="506", year=year))

    return Family("officer", 201, _json("/api/v1/targets", bodies), stored)


def inspection(live: Live, agencies: dict[int, int]) -> Family:
    decision = f"LIVE-{serial()}/QĐ-TTr"
    body = {"agency_id": agencies[2], "kind": "unscheduled", "decision_no": decision}
    bodies = (body, body | {"kind": "complaint"})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/inspections", officer, agency_id=agencies[2])
        return sum(1 for i in rows if i["decision_no"] == decision)

    return Family("inspector", 201, _json("/api/v1/inspections", bodies), stored)


def started_inspection(live: Live, agency_id: int) -> int:
    """An inspection in progress (findings may be recorded)."""
    headers = live.auth("inspector")
    with live.client() as c:
        r = c.post(
            "/api/v1/inspections",
            json={"agency_id": agency_id, "kind": "scheduled", "decision_no": "LIVE-V/QĐ"},
            headers=headers,
        )
        assert r.status_code == 201, r.text
        inspection_id = int(r.json()["id"])
        r = c.post(
            f"/api/v1/inspections/{inspection_id}/transitions",
            json={"status": "in_progress", "on": "2025-01-06"},
            headers=headers,
        )
        assert r.status_code == 200, r.text
    return inspection_id


def violation(live: Live, agencies: dict[int, int]) -> Family:
    inspection_id = started_inspection(live, agencies[2])
    body = {"category": "fee_above_cap", "description": "Thu phí vượt trần (thử)"}
    bodies = (body, body | {"fine_vnd": 1000})
    inspector = live.auth("inspector")

    def stored(c: httpx.Client) -> int:
        r = c.get(f"/api/v1/inspections/{inspection_id}", headers=inspector)
        assert r.status_code == 200, r.text
        return len(r.json()["violations"])

    path = f"/api/v1/inspections/{inspection_id}/violations"
    return Family("inspector", 201, _json(path, bodies), stored)


def _unused_market_code(live: Live) -> str:
    with live.client() as c:
        for first, second in itertools.product("XQ", "ABCDEFGHIJLMNOPRSTUVWYZ"):
            code = first + second
            if c.get(f"/api/v1/markets/{code}", headers=live.auth("officer")).status_code == 404:
                return code
    raise AssertionError("no unused market code left")


def working_day(live: Live, agencies: dict[int, int]) -> Family:
    """A swapped day; the other body says the opposite of the same day."""
    day = f"2031-01-{serial() % 28 + 1:02d}"
    body = {"day": day, "working": True, "note": "Làm bù (ví dụ)", "source": "Ví dụ tổng hợp"}
    bodies = (body, body | {"working": False})
    admin = live.auth("admin")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/rules/working-days", admin)
        return sum(1 for d in rows if d["day"] == day)

    return Family("admin", 201, _json("/api/v1/rules/working-days", bodies), stored)


def cap_rule(kind: str, cap: dict[str, Any]) -> Callable[[Live, dict[int, int]], Family]:
    def family(live: Live, agencies: dict[int, int]) -> Family:
        """A cap row of a year of its own; the other body names the next year."""
        year = 2100 + serial()
        body = {"market_code": "*", "channel": "outbound_investor", "source": "Ví dụ tổng hợp",
                "valid_from": f"{year}-01-01", "valid_to": f"{year}-12-31"} | cap  # fmt: skip
        bodies = (body, body | {"valid_from": f"{year + 500}-01-01", "valid_to": None})
        admin = live.auth("admin")
        path = f"/api/v1/rules/{kind}"

        def stored(c: httpx.Client) -> int:
            rows = read_all(c, path, admin)
            return sum(1 for r in rows if r["valid_from"] == body["valid_from"])

        return Family("admin", 201, _json(path, bodies), stored)

    return family


def violation_type(live: Live, agencies: dict[int, int]) -> Family:
    """An act a new text sanctions; the other body gives it another fine."""
    code = f"live-{serial()}"
    body = {"code": code, "article": "53", "clause": "9", "applies_to": "any",
            "title_vi": "Hành vi thử nghiệm (ví dụ)", "fine_max_vnd": 1_000_000,
            "fine_basis": "individual", "valid_from": "2027-01-01",
            "source": "Văn bản thử nghiệm (ví dụ)"}  # fmt: skip
    bodies = (body, body | {"fine_max_vnd": 2_000_000})
    admin = live.auth("admin")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/rules/violation-types", admin)
        return sum(1 for r in rows if r["code"] == code)

    return Family("admin", 201, _json("/api/v1/rules/violation-types", bodies), stored)


def inspection_file(live: Live, agencies: dict[int, int]) -> Family:
    """A scan attached to an inspection in progress; the other upload is another scan."""
    inspection_id = started_inspection(live, agencies[1])
    scans = (b"%PDF-1.4\n% synthetic record A\n", b"%PDF-1.4\n% synthetic record B\n")
    path = f"/api/v1/inspections/{inspection_id}"
    inspector = live.auth("inspector")

    def send(client: httpx.Client, headers: dict[str, str], variant: int) -> httpx.Response:
        upload = {"file": ("bien-ban.pdf", scans[variant], "application/pdf")}
        return client.post(f"{path}/files", data={"kind": "check_record"}, files=upload,
                           headers=headers)  # fmt: skip

    def stored(c: httpx.Client) -> int:
        r = c.get(path, headers=inspector)
        assert r.status_code == 200, r.text
        return len(r.json()["files"])

    return Family("inspector", 201, send, stored)


def sanction_power(live: Live, agencies: dict[int, int]) -> Family:
    """A power a new text gives; the other body gives it another cap."""
    code = f"live-power-{serial()}"
    body = {"code": code, "authority_vi": "Chức danh thử nghiệm (ví dụ)", "article": "99",
            "max_fine_vnd": 1_000_000, "valid_from": "2027-01-01",
            "source": "Văn bản thử nghiệm (ví dụ)"}  # fmt: skip
    bodies = (body, body | {"max_fine_vnd": 2_000_000})
    admin = live.auth("admin")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/rules/sanction-powers", admin)
        return sum(1 for r in rows if r["code"] == code)

    return Family("admin", 201, _json("/api/v1/rules/sanction-powers", bodies), stored)


def market(live: Live, agencies: dict[int, int]) -> Family:
    code = _unused_market_code(live)
    body = {"code": code, "name_vi": "Thị trường thử", "name_en": "Test market"}
    bodies = (body, body | {"tier": "potential"})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        return sum(1 for m in read_all(c, "/api/v1/markets", officer) if m["code"] == code)

    return Family("officer", 201, _json("/api/v1/markets", bodies), stored)


def market_record(live: Live, agencies: dict[int, int]) -> Family:
    title = f"Nhu cầu tuyển dụng thử {serial()}"
    body = {"kind": "demand", "title": title, "effective_on": "2025-02-01", "value": "40"}
    bodies = (body, body | {"value": "41"})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/markets/KR/records", officer, kind="demand")
        return sum(1 for r in rows if r["title"] == title)

    return Family("officer", 201, _json("/api/v1/markets/KR/records", bodies), stored)


def agency(live: Live, agencies: dict[int, int]) -> Family:
    licence = f"LIVE-{serial()}/LĐTBXH-GP"
    body = {"licence_no": licence, "name": "Công ty thử", "tax_code": "0312345678"}
    bodies = (body, body | {"name": "Công ty thử khác"})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/agencies", officer, q=licence)
        return sum(1 for a in rows if a["licence_no"] == licence)

    return Family("officer", 201, _json("/api/v1/agencies", bodies), stored)


def area(live: Live, agencies: dict[int, int]) -> Family:
    code = f"99{serial():03d}"
    body = {"code": code, "name": "Xã Thử", "level": "commune", "parent_code": "506"}
    bodies = (body, body | {"name": "Xã Thử Khác"})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/areas", officer, parent_code="506")
        return sum(1 for a in rows if a["code"] == code)

    return Family("admin", 201, _json("/api/v1/areas", bodies), stored)


def agency_report(live: Live, agencies: dict[int, int]) -> Family:
    """A month's changes with a signed scan (multipart), for a month of its own; the other
    upload carries another file."""
    # A month of the 2000s per number: long ended however many numbers the session has drawn
    # (a year per number reached a month not yet ended as families were added).
    year, month = divmod(24000 + serial(), 12)
    period = f"{year}-{month + 1:02d}"
    last = calendar.monthrange(year, month + 1)[1]
    form = {"kind": "monthly_changes", "period_from": f"{period}-01",
            "period_to": f"{period}-{last}", "figures": '{"departed": 2}'}  # fmt: skip
    scans = (b"%PDF-1.4\n% synthetic scan A\n", b"%PDF-1.4\n% synthetic scan B\n")
    path = f"/api/v1/agencies/{agencies[1]}/reports"
    officer = live.auth("officer")

    def send(client: httpx.Client, headers: dict[str, str], variant: int) -> httpx.Response:
        upload = {"file": ("bao-cao.pdf", scans[variant], "application/pdf")}
        return client.post(path, data=form, files=upload, headers=headers)

    def stored(c: httpx.Client) -> int:
        r = c.get(path, params={"period_from": form["period_from"]}, headers=officer)
        assert r.status_code == 200, r.text
        return len(r.json()["items"])

    return Family("agency1", 201, send, stored)


COMPLAINTS = "/api/v1/complaints"


def _complaint_body(agency_id: int, summary: str) -> dict[str, Any]:
    return {
        "agency_id": agency_id,
        "received_on": "2026-01-05",
        "source": "family",
        "category": "fees",
        "summary": summary,
        "complainant_name": "Người phản ánh (ví dụ)",
        "complainant_phone": "0905000001",
    }


def complaint(live: Live, agencies: dict[int, int]) -> Family:
    """A complaint about an enterprise; the other body has another category."""
    summary = f"Thu phí vượt hợp đồng (ví dụ) {serial()}"
    body = _complaint_body(agencies[2], summary)
    bodies = (body, body | {"category": "contract"})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, COMPLAINTS, officer, agency_id=agencies[2])
        return sum(1 for r in rows if r["summary"] == summary)

    return Family("inspector", 201, _json(COMPLAINTS, bodies), stored)


def complaint_inspection(live: Live, agencies: dict[int, int]) -> Family:
    """An inspection started from a complaint; the other body names another decision."""
    n = serial()
    with live.client() as c:
        r = c.post(
            COMPLAINTS,
            json=_complaint_body(agencies[2], f"Giữ hộ chiếu (ví dụ) {n}"),
            headers=live.auth("officer"),
        )
        assert r.status_code == 201, r.text
        complaint_id = r.json()["id"]
    decision = f"LIVE-C-{n}/QĐ-TTr"
    bodies = ({"decision_no": decision}, {"decision_no": decision + "-B"})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/inspections", officer, agency_id=agencies[2], kind="complaint")
        return sum(1 for i in rows if i["decision_no"] in (decision, decision + "-B"))

    path = f"{COMPLAINTS}/{complaint_id}/inspection"
    return Family("officer", 201, _json(path, bodies), stored)


def recruitment_notice(live: Live, agencies: dict[int, int]) -> Family:
    """An enterprise's notice under a contract number of its own; the other body asks for
    another quota."""
    contract = f"LIVE-{serial()}/HĐCU"
    body = {"market_code": "JP", "occupation": "Chế biến thực phẩm", "quota": 20,
            "approved_contract_no": contract, "period_from": "2026-01-01",
            "period_to": "2030-12-31", "area_codes": ["20500"]}  # fmt: skip
    bodies = (body, body | {"quota": 21})
    officer = live.auth("officer")

    def stored(c: httpx.Client) -> int:
        rows = read_all(c, "/api/v1/recruitment-notices", officer, q=contract)
        return sum(1 for r in rows if r["approved_contract_no"] == contract)

    return Family("agency1", 201, _json("/api/v1/recruitment-notices", bodies), stored)


FAMILIES: dict[str, Callable[[Live, dict[int, int]], Family]] = {
    "placement-by-officer": placement_officer,
    "placement-by-agency": placement_agency,
    "placement-batch": placement_batch,
    "placement-import": placement_import,
    "commune-assignment": commune_assignment,
    "user": user,
    "target": target,
    "inspection": inspection,
    "violation": violation,
    "market": market,
    "market-record": market_record,
    "agency": agency,
    "area": area,
    "working-day": working_day,
    "fee-cap": cap_rule("fee-caps", {"cap_months_per_12": "1", "cap_months_max": "2"}),
    "violation-type": violation_type,
    "deposit-cap": cap_rule("deposit-caps", {"market_code": "KR", "cap_vnd": 1000}),
    "agency-report": agency_report,
    "sanction-power": sanction_power,
    "inspection-file": inspection_file,
    "complaint": complaint,
    "complaint-inspection": complaint_inspection,
    "recruitment-notice": recruitment_notice,
}


def test_every_idempotent_route_is_covered() -> None:
    from overseas.main import create_app

    document = create_app().openapi()
    routes = {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    }
    assert routes == IDEMPOTENT_ROUTES


@pytest.mark.parametrize("family", FAMILIES)
def test_replay_answers_the_first_response_and_writes_once(
    live: Live, demo_agencies: dict[int, int], family: str
) -> None:
    spec = FAMILIES[family](live, demo_agencies)
    key = f"replay-{family}-{serial()}"
    headers = live.auth(spec.login, **{"Idempotency-Key": key})
    with live.client() as client:
        first = spec.send(client, headers, 0)
        assert first.status_code == spec.fresh_status, first.text
        assert "idempotent-replayed" not in first.headers
        assert spec.stored(client) == spec.rows

        again = spec.send(client, headers, 0)
        assert again.status_code == first.status_code, again.text
        assert again.headers.get("idempotent-replayed") == "true"
        assert again.json() == first.json()
        for header in ("location", "etag"):
            assert again.headers.get(header) == first.headers.get(header)
        assert spec.stored(client) == spec.rows

        other = spec.send(client, headers, 1)
        assert other.status_code == 422, other.text
        assert problem_code(other) == "idempotency_key_reused"
        assert spec.stored(client) == spec.rows


def test_a_complaint_is_triaged_and_leads_to_an_inspection_over_http(
    live: Live, demo_agencies: dict[int, int]
) -> None:
    """The complaint's other writes against the running server: a PATCH with If-Match (a stale
    one is 412 and changes nothing), an inspection started from it, and its resolution; an
    enterprise's account is refused throughout."""
    officer, inspector = live.auth("officer"), live.auth("inspector")
    with live.client() as c:
        r = c.post(
            COMPLAINTS,
            json=_complaint_body(demo_agencies[1], f"Nợ lương (ví dụ) {serial()}"),
            headers=officer,
        )
        assert r.status_code == 201, r.text
        made = r.json()
        one = f"{COMPLAINTS}/{made['id']}"
        r = c.patch(one, json={"category": "wages"}, headers=inspector | {"If-Match": '"1"'})
        assert r.status_code == 200, r.text
        assert r.headers["etag"] == '"2"'
        r = c.patch(one, json={"category": "other"}, headers=officer | {"If-Match": '"1"'})
        assert r.status_code == 412, r.text
        assert problem_code(r) == "precondition_failed"

        r = c.post(f"{one}/inspection", json={"lead_inspector": "Thanh tra viên (mẫu)"},
                   headers=inspector)  # fmt: skip
        assert r.status_code == 201, r.text
        inspection = c.get(r.headers["location"], headers=officer).json()
        assert inspection["kind"] == "complaint"
        assert inspection["agency_id"] == demo_agencies[1]
        linked = c.get(one, headers=officer).json()
        assert linked["status"] == "investigating"
        assert linked["inspection_id"] == inspection["id"]

        for body in ({}, {"status": "resolved"}):
            r = c.patch(one, json=body | {"status": "resolved"},
                        headers=officer | {"If-Match": f'"{linked["version"]}"'})  # fmt: skip
            assert r.status_code == 422 and problem_code(r) == "validation_error", r.text
        r = c.patch(one, json={"status": "resolved", "substantiated": True},
                    headers=officer | {"If-Match": f'"{linked["version"]}"'})  # fmt: skip
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "resolved"

        agency = live.auth("agency1")
        assert c.get(one, headers=agency).status_code == 403
        assert c.get(COMPLAINTS, headers=agency).status_code == 403
