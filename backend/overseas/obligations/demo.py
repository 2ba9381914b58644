"""Synthetic filings for the demo enterprises (`overseas demo load`), so that the reporting
pages show a mix of reports filed on time, filed late and never filed.

Everything here is invented and labelled so ("dữ liệu mẫu"). The filings are a fixed pattern
counted back from the day the demo is loaded: the same day gives the same filings. The most
recent month whose period has ended is left unfiled for every enterprise, so that a demo
enterprise account always has a report to file (docs/huong-dan-su-dung.md, "Báo cáo định kỳ").
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from overseas.core.db import LOCAL_ZONE
from overseas.obligations import rules
from overseas.obligations.models import AgencyReport, AgencyReportFile
from overseas.obligations.rules import Period

DEMO_NOTE = "Số liệu mẫu để trình diễn hệ thống (dữ liệu mẫu), không phải báo cáo thật."
# How many ended months back the pattern reaches.
MONTHS_BACK = 12


@dataclass(frozen=True)
class DemoFiler:
    """A demo enterprise, the account that files its reports and how it keeps its deadlines:
    `pattern[k]` says what became of the report of the (k+1)-th ended month before the last
    one: "on_time", "late" (days after the deadline, on paper, recorded by an officer) or
    "missing". Months past the pattern's end were filed on time."""

    agency_id: int
    username: str
    pattern: tuple[str, ...]
    late_days: int
    annual: str


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL_ZONE)


def ended_months(on: date, count: int = MONTHS_BACK) -> list[Period]:
    """The `count` monthly periods that ended before `on`, the most recent first."""
    year, month = on.year, on.month
    out: list[Period] = []
    while len(out) < count:
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append(rules.monthly(year, month))
    return out


def last_annual_due(on: date, margin: int) -> Period:
    """The latest annual report due at least `margin` days before `on`."""
    year = on.year
    while rules.annual(year).due_on + timedelta(days=margin) >= on:
        year -= 1
    return rules.annual(year)


def _figures(seed: int) -> dict[str, int | str]:
    """Small, varied counts in the shape of the form (docs/huong-dan-su-dung.md)."""
    return {
        "departed": 3 + seed * 7 % 11,
        "returned": seed * 5 % 6,
        "returned_early": seed % 3 // 2,
        "overstayed": 1 if seed % 5 == 0 else 0,
        "contracts_terminated": seed % 4 // 3,
        "note": DEMO_NOTE,
    }


def sample_pdf(title: str) -> bytes:
    """A one-page PDF saying `title` (ASCII), as a signed scan would be attached."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 56 780 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _report(
    filer: DemoFiler, period: Period, outcome: str, seed: int, on: date, which: int
) -> AgencyReport:
    if outcome == "on_time":
        # Sent online by the enterprise a few days before the deadline.
        submitted_at = _at(period.due_on - timedelta(days=1 + seed % 4), 9, 30)
        submitted_by = filer.username
    else:
        # Came in on paper after the deadline, never after yesterday; an officer recorded when
        # it arrived. Every period filed here was due at least 10 days before `on`.
        submitted_at = min(
            _at(period.due_on + timedelta(days=filer.late_days + seed % 3), 14),
            _at(on - timedelta(days=1), 14),
        )
        submitted_by = "officer"
    return AgencyReport(
        agency_id=filer.agency_id,
        kind=period.kind,
        period_from=period.period_from,
        period_to=period.period_to,
        figures=_figures(seed + 5 * which),
        submitted_at=submitted_at,
        submitted_by=submitted_by,
    )


def load_filings(session: Session, filers: list[DemoFiler], on: date) -> int:
    """Adds the filers' synthetic filings as of `on`, unless one of them has filed already;
    answers how many were added. The first filer's second month also gets an amendment with
    a PDF attached."""
    ids = [f.agency_id for f in filers]
    if session.exec(select(AgencyReport.id).where(col(AgencyReport.agency_id).in_(ids))).first():
        return 0
    months = ended_months(on)[1:]  # the most recent ended month is left to file
    added = 0
    for which, filer in enumerate(filers):
        plan = [
            (period, filer.pattern[k] if k < len(filer.pattern) else "on_time")
            for k, period in enumerate(months)
        ]
        plan.append((last_annual_due(on, margin=filer.late_days + 3), filer.annual))
        for seed, (period, outcome) in enumerate(plan):
            if outcome == "missing":
                continue
            session.add(_report(filer, period, outcome, seed, on, which))
            added += 1
    session.flush()
    first = filers[0]
    period = months[0]
    original = session.exec(
        select(AgencyReport).where(
            AgencyReport.agency_id == first.agency_id,
            AgencyReport.kind == period.kind,
            AgencyReport.period_from == period.period_from,
        )
    ).first()
    if original is not None and original.id is not None:
        content = sample_pdf(f"Bao cao bo sung thang {period.period_from:%m/%Y} (du lieu mau)")
        amendment = AgencyReport(
            agency_id=first.agency_id,
            kind=period.kind,
            period_from=period.period_from,
            period_to=period.period_to,
            figures={**original.figures, "departed": int(original.figures["departed"]) + 1},
            submitted_at=min(original.submitted_at + timedelta(days=2), _at(on, 8)),
            submitted_by=first.username,
            revision=2,
            amends_id=original.id,
            file_name="bao-cao-bo-sung-mau.pdf",
            file_type="application/pdf",
            file_size=len(content),
        )
        session.add(amendment)
        session.flush()
        assert amendment.id is not None
        session.add(AgencyReportFile(report_id=amendment.id, content=content))
        added += 1
    return added
