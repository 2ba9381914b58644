"""The worker registry: workers, their placements abroad and each placement's status history."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, Index, Numeric, String, Text, text
from sqlmodel import Field, SQLModel

from overseas.core.db import JSONType, UTCDateTime
from overseas.core.models import Versioned, created_at_field, updated_at_field, version_field


class Channel(StrEnum):
    """How the worker goes abroad (Law 69/2020/QH14 Art. 5)."""

    public_unit = "public_unit"
    service_enterprise = "service_enterprise"
    contract_winner = "contract_winner"
    internship = "internship"
    outbound_investor = "outbound_investor"
    direct_contract = "direct_contract"


class Sex(StrEnum):
    male = "male"
    female = "female"


class Programme(StrEnum):
    TITP = "TITP"
    SSW = "SSW"
    EPS = "EPS"
    engineer = "engineer"
    other = "other"


class Status(StrEnum):
    registered = "registered"
    training = "training"
    contracted = "contracted"
    departed = "departed"
    returned = "returned"
    returned_early = "returned_early"
    overstayed = "overstayed"
    cancelled = "cancelled"


class PolicyGroup(StrEnum):
    poor_household = "poor_household"
    near_poor_household = "near_poor_household"
    ethnic_minority = "ethnic_minority"
    land_recovered = "land_recovered"
    merit_relative = "merit_relative"
    demobilised_soldier = "demobilised_soldier"


class Flag(StrEnum):
    fee_above_cap = "fee_above_cap"
    deposit_above_cap = "deposit_above_cap"
    possible_duplicate = "possible_duplicate"
    late_report = "late_report"
    over_quota = "over_quota"


# A person, identified by the personal identification number; may go abroad several times.
class Worker(SQLModel, table=True):
    __tablename__ = "workers"

    id: int | None = Field(default=None, primary_key=True)
    national_id: str = Field(max_length=12, unique=True, index=True)
    created_at: datetime = created_at_field()


# Fields a placement shares between the API and the table, with their limits: its own, not the
# worker's (the API nests the worker, the table keeps a copy of the worker's particulars).
class PlacementBase(SQLModel):
    agency_id: int | None = Field(default=None, foreign_key="agencies.id")
    external_ref: str | None = Field(default=None, min_length=1, max_length=64)
    channel: Channel = Field(sa_type=String(24))
    market_code: str = Field(foreign_key="markets.code", max_length=2)
    programme: Programme | None = Field(default=None, sa_type=String(16))
    occupation: str = Field(max_length=200)
    employer_name: str | None = Field(default=None, max_length=300)
    contract_months: int
    monthly_salary: Decimal = Field(sa_type=Numeric(14, 2))
    salary_currency: str = Field(max_length=3)
    service_fee_vnd: int | None = Field(default=None, sa_type=BigInteger)
    deposit_vnd: int | None = Field(default=None, sa_type=BigInteger)
    loan_vnd: int | None = Field(default=None, sa_type=BigInteger)
    status: Status = Field(sa_type=String(16))
    registered_on: date
    departure_date: date | None = None
    return_date: date | None = None
    # The day the contract was signed: the caps and the exchange rate of that day judge its
    # fee and deposit (docs/api.md, "Caps judged as of the contract date").
    contract_signed_on: date | None = None
    notes: str | None = Field(default=None, max_length=2000, sa_type=Text)
    # The enterprise's recruitment notice the worker was recruited under (docs/notices.md).
    recruitment_notice_id: int | None = Field(default=None, foreign_key="recruitment_notices.id")


# One worker going abroad under one contract. The worker's particulars are kept as reported
# for this contract (a phone or home area may differ between two contracts).
class Placement(PlacementBase, Versioned, table=True):
    __tablename__ = "placements"
    __audited__ = True
    # Its audit rows hold the national ID and the phone masked (overseas.core.pii).
    __audit_masked__ = True
    __table_args__ = (
        Index("ix_placements_updated", "updated_at", "id"),
        Index("ix_placements_agency_ref", "agency_id", "external_ref", unique=True),
        Index("ix_placements_departure", "departure_date", "id"),
        Index("ix_placements_agency_id", "agency_id", "id"),
        Index("ix_placements_status", "status", "id"),
        Index("ix_placements_market", "market_code", "id"),
        Index("ix_placements_channel", "channel", "id"),
        Index("ix_placements_area", "home_area_id", "id"),
        Index("ix_placements_national_id", "national_id"),
        Index("ix_placements_previous_national_id", "previous_national_id"),
        Index("ix_placements_search_name", "search_name"),
        # The list's sorts (docs/api.md, "Sorting"): each key with the id that breaks its ties.
        Index("ix_placements_name_key", "name_key", "id"),
        Index("ix_placements_registered", "registered_on", "id"),
        # Searching by the last digits of an ID is a prefix search on the digits reversed.
        Index("ix_placements_national_id_reversed", "national_id_reversed"),
        # A notice's placements in registration order: the over_quota count (docs/notices.md).
        Index("ix_placements_notice", "recruitment_notice_id", "registered_on", "id"),
        # Few placements carry a flag: partial indexes hold only those, and cost nothing to
        # keep up when an unflagged row is written.
        *(
            Index(
                f"ix_placements_{flag}", "id", postgresql_where=text(flag), sqlite_where=text(flag)
            )
            for flag in (
                "fee_above_cap",
                "deposit_above_cap",
                "possible_duplicate",
                "late_report",
                "over_quota",
            )
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    worker_id: int = Field(foreign_key="workers.id", index=True)
    national_id: str = Field(max_length=12)
    # The old 9-digit identity card's number beside the CCCD: either number makes two
    # placements the same person's for the duplicate check (docs/api.md).
    previous_national_id: str | None = Field(default=None, max_length=12)
    full_name: str = Field(max_length=200)
    # Lower-case, without diacritics: "nguyen van an" finds "Nguyễn Văn An".
    search_name: str = Field(max_length=200)
    # How the name sorts: given name first, in Vietnamese alphabetical order (core.text).
    name_key: str = Field(max_length=1000)
    # The national ID's digits in reverse, so its last digits are a prefix an index finds.
    national_id_reversed: str = Field(max_length=12)
    date_of_birth: date
    sex: Sex = Field(sa_type=String(8))
    home_area_code: str = Field(max_length=10)
    # The unit the code named on the day the record was registered (a code alone does not
    # name one unit: docs/places.md); set by the registry, never sent.
    home_area_id: int = Field(foreign_key="areas.id")
    phone: str | None = Field(default=None, max_length=20)
    policy_groups: list[str] = Field(default_factory=list, sa_type=JSONType)
    # When the system first learnt of the departure (for the late-report flag).
    departure_reported_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    fee_above_cap: bool = Field(default=False)
    deposit_above_cap: bool = Field(default=False)
    possible_duplicate: bool = Field(default=False)
    late_report: bool = Field(default=False)
    # Past its notice's quota: counted among the notice's placements not cancelled, in
    # registration order (docs/notices.md).
    over_quota: bool = Field(default=False)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
    version: int = version_field()


# One status change of a placement, with who made it.
class PlacementEvent(SQLModel, table=True):
    __tablename__ = "placement_events"
    __table_args__ = (
        Index("ix_placement_events_placement", "placement_id", "id"),
        Index("ix_placement_events_status_on", "status", "on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placements.id", ondelete="CASCADE")
    status: Status = Field(sa_type=String(16))
    on: date
    reason: str | None = Field(default=None, max_length=500)
    actor: str = Field(max_length=160)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)


# How many placements counted as departures fall on each (year, home area, market) and each
# value of one breakdown (channel, agency, sex, policy group). Kept up to date in the same
# transaction as every placement write, so progress reads a few hundred rows, not the registry.
class DepartureTally(SQLModel, table=True):
    __tablename__ = "departure_tallies"
    # On PostgreSQL the lookup carries the summed columns: progress reads the index alone
    # (docs/architecture.md, "Progress").
    __table_args__ = (
        Index(
            "ix_departure_tallies_lookup",
            "dimension",
            "year",
            "area_id",
            postgresql_include=["market_code", "value", "count"],
        ),
    )

    year: int = Field(primary_key=True)
    area_id: int = Field(primary_key=True)
    market_code: str = Field(primary_key=True, max_length=2)
    dimension: str = Field(primary_key=True, sa_type=String(16))
    value: str = Field(primary_key=True, max_length=32)
    count: int = Field(default=0)
