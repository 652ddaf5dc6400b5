"""Agenda questions answered from the agenda and a moment: pure functions, no I/O."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.models import Agenda, Session

__all__ = [
    "CHECKIN_WINDOW",
    "BadDayArg",
    "NoSuchDay",
    "checkin_window",
    "day_index",
    "default_day",
    "now_and_next",
    "open_for_checkin",
    "own_sessions",
    "parse_day_arg",
    "search_sessions",
    "sessions_on",
    "tonight",
    "upcoming",
]

CHECKIN_WINDOW = timedelta(minutes=15)
EVENING = time(17, 0)  # "nanti malam" / "tonight": what starts from here on

_DAY_WORDS = {
    "besok": 1,
    "tomorrow": 1,
    "lusa": 2,
    "besoklusa": 2,
    "dayaftertomorrow": 2,
    "kemarin": -1,
    "yesterday": -1,
    "hariini": 0,
    "today": 0,
    "sekarang": 0,
}
_LAST_DAY_WORDS = frozenset({"terakhir", "hariterakhir", "last", "lastday"})

# Words people use for what the agenda calls otherwise (English, short forms, other
# spellings) -> the agenda's own words; a topic word matches either.
SEARCH_SYNONYMS: dict[str, tuple[str, ...]] = {
    "opening": ("pembukaan",),
    "closing": ("penutupan",),
    "ceremony": ("upacara",),
    "assembly": ("apel",),
    "mosque": ("masjid",),
    "prayer": ("sholat",),
    "prayers": ("sholat",),
    "friday": ("jumat",),
    "solat": ("sholat",),
    "shalat": ("sholat",),
    "salat": ("sholat",),
    "jumatan": ("jumat",),
    "hall": ("aula",),
    "main": ("utama",),
    "room": ("ruang",),
    "class": ("kelas",),
    "classroom": ("ruang kelas",),
    "field": ("lapangan",),
    "barracks": ("barak",),
    "dorm": ("barak",),
    "dining": ("ruang makan",),
    "canteen": ("ruang makan",),
    "group": ("kelompok",),
    "groups": ("kelompok",),
    "discussion": ("diskusi",),
    "registration": ("registrasi",),
    "coffee": ("kopi",),
    "reflection": ("refleksi",),
    "evaluation": ("evaluasi",),
    "presentation": ("presentasi",),
    "photo": ("foto",),
    "walk": ("jalan",),
    "exercise": ("jasmani", "senam"),
    "sport": ("jasmani", "olahraga"),
    "departure": ("pemulangan",),
    "pulang": ("pemulangan",),
    "home": ("pemulangan",),
    "morning": ("pagi",),
    "afternoon": ("siang", "sore"),
    "evening": ("malam",),
    "night": ("malam",),
    "certificate": ("sertifikat",),
    "certificates": ("sertifikat",),
    "minister": ("menteri",),
    "head": ("kepala",),
    "commander": ("komandan",),
    "commanders": ("komandan",),
    "briefing": ("pengarahan",),
    "secretary": ("sekretaris",),
    "regional": ("daerah",),
    "inspectorate": ("inspektorat",),
    "province": ("provinsi", "pemprov"),
    "provincial": ("provinsi", "pemprov"),
    "mayor": ("wali kota",),
    "walikota": ("wali kota",),
    "sekda": ("sekretaris daerah",),
    "mendagri": ("menteri dalam negeri",),
    "penutup": ("penutupan",),
    "pembuka": ("pembukaan",),
}


class BadDayArg(ValueError):
    """The day argument is not a day word, number or date."""


class NoSuchDay(ValueError):
    """A day number outside the event."""

    def __init__(self, number: int, total: int) -> None:
        super().__init__(f"day {number} of {total}")
        self.number = number
        self.total = total


def own_sessions(agenda: Agenda, position: str | None, group: str | None) -> list[Session]:
    """The sessions on a participant's own agenda (everything when both are None)."""
    if position is None and group is None:
        return list(agenda.sessions)
    return [s for s in agenda.sessions if s.is_for(position, group)]


def sessions_on(sessions: Iterable[Session], day: date) -> list[Session]:
    """Sessions of one day in time order."""
    return sorted((s for s in sessions if s.date == day), key=lambda s: (s.start, s.id))


def default_day(days: Sequence[date], today: date) -> date | None:
    """Today if it is an event day, the first day before the event, the last after it."""
    if not days:
        return None
    if today in days:
        return today
    if today < days[0]:
        return days[0]
    if today > days[-1]:
        return days[-1]
    return next(d for d in days if d > today)


def day_index(days: Sequence[date], day: date) -> int:
    """1-based number of an event day (0 when not an event day)."""
    return days.index(day) + 1 if day in days else 0


def parse_day_arg(arg: str, days: Sequence[date], today: date) -> date:
    """`besok`/`lusa`/`terakhir`, a day number, or an ISO date; raises BadDayArg or NoSuchDay."""
    word = re.sub(r"[\s\-_]", "", arg.strip().casefold())
    if word in _LAST_DAY_WORDS and days:
        return days[-1]
    if word in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[word])
    number = re.fullmatch(r"(?:hari|day|h)?(?:ke)?(\d{1,2})", word)
    if number:
        n = int(number.group(1))
        if not 1 <= n <= len(days):
            raise NoSuchDay(n, len(days))
        return days[n - 1]
    try:
        return date.fromisoformat(arg.strip())
    except ValueError:
        raise BadDayArg(arg) from None


def now_and_next(
    sessions: Sequence[Session], now: datetime, tz: ZoneInfo
) -> tuple[list[Session], Session | None]:
    """Sessions under way at `now`, and the first one starting after it."""
    current = [s for s in sessions if s.start_at(tz) <= now < s.end_at(tz)]
    later = sorted((s for s in sessions if s.start_at(tz) > now), key=lambda s: s.start_at(tz))
    return current, (later[0] if later else None)


def upcoming(
    sessions: Sequence[Session], now: datetime, tz: ZoneInfo, where: Callable[[Session], bool]
) -> Session | None:
    """The first session not yet ended that satisfies `where`."""
    found = sorted(
        (s for s in sessions if s.end_at(tz) > now and where(s)), key=lambda s: s.start_at(tz)
    )
    return found[0] if found else None


def search_sessions(sessions: Sequence[Session], topic: str) -> list[Session]:
    """Sessions whose title, location, speaker or id have a word starting with each word of
    `topic` (or with one of its SEARCH_SYNONYMS): "menteri", "closing ceremony", "bkn"."""
    words = [w for w in re.split(r"\W+", topic.casefold()) if len(w) > 1]
    if not words:
        return []
    patterns = [
        re.compile("|".join(rf"\b{re.escape(a)}" for a in (w, *SEARCH_SYNONYMS.get(w, ()))))
        for w in words
    ]

    def haystack(s: Session) -> str:
        texts = (s.title, s.title_en, s.location, s.location_en, s.speaker, s.id, s.kind)
        return " ".join(texts).casefold()

    return [s for s in sessions if all(p.search(haystack(s)) for p in patterns)]


def tonight(sessions: Sequence[Session], now: datetime, tz: ZoneInfo) -> list[Session]:
    """Today's sessions from the evening on that have not ended, in time order."""
    return [
        s for s in sessions_on(sessions, now.date()) if s.start >= EVENING and s.end_at(tz) > now
    ]


def checkin_window(session: Session, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """From 15 minutes before the start to 15 minutes after (SPEC §8a)."""
    start = session.start_at(tz)
    return start - CHECKIN_WINDOW, start + CHECKIN_WINDOW


def open_for_checkin(sessions: Sequence[Session], now: datetime, tz: ZoneInfo) -> list[Session]:
    """Attendance-taking sessions whose check-in window is open at `now`."""
    found = []
    for s in sessions:
        if s.takes_attendance:
            opens, closes = checkin_window(s, tz)
            if opens <= now <= closes:
                found.append(s)
    return found
