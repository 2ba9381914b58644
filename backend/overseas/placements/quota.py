"""The recruitment notices' quotas over the placements naming them (docs/notices.md): the
`over_quota` flag, and how many placements an enterprise registered without naming a notice
(a risk factor)."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, case, false, func, true, update
from sqlalchemy import select as core_select
from sqlmodel import Session

from overseas.audit import service as audit
from overseas.core.bulk import in_values, table_of
from overseas.core.db import today, utcnow
from overseas.notices.models import RecruitmentNotice
from overseas.placements.models import Channel, Flag, Placement, Status
from overseas.placements.rules import CHANNELS_WITHOUT_AGENCY

ENTITY = "placements"
FLAG = Flag.over_quota.value


def settle(
    session: Session,
    notice_ids: Iterable[int | None],
    *,
    written: Collection[int] = (),
    released: Collection[int] = (),
) -> int:
    """Set `over_quota` on the placements of these notices as the rule now says: a notice's
    placements that are not cancelled, counted in registration order (id breaking ties), carry
    the flag past its quota; a cancelled one never does. One grouped query for all the notices,
    which returns only the placements whose flag must change; returns how many changed.

    The notices' rows are locked first (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises
    writers), so two transactions settling one notice run one after the other, and the second
    counts the first one's placements once it has committed (READ COMMITTED).

    `released` placements no longer name a notice: their flag goes.

    A flag that changes on a placement `written` by this transaction leaves its version as the
    write set it; on another placement it is a change of its own (version and updated_at move,
    as when a new exchange rate judges a fee again)."""
    ids = sorted({i for i in notice_ids if i is not None})
    conn = session.connection()
    table = table_of(Placement)
    flips: list[dict[str, Any]] = []
    if released:
        freed = conn.execute(
            core_select(table.c.id).where(
                in_values(session, table.c.id, sorted(released)), table.c.over_quota
            )
        )
        flips += [{"_id": row.id, "flag": False} for row in freed]
    if ids:
        flips += _count(session, ids)
    if not flips:
        return 0
    return _write(session, flips, written)


def _count(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """The notices' placements whose flag the count changes, the notices locked first."""
    conn = session.connection()
    table = table_of(Placement)
    notices = table_of(RecruitmentNotice)
    conn.execute(
        core_select(notices.c.id)
        .where(in_values(session, notices.c.id, ids))
        .order_by(notices.c.id)
        .with_for_update()
    ).all()
    cancelled = table.c.status == Status.cancelled.value
    rank = func.row_number().over(
        partition_by=[table.c.recruitment_notice_id, cancelled],
        order_by=[table.c.registered_on, table.c.id],
    )
    ranked = (
        core_select(
            table.c.id,
            table.c.over_quota,
            case((cancelled, false()), else_=rank > notices.c.quota).label("want"),
        )
        .join(notices, notices.c.id == table.c.recruitment_notice_id)
        .where(in_values(session, table.c.recruitment_notice_id, ids))
        .subquery()
    )
    return [
        {"_id": row.id, "flag": bool(row.want)}
        for row in conn.execute(
            core_select(ranked.c.id, ranked.c.want)
            .where(ranked.c.over_quota != ranked.c.want)
            .order_by(ranked.c.id)
        )
    ]


def _write(session: Session, flips: list[dict[str, Any]], written: Collection[int]) -> int:
    conn = session.connection()
    table = table_of(Placement)
    mine = set(written)
    own = [f for f in flips if f["_id"] in mine]
    others = [f for f in flips if f["_id"] not in mine]
    if own:
        conn.execute(
            update(table)
            .where(table.c.id == bindparam("_id"))
            # updated_at is named so that its on-update default does not fire again.
            .values(over_quota=bindparam("flag"), updated_at=table.c.updated_at),
            own,
        )
    if others:
        conn.execute(
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values(over_quota=bindparam("flag"), updated_at=utcnow(), version=table.c.version + 1),
            others,
        )
    audit.record_many(
        session,
        "update",
        ENTITY,
        ((f["_id"], {FLAG: {"before": not f["flag"], "after": f["flag"]}}) for f in flips),
    )
    return len(flips)


# Law 69/2020/QH14 Art. 5 and Art. 8: a direct contract and a public unit's placement go
# through no enterprise's recruitment, so they never name a notice.
NOTICE_CHANNELS = frozenset(Channel) - CHANNELS_WITHOUT_AGENCY


@dataclass(frozen=True)
class NoticeCoverage:
    """An enterprise's placements registered in a span: how many, and how many name no
    recruitment notice."""

    registered: int
    without_notice: int


def without_notice(
    session: Session, since: date | None = None, agency_ids: list[int] | None = None
) -> dict[int, NoticeCoverage]:
    """Per enterprise, the placements registered since `since` (default: the last 12 months,
    today included) in the channels that recruit through an enterprise — service enterprises,
    contract winners, outbound investors and internship enterprises; not direct contracts nor
    public units, which go through no enterprise's recruitment — and how many of them name no
    recruitment notice. Recruiting without a notice is a risk factor (docs/notices.md); every
    status counts, a cancelled placement was recruited all the same. One grouped query."""
    start = since or _twelve_months_before(today())
    table = table_of(Placement)
    no_notice = func.sum(case((table.c.recruitment_notice_id.is_(None), 1), else_=0))
    rows = session.connection().execute(
        core_select(table.c.agency_id, func.count(), no_notice)
        .where(
            and_(
                table.c.agency_id.is_not(None),
                table.c.registered_on >= start,
                table.c.channel.in_(sorted(c.value for c in NOTICE_CHANNELS)),
                true() if agency_ids is None else table.c.agency_id.in_(agency_ids),
            )
        )
        .group_by(table.c.agency_id)
    )
    return {int(a): NoticeCoverage(int(n), int(w or 0)) for a, n, w in rows}


def _twelve_months_before(day: date) -> date:
    """The first day of the 12 months that end on `day`: 2026-03-01 for 2027-02-28."""
    year, month = (day.year - 1, day.month)
    try:
        start = day.replace(year=year)
    except ValueError:  # 29 February: the year before has none
        start = date(year, month, 28)
    return date.fromordinal(start.toordinal() + 1)
