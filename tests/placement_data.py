"""Valid placement payloads for tests; override what a test is about."""

from typing import Any

# Born 1995, male: digit 4 is 0 and digits 5-6 are 95 (Circular 59/2021/TT-BCA Art. 7).
NATIONAL_ID = "049095001234"


REFORM_DAY = "2025-07-01"
HOME_AFTER_REFORM = "20500"


def worker(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "national_id": NATIONAL_ID,
        "full_name": "Nguyễn Văn An",
        "date_of_birth": "1995-04-02",
        "sex": "male",
        "home_area_code": "506",
        "phone": "0905123456",
        "policy_groups": ["poor_household"],
    }
    return values | overrides


def national_id(n: int, *, sex: str = "male", year: int = 1995) -> str:
    """A well-formed 12-digit number, unique by n."""
    century = (year - 1900) // 100 * 2 + (0 if sex == "male" else 1)
    return f"049{century}{year % 100:02d}{n:06d}"


def item(external_ref: str | None = "REF-1", **overrides: Any) -> dict[str, Any]:
    """A placement as an enterprise sends it; `worker=` merges into the worker."""
    values: dict[str, Any] = {
        "external_ref": external_ref,
        "channel": "service_enterprise",
        "market_code": "JP",
        "programme": "TITP",
        "occupation": "Chế biến thực phẩm",
        "employer_name": "Synthetic Foods K.K.",
        "contract_months": 36,
        "monthly_salary": "180000",
        "salary_currency": "JPY",
        "service_fee_vnd": 30000000,
        "deposit_vnd": 0,
        "loan_vnd": None,
        "status": "registered",
        "registered_on": "2024-01-10",
        "departure_date": None,
        "return_date": None,
    }
    worker_overrides = overrides.pop("worker", {})
    values |= overrides
    if str(values["registered_on"]) >= REFORM_DAY and "home_area_code" not in worker_overrides:
        # Since 2025-07-01 a home is a commune: the default worker lives in Xã Đại Lộc, the new
        # commune formed from the district (506) the older records name.
        worker_overrides = worker_overrides | {"home_area_code": HOME_AFTER_REFORM}
    values["worker"] = worker(**worker_overrides)
    return values
