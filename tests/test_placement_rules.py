"""The registry's pure rules: identity numbers, name folding, fee caps and status moves."""

from datetime import date
from decimal import Decimal

import pytest

from overseas.law.caps import FeeCap, reference_book
from overseas.placements import identity, rules
from overseas.placements.models import Channel, Flag, Sex, Status

BORN_1995 = date(1995, 4, 2)
BORN_2001 = date(2001, 7, 9)

# A day on which the caps of the reference data are in force, and those caps as shipped.
ON = date(2025, 1, 1)
BOOK = reference_book()


def _fullwidth(digits: str) -> str:
    """The same digits as a Japanese or Chinese keyboard may type them."""
    return "".join(chr(0xFF10 + int(d)) for d in digits)


# --- check_national_id ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("national_id", "sex", "born"),
    [
        ("049095001234", Sex.male, BORN_1995),
        ("049195001234", Sex.female, BORN_1995),
        ("049201001234", Sex.male, BORN_2001),
        ("049301001234", Sex.female, BORN_2001),
        ("001000000001", Sex.male, date(1900, 1, 1)),
        ("001399000001", Sex.female, date(2099, 12, 31)),
        ("205123456", Sex.male, BORN_1995),
        ("205123456", Sex.female, BORN_2001),
    ],
)
def test_check_national_id_accepts_matching_numbers(national_id: str, sex: Sex, born: date) -> None:
    assert identity.check_national_id(national_id, sex, born) is None


@pytest.mark.parametrize(
    ("national_id", "sex", "born", "why"),
    [
        ("049195001234", Sex.male, BORN_1995, "digit 4 is for a female"),
        ("049095001234", Sex.female, BORN_1995, "digit 4 is for a male"),
        ("049295001234", Sex.male, BORN_1995, "digit 4 is for 2000-2099, born 1995"),
        ("049001001234", Sex.male, BORN_2001, "digit 4 is for 1900-1999, born 2001"),
        ("049301001234", Sex.male, BORN_2001, "digit 4 is for a female born 2000-2099"),
        ("049096001234", Sex.male, BORN_1995, "digits 5-6 say 1996"),
        ("049201001234", Sex.male, date(2010, 1, 1), "digits 5-6 say 2001"),
        ("049495001234", Sex.male, BORN_1995, "digit 4 is for 2100-2199"),
    ],
)
def test_check_national_id_rejects_disagreeing_numbers(
    national_id: str, sex: Sex, born: date, why: str
) -> None:
    assert identity.check_national_id(national_id, sex, born) is not None, why


@pytest.mark.parametrize(
    "national_id",
    [
        "",
        "04909500123",  # 11 digits
        "0490950012345",  # 13 digits
        "0490950012",  # 10 digits
        "20512345",  # 8 digits
        "04909500123A",
        "049-95001234",
        " 04909500123",
        _fullwidth("049095001234"),  # full-width digits
        "049²95001234",  # a superscript two is a "digit" to str.isdigit
        "٠٤٩٠٩٥٠٠١٢٣٤",  # Arabic-Indic digits
        _fullwidth("205123456"),  # a full-width legacy number
    ],
)
def test_check_national_id_rejects_other_lengths_and_non_digits(national_id: str) -> None:
    problem = identity.check_national_id(national_id, Sex.male, BORN_1995)
    assert problem is not None
    assert problem.code == "national_id_format"
    assert "12 digits" in problem.message


# --- names ----------------------------------------------------------------------------------


def test_fold_strips_diacritics_and_lowers() -> None:
    assert rules.fold("Nguyễn Văn Đức") == "nguyen van duc"


def test_fold_treats_decomposed_and_composed_alike() -> None:
    composed = "Trần Thị Ánh Tuyết"
    decomposed = "Tra\u0300n Thi\u0323 A\u0301nh Tuye\u0302\u0301t"
    assert rules.fold(composed) == rules.fold(decomposed) == "tran thi anh tuyet"


def test_fold_collapses_spaces_and_handles_lower_case_d_stroke() -> None:
    assert rules.fold("  đỗ   ĐÌNH  ") == "do dinh"


def test_normalise_name_is_nfc_with_single_spaces() -> None:
    decomposed = "Nguye\u0302\u0303n  Va\u0306n An "
    assert rules.normalise_name(decomposed) == "Nguyễn Văn An"
    assert len(rules.normalise_name(decomposed)) == len("Nguyễn Văn An") == 13


# --- age ------------------------------------------------------------------------------------


def test_age_on_counts_the_birthday_itself() -> None:
    born = date(2006, 3, 15)
    assert rules.age_on(born, date(2024, 3, 14)) == 17
    assert rules.age_on(born, date(2024, 3, 15)) == 18


# --- fee caps -------------------------------------------------------------------------------


def _cap(market: str, programme: str | None, channel: str, on: date = ON) -> FeeCap:
    cap = BOOK.fee_cap_for(market, programme, channel, on)
    assert cap is not None
    return cap


def test_no_fee_cap_is_known_before_law_69() -> None:
    assert BOOK.fee_cap_for("JP", "TITP", Channel.service_enterprise, date(2021, 12, 31)) is None
    assert BOOK.fee_cap_vnd("JP", None, "service_enterprise", 36, Decimal(1), Decimal(1),
                            date(2021, 12, 31)) is None  # fmt: skip


def test_fee_cap_for_public_unit_channel_is_zero_even_for_japan_titp() -> None:
    cap = _cap("JP", "TITP", Channel.public_unit)
    assert cap.months_max == 0 and cap.months_per_12 == 0
    assert cap.channel == "public_unit"
    assert _cap("KR", "EPS", Channel.public_unit).months_max == 0


@pytest.mark.parametrize("programme", ["TITP", "SSW"])
def test_fee_cap_for_japan_programme_uses_its_specific_rule(programme: str) -> None:
    cap = _cap("JP", programme, Channel.service_enterprise)
    assert (cap.market_code, cap.programme) == ("JP", programme)
    assert cap.source.startswith("Circular 02/2024")


@pytest.mark.parametrize(
    ("market", "programme"), [("JP", "engineer"), ("JP", None), ("KR", "EPS"), ("DE", None)]
)
def test_fee_cap_for_other_cases_is_the_general_cap(market: str, programme: str | None) -> None:
    cap = _cap(market, programme, Channel.service_enterprise)
    assert (cap.market_code, cap.programme, cap.channel) == ("*", "*", "*")
    assert (cap.months_per_12, cap.months_max) == (Decimal(1), Decimal(3))
    assert cap.source == "Law 69/2020/QH14 Art. 23"


@pytest.mark.parametrize(
    ("months", "salary_months"),
    [(12, Decimal(1)), (36, Decimal(3)), (60, Decimal(3)), (120, Decimal(3)), (6, Decimal("0.5"))],
)
def test_fee_cap_vnd_is_one_month_per_twelve_at_most_three(
    months: int, salary_months: Decimal
) -> None:
    salary, rate = Decimal(180000), Decimal(170)
    cap = BOOK.fee_cap_vnd("JP", "TITP", Channel.service_enterprise, months, salary, rate, ON)
    assert cap == salary_months * salary * rate


def test_a_cap_is_the_one_in_force_on_the_day() -> None:
    # Circular 02/2024's table for Japan ended on 2026-06-29; from 2026-06-30 the general cap of
    # Law 69 applies until Circular 09/2026's caps are entered.
    last = _cap("JP", "TITP", Channel.service_enterprise, date(2026, 6, 29))
    after = _cap("JP", "TITP", Channel.service_enterprise, date(2026, 6, 30))
    before = _cap("JP", "TITP", Channel.service_enterprise, date(2024, 5, 14))
    assert last.source.startswith("Circular 02/2024")
    assert after.source == before.source == "Law 69/2020/QH14 Art. 23"


def test_deposit_caps_by_market_and_channel() -> None:
    korea = BOOK.deposit_cap_for("KR", "EPS", Channel.service_enterprise, ON)
    eps = BOOK.deposit_cap_for("KR", "EPS", Channel.public_unit, ON)
    assert korea is not None and korea.cap_vnd == 36_000_000
    # EPS through the public centre follows the intergovernmental agreement: no known cap.
    assert eps is not None and eps.cap_vnd is None and eps.channel == "public_unit"
    assert BOOK.deposit_cap_for("DE", None, Channel.service_enterprise, ON) is None
    flags = rules.compute_flags(
        _inputs(market_code="KR", programme="EPS", channel="public_unit", deposit_vnd=90_000_000,
                salary_currency="KRW", service_fee_vnd=0),
        None,
        False, book=BOOK,)  # fmt: skip
    assert not flags[Flag.deposit_above_cap]
    flags = rules.compute_flags(
        _inputs(market_code="KR", programme="EPS", deposit_vnd=36_000_001,
                salary_currency="KRW", service_fee_vnd=0),
        None,
        False, book=BOOK,)  # fmt: skip
    assert flags[Flag.deposit_above_cap]


def test_the_judgement_day_is_the_contract_then_the_departure_then_the_registration() -> None:
    signed, left, registered = date(2025, 2, 1), date(2025, 5, 1), date(2025, 1, 1)
    assert rules.judged_on(signed, left, registered) == signed
    assert rules.judged_on(None, left, registered) == left
    assert rules.judged_on(None, None, registered) == registered


def test_fee_cap_vnd_without_a_rate_is_unknown() -> None:
    cap = BOOK.fee_cap_vnd("JP", "TITP", Channel.service_enterprise, 36, Decimal(180000), None, ON)
    assert cap is None


def test_fee_cap_vnd_for_public_unit_is_zero_without_a_rate() -> None:
    cap = BOOK.fee_cap_vnd("KR", "EPS", Channel.public_unit, 36, Decimal(2000000), None, ON)
    assert cap == 0


def _inputs(**overrides: object) -> rules.FlagInputs:
    values: dict[str, object] = {
        "market_code": "JP",
        "programme": "TITP",
        "channel": "service_enterprise",
        "contract_months": 36,
        "monthly_salary": Decimal(180000),
        "salary_currency": "JPY",
        "service_fee_vnd": 30_000_000,
        "deposit_vnd": 0,
        "departure_date": None,
        "departure_reported_on": None,
        "judged_on": ON,
    }
    return rules.FlagInputs(**(values | overrides))  # type: ignore[arg-type]


def test_compute_flags_fee_above_cap_only_above_and_only_with_a_rate() -> None:
    cap = 3 * 180000 * 170
    at_cap = rules.compute_flags(_inputs(service_fee_vnd=cap), Decimal(170), False, book=BOOK)
    above = rules.compute_flags(_inputs(service_fee_vnd=cap + 1), Decimal(170), False, book=BOOK)
    no_rate = rules.compute_flags(_inputs(service_fee_vnd=cap * 10), None, False, book=BOOK)
    assert not at_cap[Flag.fee_above_cap]
    assert above[Flag.fee_above_cap]
    assert not no_rate[Flag.fee_above_cap]


def test_compute_flags_vnd_salary_needs_no_rate() -> None:
    at_cap = rules.compute_flags(
        _inputs(
            monthly_salary=Decimal(10_000_000),
            salary_currency="VND",
            market_code="DE",
            programme=None,
            service_fee_vnd=30_000_000,
        ),
        None,
        False,
        book=BOOK,
    )
    assert not at_cap[Flag.fee_above_cap]
    above = rules.compute_flags(
        _inputs(
            monthly_salary=Decimal(10_000_000),
            salary_currency="VND",
            market_code="DE",
            programme=None,
            service_fee_vnd=30_000_001,
        ),
        None,
        False,
        book=BOOK,
    )
    assert above[Flag.fee_above_cap]


@pytest.mark.parametrize(
    ("market", "deposit", "flagged"),
    [
        ("KR", 36_000_000, False),
        ("KR", 36_000_001, True),
        ("JP", 0, False),
        ("JP", 1, True),
        ("DE", 500_000_000, False),
        ("KR", None, False),
    ],
)
def test_compute_flags_deposit_above_cap(market: str, deposit: int | None, flagged: bool) -> None:
    flags = rules.compute_flags(
        _inputs(market_code=market, deposit_vnd=deposit), None, False, book=BOOK
    )
    assert flags[Flag.deposit_above_cap] is flagged


@pytest.mark.parametrize(("days", "flagged"), [(0, False), (5, False), (6, True)])
def test_compute_flags_late_report_after_five_days(days: int, flagged: bool) -> None:
    departed = date(2024, 6, 1)
    reported = date.fromordinal(departed.toordinal() + days)
    inputs = _inputs(departure_date=departed, departure_reported_on=reported)
    assert rules.compute_flags(inputs, None, False, book=BOOK)[Flag.late_report] is flagged


# --- status moves ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (Status.registered, Status.registered),
        (Status.registered, Status.training),
        (Status.registered, Status.contracted),
        (Status.registered, Status.departed),
        (Status.registered, Status.returned),
        (Status.registered, Status.overstayed),
        (Status.training, Status.departed),
        (Status.contracted, Status.returned_early),
        (Status.departed, Status.overstayed),
        (Status.overstayed, Status.returned),
        (Status.cancelled, Status.cancelled),
    ],
)
def test_can_move_forward_to_any_reachable_status(current: Status, new: Status) -> None:
    assert rules.can_move(current, new)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (Status.departed, Status.registered),
        (Status.departed, Status.cancelled),
        (Status.contracted, Status.training),
        (Status.training, Status.registered),
        (Status.returned, Status.departed),
        (Status.returned, Status.overstayed),
        (Status.returned_early, Status.returned),
        (Status.overstayed, Status.returned_early),
        (Status.cancelled, Status.registered),
        (Status.cancelled, Status.departed),
    ],
)
def test_can_move_never_goes_back_or_out_of_a_final_status(current: Status, new: Status) -> None:
    assert not rules.can_move(current, new)


def test_can_transition_is_one_step_only() -> None:
    assert rules.can_transition(Status.contracted, Status.departed)
    assert not rules.can_transition(Status.registered, Status.departed)
    assert not rules.can_transition(Status.registered, Status.registered)
