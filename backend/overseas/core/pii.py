"""Masks for personal data, shown to roles that need to tell records apart but not to know
who a person is (Law 91/2025/QH15 on personal data protection: the minimum for each purpose),
and written into the audit log in place of the full values."""


def mask_national_id(value: str) -> str:
    """First 3 and last 2 digits (`049*******12`): enough to tell records apart."""
    if len(value) <= 5:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]


def mask_phone(value: str | None) -> str | None:
    """First 4 and last 2 digits (`0905****56`)."""
    if value is None:
        return None
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


# The personal fields that are never written in full into the audit log, with their masks.
AUDIT_MASKS = {"national_id": mask_national_id, "phone": mask_phone}


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
