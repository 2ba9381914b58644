"""Days the government swaps each year: a working Saturday for a bridge day off, and the
bridge day itself (docs/law.md, "Working days")."""

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from overseas.core.models import created_at_field


# What a working-day change says, shared by the table and the API.
class WorkingDayBase(SQLModel):
    day: date = Field(primary_key=True)
    working: bool
    note: str = Field(max_length=300)
    source: str = Field(max_length=300)


class WorkingDay(WorkingDayBase, table=True):
    __tablename__ = "working_day_changes"
    __audited__ = True

    created_at: datetime = created_at_field()
