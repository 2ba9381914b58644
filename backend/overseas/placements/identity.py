"""Personal identification numbers: the CCCD and the old identity card (docs/api.md,
"Identity numbers")."""

import csv
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import or_
from sqlalchemy import select as core_select
from sqlmodel import Session

from overseas.core.bulk import in_values, table_of
from overseas.core.errors import Fault, fault
from overseas.placements.models import Placement, Sex

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"


def ids_of(national_id: str, previous_national_id: str | None) -> tuple[str, ...]:
    """The numbers a person is known by on a placement: the CCCD and, when given, the old
    identity card's; either makes two placements the same person's (docs/api.md)."""
    if previous_national_id and previous_national_id != national_id:
        return (national_id, previous_national_id)
    return (national_id,)


# A CCCD has 12 digits; an identity card of the old kind 9.
NATIONAL_ID_LENGTHS = (12, 9)
# Law on Identification 2023 (26/2023/QH15) Art. 46: the 9-digit identity card was valid until
# 2024-12-31; a record registered from 2025-01-01 names the person by the CCCD.
CCCD_ONLY_FROM = date(2025, 1, 1)


@lru_cache
def cccd_prefixes() -> frozenset[str]:
    """The first three digits a CCCD may have: 0 and the GSO code of one of the 63 provinces
    before 2025-07-01, where the birth was registered (Circular 07/2016/TT-BCA, as amended)."""
    with (REFERENCE / "cccd_province_codes.csv").open(encoding="utf-8") as f:
        return frozenset(r["cccd_prefix"] for r in csv.DictReader(f))


def check_national_id(national_id: str, sex: Sex, date_of_birth: date) -> Fault | None:
    """The problem with a personal identification number, or None.

    Circular 59/2021/TT-BCA Art. 7: 12 digits; digits 1-3 the province of birth registration,
    digit 4 the century and sex (0/1 male/female born 1900-1999, 2/3 born 2000-2099, and so
    on), digits 5-6 the last two digits of the year of birth. Legacy 9-digit identity card
    numbers (Decree 05/1999/NĐ-CP) are still accepted as they are.
    """
    # isascii(): str.isdigit() also accepts full-width, Arabic-Indic and superscript digits.
    digits = national_id.isascii() and national_id.isdigit()
    if not digits or len(national_id) not in NATIONAL_ID_LENGTHS:
        return fault(
            "national_id_format", "must be 12 digits (or a legacy 9-digit identity card number)"
        )
    if len(national_id) == 9:
        return None
    if national_id[:3] not in cccd_prefixes():
        return fault(
            "national_id_province",
            f"digits 1-3 ({national_id[:3]}) are not a province of birth registration "
            "(0 and a GSO province code, e.g. 049 Quảng Nam, 048 Đà Nẵng)",
            digits=national_id[:3],
        )
    century_digit = int(national_id[3])
    century = 1900 + (century_digit // 2) * 100
    if century_digit > 9 or not century <= date_of_birth.year < century + 100:
        return fault(
            "national_id_century",
            f"digit 4 ({century_digit}) does not match a birth in {date_of_birth.year}",
            digit=century_digit,
            year=date_of_birth.year,
        )
    expected_sex = Sex.male if century_digit % 2 == 0 else Sex.female
    if expected_sex != sex:
        return fault(
            "national_id_sex",
            f"digit 4 ({century_digit}) is for a {expected_sex.value} worker, not {sex.value}",
            digit=century_digit,
            sex=expected_sex.value,
        )
    if national_id[4:6] != f"{date_of_birth.year % 100:02d}":
        return fault(
            "national_id_year",
            f"digits 5-6 ({national_id[4:6]}) do not match the year of birth {date_of_birth.year}",
            digits=national_id[4:6],
            year=date_of_birth.year,
        )
    return None


# A placement as the duplicate rule sees it: (id, the numbers its person is known by, status,
# possible_duplicate).
Person = tuple[Any, tuple[str, ...], Any, bool]


def same_people(session: Session, numbers: Iterable[str]) -> list[Person]:
    """Every placement whose person is known by one of these numbers (a CCCD or an old
    identity card's), as the duplicate rule sees it."""
    table = table_of(Placement)
    wanted = sorted(set(numbers))
    rows = session.connection().execute(
        core_select(
            table.c.id,
            table.c.national_id,
            table.c.previous_national_id,
            table.c.status,
            table.c.possible_duplicate,
        ).where(
            or_(
                in_values(session, table.c.national_id, wanted),
                in_values(session, table.c.previous_national_id, wanted),
            )
        )
    )
    return [
        (
            r.id,
            ids_of(r.national_id, r.previous_national_id),
            r.status,
            r.possible_duplicate,
        )
        for r in rows
    ]
