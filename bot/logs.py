"""Logging set-up: quiet chatty libraries, and keep the token and NIPs out of every line."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

__all__ = ["Redactor", "setup_logging"]

# 16 to 20 digits, possibly typed with spaces: a NIP as a participant sends it, mistyped
# ones included. Telegram user and chat ids are shorter, so nothing else looks like this.
_NIP = re.compile(r"(?<!\d)(?:\d[ \t]?){15,19}\d(?!\d)")


class Redactor(logging.Filter):
    """Rewrites each record so no secret and no NIP reaches a handler, at any level."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        """The text with secrets replaced and NIPs masked to their last four digits."""
        for secret in self._secrets:
            text = text.replace(secret, "<token>")
        return _NIP.sub(lambda m: "*" * 14 + re.sub(r"\D", "", m.group())[-4:], text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the message (with its arguments) and any traceback text."""
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redact(text)
        return True


def setup_logging(level: str, secrets: Iterable[str] = ()) -> Redactor:
    """Root logging to stderr at `level`, redacted; httpx (whose lines hold the token in the
    URL) and APScheduler only from WARNING."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    redactor = Redactor(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    return redactor
