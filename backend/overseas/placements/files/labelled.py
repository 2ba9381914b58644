"""The labelled export (`labels=true`), for people: the template's Vietnamese headings, the
enterprise's and the market's names, statuses, channels, programmes, sexes, policy groups and
flags in words, the home unit's name and today's units' names, dates as dd/mm/yyyy and amounts
written the Vietnamese way (180.000; 2.500,5). It imports again: the import reads every one of
these values back (files.choices, files.names).

Each function here takes a record (files.rows) and changes it in place, a whole row at once."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlmodel import Session, select

from overseas.agencies.models import Agency
from overseas.core.db import LOCAL_ZONE
from overseas.markets.models import Market
from overseas.placements.files.columns import COLUMNS, HEADINGS, defuse
from overseas.placements.files.rows import (
    CREATED_AT,
    FIELD,
    FLAGS,
    HOME_AREA_NAME,
    HOME_AREA_TODAY,
    POLICY_GROUPS,
    UPDATED_AT,
    Home,
    Record,
    decimal_text,
)
from overseas.placements.labels import LABELS_VI

# The fields whose codes are written in words: the vocabulary of labels.LABELS_VI they come
# from (a code without words, a programme's own name, is itself).
_WORDS = {FIELD[c.name]: LABELS_VI.get(c.vocabulary, {}) for c in COLUMNS if c.kind == "enum"}
_GROUP_WORDS = LABELS_VI["policy_group"]
_FLAG_WORDS = LABELS_VI["flag"]
_AGENCY = FIELD["agency_id"]
_MARKET = FIELD["market_code"]
_DATES = tuple(FIELD[c.name] for c in COLUMNS if c.kind == "date")
_STAMPS = (CREATED_AT, UPDATED_AT)
_VND = tuple(FIELD[c.name] for c in COLUMNS if c.kind == "vnd")
_SALARY = FIELD["monthly_salary"]
# The fields that hold text once in words: written defused (columns.defuse).
_TEXTS = (
    *(FIELD[c.name] for c in COLUMNS if c.kind in ("text", "enum", "national_id", "phone")),
    _AGENCY,
    POLICY_GROUPS,
    HOME_AREA_NAME,
    HOME_AREA_TODAY,
    FLAGS,
)

DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "dd/mm/yyyy hh:mm"
VND_FORMAT = "#,##0"


def headings(names: Sequence[str]) -> list[str]:
    return [HEADINGS[name] for name in names]


def number_formats(names: Sequence[str]) -> list[str | None]:
    """The number format of each column of the workbook: dates shown as dd/mm/yyyy."""
    formats = {i: DATE_FORMAT for i in _DATES} | {i: TIME_FORMAT for i in _STAMPS}
    formats |= {i: VND_FORMAT for i in _VND}
    return [formats.get(FIELD[name]) for name in names]


def _vietnamese(value: int | Decimal) -> str:
    """180000 -> "180.000", 2500.5 -> "2.500,5": dots for thousands, a comma for decimals."""
    text = format(value.normalize(), ",f") if isinstance(value, Decimal) else format(value, ",")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _words(codes: tuple[str, ...] | None, words: dict[str, str]) -> str | None:
    return None if codes is None else "; ".join(words.get(c, c) for c in codes)


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

    def words(self, v: Record) -> Record:
        """The record as people read it (Python values): names and words for codes, the
        timestamps in the department's time (docs/api.md)."""
        agency = v[_AGENCY]
        v[_AGENCY] = None if agency is None else self.agencies.get(agency)
        v[_MARKET] = self.markets.get(v[_MARKET], v[_MARKET])
        for i, words in _WORDS.items():
            if v[i] is not None:
                v[i] = words.get(v[i], v[i])
        v[POLICY_GROUPS] = _words(v[POLICY_GROUPS], _GROUP_WORDS)
        v[FLAGS] = _words(v[FLAGS], _FLAG_WORDS)
        home: Home = v[HOME_AREA_NAME]
        v[HOME_AREA_NAME] = home.name
        v[HOME_AREA_TODAY] = "; ".join(home.today_names)
        for i in _STAMPS:
            v[i] = v[i].astimezone(LOCAL_ZONE).replace(tzinfo=None)
        return v


def csv_row(v: Record) -> Record:
    """Dates dd/mm/yyyy, amounts the Vietnamese way, text defused; empty for None."""
    for i in _DATES:
        if v[i] is not None:
            v[i] = v[i].strftime("%d/%m/%Y")
    for i in _STAMPS:
        v[i] = v[i].strftime("%d/%m/%Y %H:%M:%S")
    for i in _VND:
        if v[i] is not None:
            v[i] = _vietnamese(v[i])
    if v[_SALARY] is not None:
        v[_SALARY] = _vietnamese(v[_SALARY])
    for i in _TEXTS:
        if v[i] is not None:
            v[i] = defuse(v[i])
    return v


def xlsx_row(v: Record) -> Record:
    """Dates and amounts stay numbers (their formats: number_formats); text is defused, with
    the characters a worksheet cannot hold taken out."""
    for i in _TEXTS:
        text = v[i]
        if text is not None:
            if not text.isprintable():
                text = ILLEGAL_CHARACTERS_RE.sub("", text)
            v[i] = defuse(text)
    return v


def json_row(v: Record) -> Record:
    """NDJSON stays JSON: dates ISO, amounts canonical (docs/api.md), the words as words."""
    for i in (*_DATES, *_STAMPS):
        day: date | None = v[i]
        if day is not None:
            v[i] = day.isoformat()
    v[_SALARY] = decimal_text(v[_SALARY])
    return v


_JSON = json.JSONEncoder(ensure_ascii=False)


def json_line(header: Sequence[str], values: Sequence[Any]) -> str:
    return _JSON.encode(dict(zip(header, values, strict=True)))
