"""Placements files for people: the import reads the words the web app shows (and the codes),
the XLSX template offers them in drop-down lists, every error of a row is said at once, and
`labels=true` exports Vietnamese headings and values that import again unchanged."""

import csv
import io
import json
from datetime import datetime
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session

from overseas.core.principal import Role
from overseas.placements.files.columns import COLUMNS, EXPORT_FIELDS, HEADINGS
from overseas.placements.labels import LABELS_VI
from tests.factories import Factory
from tests.helpers import assert_problem
from tests.placement_data import item, national_id

PLACEMENTS = "/api/v1/placements"
IMPORT = f"{PLACEMENTS}/import"
EXPORT = f"{PLACEMENTS}/export"
TEMPLATE = f"{PLACEMENTS}/import-template"
HEADER = [
    "Mã hồ sơ",
    "Doanh nghiệp",
    "Hình thức",
    "Số định danh cá nhân",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã địa bàn",
    "Đối tượng chính sách",
    "Thị trường",
    "Chương trình",
    "Ngành nghề",
    "Thời hạn hợp đồng (tháng)",
    "Lương tháng",
    "Loại tiền lương",
    "Trạng thái",
    "Ngày đăng ký",
    "Ngày xuất cảnh",
]


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["" if v is None else v for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode()


def _upload(client: TestClient, headers: dict[str, str], content: bytes, **data: str) -> Response:
    files = {"file": ("ho-so.csv", content)}
    r: Response = client.post(IMPORT, headers=headers, files=files, data=data)
    return r


def _row(ref: str, n: int, **cells: Any) -> list[Any]:
    """A row under HEADER, a registered worker unless `cells` say otherwise."""
    values = {
        "Mã hồ sơ": ref,
        "Doanh nghiệp": "",
        "Hình thức": "Doanh nghiệp dịch vụ",
        "Số định danh cá nhân": national_id(n),
        "Họ và tên": "Nguyễn Văn Nhãn",
        "Ngày sinh": "02/04/1995",
        "Giới tính": "Nam",
        "Mã địa bàn": "506",
        "Đối tượng chính sách": "Hộ nghèo",
        "Thị trường": "Nhật Bản",
        "Chương trình": "TITP",
        "Ngành nghề": "Chế biến thực phẩm",
        "Thời hạn hợp đồng (tháng)": "36",
        "Lương tháng": "180.000",
        "Loại tiền lương": "JPY",
        "Trạng thái": "Đã đăng ký",
        "Ngày đăng ký": "10/01/2024",
        "Ngày xuất cảnh": "",
    }
    values |= {k.replace("_", " "): v for k, v in cells.items()}
    assert set(values) == set(HEADER), set(values) - set(HEADER)
    return [values[h] for h in HEADER]


def _by_ref(client: TestClient, headers: dict[str, str]) -> dict[str, dict[str, Any]]:
    r = client.get(PLACEMENTS, headers=headers, params={"limit": 500})
    assert r.status_code == 200, r.text
    return {p["external_ref"]: p for p in r.json()["items"]}


def _errors(r: Response) -> dict[tuple[int, str], dict[str, Any]]:
    body = assert_problem(r, 422, "validation_error")
    return {(e["row"], e["field"]): e for e in body["errors"]}


# ---------------------------------------------------------------------------------- import


def test_coded_columns_take_the_words_the_app_shows_or_the_codes(
    client: TestClient, make: Factory
) -> None:
    officer = make.headers(Role.officer)
    agency = make.agency(name="Công ty Cổ phần Nhân lực Sông Hàn", licence_no="123/LĐTBXH-GP")
    rows = [
        HEADER,
        # As the web app says them.
        _row("W-1", 1, **{"Doanh nghiệp": agency.name}),
        # Without diacritics, in other cases, and the licence number for the enterprise.
        _row(
            "W-2",
            2,
            **{
                "Doanh nghiệp": "123/lđtbxh-gp",
                "Hình thức": "doanh nghiep dich vu",
                "Giới tính": "NỮ",
                "Số định danh cá nhân": national_id(2, sex="female"),
                "Đối tượng chính sách": "ho ngheo; Dân tộc thiểu số",
                "Thị trường": "nhat ban",
                "Chương trình": "kỹ sư",
                "Trạng thái": "đã xuất cảnh",
                "Ngày xuất cảnh": "01/06/2024",
            },
        ),
        # The codes scripts write, and the enterprise's id.
        _row(
            "W-3",
            3,
            **{
                "Doanh nghiệp": str(agency.id),
                "Hình thức": "service_enterprise",
                "Giới tính": "male",
                "Đối tượng chính sách": "poor_household;near_poor_household",
                "Thị trường": "jp",
                "Chương trình": "other",
                "Trạng thái": "Returned early",
                "Ngày xuất cảnh": "01/06/2024",
            },
        ),
    ]
    rows[3].append("01/03/2025")
    rows[0] = [*HEADER, "Ngày về nước"]
    rows[1].append("")
    rows[2].append("")

    r = _upload(client, officer, _csv(rows))

    assert r.status_code == 200, r.text
    assert r.json()["created"] == 3
    stored = _by_ref(client, officer)
    want = {
        "W-1": ("service_enterprise", "male", ["poor_household"], "TITP", "registered"),
        "W-2": (
            "service_enterprise",
            "female",
            ["poor_household", "ethnic_minority"],
            "engineer",
            "departed",
        ),
        "W-3": (
            "service_enterprise",
            "male",
            ["poor_household", "near_poor_household"],
            "other",
            "returned_early",
        ),
    }
    for ref, (channel, sex, groups, programme, status) in want.items():
        p = stored[ref]
        assert p["agency_id"] == agency.id
        assert p["market_code"] == "JP"
        assert (p["channel"], p["worker"]["sex"], p["worker"]["policy_groups"]) == (
            channel,
            sex,
            groups,
        )
        assert (p["programme"], p["status"]) == (programme, status)
        assert p["monthly_salary"] == "180000"


def test_an_unknown_word_is_its_rows_error_listing_the_accepted_ones(
    client: TestClient, make: Factory
) -> None:
    officer = make.headers(Role.officer)
    agency = make.agency()
    rows = [
        HEADER,
        _row("U-1", 11, **{"Doanh nghiệp": agency.name}),
        _row(
            "U-2",
            12,
            **{
                "Doanh nghiệp": agency.name,
                "Trạng thái": "Đã đi",
                "Đối tượng chính sách": "Hộ nghèo; Hộ khá giả",
                "Thị trường": "Xứ Sở Thần Tiên",
            },
        ),
    ]

    errors = _errors(_upload(client, officer, _csv(rows)))

    assert {row for row, _ in errors} == {3}
    status = errors[(3, "status")]
    assert status["code"] == "unknown_label"
    assert status["params"] == {
        "value": "Đã đi",
        "allowed": list(LABELS_VI["status"].values()),
    }
    assert "Đã đăng ký (registered)" in status["message"]
    groups = errors[(3, "worker.policy_groups")]
    assert groups["code"] == "unknown_label"
    assert groups["params"]["value"] == "Hộ khá giả"
    assert groups["params"]["allowed"] == list(LABELS_VI["policy_group"].values())
    market = errors[(3, "market_code")]
    assert market["code"] == "unknown_label"
    assert "Nhật Bản" in market["params"]["allowed"]
    assert set(errors) == {(3, "status"), (3, "worker.policy_groups"), (3, "market_code")}


def test_an_enterprise_name_that_names_none_or_several_is_its_rows_error(
    client: TestClient, make: Factory
) -> None:
    officer = make.headers(Role.officer)
    twin_a = make.agency(name="Công ty Song Sinh")
    twin_b = make.agency(name="CÔNG TY SONG SINH")
    rows = [
        HEADER,
        _row("A-1", 21, **{"Doanh nghiệp": "Cong ty Song Sinh"}),
        _row("A-2", 22, **{"Doanh nghiệp": "Công ty Không Có"}),
        _row("A-3", 23, **{"Doanh nghiệp": twin_b.licence_no}),
    ]

    errors = _errors(_upload(client, officer, _csv(rows)))

    assert set(errors) == {(2, "agency_id"), (3, "agency_id")}
    several = errors[(2, "agency_id")]
    assert several["code"] == "ambiguous_agency"
    assert several["params"]["candidates"] == [
        f"{twin_a.id} {twin_a.name} ({twin_a.licence_no})",
        f"{twin_b.id} {twin_b.name} ({twin_b.licence_no})",
    ]
    assert errors[(3, "agency_id")]["code"] == "unknown_agency"


def test_an_enterprise_account_need_not_name_itself(client: TestClient, make: Factory) -> None:
    own = make.headers(Role.agency)
    rows = [HEADER, _row("OWN-1", 31, **{"Doanh nghiệp": "Tên gì cũng được"})]
    r = _upload(client, own, _csv(rows))
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 1


def test_the_headers_of_earlier_templates_still_import(client: TestClient, make: Factory) -> None:
    officer = make.headers(Role.officer)
    agency = make.agency()
    header = ["ID doanh nghiệp" if h == "Doanh nghiệp" else h for h in HEADER]
    header = ["Mã thị trường" if h == "Thị trường" else h for h in header]
    rows = [header, _row("OLD-1", 41, **{"Doanh nghiệp": str(agency.id), "Thị trường": "KR"})]
    r = _upload(client, officer, _csv(rows))
    assert r.status_code == 200, r.text
    assert _by_ref(client, officer)["OLD-1"]["market_code"] == "KR"


# ------------------------------------------------------------------- every error of a row


def test_every_error_of_a_row_is_reported_at_once(client: TestClient, make: Factory) -> None:
    own = make.headers(Role.agency)
    # Digit 4 says born in the 2000s; the worker was born in 1995.
    wrong_id = "049295000051"
    rows = [
        HEADER,
        _row("E-1", 51, **{"Thời hạn hợp đồng (tháng)": "0", "Số định danh cá nhân": wrong_id}),
        _row("E-2", 52, **{"Thời hạn hợp đồng (tháng)": "ba", "Số định danh cá nhân": wrong_id}),
        _row(
            "E-3",
            53,
            **{
                "Lương tháng": "-5",
                "Trạng thái": "Đã xuất cảnh",
                "Thị trường": "XX",
                "Ngày đăng ký": "10/01/2024",
            },
        ),
    ]

    errors = _errors(_upload(client, own, _csv(rows)))

    for row in (2, 3):
        assert (row, "contract_months") in errors
        assert (row, "worker.national_id") in errors, errors
        assert "digit 4" in errors[(row, "worker.national_id")]["message"]
    assert errors[(3, "contract_months")]["code"] != "missing"
    # A salary that fails and the rules that do not read it: the departure date the status
    # needs, and the market that is not known.
    assert {(4, "monthly_salary"), (4, "departure_date"), (4, "market_code")} <= set(errors)


def test_a_rule_that_reads_a_bad_field_says_nothing_untrue(
    client: TestClient, make: Factory
) -> None:
    own = make.headers(Role.agency)
    # The birth date cannot be read, so whether the ID matches it is not known: the row
    # reports the date and nothing about the ID, the age or the dates' order.
    rows = [HEADER, _row("S-1", 61, **{"Ngày sinh": "31/02/1995"})]
    errors = _errors(_upload(client, own, _csv(rows)))
    assert set(errors) == {(2, "worker.date_of_birth")}


def test_a_batch_item_says_every_error_at_once(client: TestClient, make: Factory) -> None:
    own = make.headers(Role.agency)
    bad = item("B-1", contract_months=0, worker={"national_id": "049295000071"})
    r = client.post(f"{PLACEMENTS}/batch", headers=own, json={"items": [bad]})
    body = assert_problem(r, 422, "validation_error")
    assert {e["field"] for e in body["errors"]} == {"contract_months", "worker.national_id"}
    assert all(e["index"] == 0 for e in body["errors"])


# ---------------------------------------------------------------------------------- template


def test_the_xlsx_template_offers_the_words_in_drop_down_lists(
    client: TestClient, make: Factory
) -> None:
    agency = make.agency(name="Công ty Mẫu Danh Sách")
    officer = make.headers(Role.officer)
    r = client.get(TEMPLATE, headers=officer, params={"format": "xlsx"})
    assert r.status_code == 200, r.text
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    lists = book["Danh mục"]
    assert lists.sheet_state == "hidden"

    def offered(label: str) -> list[str]:
        letter = openpyxl.utils.get_column_letter(header.index(label) + 1)
        (rule,) = [
            v
            for v in sheet.data_validations.dataValidation
            if f"{letter}2:{letter}" in str(v.sqref)
        ]
        assert rule.type == "list"
        assert str(rule.sqref) == f"{letter}2:{letter}5001"
        (target,) = book.defined_names[rule.formula1].destinations
        assert target[0] == "Danh mục"
        return [c[0].value for c in lists[target[1].replace("$", "")]]

    assert offered("Hình thức") == list(LABELS_VI["channel"].values())
    assert offered("Trạng thái") == list(LABELS_VI["status"].values())
    assert offered("Giới tính") == ["Nam", "Nữ"]
    assert offered("Đối tượng chính sách") == list(LABELS_VI["policy_group"].values())
    assert offered("Chương trình") == ["TITP", "SSW", "EPS", "Kỹ sư", "Khác"]
    assert "Nhật Bản" in offered("Thị trường")
    assert agency.name in offered("Doanh nghiệp")
    coded = {c.label for c in COLUMNS if c.vocabulary} | {"Thị trường", "Doanh nghiệp"}
    assert len(sheet.data_validations.dataValidation) == len(coded)

    guide = " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row)
    assert "180.000 là một trăm tám mươi nghìn" in guide
    assert "1,5 là một phẩy năm" in guide
    assert "DD/MM/YYYY" in guide
    example = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert example["Hình thức"] == "Doanh nghiệp dịch vụ"
    assert example["Trạng thái"] == "Đã đăng ký"


def test_an_enterprise_template_lists_only_itself(client: TestClient, make: Factory) -> None:
    other = make.agency(name="Công ty Người Khác")
    own = make.headers(Role.agency)
    r = client.get(TEMPLATE, headers=own, params={"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    names = [c.value for row in book["Danh mục"].iter_rows() for c in row if c.value]
    assert other.name not in names


# ---------------------------------------------------------------------------------- export


def _export(client: TestClient, headers: dict[str, str], fmt: str, **params: Any) -> Response:
    r: Response = client.get(EXPORT, headers=headers, params={"format": fmt, **params})
    assert r.status_code == 200, r.text
    return r


def _csv_rows(r: Response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def _xlsx_sheet(r: Response) -> tuple[list[str], list[dict[str, Any]]]:
    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).worksheets[0]
    header = [str(c.value) for c in sheet[1]]
    cells = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    return header, cells


def _registry(client: TestClient, make: Factory) -> tuple[dict[str, str], int, str]:
    officer = make.headers(Role.officer)
    agency = make.agency(name="Công ty Xuất Khẩu Lao Động Thử")
    assert agency.id is not None
    items = [
        item(
            "L-1",
            agency_id=agency.id,
            status="departed",
            departure_date="2024-06-01",
            monthly_salary="1234.5",
            worker={
                "national_id": national_id(81, sex="female", year=2001),
                "date_of_birth": "2001-02-03",
                "sex": "female",
                "policy_groups": ["poor_household", "land_recovered"],
            },
        ),
        item(
            "L-2",
            agency_id=agency.id,
            programme="engineer",
            worker={"national_id": national_id(82)},
        ),
        item("L-3", agency_id=agency.id, worker={"national_id": national_id(82)}),
    ]
    r = client.post(f"{PLACEMENTS}/batch", headers=officer, json={"items": items})
    assert r.status_code == 200, r.text
    return officer, agency.id, agency.name


def test_a_labelled_csv_has_vietnamese_headings_and_values(
    client: TestClient, make: Factory
) -> None:
    officer, agency_id, agency_name = _registry(client, make)

    r = _export(client, officer, "csv", agency_id=agency_id, labels="true")

    assert r.content.startswith("\ufeff".encode())
    rows = {row["Mã hồ sơ"]: row for row in _csv_rows(r)}
    header = next(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert header == [HEADINGS[name] for name in EXPORT_FIELDS]
    left = rows["L-1"]
    assert left["Doanh nghiệp"] == agency_name
    assert left["Thị trường"] == "Nhật Bản"
    assert left["Trạng thái"] == "Đã xuất cảnh"
    assert left["Hình thức"] == "Doanh nghiệp dịch vụ"
    assert left["Giới tính"] == "Nữ"
    assert left["Đối tượng chính sách"] == "Hộ nghèo; Bị thu hồi đất"
    assert left["Ngày xuất cảnh"] == "01/06/2024"
    assert left["Ngày sinh"] == "03/02/2001"
    assert left["Lương tháng"] == "1.234,5"
    assert left["Tiền dịch vụ (VND)"] == "30.000.000"
    assert left["Mã địa bàn"] == "506"
    assert left["Tên địa bàn"] == "Huyện Đại Lộc"
    home = _by_ref(client, officer)["L-1"]["worker"]["home_area"]
    assert left["Địa bàn hiện nay"] == "; ".join(u["name"] for u in home["today"])
    assert rows["L-2"]["Chương trình"] == "Kỹ sư"
    assert rows["L-3"]["Cảnh báo"] == "Có thể trùng hồ sơ"
    datetime.strptime(left["Thời điểm tạo"], "%d/%m/%Y %H:%M:%S")


def test_a_labelled_xlsx_has_real_dates_shown_as_dd_mm_yyyy(
    client: TestClient, make: Factory
) -> None:
    officer, agency_id, agency_name = _registry(client, make)

    header, cells = _xlsx_sheet(
        _export(client, officer, "xlsx", agency_id=agency_id, labels="true")
    )

    assert header == [HEADINGS[name] for name in EXPORT_FIELDS]
    left = next(c for c in cells if c["Mã hồ sơ"].value == "L-1")
    assert left["Doanh nghiệp"].value == agency_name
    assert left["Trạng thái"].value == "Đã xuất cảnh"
    assert left["Thị trường"].value == "Nhật Bản"
    departed = left["Ngày xuất cảnh"]
    assert departed.value == datetime(2024, 6, 1)
    assert departed.number_format == "dd/mm/yyyy"
    assert left["Tiền dịch vụ (VND)"].value == 30000000
    assert left["Lương tháng"].value == 1234.5


def test_csv_and_ndjson_keep_codes_unless_asked(client: TestClient, make: Factory) -> None:
    officer, agency_id, _ = _registry(client, make)

    coded = _csv_rows(_export(client, officer, "csv", agency_id=agency_id))
    lines = _export(client, officer, "ndjson", agency_id=agency_id).content.decode().splitlines()
    words = _export(client, officer, "ndjson", agency_id=agency_id, labels="true")

    assert {row["status"] for row in coded} == {"departed", "registered"}
    assert all(row["agency_id"] == str(agency_id) for row in coded)
    assert {json.loads(line)["status"] for line in lines} == {"departed", "registered"}
    labelled = [json.loads(line) for line in words.content.decode().splitlines()]
    assert {line["Trạng thái"] for line in labelled} == {"Đã xuất cảnh", "Đã đăng ký"}
    left = next(line for line in labelled if line["Mã hồ sơ"] == "L-1")
    assert (left["Ngày xuất cảnh"], left["Lương tháng"]) == ("2024-06-01", "1234.5")


def test_a_viewers_labelled_export_stays_masked(client: TestClient, make: Factory) -> None:
    _, agency_id, _ = _registry(client, make)
    viewer = make.headers(Role.viewer)
    rows = _csv_rows(_export(client, viewer, "csv", agency_id=agency_id, labels="true"))
    assert all("*" in row["Số định danh cá nhân"] for row in rows)
    assert "Đối tượng chính sách" not in rows[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_labelled_export_imports_again_unchanged(
    dry_client: TestClient, make: Factory, session: Session, fmt: str
) -> None:
    officer, agency_id, _ = _registry(dry_client, make)
    before = _by_ref(dry_client, officer)
    r = _export(dry_client, officer, fmt, agency_id=agency_id, labels="true")

    files = {"file": (f"xuat.{fmt}", r.content)}
    again = dry_client.post(IMPORT, headers=officer, files=files, data={"dry_run": "true"})

    assert again.status_code == 200, again.text
    body = again.json()
    assert (body["unchanged"], body["created"], body["updated"]) == (3, 0, 0)
    assert _by_ref(dry_client, officer) == before
