"""Placements as files: the CSV/XLSX import, its template, and the streamed export."""

import csv
import io
import json
import struct
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func
from sqlmodel import Session, select

from overseas.audit.models import AuditLog
from overseas.core.config import get_settings
from overseas.core.principal import Role
from overseas.placements import files
from overseas.placements.models import Placement
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"
IMPORT = f"{PLACEMENTS}/import"
EXPORT = f"{PLACEMENTS}/export"
TEMPLATE = f"{PLACEMENTS}/import-template"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The template's headers as a person sees them, by field.
VI = {
    "external_ref": "Mã hồ sơ",
    "agency_id": "Doanh nghiệp",
    "channel": "Hình thức",
    "national_id": "Số định danh cá nhân",
    "previous_national_id": "Số CMND cũ",
    "full_name": "Họ và tên",
    "date_of_birth": "Ngày sinh",
    "sex": "Giới tính",
    "home_area_code": "Mã địa bàn",
    "phone": "Số điện thoại",
    "policy_groups": "Đối tượng chính sách",
    "market_code": "Thị trường",
    "programme": "Chương trình",
    "occupation": "Ngành nghề",
    "employer_name": "Chủ sử dụng lao động",
    "contract_months": "Thời hạn hợp đồng (tháng)",
    "monthly_salary": "Lương tháng",
    "salary_currency": "Loại tiền lương",
    "service_fee_vnd": "Tiền dịch vụ (VND)",
    "deposit_vnd": "Tiền ký quỹ (VND)",
    "loan_vnd": "Tiền vay (VND)",
    "status": "Trạng thái",
    "registered_on": "Ngày đăng ký",
    "departure_date": "Ngày xuất cảnh",
    "return_date": "Ngày về nước",
    "contract_signed_on": "Ngày ký hợp đồng",
    "recruitment_notice_id": "ID thông báo tuyển dụng",
    "notes": "Ghi chú",
}
WORKER = ("national_id", "full_name", "date_of_birth", "sex", "home_area_code", "phone")


def _count(session: Session, model: type = Placement) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def _flat(sent: dict[str, Any]) -> dict[str, Any]:
    """A batch item as one spreadsheet row: worker fields beside the others."""
    row = {k: v for k, v in sent.items() if k != "worker"}
    row |= sent["worker"]
    row["policy_groups"] = ";".join(row["policy_groups"])
    return {name: row.get(name) for name in VI}


def _csv(rows: list[list[Any]], *, delimiter: str = ",", bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def _xlsx(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(
    client: TestClient,
    headers: dict[str, str],
    content: bytes,
    filename: str = "placements.csv",
    **data: str,
) -> Response:
    r: Response = client.post(
        IMPORT, headers=headers, files={"file": (filename, content)}, data=data
    )
    return r


def _list(client: TestClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    r = client.get(PLACEMENTS, headers=headers, params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def _assert_read_back(read: dict[str, Any], sent: dict[str, Any]) -> None:
    for key, value in sent.items():
        if key == "worker":
            for wkey, wvalue in value.items():
                assert read["worker"][wkey] == wvalue, (wkey, read["worker"][wkey], wvalue)
        else:
            assert read[key] == value, (key, read[key], value)


def _by_ref(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["external_ref"]: i for i in items}


def _hand_items() -> list[dict[str, Any]]:
    return [
        item(
            "HAND-1",
            worker={"national_id": national_id(11), "policy_groups": ["poor_household"]},
        ),
        item(
            "HAND-2",
            occupation="Điều dưỡng",
            market_code="DE",
            programme="other",
            monthly_salary="2500.5",
            salary_currency="EUR",
            service_fee_vnd=None,
            loan_vnd=50000000,
            worker={
                "national_id": national_id(12, sex="female", year=1998),
                "full_name": "Trần Thị Bình",
                "date_of_birth": "1998-11-23",
                "sex": "female",
                "phone": None,
                "policy_groups": ["ethnic_minority", "near_poor_household"],
            },
        ),
    ]


def _batch(client: TestClient, headers: dict[str, str], items: list[dict[str, Any]]) -> None:
    r = client.post(f"{PLACEMENTS}/batch", headers=headers, json={"items": items})
    assert r.status_code == 200, r.text


# ---------------------------------------------------------------------------------- import


def test_semicolon_csv_with_vietnamese_headers_imports(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    sent = _hand_items()
    # As Excel saves it with Vietnamese settings: BOM, ";", the columns in another order,
    # a date typed day first and the sex written in Vietnamese; headers typed with another
    # case, stray spaces and decomposed accents (as some keyboards send them).
    order = list(reversed(VI))
    header = [unicodedata.normalize("NFD", f"  {VI[name].upper()} ") for name in order]
    rows: list[list[Any]] = [header]
    for s in sent:
        flat = _flat(s)
        flat["date_of_birth"] = date.fromisoformat(flat["date_of_birth"]).strftime("%d/%m/%Y")
        flat["sex"] = {"male": "Nam", "female": "Nữ"}[flat["sex"]]
        rows.append([flat.get(name) for name in order])
    r = _upload(client, agency, _csv(rows, delimiter=";"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (2, 0, 0)
    assert body["dry_run"] is False
    got = _by_ref(_list(client, agency))
    assert set(got) == {"HAND-1", "HAND-2"}
    for s in sent:
        _assert_read_back(got[s["external_ref"]], s)


def test_comma_csv_with_field_names_and_no_bom_imports(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    sent = _hand_items()
    names = list(VI)
    rows = [names] + [[_flat(s).get(n) for n in names] for s in sent]
    r = _upload(client, agency, _csv(rows, bom=False))
    assert r.status_code == 200, r.text
    got = _by_ref(_list(client, agency))
    for s in sent:
        _assert_read_back(got[s["external_ref"]], s)


def test_xlsx_filled_in_by_hand_imports(client: TestClient, make: Factory) -> None:
    officer = make.headers(Role.officer)
    agency_id = make.agency().id
    sent = [s | {"agency_id": agency_id} for s in _hand_items()]
    sent[0]["worker"]["phone"] = "0905123456"
    order = [
        "full_name",
        "external_ref",
        *[n for n in VI if n not in ("full_name", "external_ref")],
    ]
    rows: list[list[Any]] = [[VI[n] for n in order]]
    for s in sent:
        flat = _flat(s)
        # What Excel makes of typed values: real dates, numbers for the identifier (the
        # leading zero gone), the phone and the months (as floats).
        flat["date_of_birth"] = datetime.fromisoformat(flat["date_of_birth"])
        flat["registered_on"] = date.fromisoformat(flat["registered_on"])
        flat["national_id"] = int(flat["national_id"])
        flat["contract_months"] = float(flat["contract_months"])
        flat["monthly_salary"] = float(flat["monthly_salary"])
        if flat["phone"]:
            flat["phone"] = int(flat["phone"])
        rows.append([flat.get(n) for n in order])
    rows.insert(2, [None] * len(order))  # an empty row in between is skipped
    r = _upload(client, officer, _xlsx(rows), "hồ sơ.xlsx")
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 2
    got = _by_ref(_list(client, officer, agency_id=agency_id))
    for s in sent:
        _assert_read_back(got[s["external_ref"]], s)


def test_bad_rows_are_listed_by_spreadsheet_row_and_nothing_is_written(
    client: TestClient, make: Factory, session: Session
) -> None:
    agency = make.headers(Role.agency)
    names = list(VI)
    good = _flat(item("OK-1", worker={"national_id": national_id(21)}))
    bad_id = _flat(item("BAD-1", worker={"national_id": "12345"}))
    bad_date = _flat(item("BAD-2", worker={"national_id": national_id(22)}))
    bad_date["date_of_birth"] = "31/02/1995"
    bad_date["occupation"] = ""
    rows = [names, [good[n] for n in names], [], [bad_id[n] for n in names]]
    rows.append([bad_date[n] for n in names])
    before = _count(session)

    r = _upload(client, agency, _csv(rows))

    body = assert_problem(r, 422, "validation_error")
    found = {(e["row"], e["field"]) for e in body["errors"]}
    assert (4, "worker.national_id") in found
    assert (5, "worker.date_of_birth") in found
    assert (5, "occupation") in found
    assert all(e["row"] in (4, 5) for e in body["errors"])
    bad_ref = {e["row"]: e["external_ref"] for e in body["errors"]}
    assert bad_ref == {4: "BAD-1", 5: "BAD-2"}
    assert {e["index"] for e in body["errors"]} == {1, 2}
    assert _count(session) == before


def test_dry_run_validates_and_writes_nothing(
    dry_client: TestClient, make: Factory, session: Session
) -> None:
    agency = make.headers(Role.agency)
    names = list(VI)
    rows = [names, [_flat(item("DRY-1"))[n] for n in names]]
    before, audits = _count(session), _count(session, AuditLog)
    as_form = _upload(dry_client, agency, _csv(rows), dry_run="true")
    as_query = dry_client.post(
        IMPORT,
        headers=agency,
        params={"dry_run": "true"},
        files={"file": ("p.csv", _csv(rows))},
    )
    for r in (as_form, as_query):
        assert r.status_code == 200, r.text
        assert r.json()["dry_run"] is True
        assert r.json()["created"] == 1
        assert r.json()["items"][0]["id"] is None
    assert _count(session) == before
    assert _count(session, AuditLog) == audits


def test_unknown_and_missing_columns_are_named(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    flat = _flat(item())
    names = [n for n in VI if n != "full_name"]
    header = [VI[n] for n in names] + ["Quê quán"]
    r = _upload(client, agency, _csv([header, [flat[n] for n in names] + ["Quảng Nam"]]))
    body = assert_problem(r, 422, "validation_error", field="Quê quán")
    assert "full_name" in [e["field"] for e in body["errors"]]
    assert all(e["row"] == 1 for e in body["errors"])
    assert "Quê quán" in body["detail"]


def test_a_column_given_twice_is_422(client: TestClient, make: Factory) -> None:
    flat = _flat(item())
    names = list(VI)
    header = [VI[n] for n in names] + ["full_name"]
    r = _upload(client, make.headers(Role.agency), _csv([header, [flat[n] for n in names] + ["X"]]))
    body = assert_problem(r, 422, "validation_error", field="full_name")
    assert "Họ và tên" in body["errors"][0]["message"]


def test_a_value_under_no_header_is_rejected(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    names = list(VI)
    rows = [[*names, ""], [*(_flat(item())[n] for n in names), "stray"]]
    body = assert_problem(_upload(client, agency, _csv(rows)), 422, "validation_error")
    column = f"column {openpyxl.utils.get_column_letter(len(names) + 1)}"
    assert [(e["field"], e["row"]) for e in body["errors"]] == [(column, 2)]


def test_an_upload_over_the_limit_is_413(
    client: TestClient, make: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "import_max_bytes", 4096)
    content = _csv([list(VI)]) + b"x" * 5000
    body = assert_problem(
        _upload(client, make.headers(Role.officer), content), 413, "payload_too_large"
    )
    assert "4,096 bytes" in body["detail"]


def test_an_xlsx_declaring_a_huge_unpacked_size_is_refused(
    client: TestClient, make: Factory, session: Session
) -> None:
    names = list(VI)
    data = bytearray(_xlsx([names, [_flat(item("BOMB-1"))[n] for n in names]]))
    # Make one entry of the central directory claim 2 GiB once inflated.
    at = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, 0x7FFFFFFF)
    before = _count(session)
    r = _upload(client, make.headers(Role.agency), bytes(data), "bomb.xlsx")
    assert_problem(r, 413, "payload_too_large")
    assert _count(session) == before


def test_more_than_5000_rows_is_422(client: TestClient, make: Factory) -> None:
    names = list(VI)
    row = [_flat(item())[n] for n in names]
    content = _csv([names] + [row] * 5001)
    assert_problem(
        _upload(client, make.headers(Role.agency), content), 422, "validation_error", "file"
    )


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("placements.pdf", b"%PDF-1.7 not a spreadsheet"),
        ("placements.csv", "Mã hồ sơ,Họ và tên\nA,Nguyễn\n".encode("utf-16")),
        ("placements.xlsx", b"not a zip at all"),
        ("placements.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy"),
        ("placements.csv", b""),
        ("placements.csv", b"\n\n"),
    ],
)
def test_a_file_that_is_not_a_readable_csv_or_xlsx_is_422(
    client: TestClient, make: Factory, filename: str, content: bytes
) -> None:
    r = _upload(client, make.headers(Role.agency), content, filename)
    assert_problem(r, 422, "invalid_file", field="file")


def test_a_header_without_rows_is_422(client: TestClient, make: Factory) -> None:
    r = _upload(client, make.headers(Role.agency), _csv([list(VI)]))
    assert_problem(r, 422, "validation_error", field="file")


def test_xlsx_is_parsed_with_defusedxml() -> None:
    # openpyxl parses with defusedxml only when it is installed (a project dependency).
    assert openpyxl.DEFUSEDXML is True


def test_the_same_upload_with_the_same_key_is_replayed(
    client: TestClient, make: Factory, session: Session
) -> None:
    agency = make.headers(Role.agency)
    names = list(VI)
    content = _csv([names, [_flat(item("IDEM-1"))[n] for n in names]])
    headers = {**agency, "Idempotency-Key": "import-1"}
    first = _upload(client, headers, content)
    assert first.status_code == 200, first.text
    count = _count(session)
    # The same file sent again has another multipart boundary: still the same request.
    again = _upload(client, headers, content)
    assert again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert _count(session) == count
    other = _csv([names, [_flat(item("IDEM-2"))[n] for n in names]])
    assert_problem(_upload(client, headers, other), 422, "idempotency_key_reused")


def _add_jpy_rate(client: TestClient, headers: dict[str, str], vnd_per_yen: str) -> None:
    r = client.post(
        "/api/v1/markets/JP/records",
        json={
            "kind": "wage",
            "title": "Tỷ giá tham chiếu JPY",
            "value": vnd_per_yen,
            "unit": "VND/JPY",
            "effective_on": "2024-01-01",
        },
        headers=headers,
    )
    assert r.status_code == 201, r.text


def _typed_rows(sent: list[dict[str, Any]], typed: dict[str, dict[str, str]]) -> list[list[Any]]:
    """The items as spreadsheet rows, with some amounts as a person in Vietnam types them."""
    names = list(VI)
    rows: list[list[Any]] = [[VI[n] for n in names]]
    for s in sent:
        flat = _flat(s) | typed.get(s["external_ref"], {})
        rows.append([flat[n] for n in names])
    return rows


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_amounts_typed_with_vietnamese_separators_are_read_as_meant(
    client: TestClient, make: Factory, kind: str
) -> None:
    agency = make.headers(Role.agency)
    # Law 69/2020 Art. 23: 36 months at 180,000 JPY and 170 VND/JPY allow a fee of up to
    # 91,800,000 VND; at 180 JPY the 30,000,000 VND fee would be far above the cap.
    _add_jpy_rate(client, make.headers(Role.officer), "170")
    sent = [
        item("SEP-1", worker={"national_id": national_id(31)}),
        item("SEP-2", worker={"national_id": national_id(32)}, service_fee_vnd=1900000),
        item(
            "SEP-3",
            worker={"national_id": national_id(33)},
            market_code="DE",
            programme="other",
            monthly_salary="2500.5",
            salary_currency="EUR",
            service_fee_vnd=None,
            loan_vnd=1500,
        ),
    ]
    typed = {
        "SEP-1": {"monthly_salary": "180.000", "service_fee_vnd": "30.000.000"},
        "SEP-2": {"monthly_salary": "180000", "service_fee_vnd": "1.900.000"},
        "SEP-3": {"monthly_salary": "2.500,50", "loan_vnd": "1 500", "contract_months": "36"},
    }
    rows = _typed_rows(sent, typed)
    content = _xlsx(rows) if kind == "xlsx" else _csv(rows, delimiter=";")

    r = _upload(client, agency, content, f"placements.{kind}")

    assert r.status_code == 200, r.text
    assert r.json()["created"] == 3
    got = _by_ref(_list(client, agency))
    for s in sent:
        _assert_read_back(got[s["external_ref"]], s)
    assert got["SEP-1"]["monthly_salary"] == "180000"
    assert got["SEP-1"]["flags"] == []
    assert got["SEP-2"]["service_fee_vnd"] == 1900000
    assert got["SEP-3"]["monthly_salary"] == "2500.5"


def test_an_amount_that_is_no_number_names_the_field_and_row(
    client: TestClient, make: Factory, session: Session
) -> None:
    agency = make.headers(Role.agency)
    sent = [
        item("NUM-1", worker={"national_id": national_id(41)}),
        item("NUM-2", worker={"national_id": national_id(42)}),
        item("NUM-3", worker={"national_id": national_id(43)}),
    ]
    typed = {
        "NUM-2": {"monthly_salary": "1..5"},
        "NUM-3": {"contract_months": "36,5", "service_fee_vnd": "-30.000.000"},
    }
    before = _count(session)

    r = _upload(client, agency, _csv(_typed_rows(sent, typed), delimiter=";"))

    body = assert_problem(r, 422, "validation_error")
    found = {(e["row"], e["field"]): e["message"] for e in body["errors"]}
    assert found == {
        (3, "monthly_salary"): "'1..5' is not a number; write it like 180000, 180.000 or 1,5",
        (4, "contract_months"): "'36,5' must be a whole number",
        (4, "service_fee_vnd"): "'-30.000.000' must not be negative",
    }
    assert {e["external_ref"] for e in body["errors"]} == {"NUM-2", "NUM-3"}
    assert _count(session) == before


def test_an_agency_import_cannot_touch_another_enterprise(
    client: TestClient, make: Factory, session: Session
) -> None:
    a, b = make.headers(Role.agency), make.headers(Role.agency)
    _batch(client, b, [item("SHARED-1", worker={"national_id": national_id(31)})])
    theirs = _list(client, b)[0]
    names = list(VI)
    row = _flat(item("SHARED-1", occupation="Xây dựng", worker={"national_id": national_id(32)}))
    row["agency_id"] = theirs["agency_id"]  # an id written in the file changes nothing
    r = _upload(client, a, _csv([names, [row[n] for n in names]]))
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 1
    mine = _list(client, a)
    assert len(mine) == 1
    assert mine[0]["agency_id"] != theirs["agency_id"]
    assert mine[0]["occupation"] == "Xây dựng"
    after = client.get(f"{PLACEMENTS}/{theirs['id']}", headers=b).json()
    assert after["version"] == theirs["version"]
    assert after["occupation"] == theirs["occupation"]


def _column(name: str) -> files.Column:
    return next(c for c in files.COLUMNS if c.name == name)


@pytest.mark.parametrize(
    ("name", "cell", "value"),
    [
        ("national_id", 49095001234, "049095001234"),  # a number: the leading zero is back
        ("national_id", 1095001234.0, "001095001234"),
        ("national_id", "49095001234", "049095001234"),  # Excel's CSV of that number
        ("national_id", 12345678, "012345678"),  # a legacy 9-digit number
        ("national_id", " 049095001234 ", "049095001234"),
        ("phone", 905123456, "0905123456"),
        ("phone", "+84905123456", "+84905123456"),
        ("contract_months", 36.0, 36),
        ("contract_months", "36.0", 36),
        ("service_fee_vnd", "30.000.000", 30000000),
        ("service_fee_vnd", "30,000,000", 30000000),
        ("service_fee_vnd", 30000000.0, 30000000),
        ("contract_months", 36, 36),
        ("contract_months", " 36 ", 36),
        ("service_fee_vnd", "1.900.000", 1900000),
        ("service_fee_vnd", "1 900 000", 1900000),
        ("service_fee_vnd", "1\u00a0900\u00a0000", 1900000),  # a no-break space from Excel
        ("monthly_salary", 1234.5, Decimal("1234.5")),
        ("monthly_salary", 1234.567, Decimal("1234.567")),  # a number cell is not re-read
        ("monthly_salary", 180000.0, Decimal("180000")),
        ("monthly_salary", 180000, Decimal("180000")),
        ("monthly_salary", "180.000", Decimal("180000")),
        ("monthly_salary", "180000", Decimal("180000")),
        ("monthly_salary", "2.500,50", Decimal("2500.5")),
        ("monthly_salary", "1,5", Decimal("1.5")),
        ("monthly_salary", "1.5", Decimal("1.5")),
        ("date_of_birth", "2/4/1995", "1995-04-02"),
        ("date_of_birth", "02.04.1995", "1995-04-02"),
        ("date_of_birth", "1995-04-02", "1995-04-02"),
        ("date_of_birth", datetime(1995, 4, 2), "1995-04-02"),
        ("date_of_birth", 34791, "1995-04-02"),  # a date cell that lost its format
        ("sex", "Nữ", "female"),
        ("sex", unicodedata.normalize("NFD", " NỮ "), "female"),
        ("sex", "nam", "male"),
        ("sex", "Female", "female"),
        ("channel", "Service_Enterprise", "service_enterprise"),
        ("programme", "titp", "TITP"),
        ("policy_groups", "poor_household; Ethnic_Minority", ["poor_household", "ethnic_minority"]),
        ("occupation", "'=1+1", "=1+1"),  # the export's escape comes off
        ("occupation", "'quoted'", "'quoted'"),  # an ordinary quote stays
        ("external_ref", 1001.0, "1001"),
    ],
)
def test_cells_are_read_as_a_person_typed_them(name: str, cell: Any, value: Any) -> None:
    assert files.read_cell(_column(name), cell) == value


@pytest.mark.parametrize(
    ("name", "cell", "message"),
    [
        ("monthly_salary", "1..5", "'1..5' is not a number"),
        ("monthly_salary", "1.50.0", "'1.50.0' is not a number"),
        ("monthly_salary", "180k", "'180k' is not a number"),
        ("monthly_salary", True, "'True' is not a number"),
        ("monthly_salary", "-180.000", "'-180.000' must not be negative"),
        ("monthly_salary", -5.5, "'-5.5' must not be negative"),
        ("contract_months", "36,5", "'36,5' must be a whole number"),
        ("contract_months", 36.5, "'36.5' must be a whole number"),
        ("service_fee_vnd", "1,5", "'1,5' must be a whole number"),
        ("service_fee_vnd", "1.900.00", "'1.900.00' is not a number"),
        ("deposit_vnd", -1, "'-1' must not be negative"),
        ("loan_vnd", float("nan"), "'nan' is not a number"),
    ],
)
def test_a_cell_that_is_no_number_is_named(name: str, cell: Any, message: str) -> None:
    with pytest.raises(files.CellError) as caught:
        files.read_cell(_column(name), cell)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("cell", ["31/02/1995", "1995-13-01", "02/04/95", "0", "tomorrow"])
def test_a_cell_that_is_no_date_is_named(cell: str) -> None:
    with pytest.raises(files.CellError, match="date"):
        files.read_cell(_column("date_of_birth"), cell)


# ---------------------------------------------------------------------------------- export


def _export(client: TestClient, headers: dict[str, str], fmt: str, **params: Any) -> Response:
    r: Response = client.get(EXPORT, headers=headers, params={"format": fmt, **params})
    assert r.status_code == 200, r.text
    return r


def _api_row(read: dict[str, Any]) -> dict[str, str]:
    """An API item as text per export column, the way a spreadsheet shows it."""
    flat = {k: v for k, v in read.items() if k != "worker"} | read["worker"]
    home = flat.pop("home_area")
    flat["home_area_name"] = home["name"]
    flat["home_area_today"] = ";".join(u["code"] for u in home["today"])
    flat["policy_groups"] = ";".join(flat["policy_groups"])
    flat["flags"] = ";".join(flat["flags"])
    return {k: "" if v is None else str(v) for k, v in flat.items()}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(r: Response) -> list[dict[str, str]]:
    assert r.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def _xlsx_rows(r: Response) -> list[dict[str, str]]:
    book = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    header = [str(h) for h in rows[0]]
    return [{h: _text(v) for h, v in zip(header, row, strict=True)} for row in rows[1:]]


def _several(agency_id: int) -> list[dict[str, Any]]:
    return [
        item("EXP-1", agency_id=agency_id, worker={"national_id": national_id(41)}),
        item(
            "EXP-2",
            agency_id=agency_id,
            status="departed",
            departure_date="2024-06-01",
            monthly_salary="1234.5",
            notes='Ghi chú, có dấu phẩy; và "ngoặc kép"\nxuống dòng',
            worker={
                "national_id": national_id(42, sex="female", year=2001),
                "date_of_birth": "2001-02-03",
                "sex": "female",
                "policy_groups": ["poor_household", "land_recovered"],
            },
        ),
        item("EXP-3", agency_id=agency_id, worker={"national_id": national_id(41)}),
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_spreadsheet_export_has_the_list_apis_records(
    client: TestClient, make: Factory, fmt: str
) -> None:
    officer = make.headers(Role.officer)
    agency_id = make.agency().id
    assert agency_id is not None
    _batch(client, officer, _several(agency_id))
    listed = _list(client, officer, agency_id=agency_id)
    assert len(listed) == 3

    r = _export(client, officer, fmt, agency_id=agency_id)

    assert r.headers["content-disposition"].startswith("attachment; filename=")
    assert date.today().isoformat()[:4] in r.headers["content-disposition"]
    assert "content-length" not in r.headers  # streamed
    rows = _csv_rows(r) if fmt == "csv" else _xlsx_rows(r)
    expected = [_api_row(i) for i in listed]
    assert [row["id"] for row in rows] == [e["id"] for e in expected]
    for row, want in zip(rows, expected, strict=True):
        assert set(row) == set(want)
        for name, value in want.items():
            assert row[name] == value, (name, row[name], value)
    assert any(row["flags"] == "possible_duplicate" for row in rows)


def test_an_ndjson_export_is_one_placement_read_per_line(client: TestClient, make: Factory) -> None:
    officer = make.headers(Role.officer)
    agency_id = make.agency().id
    assert agency_id is not None
    _batch(client, officer, _several(agency_id))
    listed = _list(client, officer, agency_id=agency_id)

    r = _export(client, officer, "ndjson", agency_id=agency_id)

    assert r.headers["content-type"].startswith("application/x-ndjson")
    lines = r.content.decode().splitlines()
    assert [json.loads(line) for line in lines] == listed


def test_the_export_takes_the_list_filters(client: TestClient, make: Factory) -> None:
    officer = make.headers(Role.officer)
    agency_id = make.agency().id
    assert agency_id is not None
    _batch(client, officer, _several(agency_id))
    rows = _csv_rows(_export(client, officer, "csv", agency_id=agency_id, status="departed"))
    assert [r["external_ref"] for r in rows] == ["EXP-2"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_again_unchanged(
    dry_client: TestClient, make: Factory, session: Session, fmt: str
) -> None:
    # dry_client: an import that changes nothing writes no audit row either.
    client = dry_client
    agency = make.headers(Role.agency)
    sent = _several(0)
    for s in sent:
        s.pop("agency_id")
    sent[0]["occupation"] = '=HYPERLINK("http://example.invalid","x")'
    sent[0]["worker"]["phone"] = "+84905123456"
    _batch(client, agency, sent)
    r = _export(client, agency, fmt)
    count = _count(session)

    again = _upload(client, agency, r.content, f"export.{fmt}")

    assert again.status_code == 200, again.text
    assert (again.json()["unchanged"], again.json()["created"]) == (3, 0)
    assert _count(session) == count


def test_cells_a_spreadsheet_would_run_are_escaped(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    _batch(
        client,
        agency,
        [
            item(
                "=1+1",
                occupation="=cmd|' /C calc'!A0",
                employer_name="@SUM(A1:A9)",
                notes="-2+3",
                worker={"full_name": "+Nguyễn Văn An"},
            )
        ],
    )
    want = {
        "external_ref": "'=1+1",
        "occupation": "'=cmd|' /C calc'!A0",
        "employer_name": "'@SUM(A1:A9)",
        "notes": "'-2+3",
        "full_name": "'+Nguyễn Văn An",
    }
    (as_csv,) = _csv_rows(_export(client, agency, "csv"))
    assert {k: as_csv[k] for k in want} == want
    xlsx = _export(client, agency, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    cells = {name: sheet.cell(row=2, column=header.index(name) + 1) for name in want}
    assert {k: c.value for k, c in cells.items()} == want
    assert all(c.data_type == "s" for c in cells.values())


def test_a_viewers_export_masks_national_id_and_is_audited(
    client: TestClient, make: Factory, session: Session
) -> None:
    officer, viewer = make.headers(Role.officer), make.headers(Role.viewer)
    agency_id = make.agency().id
    assert agency_id is not None
    _batch(client, officer, _several(agency_id))
    audits = _count(session, AuditLog)

    rows = _csv_rows(_export(client, viewer, "csv", agency_id=agency_id))
    lines = _export(client, viewer, "ndjson", agency_id=agency_id).content.decode().splitlines()

    masked = national_id(41)[:3] + "*******" + national_id(41)[-2:]
    assert rows[0]["national_id"] == masked
    assert json.loads(lines[0])["worker"]["national_id"] == masked
    assert all("*" in r["national_id"] for r in rows)
    entries = session.exec(
        select(AuditLog).where(AuditLog.action == "read_pii").order_by(AuditLog.id)  # type: ignore[arg-type]
    ).all()
    exports = [e for e in entries if e.entity_id == "export"]
    assert len(exports) == 2
    assert exports[0].changes["format"] == "csv"
    assert exports[0].changes["filters"] == {"agency_id": str(agency_id)}
    assert _count(session, AuditLog) == audits + 2


def test_an_enterprise_exports_only_its_own(
    client: TestClient, make: Factory, session: Session
) -> None:
    a, b = make.headers(Role.agency), make.headers(Role.agency)
    _batch(client, a, [item("A-1", worker={"national_id": national_id(51)})])
    _batch(client, b, [item("B-1", worker={"national_id": national_id(52)})])
    b_id = _list(client, b)[0]["agency_id"]
    for fmt in ("csv", "xlsx"):
        r = _export(client, a, fmt)
        rows = _csv_rows(r) if fmt == "csv" else _xlsx_rows(r)
        assert [row["external_ref"] for row in rows] == ["A-1"]
    # Asking for the other enterprise gives nothing, not its rows.
    assert _export(client, a, "ndjson", agency_id=b_id).content == b""
    audited = session.exec(select(AuditLog).where(AuditLog.entity_id == "export")).all()
    assert len(audited) == 3


# ---------------------------------------------------------------------------------- template


def test_the_csv_template_has_the_vietnamese_headers_and_reimports(
    dry_client: TestClient, make: Factory, session: Session
) -> None:
    agency = make.headers(Role.agency)
    r = dry_client.get(TEMPLATE, headers=agency, params={"format": "csv"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    assert r.content.startswith("\ufeff".encode())
    header, example = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert header == list(VI.values())
    assert "Nguyễn Văn Mẫu" in example
    before = _count(session)
    again = _upload(dry_client, agency, r.content, "template.csv", dry_run="true")
    assert again.status_code == 200, again.text
    assert again.json()["created"] == 1
    assert _count(session) == before


def test_the_xlsx_template_keeps_identifiers_as_text_and_reimports(
    dry_client: TestClient, make: Factory
) -> None:
    agency = make.headers(Role.agency)
    r = dry_client.get(TEMPLATE, headers=agency, params={"format": "xlsx"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == XLSX
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == list(VI.values())
    assert all(c.font.bold for c in sheet[1])
    example = {name: sheet.cell(row=2, column=i + 1) for i, name in enumerate(VI)}
    assert example["full_name"].value == "Nguyễn Văn Mẫu"
    for name in ("national_id", "phone", "date_of_birth", "registered_on", "home_area_code"):
        assert example[name].number_format == "@", name
        assert isinstance(example[name].value, str), name
    assert example["national_id"].value.startswith("0")
    letter = openpyxl.utils.get_column_letter(header.index(VI["national_id"]) + 1)
    assert sheet.column_dimensions[letter].width >= 16
    again = _upload(dry_client, agency, r.content, "template.xlsx", dry_run="true")
    assert again.status_code == 200, again.text
    assert again.json()["created"] == 1


@pytest.mark.parametrize("role", list(Role))
def test_any_principal_gets_the_template(client: TestClient, make: Factory, role: Role) -> None:
    assert client.get(TEMPLATE, headers=make.headers(role)).status_code == 200


# ---------------------------------------------------------------------------------- access


def test_without_a_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(EXPORT), 401, "not_authenticated")
    assert_problem(client.get(TEMPLATE), 401, "not_authenticated")
    r = client.post(IMPORT, files={"file": ("p.csv", b"a,b\n")})
    assert_problem(r, 401, "not_authenticated")


@pytest.mark.parametrize("role", [Role.inspector])
def test_roles_that_may_not_export_get_403(client: TestClient, make: Factory, role: Role) -> None:
    assert_problem(client.get(EXPORT, headers=make.headers(role)), 403, "forbidden")


@pytest.mark.parametrize("role", [Role.inspector, Role.viewer, Role.admin])
def test_roles_that_may_not_import_get_403(client: TestClient, make: Factory, role: Role) -> None:
    names = list(VI)
    content = _csv([names, [_flat(item())[n] for n in names]])
    assert_problem(_upload(client, make.headers(role), content), 403, "forbidden")


def test_an_unknown_format_is_422(client: TestClient, make: Factory) -> None:
    officer = make.headers(Role.officer)
    r = client.get(EXPORT, headers=officer, params={"format": "pdf"})
    assert_problem(r, 422, "validation_error", field="format")
    r = client.get(TEMPLATE, headers=officer, params={"format": "ndjson"})
    assert_problem(r, 422, "validation_error", field="format")


def test_an_import_without_a_file_is_422(client: TestClient, make: Factory) -> None:
    r = client.post(IMPORT, headers=make.headers(Role.agency), data={"dry_run": "true"})
    assert_problem(r, 422, "validation_error", field="file")


def test_a_nul_character_in_a_cell_is_named_and_nothing_is_written(
    client: TestClient, make: Factory, session: Session
) -> None:
    agency = make.headers(Role.agency)
    names = list(VI)
    row = _flat(item("NUL-1", worker={"national_id": national_id(31)}))
    row["full_name"] = "Nguyễn\x00 Văn An"
    before = _count(session)
    r = _upload(client, agency, _csv([names, [row[n] for n in names]]))
    body = assert_problem(r, 422, "validation_error")
    assert {(e["row"], e["field"]) for e in body["errors"]} == {(2, "worker.full_name")}
    assert "NUL" in body["errors"][0]["message"]
    assert _count(session) == before


# --- the home column written as a name (docs/places.md, "Importing by name") -----------------


def _homes(client: TestClient, headers: dict[str, str], homes: list[tuple[str, str]]) -> Response:
    """An import of one record per (home as written, registration day)."""
    names = list(VI)
    rows: list[list[Any]] = [names]
    for n, (home, day) in enumerate(homes):
        sent = item(
            f"HOME-{n}",
            registered_on=day,
            worker={"national_id": national_id(700 + n), "home_area_code": home},
        )
        rows.append([_flat(sent).get(name) for name in names])
    return _upload(client, headers, _csv(rows))


def test_a_home_written_as_a_name_imports_as_its_code(client: TestClient, make: Factory) -> None:
    agency = make.headers(Role.agency)
    r = _homes(
        client,
        agency,
        [
            # The name and the old district, without diacritics, any case.
            ("xa tam thanh, nui thanh", "2024-03-01"),
            # The old spelling of "Hoà" for a unit written "Hòa" (and without the level word).
            ("Hoà Liên, Hòa Vang", "2024-03-01"),
            # A new unit after the reform, alone or with its province.
            ("Xã Đại Lộc", "2025-08-01"),
            ("Phường Hải Châu, Đà Nẵng", "2025-08-01"),
            # A code is still a code.
            ("20506", "2024-03-01"),
        ],
    )
    assert r.status_code == 200, r.text
    got = {p["external_ref"]: p["worker"]["home_area_code"] for p in _list(client, agency)}
    assert got == {
        "HOME-0": "20980",
        "HOME-1": "20296",
        "HOME-2": "20500",
        "HOME-3": "20242",
        "HOME-4": "20506",
    }


def test_an_ambiguous_or_unknown_name_is_its_rows_error_with_the_candidates(
    client: TestClient, make: Factory
) -> None:
    agency = make.headers(Role.agency)
    r = _homes(
        client,
        agency,
        [
            ("Xã Tam Thanh", "2024-03-01"),  # in Tam Kỳ, Phú Ninh and Núi Thành
            ("Xã Tam Dân, Phú Ninh", "2024-03-01"),  # Tam Dân and Tam Đàn fold alike
            ("Xã Không Có", "2024-03-01"),
            ("Xã Tam Thanh, Núi Thành", "2024-03-01"),
        ],
    )
    body = assert_problem(r, 422, "validation_error")
    errors = {(e["row"], e["field"]): e["message"] for e in body["errors"]}
    assert set(errors) == {
        (2, "worker.home_area_code"),
        (3, "worker.home_area_code"),
        (4, "worker.home_area_code"),
    }
    ambiguous = errors[(2, "worker.home_area_code")]
    assert "on 2024-03-01" in ambiguous
    for code in ("20359", "20365", "20980"):
        assert code in ambiguous
    assert "20374" in errors[(3, "worker.home_area_code")]
    assert "20392" in errors[(3, "worker.home_area_code")]
    assert errors[(4, "worker.home_area_code")] == "no unit named 'Xã Không Có'"
    assert _list(client, agency) == []


def test_a_name_of_a_unit_gone_by_the_registration_day_names_its_successors(
    client: TestClient, make: Factory
) -> None:
    agency = make.headers(Role.agency)
    r = _homes(client, agency, [("Xã Tam Xuân I, Núi Thành", "2025-08-01")])
    body = assert_problem(r, 422, "validation_error", "worker.home_area_code")
    assert "20971 Xã Tam Xuân" in body["errors"][0]["message"]
