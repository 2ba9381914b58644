"""Masks for personal data, shown to roles that need to tell records apart but not to know
who a person is (Law 91/2025/QH15 on personal data protection: the minimum for each purpose),
and written into the audit log in place of the full values."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Mask:
    """Keep the first `head` and the last `tail` characters, star the rest."""

    head: int
    tail: int

    def __call__(self, value: str) -> str:
        if len(value) <= self.head + self.tail:
            return "*" * len(value)
        hidden = len(value) - self.head - self.tail
        return value[: self.head] + "*" * hidden + value[len(value) - self.tail :]

    def sql(self, column: str) -> str:
        """The same mask as a SQL expression on a text column (PostgreSQL; NULL stays NULL)."""
        n = self.head + self.tail
        return (
            f"CASE WHEN {column} IS NULL THEN NULL "
            f"WHEN length({column}) <= {n} THEN repeat('*', length({column})) "
            f"ELSE left({column}, {self.head}) || repeat('*', length({column}) - {n}) "
            f"|| right({column}, {self.tail}) END"
        )


# `049*******12`: enough to tell records apart.
NATIONAL_ID_MASK = Mask(3, 2)
# `0905****56`.
PHONE_MASK = Mask(4, 2)
# Every character starred: a complainant's name or address says who complained, and the
# audit log is read by administrators, who may not know it (docs/complaints.md).
HIDDEN = Mask(0, 0)


def mask_national_id(value: str) -> str:
    return NATIONAL_ID_MASK(value)


def mask_phone(value: str | None) -> str | None:
    return None if value is None else PHONE_MASK(value)


# The personal fields that are never written in full into the audit log, with their masks.
AUDIT_MASKS = {
    "national_id": NATIONAL_ID_MASK,
    "previous_national_id": NATIONAL_ID_MASK,
    "phone": PHONE_MASK,
    "complainant_name": HIDDEN,
    "complainant_phone": PHONE_MASK,
    "complainant_address": HIDDEN,
}


def mask_changes(changes: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """An audit row's {"field": {"before", "after"}} with the personal fields masked."""
    for name, mask in AUDIT_MASKS.items():
        change = changes.get(name)
        if change is not None:
            changes[name] = {
                side: mask(value) if isinstance(value, str) else value
                for side, value in change.items()
            }
    return changes
