"""The complaint's rules: how its status moves, and when it counts as open. Pure: no database.

A complaint is received (`open`), triaged, and either handled by the department — examined,
often through an inspection of kind `complaint` (`investigating`) — until it is `resolved`
with a finding (`substantiated` true or false), or `referred` to the authority competent for
it (docs/complaints.md)."""

from overseas.complaints.models import ComplaintStatus

NEXT: dict[ComplaintStatus, frozenset[ComplaintStatus]] = {
    ComplaintStatus.open: frozenset(
        {ComplaintStatus.investigating, ComplaintStatus.resolved, ComplaintStatus.referred}
    ),
    ComplaintStatus.investigating: frozenset({ComplaintStatus.resolved, ComplaintStatus.referred}),
    ComplaintStatus.resolved: frozenset(),
    ComplaintStatus.referred: frozenset(),
}
# Still in the department's hands: these count as open in the risk ranking.
OPEN = (ComplaintStatus.open, ComplaintStatus.investigating)
# Done with: the day it was resolved or referred is recorded.
CLOSED = (ComplaintStatus.resolved, ComplaintStatus.referred)
# How far back substantiated complaints count in the risk ranking.
SUBSTANTIATED_WINDOW_MONTHS = 24


def may_move(current: ComplaintStatus, to: ComplaintStatus) -> bool:
    """Staying where it is is no move; otherwise only the steps of NEXT."""
    return current == to or to in NEXT[current]
