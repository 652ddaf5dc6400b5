"""Texts of a session's details: what to wear and bring asked in free text, and /status's
one clock (issue 7, items 3 and 6)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "details.header": {
        "id": "👔 <b>Pakaian dan perlengkapan, {date}</b>",
        "en": "👔 <b>What to wear and bring, {date}</b>",
    },
    "details.none": {
        "id": "Agenda {date} tidak mencantumkan ketentuan pakaian atau perlengkapan khusus. "
        "Untuk keterangan lain, silakan hubungi panitia.",
        "en": "The agenda for {date} lists no dress code or items to bring. "
        "For anything else, please ask the committee.",
    },
    # /status: event-clock moments, and the real one a rehearsal started at
    "status.at_time": {"id": "pukul {time}", "en": "at {time}"},
    "status.error_line": {"id": "• {when} · {error}", "en": "• {when} · {error}"},
}
