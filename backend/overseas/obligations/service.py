"""Enterprises' reports: what each owes, filing one, and how each has reported
(docs/obligations.md)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from overseas.agencies import service as agencies
from overseas.agencies.models import Agency, AgencyStatus
from overseas.core.db import utcnow
from overseas.core.errors import NotFound, ValidationFailed
from overseas.core.pagination import PageParams, decode_cursor, encode_cursor, paginate
from overseas.core.principal import Principal
from overseas.obligations import rules
from overseas.obligations.models import AgencyReport, AgencyReportFile, ReportKind
from overseas.obligations.rules import DutyStatus, Period
from overseas.obligations.schemas import (
    FiledReport,
    Obligation,
    ReportFiling,
    ReportingRecord,
    ReportRead,
)

# A reporting record looks back this far from the day it is judged on.
RECORD_WINDOW = timedelta(days=365)
# Filings of one duty arriving together take the next revision in turn; each try waits for the
# one before it to commit, so this bounds how many may arrive at the same moment.
MAX_ATTEMPTS = 20
_ORDER = "obligations"


@dataclass(frozen=True)
class Attachment:
    name: str
    media_type: str
    content: bytes


def _owing(session: Session, agency_ids: Iterable[int] | None) -> list[Agency]:
    """The enterprises that owe this department reports: active, head office here."""
    stmt = select(Agency).where(
        Agency.status == AgencyStatus.active, col(Agency.reports_elsewhere).is_(False)
    )
    if agency_ids is not None:
        stmt = stmt.where(col(Agency.id).in_(list(agency_ids)))
    return list(session.exec(stmt.order_by(col(Agency.id))).all())


def _first_filings(
    session: Session, agency_ids: list[int], since: date, until: date
) -> dict[tuple[int, str, date], AgencyReport]:
    """The first filing of each duty whose period begins in [since, until]: it alone says
    whether the duty was met on time (an amendment does not make a late report timely)."""
    if not agency_ids:
        return {}
    rows = session.exec(
        select(AgencyReport).where(
            col(AgencyReport.agency_id).in_(agency_ids),
            AgencyReport.revision == 1,
            col(AgencyReport.period_from) >= since,
            col(AgencyReport.period_from) <= until,
        )
    ).all()
    return {(r.agency_id, str(r.kind), r.period_from): r for r in rows}


def _obligation(agency: Agency, period: Period, first: AgencyReport | None, on: date) -> Obligation:
    assert agency.id is not None
    submitted_at = first.submitted_at if first else None
    return Obligation(
        agency_id=agency.id,
        agency_name=agency.name,
        kind=period.kind,
        period_from=period.period_from,
        period_to=period.period_to,
        due_on=period.due_on,
        submitted_at=submitted_at,
        status=rules.status(period, submitted_at, on),
        report_id=first.id if first else None,
    )


def obligations(
    session: Session,
    principal: Principal,
    params: PageParams,
    *,
    year: int,
    on: date,
    agency_id: int | None = None,
    status: DutyStatus | None = None,
    kind: ReportKind | None = None,
) -> tuple[list[Obligation], str | None, int | None]:
    """The duties of the year's periods that have begun by `on`, ordered by due date, then
    enterprise, then kind; an enterprise's account sees its own only."""
    if principal.is_agency:
        if agency_id is not None and agency_id != principal.agency_id:
            return [], None, 0 if params.include_total else None
        agency_id = principal.agency_id
    owing = _owing(session, None if agency_id is None else [agency_id])
    periods = [p for p in rules.periods_of(year) if kind is None or p.kind == kind]
    since = min(p.period_from for p in periods) if periods else date(year, 1, 1)
    firsts = _first_filings(
        session, [a.id for a in owing if a.id is not None], since, date(year, 12, 31)
    )
    found = [
        _obligation(a, p, firsts.get((a.id, str(p.kind), p.period_from)), on)
        for a in owing
        for p in periods
        if a.id is not None and rules.owes(p, a.licence_issued_on, on)
    ]
    if status is not None:
        found = [o for o in found if o.status == status]
    found.sort(key=lambda o: (o.due_on, o.agency_id, o.kind.value))
    total = len(found) if params.include_total else None
    if params.cursor:
        due, agency, kind_name = decode_cursor(params.cursor, _ORDER, 3)
        found = [
            o for o in found if (o.due_on, o.agency_id, o.kind.value) > (due, agency, kind_name)
        ]
    page = found[: params.limit]
    cursor = None
    if len(found) > params.limit:
        last = page[-1]
        cursor = encode_cursor([last.due_on, last.agency_id, last.kind.value], _ORDER)
    return page, cursor, total


def falling_due(session: Session, first: date, last: date, on: date) -> list[Obligation]:
    """Every owing enterprise's duties whose due date falls in [first, last] (the annual
    report's period counts the reports due in it), as judged on `on`; by enterprise, then due
    date and kind."""
    owing = _owing(session, None)
    # A duty falls due in its period's year or the next (December's changes, due 20 January).
    periods = [
        p
        for year in range(first.year - 1, last.year + 1)
        for p in rules.periods_of(year)
        if first <= p.due_on <= last
    ]
    if not periods:
        return []
    firsts = _first_filings(
        session,
        [a.id for a in owing if a.id is not None],
        min(p.period_from for p in periods),
        max(p.period_from for p in periods),
    )
    found = [
        _obligation(a, p, firsts.get((a.id, str(p.kind), p.period_from)), on)
        for a in owing
        for p in periods
        if a.id is not None and rules.owes(p, a.licence_issued_on, on)
    ]
    found.sort(key=lambda o: (o.agency_id, o.due_on, o.kind.value))
    return found


def reporting_records(
    session: Session, agency_ids: list[int] | None, on: date
) -> dict[int, ReportingRecord]:
    """For each owing enterprise, the duties that fell due in the year up to `on` and how many
    were met on time. An enterprise that owed reports and filed none scores 0, not "no data"."""
    owing = _owing(session, agency_ids)
    start = on - RECORD_WINDOW
    periods = [
        p
        for year in range(start.year, on.year + 1)
        for p in rules.periods_of(year)
        if start < p.due_on < on
    ]
    firsts = (
        _first_filings(
            session,
            [a.id for a in owing if a.id is not None],
            min(p.period_from for p in periods),
            max(p.period_from for p in periods),
        )
        if periods
        else {}
    )
    out: dict[int, ReportingRecord] = {}
    for agency in owing:
        assert agency.id is not None
        counts = {DutyStatus.submitted: 0, DutyStatus.late: 0, DutyStatus.missing: 0}
        annual: DutyStatus | None = None
        for period in periods:
            if not rules.owes(period, agency.licence_issued_on, on):
                continue
            first = firsts.get((agency.id, str(period.kind), period.period_from))
            found = rules.status(period, first.submitted_at if first else None, on)
            counts[found] += 1
            if period.kind == ReportKind.annual:
                annual = found  # periods run in time order: the latest wins
        due = sum(counts.values())
        out[agency.id] = ReportingRecord(
            due=due,
            on_time=counts[DutyStatus.submitted],
            late=counts[DutyStatus.late],
            missing=counts[DutyStatus.missing],
            on_time_rate=(
                (Decimal(counts[DutyStatus.submitted]) / due).quantize(
                    Decimal("0.0001"), ROUND_HALF_UP
                )
                if due
                else None
            ),
            annual=annual,
        )
    return out


def _check_period(data: ReportFiling, on: date) -> Period:
    period = rules.period_for(data.kind, data.period_from, data.period_to)
    if period is None:
        if data.kind == ReportKind.annual:
            message = "an annual report covers 15 December of the year before to 14 December"
        else:
            message = "the monthly changes cover one calendar month, from its first to its last day"
        raise ValidationFailed.one("period_from", message, "period_shape", {"kind": str(data.kind)})
    if period.period_to > on:
        raise ValidationFailed.one("period_to", "the period has not ended yet", "period_not_ended")
    return period


def file_report(
    session: Session,
    principal: Principal,
    agency_id: int,
    data: ReportFiling,
    *,
    on: date,
    received_at: datetime | None = None,
    attachment: Attachment | None = None,
) -> FiledReport:
    """File a report for a duty; filing again for the same period is an amendment, kept beside
    the earlier filings. Officers may record when a paper report was received."""
    agency = agencies.get_visible(session, principal, agency_id)
    assert agency.id is not None
    period = _check_period(data, on)
    if received_at is not None:
        if principal.is_agency:
            raise ValidationFailed.one(
                "received_at",
                "only the department records when a paper report was received",
                "department_only",
            )
        if received_at > utcnow():
            raise ValidationFailed.one("received_at", "may not be in the future", "in_future")
    for _attempt in range(MAX_ATTEMPTS):
        previous = session.exec(
            select(AgencyReport)
            .where(
                AgencyReport.agency_id == agency.id,
                AgencyReport.kind == data.kind,
                AgencyReport.period_from == period.period_from,
            )
            .order_by(col(AgencyReport.revision).desc())
            .limit(1)
        ).first()
        report = AgencyReport(
            agency_id=agency.id,
            kind=data.kind,
            period_from=period.period_from,
            period_to=period.period_to,
            figures=data.figures,
            submitted_at=received_at or utcnow(),
            submitted_by=principal.actor,
            revision=previous.revision + 1 if previous else 1,
            amends_id=previous.id if previous else None,
            file_name=attachment.name if attachment else None,
            file_type=attachment.media_type if attachment else None,
            file_size=len(attachment.content) if attachment else None,
        )
        try:
            with session.begin_nested():
                session.add(report)
                session.flush()
        except IntegrityError:
            continue  # another filing of this duty took the revision: file after it
        break
    else:
        raise ValidationFailed.one(
            "period_from", "too many filings of this period at once; retry", "retry"
        )
    assert report.id is not None
    if attachment is not None:
        session.add(AgencyReportFile(report_id=report.id, content=attachment.content))
        session.flush()
    first = report if report.revision == 1 else _first_of(session, report)
    read = ReportRead.model_validate(report)
    return FiledReport(**read.model_dump(), obligation=_obligation(agency, period, first, on))


def _first_of(session: Session, report: AgencyReport) -> AgencyReport | None:
    return session.exec(
        select(AgencyReport).where(
            AgencyReport.agency_id == report.agency_id,
            AgencyReport.kind == report.kind,
            AgencyReport.period_from == report.period_from,
            AgencyReport.revision == 1,
        )
    ).first()


def list_reports(
    session: Session,
    principal: Principal,
    agency_id: int,
    params: PageParams,
    *,
    kind: ReportKind | None = None,
    period_from: date | None = None,
) -> tuple[list[AgencyReport], str | None, int | None]:
    """An enterprise's filings, newest first."""
    agencies.get_visible(session, principal, agency_id)
    stmt = select(AgencyReport).where(AgencyReport.agency_id == agency_id)
    if kind is not None:
        stmt = stmt.where(AgencyReport.kind == kind)
    if period_from is not None:
        stmt = stmt.where(AgencyReport.period_from == period_from)
    return paginate(session, stmt, [col(AgencyReport.id).desc()], params, order_name="newest")


def get_report(
    session: Session, principal: Principal, agency_id: int, report_id: int
) -> AgencyReport:
    agencies.get_visible(session, principal, agency_id)
    report = session.get(AgencyReport, report_id)
    if report is None or report.agency_id != agency_id:
        raise NotFound(f"no report with id {report_id}")
    return report


def report_file(session: Session, report: AgencyReport) -> bytes:
    stored = session.get(AgencyReportFile, report.id)
    if stored is None:
        raise NotFound("this report has no file")
    return stored.content
