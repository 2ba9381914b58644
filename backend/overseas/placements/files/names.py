"""The market and enterprise columns of a spreadsheet: the code or id scripts write, or the name
people write and a labelled export holds ("Nhật Bản", the enterprise's name or its licence
number), matched ignoring case and diacritics. A name that names no market, or no enterprise or
several, is an error of its row."""

import re
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from overseas.agencies.models import Agency
from overseas.core.errors import FieldError
from overseas.core.principal import Principal
from overseas.core.text import fold
from overseas.markets.models import Market

_CODE = re.compile(r"[A-Za-z]{2}")


def _error(
    items: list[dict[str, Any]], rows: list[int], index: int, field: str, **said: Any
) -> FieldError:
    ref = items[index].get("external_ref")
    return FieldError(
        field=field,
        index=index,
        external_ref=str(ref) if ref is not None else None,
        row=rows[index],
        **said,
    )


def _markets(session: Session) -> tuple[dict[str, str], list[Market]]:
    """Each market's code by its code and by its Vietnamese and English names, folded; a name
    two markets share names neither."""
    found = list(session.exec(select(Market).order_by(Market.code)).all())
    named: dict[str, set[str]] = defaultdict(set)
    for market in found:
        for written in (market.code, market.name_vi, market.name_en):
            named[fold(written)].add(market.code)
    return {k: next(iter(v)) for k, v in named.items() if len(v) == 1}, found


def _agencies(session: Session) -> dict[str, list[Agency]]:
    """The enterprises by folded licence number and by folded name."""
    named: dict[str, list[Agency]] = defaultdict(list)
    for agency in session.exec(select(Agency).order_by(col(Agency.id))).all():
        for written in {fold(agency.licence_no), fold(agency.name)}:
            named[written].append(agency)
    return named


def resolve(
    session: Session,
    principal: Principal,
    items: list[dict[str, Any]],
    rows: list[int],
    errors: list[FieldError],
) -> None:
    """Put the code in place of each market's name and the id in place of each enterprise's
    name or licence number."""
    written_markets = [
        i for i, item in enumerate(items) if isinstance(item.get("market_code"), str)
    ]
    written_agencies = [i for i, item in enumerate(items) if isinstance(item.get("agency_id"), str)]
    if written_markets:
        by_name, markets = _markets(session)
        for index in written_markets:
            text = items[index]["market_code"].strip()
            code = by_name.get(fold(text))
            if code is not None:
                items[index]["market_code"] = code
            elif not _CODE.fullmatch(text):  # an unknown code is the batch's own error
                shown = ", ".join(f"{m.name_vi} ({m.code})" for m in markets)
                message = f"'{text}' names no market; write its code or its name: {shown}"
                allowed = [m.name_vi for m in markets]
                errors.append(
                    _error(
                        items, rows, index, "market_code",
                        code="unknown_label", params={"value": text, "allowed": allowed},
                        message=message,
                    )
                )  # fmt: skip
    if not written_agencies:
        return
    if principal.is_agency:
        # An enterprise's rows are its own whatever the column says (the batch's rule).
        for index in written_agencies:
            items[index]["agency_id"] = principal.agency_id
        return
    named = _agencies(session)
    for index in written_agencies:
        text = items[index]["agency_id"].strip()
        found = named.get(fold(text), [])
        if len(found) == 1:
            items[index]["agency_id"] = found[0].id
            continue
        if not found:
            message = f"no enterprise with the name or licence number '{text}'"
            said: dict[str, Any] = {"code": "unknown_agency", "params": {"value": text}}
        else:
            candidates = [f"{a.id} {a.name} ({a.licence_no})" for a in found]
            message = (
                f"'{text}' names several enterprises: {'; '.join(candidates)}; write the "
                "licence number or the ID"
            )
            said = {
                "code": "ambiguous_agency",
                "params": {"value": text, "candidates": candidates},
            }
        errors.append(_error(items, rows, index, "agency_id", message=message, **said))
        # The batch's checks read an id; the row's error is said above.
        del items[index]["agency_id"]
