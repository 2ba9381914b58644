"""The synthetic demo placements obey the registry's own rules and flags."""

from collections import Counter, defaultdict
from datetime import date

from sqlmodel import Session, col, select

from overseas.areas import catalog
from overseas.areas.catalog import REFORM_DAY
from overseas.law import caps
from overseas.markets.service import exchange_rates
from overseas.placements import flags, record, rules
from overseas.placements.demo import DEMO_NOTE, DemoAgencyRef, load_placements
from overseas.placements.models import Flag, Placement, PlacementEvent
from tests.factories import Factory


def test_demo_placements_pass_every_rule_and_carry_the_right_flags(
    session: Session, make: Factory
) -> None:
    agencies = [DemoAgencyRef(make.agency().id or 0, date(2019, 1, 1)) for _ in range(3)]
    assert load_placements(session, agencies, 3000) == 3000
    placements = session.exec(select(Placement)).all()
    assert len(placements) == 3000
    active: dict[str, int] = defaultdict(int)
    for p in placements:
        if p.status in rules.ACTIVE_STATUSES:
            active[p.national_id] += 1
    rates = exchange_rates(session, {p.market_code for p in placements})
    book = caps.load(session)
    for p in placements:
        values = record.record_of(p)
        assert rules.check_record(values) == [], (p.id, rules.check_record(values))
        assert p.notes == DEMO_NOTE
        reported = p.departure_reported_at.date() if p.departure_reported_at else None
        own = 1 if p.status in rules.ACTIVE_STATUSES else 0
        inputs = flags.flag_inputs(values, reported)
        expected = rules.compute_flags(
            inputs,
            rates.on(p.market_code, p.salary_currency, inputs.judged_on),
            active[p.national_id] - own > 0,
            book=book,
        )
        # The flags a record's own values decide; over_quota is its notice's count (none here).
        assert {f: getattr(p, f.value) for f in Flag if f != Flag.over_quota} == expected, p.id
        assert p.over_quota is False and p.recruitment_notice_id is None


def test_demo_placements_look_like_the_province(session: Session, make: Factory) -> None:
    agencies = [DemoAgencyRef(make.agency().id or 0, date(2019, 1, 1)) for _ in range(2)]
    load_placements(session, agencies, 3000)
    placements = session.exec(select(Placement)).all()
    markets = Counter(p.market_code for p in placements)
    assert [m for m, _ in markets.most_common(3)] == ["JP", "TW", "KR"]
    # Before the reform a former district or one of its communes, after it one of today's
    # communes (docs/places.md); every one names the unit valid on the registration day.
    places = catalog.load(session)
    before = {p.home_area_code for p in placements if p.registered_on < REFORM_DAY}
    after = {p.home_area_code for p in placements if p.registered_on >= REFORM_DAY}
    assert {places.newest(c).level for c in before} == {"district", "commune"}  # type: ignore[union-attr]
    assert {places.newest(c).level for c in after} == {"commune"}  # type: ignore[union-attr]
    assert len({c for c in before if len(c) == 3}) == 18
    assert all(
        places.units[p.home_area_id].valid_on(p.registered_on)
        and places.units[p.home_area_id].code == p.home_area_code
        for p in placements
    )
    assert {p.status for p in placements} == set(rules.TRANSITIONS)
    assert any(p.possible_duplicate for p in placements)
    assert any(p.late_report for p in placements)
    assert any(p.deposit_above_cap for p in placements)
    assert min(p.registered_on for p in placements) >= date(2023, 1, 1)
    # Every placement has its history, starting with its registration.
    first = session.exec(
        select(PlacementEvent).where(col(PlacementEvent.placement_id) == placements[0].id)
    ).first()
    assert first is not None and first.status == "registered"
