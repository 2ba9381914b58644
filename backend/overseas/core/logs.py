"""No personal data in logs (Law 91/2025/QH15): the server's own logs and its access log are
scrubbed of identity and phone numbers, and SQL parameters are never written into error
messages (the engine is built with `hide_parameters`)."""

import logging
import re
from typing import Any

# National IDs (9 or 12 digits) and phone numbers (10-11 digits), wherever they stand: in a
# database error's DETAIL line, in a query string, in a message.
_NUMBER = re.compile(r"(?<!\d)\d{9,12}(?!\d)")
# A name or an ID searched for: the `q` of a list or export URL.
_QUERY_TEXT = re.compile(r"([?&]q=)[^&\s\"]*")


def redact(text: str) -> str:
    text = _QUERY_TEXT.sub(r"\1[redacted]", text)
    return _NUMBER.sub(lambda m: m[0][:3] + "*" * (len(m[0]) - 3), text)


def _redact_value(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactPersonalData(logging.Filter):
    """Rewrites a record's message, arguments and exception text before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_value(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redact_value(v) for k, v in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


LOGGERS = ("overseas", "uvicorn.error", "uvicorn.access", "sqlalchemy")


def install() -> None:
    """Scrub every logger the server writes to (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactPersonalData) for f in logger.filters):
            logger.addFilter(RedactPersonalData())
