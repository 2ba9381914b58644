"""The demo enterprises' synthetic filings (`overseas demo load`): a mix of reports filed on
time, late and never, as the registry itself judges them (Circular 20/2021 Art. 11(1),
Circular 21/2021 Art. 15), none dated after the day of loading, the latest ended month left
to file, the same filings for the same day, and nothing added by a second load."""

from datetime import date, datetime, time

import pytest
from sqlmodel import Session, col, select

from overseas.core.db import LOCAL_ZONE
from overseas.demo import FILERS
from overseas.obligations import service
from overseas.obligations.demo import DEMO_NOTE, DemoFiler, ended_months, load_filings
from overseas.obligations.models import AgencyReport, AgencyReportFile
from tests.factories import Factory


def _filers(make: Factory) -> list[DemoFiler]:
    return [
        DemoFiler(make.agency().id or 0, username, pattern, late_days, annual)
        for username, pattern, late_days, annual in FILERS
    ]


def _reports(session: Session, ids: list[int]) -> list[AgencyReport]:
    return list(
        session.exec(
            select(AgencyReport)
            .where(col(AgencyReport.agency_id).in_(ids))
            .order_by(col(AgencyReport.id))
        ).all()
    )


@pytest.mark.parametrize(
    "on",
    [
        date(2026, 11, 30),
        date(2026, 12, 1),
        date(2026, 12, 25),
        date(2027, 1, 1),
        date(2026, 3, 21),
    ],
)
def test_the_demo_filings_mix_on_time_late_and_missing(
    session: Session, make: Factory, on: date
) -> None:
    filers = _filers(make)
    ids = [f.agency_id for f in filers]
    added = load_filings(session, filers, on)
    reports = _reports(session, ids)
    assert added == len(reports) > 20

    start_of_day = datetime.combine(on, time(), tzinfo=LOCAL_ZONE)
    assert all(r.submitted_at < start_of_day for r in reports)
    assert all(r.figures["note"] == DEMO_NOTE for r in reports)
    latest = ended_months(on, 1)[0]
    assert not [r for r in reports if r.period_from == latest.period_from]

    records = service.reporting_records(session, ids, on)
    careful, careless = records[ids[0]], records[ids[1]]
    assert careful.on_time > careless.on_time > 0
    assert careful.late >= 1 and careful.missing >= 1
    assert careless.late >= 3 and careless.missing >= 2
    # Late filings came on paper and were recorded by an officer; on-time ones online.
    firsts = [r for r in reports if r.revision == 1]
    assert {r.submitted_by for r in firsts} == {"officer", "agency1", "agency2"}

    amendment = next(r for r in reports if r.revision == 2)
    original = session.get(AgencyReport, amendment.amends_id)
    assert original is not None and original.agency_id == ids[0]
    assert (original.kind, original.period_from) == (amendment.kind, amendment.period_from)
    stored = session.get(AgencyReportFile, amendment.id)
    assert stored is not None and stored.content.startswith(b"%PDF-1.4")
    assert amendment.file_size == len(stored.content) and amendment.file_type == "application/pdf"

    assert load_filings(session, filers, on) == 0
    assert len(_reports(session, ids)) == len(reports)


def test_the_same_day_gives_the_same_filings(session: Session, make: Factory) -> None:
    def shape(filers: list[DemoFiler]) -> list[tuple[object, ...]]:
        index = {f.agency_id: i for i, f in enumerate(filers)}
        return [
            (index[r.agency_id], r.kind, r.period_from, r.submitted_at, r.revision, r.figures)
            for r in _reports(session, list(index))
        ]

    first, second = _filers(make), _filers(make)
    load_filings(session, first, date(2026, 11, 30))
    load_filings(session, second, date(2026, 11, 30))
    assert shape(first) == shape(second)
