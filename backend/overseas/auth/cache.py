"""The principal behind a token, kept in process memory for a few seconds (docs/security.md,
"Accounts and tokens"): a request with a token seen moments ago skips the token's decoding and the
account's lookup. A change to an account made through this process (deactivation, password
change, revocation) empties the cache at once; one made through another process reaches this
one within `OVERSEAS_AUTH_CACHE_SECONDS` (at most 5 s), when the entry expires."""

import time
from threading import Lock
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from overseas.auth.models import ApiClient, User
from overseas.core.config import get_settings
from overseas.core.principal import Principal

# Bounded: beyond this many live tokens the oldest entries go first.
MAX_ENTRIES = 10_000

_entries: dict[str, tuple[float, Principal]] = {}
_lock = Lock()


def lookup(token: str) -> Principal | None:
    """The principal cached for this token, if its entry has not expired."""
    entry = _entries.get(token)
    if entry is None:
        return None
    if entry[0] <= time.time():
        with _lock:
            _entries.pop(token, None)
        return None
    return entry[1]


def keep(token: str, principal: Principal, token_expires: float) -> None:
    """Keep the principal for the staleness allowed, never beyond the token's own expiry."""
    seconds = get_settings().auth_cache_seconds
    if seconds <= 0:
        return
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            now = time.time()
            for key in [k for k, (until, _) in _entries.items() if until <= now]:
                del _entries[key]
            while len(_entries) >= MAX_ENTRIES:
                # dicts keep insertion order: the first entry is the oldest.
                del _entries[next(iter(_entries))]
        _entries[token] = (min(time.time() + seconds, token_expires), principal)


def clear() -> None:
    with _lock:
        _entries.clear()


@event.listens_for(OrmSession, "after_flush")
def _accounts_changed(session: OrmSession, _flush_context: Any) -> None:
    # Any written account empties the cache: rare, and every token is then checked afresh.
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, User | ApiClient):
            clear()
            return
