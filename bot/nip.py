"""NIP (Nomor Induk Pegawai) validation and masking."""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = ["NIP_LENGTH", "NipError", "nip_masked", "validate_nip"]

NIP_LENGTH = 18
_DIGITS = frozenset("0123456789")
_BIRTH_YEARS = range(1940, 2016)
_ADULT_AGE = 18


class NipError(ValueError):
    """A malformed NIP: `code` is a problem code (text key "problem.<code>") with `params`."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        """Keep the code and the values for the message."""
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        super().__init__(code, self.params)


def _strip_spaces(raw: str) -> str:
    """The text without any whitespace."""
    return "".join(raw.split())


def validate_nip(raw: str, *, today: date | None = None) -> str:
    """The normalised 18-digit NIP, or raise NipError with the first thing wrong."""
    nip = _strip_spaces(raw)
    bad = [c for c in dict.fromkeys(nip) if c not in _DIGITS]
    if bad:
        raise NipError("nip_not_digits", {"chars": " ".join(bad[:5])})
    if len(nip) != NIP_LENGTH:
        raise NipError("nip_length", {"length": len(nip)})

    birth_text, start_text, sex, sequence = nip[:8], nip[8:14], nip[14], nip[15:]
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:8]))
    except ValueError:
        birth = None
    if birth is None or birth.year not in _BIRTH_YEARS:
        raise NipError("nip_birth_date", {"value": birth_text})

    start_year, start_month = int(start_text[:4]), int(start_text[4:])
    if not 1 <= start_month <= 12:
        raise NipError("nip_start_date", {"value": start_text})
    start_label = f"{start_year:04d}-{start_month:02d}"
    if (start_year, start_month) < (birth.year + _ADULT_AGE, birth.month):
        raise NipError("nip_start_too_early", {"birth": birth.isoformat(), "start": start_label})
    if today is not None and (start_year, start_month) > (today.year, today.month):
        raise NipError("nip_start_future", {"start": start_label})

    if sex not in ("1", "2"):
        raise NipError("nip_sex_digit", {"digit": sex})
    if sequence == "000":
        raise NipError("nip_sequence", {"value": sequence})
    return nip


def nip_masked(nip: str) -> str:
    """The NIP with all but its last four digits hidden, for logs and screens."""
    text = _strip_spaces(nip)
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]
