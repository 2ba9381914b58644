"""Value types shared by the API's paths, queries and bodies."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

import annotated_types
from pydantic import AfterValidator, PlainSerializer

from overseas.core.db import LOCAL_ZONE
from overseas.core.errors import invalid

# Primary keys are 32-bit integers on both databases: a larger number names no row, and
# PostgreSQL would refuse to compare it with an integer column (a 500, not a 404).
MAX_ID = 2**31 - 1
Id = Annotated[int, annotated_types.Interval(ge=1, le=MAX_ID)]


# Timestamps that scripts send (`updated_since`, `since`): an offset is kept; a timestamp
# without one is Vietnam time and a bare date its midnight there (docs/api.md, conventions).
# Years outside these bounds name no record and could not be stored or compared.
TIMESTAMP_YEARS = (1900, 2999)


def _local_timestamp(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_ZONE)
    if not TIMESTAMP_YEARS[0] <= value.year <= TIMESTAMP_YEARS[1]:
        raise invalid(
            "timestamp_range",
            f"must be a timestamp between the years {TIMESTAMP_YEARS[0]} and {TIMESTAMP_YEARS[1]}",
            min_year=TIMESTAMP_YEARS[0],
            max_year=TIMESTAMP_YEARS[1],
        )
    return value.astimezone(UTC)


Timestamp = Annotated[datetime, AfterValidator(_local_timestamp)]


def _number(value: Decimal) -> float:
    return float(value)


# Ratios and percentages are JSON numbers (docs/api.md, conventions), kept exact as Decimal in
# Python; a float holds the two decimals they are rounded to.
Ratio = Annotated[Decimal, PlainSerializer(_number, return_type=float, when_used="json")]
