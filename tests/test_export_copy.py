"""The coded CSV export that PostgreSQL writes itself (files.copying) is the file the Core path
writes (files.exporting, files.rows), byte for byte: on varied rows, for every role, with each
of the list's filters. SQLite has no such path: there, the export's Core path answers every
filter, and the line endings (the same function on both) are checked alike."""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlmodel import Session, col

from overseas.core.bulk import table_of
from overseas.core.principal import Role
from overseas.placements.files import copying
from overseas.placements.models import Flag, Placement, PolicyGroup
from tests.factories import Factory
from tests.placement_data import national_id

EXPORT = "/api/v1/placements/export"

# Texts that a CSV quotes, that a spreadsheet would run, or that only look like it.
TEXTS = [
    "",
    " ",
    "=1+1",
    "+84905123456",
    "-",
    "@x",
    "\tTab",
    "\rCR",
    "a,b",
    'say "hi"',
    '"',
    '""',
    "line\nbreak",
    "crlf\r\nend\r\n",
    "back\\slash",
    "100%_done",
    "'quoted'",
    "Nguyễn Thị Ánh Tuyết",
    "emoji 😀 ok",
    "\\.",
    "trailing ",
    "#N/A",
]


def _stamp(rng: random.Random) -> datetime:
    moment = datetime(2023, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(10**8))
    return moment.replace(microsecond=rng.choice([0, 1, 500000, 999999, rng.randrange(10**6)]))


def _maybe(rng: random.Random, value: Any) -> Any:
    return value if rng.random() < 0.7 else None


def _load(session: Session, make: Factory, agency_id: int) -> None:
    rng = random.Random(20250701)
    homes = ["506", "20296", "48", "20500"]
    for n in range(40):
        registered = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
        home = homes[n % len(homes)] if registered < date(2025, 7, 1) else "20500"
        placement = make.placement(
            agency_id=agency_id,
            registered_on=registered.isoformat(),
            worker={"national_id": national_id(600 + n), "home_area_code": home},
        )
        texts = {
            name: rng.choice(TEXTS)
            for name in ("occupation", "employer_name", "notes", "full_name")
        }
        # Unique for the enterprise.
        texts["external_ref"] = rng.choice(TEXTS) + str(n)
        values: dict[str, Any] = (
            texts
            | {
                "phone": rng.choice([None, "", "0905123456", "+84905123456", "=1", "12"]),
                "previous_national_id": rng.choice([None, "", "012345678", "-1"]),
                "national_id": rng.choice([national_id(600 + n), "1234", "+84", ""]),
                "policy_groups": rng.sample(list(PolicyGroup), rng.randrange(len(PolicyGroup))),
                "monthly_salary": rng.choice(
                    [Decimal("0.01"), Decimal("100"), Decimal("1234.50"), Decimal("12345678.90")]
                ),
                "service_fee_vnd": _maybe(rng, rng.randrange(10**12)),
                "deposit_vnd": _maybe(rng, 0),
                "loan_vnd": _maybe(rng, 10**13),
                "departure_date": _maybe(rng, registered + timedelta(days=90)),
                "return_date": _maybe(rng, registered + timedelta(days=900)),
                "contract_signed_on": _maybe(rng, registered + timedelta(days=30)),
                "version": rng.randrange(1, 9),
                "created_at": _stamp(rng),
                "updated_at": _stamp(rng),
            }
            | {f.value: rng.random() < 0.3 for f in Flag}
        )
        session.execute(
            update(table_of(Placement)).where(col(Placement.id) == placement.id).values(**values)
        )
    session.commit()


FILTERS: list[dict[str, str]] = [
    {},
    {"status": "registered"},
    {"market_code": "jp"},
    {"channel": "service_enterprise"},
    {"home_area_code": "506"},
    {"home_area_code": "20500"},
    {"unallocated": "true"},
    {"registered_from": "2024-06-01", "registered_to": "2025-03-01"},
    {"departed_from": "2024-04-01", "departed_to": "2025-12-31"},
    {"flag": "fee_above_cap"},
    {"q": "nguyen"},
    {"q": "100%_"},
    {"q": "back\\slash 'x"},
    {"q": "049"},
    {"updated_since": "2024-01-01T00:00:00Z"},
]


@pytest.mark.parametrize("role", [Role.officer, Role.viewer, Role.admin, Role.agency])
def test_copy_writes_the_core_paths_csv(
    client: TestClient,
    make: Factory,
    session: Session,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    role: Role,
) -> None:
    """On PostgreSQL the file COPY writes is the Core path's; SQLite has no COPY, and its
    export takes the Core path under every filter."""
    postgresql = copying.supported(engine)
    assert postgresql == (engine.dialect.name == "postgresql")
    agency_id = make.agency().id
    assert agency_id is not None
    _load(session, make, agency_id)
    headers = make.headers(role, agency_id=agency_id if role == Role.agency else None)
    for filters in FILTERS:
        if role in (Role.viewer, Role.admin) and filters.get("q", "").isdigit():
            continue  # a masked role searches by a complete ID only
        params = filters | {"format": "csv", "agency_id": str(agency_id)}
        monkeypatch.setattr(copying, "supported", lambda bind: False)
        core = client.get(EXPORT, headers=headers, params=params)
        assert core.status_code == 200, core.text
        assert core.content.count(b"\r\n") > 1 or filters, "the filters find rows"
        if postgresql:
            monkeypatch.setattr(copying, "supported", lambda bind: True)
            copied = client.get(EXPORT, headers=headers, params=params)
            assert copied.status_code == 200, copied.text
            assert copied.content == core.content, filters


def test_line_ends_become_crlf_outside_quoted_fields_wherever_a_block_ends() -> None:
    data = b'1,"a\n""b""\r\n,",x\n2,,"""\n"\n3,plain,"\n"\n'
    want = b'1,"a\n""b""\r\n,",x\r\n2,,"""\n"\r\n3,plain,"\n"\r\n'
    assert copying._Lines()(data) == want
    for cut in range(len(data) + 1):
        lines = copying._Lines()
        assert lines(data[:cut]) + lines(data[cut:]) == want, cut
