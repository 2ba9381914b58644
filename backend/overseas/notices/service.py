"""Recruitment notices: filing, the department's answer, the lists (docs/notices.md)."""

from sqlalchemy import delete, insert, or_
from sqlmodel import Session, col, select

from overseas.agencies.models import Agency, AgencyStatus
from overseas.areas import catalog
from overseas.core.bulk import table_of
from overseas.core.db import today
from overseas.core.errors import (
    Conflict,
    Fault,
    FieldError,
    Forbidden,
    InvalidTransition,
    NotFound,
    ValidationFailed,
)
from overseas.core.faults import NOT_NULL, before, licence_not_active, not_found
from overseas.core.pagination import PageParams, paginate
from overseas.core.principal import Principal
from overseas.markets.models import Market
from overseas.notices import rules
from overseas.notices.models import NoticeStatus, RecruitmentNotice, RecruitmentNoticeArea
from overseas.notices.schemas import NoticeCreate, NoticePublic, NoticeUpdate, PublicArea

_NOT_NULL = frozenset(
    {"market_code", "occupation", "quota", "approved_contract_no", "period_from", "period_to",
     "area_codes", "status"}
)  # fmt: skip


def get_visible(session: Session, principal: Principal, notice_id: int) -> RecruitmentNotice:
    """A notice the principal may see; another enterprise's answers 404, as a missing one."""
    notice = session.get(RecruitmentNotice, notice_id)
    if notice is None or (principal.is_agency and notice.agency_id != principal.agency_id):
        raise NotFound(f"no recruitment notice with id {notice_id}")
    return notice


def list_notices(
    session: Session,
    principal: Principal,
    params: PageParams,
    *,
    status: NoticeStatus | None = None,
    agency_id: int | None = None,
    market_code: str | None = None,
    current: bool | None = None,
    q: str | None = None,
) -> tuple[list[RecruitmentNotice], str | None, int | None]:
    """Newest first; an enterprise sees its own."""
    stmt = select(RecruitmentNotice)
    if principal.is_agency:
        stmt = stmt.where(RecruitmentNotice.agency_id == principal.agency_id)
    if status is not None:
        stmt = stmt.where(RecruitmentNotice.status == status)
    if agency_id is not None:
        stmt = stmt.where(RecruitmentNotice.agency_id == agency_id)
    if market_code:
        stmt = stmt.where(RecruitmentNotice.market_code == market_code.strip().upper())
    if current is not None:
        day = today()
        covers = (col(RecruitmentNotice.period_from) <= day) & (
            col(RecruitmentNotice.period_to) >= day
        )
        stmt = stmt.where(covers if current else ~covers)
    if q and q.strip():
        text = q.strip()
        stmt = stmt.where(
            or_(
                col(RecruitmentNotice.occupation).icontains(text, autoescape=True),
                col(RecruitmentNotice.approved_contract_no).icontains(text, autoescape=True),
            )
        )
    return paginate(session, stmt, [col(RecruitmentNotice.id).desc()], params, order_name="newest")


def _errors(problems: list[tuple[str, Fault]]) -> ValidationFailed:
    return ValidationFailed.many([FieldError.at(f, said) for f, said in problems])


def _check(session: Session, notice: RecruitmentNotice) -> list[int]:
    """The notice's fields against the registry: a known market, a period that ends after it
    starts, units of the province that are communes or the province itself. Returns the ids of
    the units it names; every bad field is reported at once (422)."""
    problems: list[tuple[str, Fault]] = []
    if session.get(Market, notice.market_code) is None:
        problems.append(("market_code", not_found("market", notice.market_code)))
    if notice.period_to < notice.period_from:
        problems.append(("period_to", before("period_from")))
    units, bad = rules.check_areas(catalog.load(session), notice.area_codes, notice.period_from)
    problems += [("area_codes", said) for said in bad]
    if problems:
        raise _errors(problems)
    return sorted({u.id for u in units})


def _write_areas(session: Session, notice_id: int, area_ids: list[int]) -> None:
    table = table_of(RecruitmentNoticeArea)
    conn = session.connection()
    conn.execute(delete(table).where(table.c.notice_id == notice_id))
    conn.execute(insert(table), [{"notice_id": notice_id, "area_id": a} for a in area_ids])


def create(session: Session, principal: Principal, data: NoticeCreate) -> RecruitmentNotice:
    """A new notice, `submitted`; an enterprise's is always its own."""
    agency_id = principal.agency_id if principal.is_agency else data.agency_id
    if agency_id is None:
        raise ValidationFailed.one(
            "agency_id", "required: the enterprise that files the notice", "required"
        )
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise ValidationFailed.of("agency_id", not_found("agency", agency_id))
    if agency.status != AgencyStatus.active:
        # Law 69/2020/QH14: an enterprise whose licence is suspended or revoked recruits nobody.
        raise ValidationFailed.of("agency_id", licence_not_active(agency.status))
    values = data.model_dump(exclude={"agency_id"})
    notice = RecruitmentNotice(**values, agency_id=agency_id, status=NoticeStatus.submitted)
    area_ids = _check(session, notice)
    session.add(notice)
    session.flush()
    assert notice.id is not None
    _write_areas(session, notice.id, area_ids)
    return notice


def update(
    session: Session, principal: Principal, notice: RecruitmentNotice, data: NoticeUpdate
) -> tuple[RecruitmentNotice, bool]:
    """Change a notice's particulars, or move it on; returns it and whether its quota changed
    (the placements naming it are then counted again)."""
    changes = data.model_dump(exclude_unset=True)
    for key, value in changes.items():
        if value is None and key in _NOT_NULL:
            raise ValidationFailed.of(key, NOT_NULL)
    current = NoticeStatus(notice.status)
    wanted = changes.pop("status", None)
    reason = changes.pop("rejection_reason", None)
    moving = wanted is not None and wanted != current
    if moving:
        if wanted not in rules.TRANSITIONS[current]:
            allowed = ", ".join(sorted(s.value for s in rules.TRANSITIONS[current])) or "none"
            raise InvalidTransition(
                f"cannot go from {current.value} to {wanted.value} (allowed: {allowed})"
            )
        if wanted in rules.DECISIONS and principal.is_agency:
            raise Forbidden("the department acknowledges or rejects a notice")
    if wanted == NoticeStatus.rejected and moving and not reason:
        raise ValidationFailed.one(
            "rejection_reason",
            "required when rejecting a notice",
            "required_for_status",
            {"status": "rejected"},
        )
    if reason is not None and not (moving and wanted == NoticeStatus.rejected):
        raise ValidationFailed.one(
            "rejection_reason",
            "only when rejecting a notice",
            "only_for_status",
            {"status": "rejected"},
        )
    edits = {k: v for k, v in changes.items() if getattr(notice, k) != v}
    if edits:
        editable = rules.EDITABLE_BY_AGENCY if principal.is_agency else rules.EDITABLE_BY_OFFICER
        if current not in editable:
            raise Conflict(
                f"a notice that is {current.value} cannot be changed"
                + ("; file a new one" if principal.is_agency else ""),
                code="notice_not_editable",
            )
    quota_before = notice.quota
    for key, value in edits.items():
        setattr(notice, key, value)
    area_ids = _check(session, notice) if edits else None
    if moving:
        notice.status = wanted
        if wanted in rules.DECISIONS:
            notice.decided_by = principal.actor
        if wanted == NoticeStatus.acknowledged:
            notice.acknowledged_on = today()
        if wanted == NoticeStatus.rejected:
            notice.rejection_reason = reason
    session.add(notice)
    session.flush()
    if area_ids is not None and "area_codes" in edits:
        assert notice.id is not None
        _write_areas(session, notice.id, area_ids)
    return notice, notice.quota != quota_before


def lookups(session: Session, notice_ids: set[int]) -> dict[int, tuple[int, NoticeStatus]]:
    """The enterprise and status of each notice, for the placements that name them."""
    if not notice_ids:
        return {}
    rows = session.exec(
        select(RecruitmentNotice.id, RecruitmentNotice.agency_id, RecruitmentNotice.status).where(
            col(RecruitmentNotice.id).in_(sorted(notice_ids))
        )
    ).all()
    return {i: (a, NoticeStatus(s)) for i, a, s in rows if i is not None}


def list_public(
    session: Session,
    params: PageParams,
    *,
    area_code: str | None = None,
    market_code: str | None = None,
    q: str | None = None,
) -> tuple[list[NoticePublic], str | None, int | None]:
    """The acknowledged notices whose period covers today, of enterprises whose licence is in
    force: what a worker checks a recruiter against. `area_code` keeps the notices that name
    the commune, a unit before or after it, or the whole province (docs/notices.md)."""
    day = today()
    active = select(Agency.id).where(Agency.status == AgencyStatus.active)
    stmt = select(RecruitmentNotice).where(
        RecruitmentNotice.status == NoticeStatus.acknowledged,
        col(RecruitmentNotice.period_from) <= day,
        col(RecruitmentNotice.period_to) >= day,
        col(RecruitmentNotice.agency_id).in_(active),
    )
    places = catalog.load(session)
    if area_code and area_code.strip():
        named = set(session.exec(select(RecruitmentNoticeArea.area_id).distinct()).all())
        matched = rules.matching_areas(places, named, area_code.strip())
        if matched is None:
            raise ValidationFailed.of("area_code", not_found("area", area_code.strip()))
        stmt = stmt.where(
            col(RecruitmentNotice.id).in_(
                select(RecruitmentNoticeArea.notice_id).where(
                    col(RecruitmentNoticeArea.area_id).in_(sorted(matched))
                )
            )
        )
    if market_code and market_code.strip():
        stmt = stmt.where(RecruitmentNotice.market_code == market_code.strip().upper())
    if q and q.strip():
        text = q.strip()
        named_agencies = select(Agency.id).where(
            or_(
                col(Agency.name).icontains(text, autoescape=True),
                col(Agency.licence_no).icontains(text, autoescape=True),
            )
        )
        stmt = stmt.where(
            or_(
                col(RecruitmentNotice.occupation).icontains(text, autoescape=True),
                col(RecruitmentNotice.agency_id).in_(named_agencies),
            )
        )
    rows, cursor, total = paginate(
        session, stmt, [col(RecruitmentNotice.id).desc()], params, order_name="newest"
    )
    agencies = {
        a.id: a
        for a in session.exec(
            select(Agency).where(col(Agency.id).in_({r.agency_id for r in rows}))
        ).all()
    }
    markets = {
        m.code: m
        for m in session.exec(
            select(Market).where(col(Market.code).in_({r.market_code for r in rows}))
        ).all()
    }
    items = [_public(r, agencies[r.agency_id], markets[r.market_code], places) for r in rows]
    return items, cursor, total


def _public(
    notice: RecruitmentNotice, agency: Agency, market: Market, places: catalog.Catalog
) -> NoticePublic:
    assert notice.id is not None
    areas = []
    for code in notice.area_codes:
        unit = places.newest(code)
        areas.append(PublicArea(code=code, name=unit.name if unit else code))
    return NoticePublic(
        id=notice.id,
        agency_name=agency.name,
        licence_no=agency.licence_no,
        market_code=notice.market_code,
        market_name=market.name_vi,
        occupation=notice.occupation,
        quota=notice.quota,
        period_from=notice.period_from,
        period_to=notice.period_to,
        areas=areas,
        acknowledged_on=notice.acknowledged_on,
    )
