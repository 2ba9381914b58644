from typing import Any

import pytest
from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem

MARKETS = "/api/v1/markets"
RECORDS = "/api/v1/market-records"
READERS = [Role.admin, Role.officer, Role.inspector, Role.viewer, Role.agency]
WRITERS = [Role.admin, Role.officer]
NON_WRITERS = [Role.inspector, Role.viewer, Role.agency]


def _market(**overrides: Any) -> dict[str, Any]:
    base = {"code": "QZ", "name_vi": "Thử nghiệm", "name_en": "Testland", "tier": "potential"}
    return base | overrides


def _record(**overrides: Any) -> dict[str, Any]:
    base = {"kind": "demand", "title": "Cần 200 thực tập sinh", "effective_on": "2024-03-01"}
    return base | overrides


def _new_market(client: TestClient, headers: dict[str, str], code: str = "QZ") -> None:
    r = client.post(MARKETS, json=_market(code=code), headers=headers)
    assert r.status_code == 201, r.text


def _add_record(client: TestClient, headers: dict[str, str], code: str, **kw: Any) -> int:
    r = client.post(f"{MARKETS}/{code}/records", json=_record(**kw), headers=headers)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


# --- markets ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
def test_list_markets_for_any_principal_is_200(
    client: TestClient, make: Factory, role: Role
) -> None:
    r = client.get(MARKETS, headers=make.headers(role))
    assert r.status_code == 200, r.text
    codes = [m["code"] for m in r.json()["items"]]
    assert {"JP", "KR", "DE"} <= set(codes)
    assert codes == sorted(codes)


def test_list_markets_filters_by_tier(client: TestClient, make: Factory) -> None:
    r = client.get(MARKETS, params={"tier": "priority"}, headers=make.headers())
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert {"JP", "KR"} <= {m["code"] for m in items}
    assert all(m["tier"] == "priority" for m in items)


def test_list_markets_bad_tier_is_422(client: TestClient, make: Factory) -> None:
    r = client.get(MARKETS, params={"tier": "gold"}, headers=make.headers())
    assert_problem(r, 422, "validation_error", "tier")


def test_list_markets_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(MARKETS), 401, "not_authenticated")


def test_get_market_returns_market_with_etag(client: TestClient, make: Factory) -> None:
    r = client.get(f"{MARKETS}/JP", headers=make.headers(Role.viewer))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["code"] == "JP" and body["name_en"] == "Japan"
    assert "TITP" in body["programmes"]
    assert r.headers["etag"] == f'"{body["version"]}"'


def test_get_market_lower_case_code_finds_it(client: TestClient, make: Factory) -> None:
    r = client.get(f"{MARKETS}/kr", headers=make.headers(Role.agency))
    assert r.status_code == 200, r.text
    assert r.json()["code"] == "KR"


def test_get_market_unknown_code_is_404(client: TestClient, make: Factory) -> None:
    assert_problem(client.get(f"{MARKETS}/QQ", headers=make.headers()), 404, "not_found")


def test_get_market_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(f"{MARKETS}/JP"), 401, "not_authenticated")


@pytest.mark.parametrize("role", WRITERS)
def test_create_market_by_writer_is_201(client: TestClient, make: Factory, role: Role) -> None:
    headers = make.headers(role)
    body = _market(programmes=["EPS", " EPS ", "other"], notes="Thử")
    r = client.post(MARKETS, json=body, headers=headers)
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"{MARKETS}/QZ"
    assert r.headers["etag"] == '"1"'
    assert r.json()["programmes"] == ["EPS", "other"]
    assert client.get(f"{MARKETS}/QZ", headers=headers).json()["name_en"] == "Testland"


def test_create_market_normalises_code_to_upper_case(client: TestClient, make: Factory) -> None:
    r = client.post(MARKETS, json=_market(code=" qz "), headers=make.headers())
    assert r.status_code == 201, r.text
    assert r.json()["code"] == "QZ"


def test_create_market_defaults_tier_to_standard(client: TestClient, make: Factory) -> None:
    body = {"code": "QZ", "name_vi": "Thử", "name_en": "Test"}
    r = client.post(MARKETS, json=body, headers=make.headers())
    assert r.status_code == 201, r.text
    assert r.json()["tier"] == "standard" and r.json()["programmes"] == []


@pytest.mark.parametrize("role", NON_WRITERS)
def test_create_market_by_non_writer_is_403(client: TestClient, make: Factory, role: Role) -> None:
    assert_problem(
        client.post(MARKETS, json=_market(), headers=make.headers(role)), 403, "forbidden"
    )


def test_create_market_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.post(MARKETS, json=_market()), 401, "not_authenticated")


@pytest.mark.parametrize("code", ["jp", "JP"])
def test_create_market_duplicate_code_is_409(client: TestClient, make: Factory, code: str) -> None:
    r = client.post(MARKETS, json=_market(code=code), headers=make.headers())
    assert_problem(r, 409, "market_exists")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "JPN"}, "code"),
        ({"code": "J1"}, "code"),
        ({"code": ""}, "code"),
        ({"name_vi": "  "}, "name_vi"),
        ({"name_en": "x" * 121}, "name_en"),
        ({"tier": "gold"}, "tier"),
        ({"programmes": [""]}, "programmes"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_create_market_invalid_is_422_naming_field(
    client: TestClient, make: Factory, overrides: dict[str, Any], field: str
) -> None:
    r = client.post(MARKETS, json=_market(**overrides), headers=make.headers())
    assert_problem(r, 422, "validation_error", field)


def test_create_market_missing_code_is_422(client: TestClient, make: Factory) -> None:
    body = {"name_vi": "Thử", "name_en": "Test"}
    assert_problem(
        client.post(MARKETS, json=body, headers=make.headers()), 422, "validation_error", "code"
    )


@pytest.mark.parametrize("role", WRITERS)
def test_patch_market_with_matching_if_match_is_200(
    client: TestClient, make: Factory, role: Role
) -> None:
    headers = make.headers(role)
    etag = client.get(f"{MARKETS}/DE", headers=headers).headers["etag"]
    change = {"tier": "priority", "programmes": ["engineer"]}
    r = client.patch(f"{MARKETS}/DE", json=change, headers=headers | {"If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json()["tier"] == "priority" and r.json()["programmes"] == ["engineer"]
    assert r.headers["etag"] != etag
    assert client.get(f"{MARKETS}/DE", headers=headers).json()["tier"] == "priority"


def test_patch_market_with_stale_if_match_is_412(client: TestClient, make: Factory) -> None:
    headers = make.headers()
    etag = client.get(f"{MARKETS}/CA", headers=headers).headers["etag"]
    assert client.patch(f"{MARKETS}/CA", json={"notes": "A"}, headers=headers).status_code == 200
    r = client.patch(f"{MARKETS}/CA", json={"notes": "B"}, headers=headers | {"If-Match": etag})
    assert_problem(r, 412, "precondition_failed")
    assert client.get(f"{MARKETS}/CA", headers=headers).json()["notes"] == "A"


@pytest.mark.parametrize("role", NON_WRITERS)
def test_patch_market_by_non_writer_is_403(client: TestClient, make: Factory, role: Role) -> None:
    r = client.patch(f"{MARKETS}/JP", json={"tier": "standard"}, headers=make.headers(role))
    assert_problem(r, 403, "forbidden")


def test_patch_market_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.patch(f"{MARKETS}/JP", json={"notes": "x"}), 401, "not_authenticated")


def test_patch_market_unknown_code_is_404(client: TestClient, make: Factory) -> None:
    r = client.patch(f"{MARKETS}/QQ", json={"notes": "x"}, headers=make.headers())
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name_vi": None}, "name_vi"),
        ({"tier": None}, "tier"),
        ({"tier": "gold"}, "tier"),
        ({"code": "JX"}, "code"),
    ],
)
def test_patch_market_invalid_is_422_naming_field(
    client: TestClient, make: Factory, change: dict[str, Any], field: str
) -> None:
    headers = make.headers()
    before = client.get(f"{MARKETS}/JP", headers=headers).json()
    r = client.patch(f"{MARKETS}/JP", json=change, headers=headers)
    assert_problem(r, 422, "validation_error", field)
    assert client.get(f"{MARKETS}/JP", headers=headers).json() == before


# --- market records -----------------------------------------------------------------------


@pytest.mark.parametrize("role", WRITERS)
def test_create_market_record_is_201(client: TestClient, make: Factory, role: Role) -> None:
    body = _record(kind="wage", value="180000", unit="JPY/month", source="JITCO", public=True)
    r = client.post(f"{MARKETS}/jp/records", json=body, headers=make.headers(role))
    assert r.status_code == 201, r.text
    rec = r.json()
    assert rec["market_code"] == "JP" and rec["kind"] == "wage"
    assert float(rec["value"]) == 180000 and rec["public"] is True
    assert r.headers["location"] == f"{MARKETS}/JP/records/{rec['id']}"


def test_create_market_record_unknown_market_is_404(client: TestClient, make: Factory) -> None:
    r = client.post(f"{MARKETS}/QQ/records", json=_record(), headers=make.headers())
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize("role", NON_WRITERS)
def test_create_market_record_by_non_writer_is_403(
    client: TestClient, make: Factory, role: Role
) -> None:
    r = client.post(f"{MARKETS}/JP/records", json=_record(), headers=make.headers(role))
    assert_problem(r, 403, "forbidden")


def test_create_market_record_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.post(f"{MARKETS}/JP/records", json=_record()), 401, "not_authenticated")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "rumour"}, "kind"),
        ({"title": " "}, "title"),
        ({"effective_on": "2024-13-01"}, "effective_on"),
        ({"effective_on": None}, "effective_on"),
        ({"value": "abc"}, "value"),
        ({"unit": "x" * 41}, "unit"),
    ],
)
def test_create_market_record_invalid_is_422_naming_field(
    client: TestClient, make: Factory, overrides: dict[str, Any], field: str
) -> None:
    r = client.post(f"{MARKETS}/JP/records", json=_record(**overrides), headers=make.headers())
    assert_problem(r, 422, "validation_error", field)


def test_list_market_records_returns_only_that_market(client: TestClient, make: Factory) -> None:
    headers = make.headers()
    _new_market(client, headers)
    mine = _add_record(client, headers, "QZ")
    _add_record(client, headers, "JP")
    r = client.get(f"{MARKETS}/qz/records", headers=make.headers(Role.viewer))
    assert r.status_code == 200, r.text
    assert [x["id"] for x in r.json()["items"]] == [mine]


def test_list_market_records_filters_by_kind_and_since(client: TestClient, make: Factory) -> None:
    headers = make.headers()
    _new_market(client, headers)
    old_wage = _add_record(client, headers, "QZ", kind="wage", effective_on="2023-01-01")
    new_wage = _add_record(client, headers, "QZ", kind="wage", effective_on="2024-06-01")
    warning = _add_record(client, headers, "QZ", kind="warning", effective_on="2024-06-01")
    url = f"{MARKETS}/QZ/records"

    def ids(**params: str) -> list[int]:
        r = client.get(url, params=params, headers=headers)
        assert r.status_code == 200, r.text
        return [x["id"] for x in r.json()["items"]]

    assert ids() == [old_wage, new_wage, warning]
    assert ids(kind="wage") == [old_wage, new_wage]
    assert ids(since="2024-01-01") == [new_wage, warning]
    assert ids(since="2024-06-01") == [new_wage, warning]
    assert ids(kind="wage", since="2024-01-01") == [new_wage]


def test_list_market_records_unknown_market_is_404(client: TestClient, make: Factory) -> None:
    assert_problem(client.get(f"{MARKETS}/QQ/records", headers=make.headers()), 404, "not_found")


def test_list_market_records_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(f"{MARKETS}/JP/records"), 401, "not_authenticated")


@pytest.mark.parametrize(
    ("params", "field"), [({"kind": "rumour"}, "kind"), ({"since": "yesterday"}, "since")]
)
def test_list_market_records_bad_filter_is_422(
    client: TestClient, make: Factory, params: dict[str, str], field: str
) -> None:
    r = client.get(f"{MARKETS}/JP/records", params=params, headers=make.headers())
    assert_problem(r, 422, "validation_error", field)


def test_list_all_market_records_filters_by_market_code(client: TestClient, make: Factory) -> None:
    headers = make.headers()
    _new_market(client, headers, "QZ")
    _new_market(client, headers, "QY")
    qz = _add_record(client, headers, "QZ", kind="policy")
    qy = _add_record(client, headers, "QY", kind="policy")

    r = client.get(RECORDS, params={"market_code": "qz"}, headers=make.headers(Role.inspector))
    assert r.status_code == 200, r.text
    assert [x["id"] for x in r.json()["items"]] == [qz]
    r = client.get(RECORDS, params={"kind": "policy", "limit": 500}, headers=headers)
    assert {qz, qy} <= {x["id"] for x in r.json()["items"]}


def test_list_all_market_records_without_token_is_401(client: TestClient) -> None:
    assert_problem(client.get(RECORDS), 401, "not_authenticated")


def test_list_all_market_records_bad_kind_is_422(client: TestClient, make: Factory) -> None:
    r = client.get(RECORDS, params={"kind": "rumour"}, headers=make.headers())
    assert_problem(r, 422, "validation_error", "kind")


# --- public -------------------------------------------------------------------------------


def test_public_markets_without_token_lists_only_public_records(
    client: TestClient, make: Factory
) -> None:
    headers = make.headers()
    _new_market(client, headers)
    _add_record(client, headers, "QZ", title="Công khai", public=True)
    _add_record(client, headers, "QZ", title="Nội bộ", public=False)

    r = client.get("/api/v1/public/markets")
    assert r.status_code == 200, r.text
    assert "max-age" in r.headers["cache-control"]
    markets = {m["code"]: m for m in r.json()}
    assert {"JP", "KR", "QZ"} <= set(markets)
    assert [rec["title"] for rec in markets["QZ"]["records"]] == ["Công khai"]
    assert "public" not in markets["QZ"]["records"][0]
    assert "notes" not in markets["QZ"]
