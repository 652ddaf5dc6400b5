"""Logging set-up: quiet chatty libraries, and keep the token and NIPs out of every line."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

from bot.nip import NIP_LENGTH

__all__ = ["Redactor", "setup_logging"]

# A NIP as a participant may type it (SPEC §11): its digits with anything a keyboard or a
# copy-paste puts between them: any Unicode space (U+00A0, U+2009, U+202F ...), a line break or
# tab, invisible spaces, dots, hyphens and dashes, up to four between two digits. A log line
# often shows the text as a Python repr or JSON string, where those characters appear as
# escapes ("\xa0", "\u2009", "\n"): an escape is one separator, and its hex digits are never
# taken for the NIP's.
_ESCAPE = r"\\(?:[ntrvf]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})"
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_PUNCTUATION = ".\u2024\ufe52\uff0e-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_SEPARATOR = rf"(?:[\s{re.escape(_INVISIBLE + _PUNCTUATION)}]|{_ESCAPE})"
# Either an escape (skipped whole, so a run never starts inside one) or a run of digits.
_TOKEN = re.compile(rf"(?P<escape>{_ESCAPE})|(?P<run>\d(?:{_SEPARATOR}{{0,4}}\d)*)")
_ESCAPED = re.compile(_ESCAPE)
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "f": "\f"}
# Digits split by spaces only: 16 to 20 of them, so that a NIP typed with a digit too many or
# too few is masked too (user and chat ids are shorter). With a dot or a dash: exactly 18, so
# that dates (a range "2025-05-15 – 2025-05-17" has 16 digits) stay readable.
_SPACED_DIGITS = range(16, 21)


def _character(escape: re.Match[str]) -> str:
    """The character a repr/JSON escape stands for ("?" for one beyond Unicode)."""
    code = escape.group()[1:]
    if code in _CONTROL:
        return _CONTROL[code]
    number = int(code[1:], 16)
    return chr(number) if number <= sys.maxunicode else "?"


def _mask(match: re.Match[str]) -> str:
    """A run of digits that could be a NIP, masked to its last four digits; else unchanged."""
    run = match.group("run")
    if run is None:
        return match.group()
    plain = _ESCAPED.sub(_character, run)
    digits = [c for c in plain if c.isdigit()]
    spaced = all(c.isdigit() or c.isspace() or c in _INVISIBLE for c in plain)
    if len(digits) == NIP_LENGTH or (spaced and len(digits) in _SPACED_DIGITS):
        return "*" * 14 + "".join(digits[-4:])
    return run


class Redactor(logging.Filter):
    """Rewrites each record so no secret and no NIP reaches a handler, at any level."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        """The text with secrets replaced and NIPs masked to their last four digits."""
        for secret in self._secrets:
            text = text.replace(secret, "<token>")
        return _TOKEN.sub(_mask, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the message (with its arguments), any traceback text and stack."""
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redact(text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
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
