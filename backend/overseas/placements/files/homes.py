"""The home column of a spreadsheet: a unit's code, or its name followed by its old district or
its province after a comma ("Xã Tam Thanh, Núi Thành"), matched ignoring case, diacritics, the
old and new spelling of "Hòa"/"Hoà" and the level word ("Xã", "Huyện"...). A name that fits
several units valid on the record's registration day is refused with the candidates
(docs/places.md, "Importing by name")."""

from datetime import date
from typing import Any

from overseas.areas.catalog import Catalog, Unit
from overseas.core.errors import Fault, FieldError, fault
from overseas.core.faults import not_found
from overseas.core.text import fold

FIELD = "worker.home_area_code"
# Folded level words a name may start with, the longer first ("thi xa" before "xa").
LEVEL_WORDS = (
    "thanh pho ",
    "thi tran ",
    "thi xa ",
    "dac khu ",
    "phuong ",
    "huyen ",
    "quan ",
    "tinh ",
    "xa ",
)


def _bare(folded: str) -> str:
    for word in LEVEL_WORDS:
        if folded.startswith(word):
            return folded[len(word) :]
    return folded


def _named(units: list[Unit], text: str) -> list[Unit]:
    """The units of that name: written in full when any is, else without the level word."""
    wanted = fold(text)
    exact = [u for u in units if u.search_name == wanted]
    return exact or [u for u in units if _bare(u.search_name) == _bare(wanted)]


def _describe(places: Catalog, unit: Unit) -> str:
    within = places.path(unit)[1:2]
    where = f" ({within[0].name})" if within else ""
    period = f", {unit.period()}" if unit.period() else ""
    return f"{unit.code} {unit.name}{where}{period}"


def find(places: Catalog, text: str, day: date | None) -> tuple[str | None, Fault | None]:
    """The code a written home names, or the problem with it."""
    name, _, where = text.partition(",")
    units = list(places.units.values())
    found = _named(units, name)
    if where.strip():
        holders = {u.id for u in _named(units, where)}
        found = [u for u in found if any(p.id in holders for p in places.path(u)[1:])]
    if day is not None:
        # The units of the registration day; when none, the name's other periods, for the
        # rule of the day to name what replaced them.
        found = [u for u in found if u.valid_on(day)] or found
    codes = sorted({u.code for u in found})
    if len(codes) == 1:
        return codes[0], None
    if not found:
        return None, not_found("area", text.strip(), f"no unit named '{text.strip()}'")
    on = f" on {day.isoformat()}" if day else ""
    shown = "; ".join(_describe(places, u) for u in sorted(found, key=lambda u: (u.code, u.id)))
    message = (
        f"'{text.strip()}' names several units{on}: {shown}; write the code, or the name "
        "followed by its district or province after a comma"
    )
    return None, fault("area_ambiguous", message, value=text.strip())


def _day(value: Any) -> date | None:
    """The registration day as the cell gave it, when it reads as one (else the row's date
    error is reported by the batch's checks)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def resolve(
    places: Catalog, items: list[dict[str, Any]], rows: list[int], errors: list[FieldError]
) -> None:
    """Put the code in place of each written name; a name that names no unit or several is an
    error of its row."""
    for index, item in enumerate(items):
        worker = item.get("worker") or {}
        text = worker.get("home_area_code")
        if not isinstance(text, str) or not text.strip() or text.strip().isdigit():
            continue
        code, problem = find(places, text, _day(item.get("registered_on")))
        if code is not None:
            worker["home_area_code"] = code
            continue
        ref = item.get("external_ref")
        errors.append(
            FieldError.at(
                FIELD,
                problem or fault("invalid", ""),
                index=index,
                external_ref=str(ref) if ref is not None else None,
                row=rows[index],
            )
        )
