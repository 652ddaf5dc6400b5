"""Writing spreadsheets safely: text that a spreadsheet program would take for a formula."""

from __future__ import annotations

from typing import TypeVar

__all__ = ["spreadsheet_safe"]

_V = TypeVar("_V")

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
# Sheets ("CSV injection", OWASP); tab and carriage return can hide such a start.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: _V) -> _V | str:
    """A value to write into a CSV or XLSX cell: text that would start a formula gets a
    leading apostrophe (shown as text, the usual way), anything else is returned as is.

    Use it on every cell of text that came from people (names, titles, answers) whenever
    a spreadsheet is written; numbers and dates are written as they are.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
