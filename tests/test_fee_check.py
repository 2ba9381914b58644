"""The public fee check (docs/law.md): the most an enterprise may take from a worker for Japan,
Korea (EPS through the public centre and through an enterprise) and Taiwan, with the rule and
the exchange rate in force on the day; no login; bad input names its field. And a licence
looked up by name or number."""

from typing import Any

from fastapi.testclient import TestClient

from overseas.core.principal import Role
from tests.factories import Factory
from tests.helpers import assert_problem

CHECK = "/api/v1/public/fee-check"


def _rate(client: TestClient, headers: dict[str, str], market: str, unit: str, value: str) -> None:
    body = {"kind": "wage", "title": f"Tỷ giá {unit}", "value": value, "unit": unit,
            "effective_on": "2025-01-01", "source": "Tỷ giá tham chiếu (ví dụ)"}  # fmt: skip
    r = client.post(f"/api/v1/markets/{market}/records", json=body, headers=headers)
    assert r.status_code == 201, r.text


def _check(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get(CHECK, params=params)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _rates(client: TestClient, make: Factory) -> None:
    officer = make.headers(Role.officer)
    _rate(client, officer, "JP", "VND/JPY", "170")
    _rate(client, officer, "KR", "VND/KRW", "18.5")
    _rate(client, officer, "TW", "VND/TWD", "800")


def test_japan_technical_interns_before_and_after_the_market_table_ended(
    client: TestClient, make: Factory
) -> None:
    _rates(client, make)
    query = {"market_code": "JP", "programme": "TITP", "monthly_salary": "180000",
             "salary_currency": "JPY", "contract_months": 36}  # fmt: skip
    body = _check(client, **query, on="2025-06-01")
    assert body["fee_cap_vnd"] == 3 * 180_000 * 170 == 91_800_000
    assert body["fee_cap_months"] == 3.0
    assert body["deposit_cap_vnd"] == 0  # no worker deposit for Japan
    assert body["exchange_rate"] == {
        "value": 170.0,
        "effective_on": "2025-01-01",
        "source": "Tỷ giá tham chiếu (ví dụ)",
    }
    sources = {rule["kind"]: rule["source"] for rule in body["rules"]}
    assert sources == {
        "fee": "Circular 02/2024/TT-BLĐTBXH App. XI",
        "deposit": "Decree 112/2021/NĐ-CP Art. 29, App. II",
    }
    later = _check(client, **query, on="2026-07-01")
    assert {r["kind"]: r["source"] for r in later["rules"]}["fee"] == "Law 69/2020/QH14 Art. 23"
    # A 12-month contract: one month's salary.
    assert _check(client, **query | {"contract_months": 12}, on="2025-06-01")["fee_cap_vnd"] == (
        180_000 * 170
    )


def test_korea_through_eps_and_through_an_enterprise(client: TestClient, make: Factory) -> None:
    _rates(client, make)
    query = {"market_code": "KR", "monthly_salary": "2000000", "salary_currency": "KRW",
             "contract_months": 36, "on": "2025-06-01"}  # fmt: skip
    eps = _check(client, **query, programme="EPS", channel="public_unit")
    assert (eps["fee_cap_vnd"], eps["fee_cap_months"]) == (0, 0.0)
    # The deposit follows the Vietnam-Korea agreement, not the enterprise cap: none known.
    assert eps["deposit_cap_vnd"] is None
    assert {r["kind"]: r["source"] for r in eps["rules"]} == {
        "fee": "Law 69/2020/QH14 Art. 42(3)",
        "deposit": "Decree 112/2021/NĐ-CP Art. 33",
    }
    enterprise = _check(client, **query, programme="other")
    assert enterprise["fee_cap_vnd"] == 3 * 2_000_000 * 18.5 == 111_000_000
    assert enterprise["deposit_cap_vnd"] == 36_000_000


def test_taiwan_and_a_market_without_a_rate(client: TestClient, make: Factory) -> None:
    _rates(client, make)
    taiwan = _check(client, market_code="TW", monthly_salary="27000", salary_currency="TWD",
                    contract_months=24, on="2025-06-01")  # fmt: skip
    assert taiwan["fee_cap_vnd"] == 2 * 27_000 * 800
    assert taiwan["deposit_cap_vnd"] == 12_000_000
    # No rate recorded by that day: the months are known, the amount is not.
    early = _check(client, market_code="TW", monthly_salary="27000", salary_currency="TWD",
                   contract_months=24, on="2024-06-01")  # fmt: skip
    assert (early["fee_cap_vnd"], early["fee_cap_months"], early["exchange_rate"]) == (
        None,
        2.0,
        None,
    )
    # A salary in VND needs no rate.
    germany = _check(client, market_code="DE", monthly_salary="50000000",
                     salary_currency="VND", contract_months=36)  # fmt: skip
    assert germany["fee_cap_vnd"] == 150_000_000 and germany["deposit_cap_vnd"] is None


def test_bad_input_names_its_field(client: TestClient) -> None:
    good = {"market_code": "JP", "monthly_salary": "180000", "salary_currency": "JPY",
            "contract_months": 36}  # fmt: skip
    for field, value in (
        ("market_code", "ZZ"),
        ("monthly_salary", "-1"),
        ("contract_months", "0"),
        ("salary_currency", "JP"),
        ("channel", "cousin"),
        ("on", "2025-02-30"),
    ):
        r = client.get(CHECK, params=good | {field: value})
        assert_problem(r, 422, "validation_error", field)


def test_a_licence_is_found_by_name_or_number(client: TestClient, make: Factory) -> None:
    make.agency(name="Công ty Cung ứng Nhân lực Sao Mai (mẫu)", licence_no="123/LĐTBXH-GP")
    make.agency(name="Công ty Khác (mẫu)", licence_no="456/LĐTBXH-GP")
    for q in ("sao mai", "123/", "Sao Mai"):
        r = client.get("/api/v1/public/agencies", params={"q": q})
        assert r.status_code == 200, r.text
        assert [a["licence_no"] for a in r.json()["items"]] == ["123/LĐTBXH-GP"], q
    r = client.get("/api/v1/public/agencies", params={"q": "%"})
    assert r.json()["items"] == []
