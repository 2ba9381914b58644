"""The labelled export (`labels=true`), for people: the template's Vietnamese headings, the
enterprise's and the market's names, statuses, channels, programmes, sexes, policy groups and
flags in words, the home unit's name and today's units' names, dates as dd/mm/yyyy and amounts
written the Vietnamese way (180.000; 2.500,5). It imports again: the import reads every one of
these values back (files.choices, files.names)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlmodel import Session, select

from overseas.agencies.models import Agency
from overseas.core.db import LOCAL_ZONE
from overseas.markets.models import Market
from overseas.placements.files.columns import HEADINGS, defuse
from overseas.placements.labels import label
from overseas.placements.schemas import PlacementRead

# The field's values in words: the vocabulary of labels.LABELS_VI they come from.
_WORDS = {
    "channel": "channel",
    "status": "status",
    "programme": "programme",
    "sex": "sex",
    "policy_groups": "policy_group",
    "flags": "flag",
}

_MONEY = frozenset({"monthly_salary", "service_fee_vnd", "deposit_vnd", "loan_vnd"})

DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "dd/mm/yyyy hh:mm"
VND_FORMAT = "#,##0"


def headings(names: Sequence[str]) -> list[str]:
    return [HEADINGS[name] for name in names]


def _vietnamese(value: int | Decimal) -> str:
    """180000 -> "180.000", 2500.5 -> "2.500,5": dots for thousands, a comma for decimals."""
    text = format(value.normalize(), ",f") if isinstance(value, Decimal) else format(value, ",")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass
class Names:
    """The names the labelled values need, read once per export."""

    agencies: dict[int, str]
    markets: dict[str, str]

    @classmethod
    def load(cls, session: Session) -> "Names":
        agencies = session.exec(select(Agency.id, Agency.name)).all()
        markets = session.exec(select(Market.code, Market.name_vi)).all()
        return cls({i: n for i, n in agencies if i is not None}, dict(markets))

    def values(self, read: PlacementRead, names: Sequence[str]) -> list[Any]:
        """The export's fields of one placement, as people read them (Python values)."""
        return [self._value(read, name) for name in names]

    def _value(self, read: PlacementRead, name: str) -> Any:
        home = read.worker.home_area
        match name:
            case "agency_id":
                return None if read.agency_id is None else self.agencies.get(read.agency_id)
            case "market_code":
                return self.markets.get(read.market_code, read.market_code)
            case "home_area_name":
                return home.name
            case "home_area_today":
                return "; ".join(u.name for u in home.today)
            case "created_at" | "updated_at":
                stamp: datetime = getattr(read, name)
                return stamp.astimezone(LOCAL_ZONE).replace(tzinfo=None)
        value = getattr(read.worker if name in type(read.worker).model_fields else read, name)
        if name in _WORDS:
            if isinstance(value, list):
                return "; ".join(label(_WORDS[name], v) for v in value)
            return None if value is None else label(_WORDS[name], value)
        return value


def csv_cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if name in _MONEY and isinstance(value, int | Decimal):
        return _vietnamese(value)
    return defuse(value) if isinstance(value, str) else str(value)


def xlsx_cell(name: str, value: Any) -> tuple[Any, str | None]:
    """The cell's value and its number format: dates are real dates shown as dd/mm/yyyy."""
    if isinstance(value, datetime):
        return value, TIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    if name in _MONEY and isinstance(value, int):
        return value, VND_FORMAT
    if isinstance(value, str):
        return defuse(ILLEGAL_CHARACTERS_RE.sub("", value)), None
    return value, None


def json_value(value: Any) -> Any:
    """NDJSON stays JSON: dates ISO, amounts canonical (docs/api.md), the words as words."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value
