"""Synthetic placements for demonstrations and benchmarks (never real people).

Realistic in shape: the 18 former Quảng Nam districts weighted like the province's split of its
yearly quota (Decision 458/QĐ-UBND of 2020: Quế Sơn 270, Thăng Bình 250, Đại Lộc 250 ... Đông
Giang and Nam Giang 20 of 1,800), registrations from 2023 to today, markets weighted like the
real flows (Japan first, then Taiwan and Korea), every status, some records flagged, spread
over the demo enterprises. Written with COPY in chunks, so a million rows take minutes.
"""

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, func, select

from overseas.areas import catalog
from overseas.areas.catalog import REFORM_DAY, Catalog, Unit
from overseas.core.bulk import allocate_ids, bulk_insert, table_of
from overseas.core.db import today
from overseas.core.text import name_sort_key
from overseas.law import caps
from overseas.markets.service import Rates, exchange_rates
from overseas.placements import rules, tallies
from overseas.placements.models import Placement, PlacementEvent, Status, Worker

DEMO_NOTE = "Dữ liệu mẫu (synthetic demo record)"
DEMO_PREFIX = "DEMO-"

# Former district -> weight (persons of the 1,800 yearly quota; Decision 458/QĐ-UBND 2020).
DISTRICTS = {
    "509": 270, "513": 250, "506": 250, "507": 160, "508": 140, "517": 130, "502": 90,
    "518": 90, "514": 90, "512": 70, "503": 60, "511": 50, "515": 40, "519": 40,
    "504": 25, "516": 25, "505": 20, "510": 20,
}  # fmt: skip

# market -> (weight, programme choices, currency, salary range, occupations)
MARKETS: dict[str, tuple[int, Sequence[str | None], str, tuple[int, int], Sequence[str]]] = {
    "JP": (46, ["TITP", "TITP", "TITP", "SSW", "engineer"], "JPY", (160_000, 260_000),
           ["Chế biến thực phẩm", "Xây dựng", "Điều dưỡng", "Cơ khí", "Nông nghiệp"]),
    "TW": (24, ["other"], "TWD", (27_000, 33_000),
           ["Điện tử", "Dệt may", "Chăm sóc người già", "Cơ khí"]),
    "KR": (16, ["EPS", "EPS", "other"], "KRW", (2_000_000, 2_600_000),
           ["Sản xuất chế tạo", "Nông nghiệp", "Ngư nghiệp"]),
    "DE": (4, ["other"], "EUR", (2_400, 3_200), ["Điều dưỡng", "Nhà hàng khách sạn"]),
    "CA": (1, ["other"], "CAD", (3_000, 4_200), ["Chế biến thực phẩm", "Nông nghiệp"]),
    "AU": (2, ["other"], "AUD", (4_000, 5_200), ["Nông nghiệp"]),
    "SG": (1, ["other"], "SGD", (1_500, 2_300), ["Xây dựng"]),
    "MY": (1, ["other"], "MYR", (1_500, 2_100), ["Sản xuất chế tạo"]),
    "SA": (1, ["other"], "USD", (450, 700), ["Giúp việc gia đình"]),
    "AE": (1, ["other"], "USD", (600, 900), ["Nhà hàng khách sạn"]),
    "RO": (1, ["other"], "EUR", (700, 1_000), ["Xây dựng"]),
    "HU": (1, ["other"], "EUR", (800, 1_100), ["Sản xuất chế tạo"]),
    "PL": (1, ["other"], "EUR", (800, 1_200), ["Cơ khí"]),
}  # fmt: skip

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Trương"]  # fmt: skip
MIDDLE_M = ["Văn", "Hữu", "Đức", "Công", "Minh", "Quang", "Thanh", "Tấn"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong",
           "Quân", "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Việt", "Vinh"]  # fmt: skip
GIVEN_F = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai",
           "Nga", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Vy", "Yến"]  # fmt: skip
POLICY = ["poor_household", "near_poor_household", "ethnic_minority", "land_recovered",
          "merit_relative", "demobilised_soldier"]  # fmt: skip
# Province codes used as the first three digits, one per million synthetic people.
PROVINCE_PREFIXES = ["049", "048", "046", "051", "052", "045", "044", "042", "040", "038"]

CHUNK = 20_000


@dataclass(frozen=True)
class DemoAgencyRef:
    id: int
    active_since: date
    active_until: date | None = None


def _choose(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Homes:
    """Where a synthetic worker lives, as the registry would record it on the day: before the
    reform a former district or one of its communes, after it one of today's communes formed
    from the district's territory (docs/places.md)."""

    def __init__(self, places: Catalog) -> None:
        self.places = places
        self._choices: dict[tuple[str, str], list[Unit]] = {}

    def _pool(self, district: str, day: date) -> list[Unit]:
        period = "new" if day >= REFORM_DAY else ("2025" if day.year == 2025 else "old")
        kept = self._choices.get((district, period))
        if kept is not None:
            return kept
        places = self.places
        newest = places.newest(district)
        pool: list[Unit] = []
        if newest is not None and period == "new":
            pool = places.communes_of(newest, day)
        elif newest is not None:
            unit = places.on(district, day) or next(iter(places.today(newest, day)), None)
            if unit is not None:
                communes = [
                    places.units[c]
                    for c in places.children.get(unit.id, [])
                    if places.units[c].valid_on(day)
                ]
                # Half the records of those years name the district, half a commune of it.
                pool = [unit] * max(1, len(communes)) + communes
        self._choices[(district, period)] = pool or [places.root()]
        return self._choices[(district, period)]

    def choose(self, rng: random.Random, district: str, day: date) -> Unit:
        return rng.choice(self._pool(district, day))


def _national_id(n: int, sex: str, born: date) -> str:
    prefix = PROVINCE_PREFIXES[(n // 1_000_000) % len(PROVINCE_PREFIXES)]
    century = (born.year - 1900) // 100 * 2 + (0 if sex == "male" else 1)
    return f"{prefix}{century}{born.year % 100:02d}{n % 1_000_000:06d}"


def _status_for(rng: random.Random, registered: date, end: date) -> Status:
    age_days = (end - registered).days
    r = rng.random()
    if r < 0.07:
        return Status.cancelled
    if age_days < 60:
        return rng.choice([Status.registered, Status.training])
    if age_days < 180:
        return rng.choice([Status.training, Status.contracted, Status.departed])
    if r < 0.10:
        return Status.returned_early
    if r < 0.12:
        return Status.overstayed
    if age_days > 500 and r < 0.25:
        return Status.returned
    return Status.departed


def generate(
    rng: random.Random,
    start_index: int,
    count: int,
    agencies: Sequence[DemoAgencyRef],
    rates: Rates,
    end: date,
    homes: Homes,
    book: caps.CapBook,
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Placement column values with their status history, one placement at a time."""
    span = (end - date(2023, 1, 1)).days
    market_weights = {code: spec[0] for code, spec in MARKETS.items()}
    previous: dict[str, Any] | None = None
    for n in range(start_index, start_index + count):
        # About 1 in 100 is the previous person again, on a second contract; never across a
        # chunk boundary, so both rows are written (and flagged) together.
        repeat = previous is not None and (n - start_index) % CHUNK != 0 and rng.random() < 0.01
        market = _choose(rng, market_weights)
        _w, programmes, currency, (low, high), occupations = MARKETS[market]
        programme = rng.choice(programmes)
        sex = "male" if rng.random() < 0.62 else "female"
        registered = date(2023, 1, 1) + timedelta(days=rng.randrange(span))
        born = registered - timedelta(days=rng.randint(19 * 365, 40 * 365))
        if repeat and previous is not None:
            sex, born = previous["sex"], previous["date_of_birth"]
            registered = max(registered, born + timedelta(days=19 * 365))
        status = _status_for(rng, registered, end)
        home = homes.choose(rng, _choose(rng, DISTRICTS), registered)
        # Korea's EPS runs through the public Centre of Overseas Labour: no enterprise, no fee.
        if programme == "EPS":
            channel, agency_id = "public_unit", None
        else:
            roll = rng.random()
            channel = (
                "direct_contract" if roll < 0.03 else "internship" if roll < 0.08 else
                "contract_winner" if roll < 0.10 else "service_enterprise"
            )  # fmt: skip
            eligible = [
                a
                for a in agencies
                if a.active_since <= registered and (a.active_until or end) >= registered
            ] or list(agencies)
            agency_id = None if channel == "direct_contract" else rng.choice(eligible).id
        months = rng.choice([12, 24, 36, 36, 36, 60]) if market != "KR" else rng.choice([36, 58])
        salary = Decimal(rng.randrange(low, high, max(1, (high - low) // 50)))
        departure = None
        if status in rules.DEPARTED_STATUSES:
            departure = min(registered + timedelta(days=rng.randint(60, 240)), end)
        elif status == Status.contracted and rng.random() < 0.5:
            departure = None
        returned = None
        if status == Status.returned and departure:
            returned = min(departure + timedelta(days=months * 30), end)
        elif status == Status.returned_early and departure:
            returned = min(departure + timedelta(days=rng.randint(30, max(31, months * 15))), end)
        if returned and departure and returned < departure:
            returned = departure
        judged = rules.judged_on(None, departure, registered)
        rate = Decimal(1) if currency == "VND" else rates.on(market, currency, judged)
        fee = 0 if channel == "public_unit" else None
        if channel != "public_unit":
            cap = book.fee_cap_vnd(market, programme, channel, months, salary, rate, judged)
            if cap is None:
                fee = rng.randrange(20_000_000, 90_000_000, 500_000)
            else:
                share = 1.15 if rng.random() < 0.04 else rng.uniform(0.5, 0.98)
                fee = int(cap * Decimal(str(share)) / 100_000) * 100_000
        deposit_rule = book.deposit_cap_for(market, programme, channel, judged)
        deposit_cap = deposit_rule.cap_vnd if deposit_rule else None
        deposit = 0
        if deposit_cap:
            deposit = deposit_cap + 5_000_000 if rng.random() < 0.02 else deposit_cap // 2
        elif deposit_cap == 0 and rng.random() < 0.01:
            deposit = 10_000_000
        reported_at = None
        if departure:
            delay = rng.randint(6, 20) if rng.random() < 0.05 else rng.randint(0, 4)
            reported_at = datetime.combine(departure + timedelta(days=delay), time(3), UTC)
        flags = rules.compute_flags(
            rules.FlagInputs(
                market, programme, channel, months, salary, currency, fee, deposit,
                departure, reported_at.date() if reported_at else None, judged,
            ),
            rate,
            False,
            book=book,
        )  # fmt: skip
        middle = rng.choice(MIDDLE_M if sex == "male" else MIDDLE_F)
        given = rng.choice(GIVEN_M if sex == "male" else GIVEN_F)
        name = (
            previous["full_name"]
            if repeat and previous
            else f"{rng.choice(FAMILY)} {middle} {given}"
        )
        stamp = datetime.combine(registered, time(2), UTC)
        last_change = datetime.combine(returned or departure or registered, time(4), UTC)
        row = {
            "agency_id": agency_id,
            "external_ref": f"{DEMO_PREFIX}{n:08d}",
            "channel": channel,
            "national_id": previous["national_id"]
            if repeat and previous
            else _national_id(n, sex, born),
            "full_name": name,
            "search_name": rules.fold(name),
            "name_key": name_sort_key(name),
            "date_of_birth": born,
            "sex": sex,
            "home_area_code": home.code,
            "home_area_id": home.id,
            "phone": f"09{rng.randrange(10**8):08d}",
            "policy_groups": [rng.choice(POLICY)] if rng.random() < 0.15 else [],
            "market_code": market,
            "programme": programme,
            "occupation": rng.choice(occupations),
            "employer_name": f"Synthetic employer {rng.randrange(1, 400)}",
            "contract_months": months,
            "monthly_salary": salary,
            "salary_currency": currency,
            "service_fee_vnd": fee,
            "deposit_vnd": deposit,
            "loan_vnd": rng.choice([None, None, 0, 50_000_000, 100_000_000]),
            "status": status.value,
            "registered_on": registered,
            "departure_date": departure,
            "return_date": returned,
            "departure_reported_at": reported_at,
            "notes": DEMO_NOTE,
            "created_at": stamp,
            "updated_at": max(stamp, last_change),
            "version": 1,
            # No demo placement names a notice here (demo.py names a few afterwards).
            "over_quota": False,
        } | {f.value: on for f, on in flags.items()}
        events = [{"status": "registered", "on": registered, "reason": "created", "at": stamp}]
        for step, day in (
            (Status.contracted, departure and departure - timedelta(days=30)),
            (Status.departed, departure),
            (Status.returned, returned if status == Status.returned else None),
            (Status.returned_early, returned if status == Status.returned_early else None),
            (Status.overstayed, departure and min(end, departure + timedelta(days=months * 30))),
        ):
            if day and (step != Status.overstayed or status == Status.overstayed):
                events.append(
                    {"status": step.value, "on": day, "reason": None,
                     "at": datetime.combine(day, time(5), UTC)}
                )  # fmt: skip
        if status in (Status.cancelled, Status.training, Status.contracted) and not departure:
            events.append({"status": status.value, "on": registered, "reason": None, "at": stamp})
        row["_repeat"] = repeat
        previous = row
        yield row, events


def load_placements(session: Session, agencies: Sequence[DemoAgencyRef], count: int) -> int:
    """Add `count` synthetic placements (numbered after those already loaded)."""
    existing = session.exec(
        select(func.count()).where(col(Placement.external_ref).startswith(DEMO_PREFIX))
    ).one()
    rng = random.Random(20230421 + existing)  # Programme 30-CTr/TU of 21/4/2023
    rates = exchange_rates(session, MARKETS)
    end = today()
    made = 0
    homes = Homes(catalog.load(session))
    book = caps.load(session)
    rows_iter = generate(rng, int(existing), count, agencies, rates, end, homes, book)
    while made < count:
        batch = [next(rows_iter) for _ in range(min(CHUNK, count - made))]
        ids = allocate_ids(session, table_of(Placement), len(batch))
        new_people = [row for row, _ in batch if not row["_repeat"]]
        worker_ids = iter(allocate_ids(session, table_of(Worker), len(new_people)))
        workers: list[dict[str, Any]] = []
        placements: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        for pid, (row, history) in zip(ids, batch, strict=True):
            repeat = row.pop("_repeat")
            if not repeat:
                wid = next(worker_ids)
                workers.append(
                    {"id": wid, "national_id": row["national_id"], "created_at": row["created_at"]}
                )
            placements.append(
                row
                | {"id": pid, "worker_id": wid, "national_id_reversed": row["national_id"][::-1]}
            )
            events += [e | {"placement_id": pid, "actor": "demo"} for e in history]
        # A person's contracts all sit in one chunk: two under way at once are both flagged.
        active = rules.ActivePlacements(((p["national_id"],), p["status"]) for p in placements)
        for p in placements:
            p["possible_duplicate"] = active.duplicate((p["national_id"],), p["status"])
        bulk_insert(session, table_of(Worker), workers)
        bulk_insert(session, table_of(Placement), placements)
        tallies.apply(session, Counter(k for p in placements for k in tallies.keys_of(p)))
        bulk_insert(session, table_of(PlacementEvent), events)
        session.commit()
        made += len(batch)
    return made
