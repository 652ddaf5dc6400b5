"""Dates and times as participants read them: `08.00 WIB`, `Kamis, 15 Mei 2025`."""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo

__all__ = [
    "fmt_count",
    "fmt_date",
    "fmt_date_short",
    "fmt_minutes",
    "fmt_time",
    "fmt_time_range",
    "zone_abbr",
]

_DAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_abbr(tz: tzinfo) -> str:
    """WIB, WITA or WIT for Indonesian zones, else the zone's own abbreviation."""
    key = getattr(tz, "key", None)
    if key in _ZONES:
        return _ZONES[key]
    return datetime.now(tz).tzname() or str(tz)


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "id"


def fmt_time(value: time | datetime, lang: str, tz: tzinfo | None = None) -> str:
    """`08.00 WIB` (id) or `08:00 WIB` (en); the zone only when `tz` is given."""
    if isinstance(value, datetime) and tz is not None:
        value = value.astimezone(tz)
    sep = ":" if _lang(lang) == "en" else "."
    text = f"{value.hour:02d}{sep}{value.minute:02d}"
    return f"{text} {zone_abbr(tz)}" if tz is not None else text


def fmt_time_range(start: time, end: time, lang: str, tz: tzinfo | None = None) -> str:
    """`08.00–09.30 WIB`."""
    return f"{fmt_time(start, lang)}–{fmt_time(end, lang, tz)}"


def fmt_date(day: date, lang: str) -> str:
    """`Kamis, 15 Mei 2025` / `Thursday, 15 May 2025`."""
    lg = _lang(lang)
    return f"{_DAYS[lg][day.weekday()]}, {day.day} {_MONTHS[lg][day.month - 1]} {day.year}"


def fmt_date_short(day: date, lang: str) -> str:
    """`Kamis, 15 Mei` for buttons."""
    lg = _lang(lang)
    return f"{_DAYS[lg][day.weekday()][:3]}, {day.day} {_MONTHS[lg][day.month - 1][:3]}"


def fmt_count(number: int, lang: str) -> str:
    """`2.000` (id) or `2,000` (en): thousands grouped the language's way."""
    grouped = f"{number:,}"
    return grouped if _lang(lang) == "en" else grouped.replace(",", ".")


def fmt_minutes(minutes: int, lang: str) -> str:
    """`1 jam 5 menit` / `1 h 5 min`."""
    hours, mins = divmod(max(0, minutes), 60)
    if _lang(lang) == "en":
        parts = ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if mins or not hours else [])
    else:
        parts = ([f"{hours} jam"] if hours else []) + (
            [f"{mins} menit"] if mins or not hours else []
        )
    return " ".join(parts)
