"""Tests for the agenda as an iCalendar file."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from bot.ics import agenda_ics, session_description
from bot.models import Event, Session

JAKARTA = ZoneInfo("Asia/Jakarta")
STAMP = datetime(2025, 5, 10, 9, 0, tzinfo=UTC)
EVENT = Event(
    name="Pelatihan Leadership dan Penguatan Teamwork Building",
    venue="Politeknik Angkatan Darat (Poltekad), Malang",
)
SESSIONS = (
    Session(
        id="d1-apel",
        date=date(2025, 5, 15),
        start=time(5, 0),
        end=time(5, 30),
        title="Apel Pagi",
        kind="assembly",
        location="Lapangan Poltekad",
    ),
    Session(
        id="d1-malam",
        date=date(2025, 5, 15),
        start=time(22, 0),
        end=time(0, 30),
        title="Jurit Malam",
        kind="activity",
        location="",
        speaker="Tim Pelatih",
        description="Bawa senter.",
    ),
    Session(
        id="d2-bkn",
        date=date(2025, 5, 16),
        start=time(8, 0),
        end=time(10, 0),
        title="Manajemen ASN",
        location="Aula Utama",
        speaker="Kepala BKN",
        description="Sesi tanya jawab; bawa catatan, ya.",
    ),
)


def _parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def _build(lang: str = "id", label: str = "Narasumber") -> bytes:
    return agenda_ics(EVENT, SESSIONS, lang=lang, speaker_label=label, stamp=STAMP)


def _events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.events}


def test_calendar_header() -> None:
    cal = _parse(_build())
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//retret-bot//Agenda//ID"
    assert str(cal["X-WR-CALNAME"]) == EVENT.name
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Jakarta"


def test_one_event_per_session_with_stable_uids() -> None:
    events = _events(_parse(_build()))
    assert sorted(events) == ["d1-apel@retret-bot", "d1-malam@retret-bot", "d2-bkn@retret-bot"]
    other = agenda_ics(
        EVENT, SESSIONS, lang="en", speaker_label="Speaker", stamp=STAMP, prodid_host="example.org"
    )
    assert "d2-bkn@example.org" in _events(_parse(other))


def test_times_are_aware_in_jakarta() -> None:
    events = _events(_parse(_build()))
    for session in SESSIONS:
        vevent = events[f"{session.id}@retret-bot"]
        start = vevent.decoded("DTSTART")
        end = vevent.decoded("DTEND")
        assert start == datetime.combine(session.date, session.start, tzinfo=JAKARTA)
        assert start.utcoffset() == timedelta(hours=7)
        assert end.utcoffset() == timedelta(hours=7)
        assert getattr(start.tzinfo, "key", None) == "Asia/Jakarta"
        assert vevent["DTSTART"].params["TZID"] == "Asia/Jakarta"
        assert end == session.end_at(JAKARTA)


def test_session_crossing_midnight_ends_next_day() -> None:
    vevent = _events(_parse(_build()))["d1-malam@retret-bot"]
    assert vevent.decoded("DTEND") == datetime(2025, 5, 16, 0, 30, tzinfo=JAKARTA)


def test_summary_location_description_categories_stamp() -> None:
    events = _events(_parse(_build()))
    apel, malam, bkn = (events[f"{s.id}@retret-bot"] for s in SESSIONS)
    assert str(apel["SUMMARY"]) == "Apel Pagi"
    assert str(apel["LOCATION"]) == "Lapangan Poltekad"
    assert "DESCRIPTION" not in apel
    assert str(malam["LOCATION"]) == EVENT.venue  # no room given: the venue
    assert str(bkn["DESCRIPTION"]) == (
        "Narasumber: Kepala BKN\n\nSesi tanya jawab; bawa catatan, ya."
    )
    assert [str(c) for c in bkn.categories] == ["session"]
    assert [str(c) for c in apel.categories] == ["assembly"]
    assert bkn.decoded("DTSTAMP") == STAMP
    english = _events(_parse(_build("en", "Speaker")))["d2-bkn@retret-bot"]
    assert str(english["DESCRIPTION"]).startswith("Speaker: Kepala BKN")


def test_vtimezone_present_and_no_alarms() -> None:
    data = _build()
    cal = _parse(data)
    assert [str(tz["TZID"]) for tz in cal.timezones] == ["Asia/Jakarta"]
    assert cal.walk("VALARM") == []
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")


def test_output_is_deterministic() -> None:
    assert _build() == _build()


def test_naive_stamp_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        agenda_ics(
            EVENT, SESSIONS, lang="id", speaker_label="Narasumber", stamp=datetime(2025, 5, 1)
        )


def test_empty_agenda_is_a_valid_calendar() -> None:
    cal = _parse(agenda_ics(EVENT, [], lang="id", speaker_label="Narasumber", stamp=STAMP))
    assert cal.events == []


def test_session_description_parts() -> None:
    only_speaker = Session(
        id="x", date=date(2025, 5, 15), start=time(8), end=time(9), title="T", speaker=" Menteri "
    )
    assert session_description(only_speaker, speaker_label="Speaker") == "Speaker: Menteri"
    assert session_description(SESSIONS[0], speaker_label="Speaker") == ""
