"""What the Mini App's pages show (issue 11, items 3 to 5): a participant's day as a timeline
and the organisers' dashboard. Every figure comes from the functions the chat uses (own
agenda, check-in rules, /peserta, /kehadiran, /rekap, /status, the broadcast report); this
module only gathers them into plain data for JSON, words already in the reader's language.
Nothing here returns another participant's data to a participant: `timeline` reads one
person's rows only; `dashboard` is for organisers."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from bot.agenda import checkin_window, default_day, now_and_next, own_sessions, sessions_on
from bot.attendance import CheckinResult, attempt_checkin, checkin_message, checkin_state, report
from bot.chunks import plain_text
from bot.models import Agenda, Session
from bot.overview import overview
from bot.recap import fmt_number, fmt_percent, question_label, recap, recap_day
from bot.reflections import open_day, progress
from bot.texts import Lang, t
from bot.timefmt import fmt_date, fmt_date_short, fmt_time, zone_abbr
from db import Database
from db.announcements import Announcement, figures, last_reported, open_deliveries
from db.attendance import attendees, get_code
from db.outbox import counts
from db.participants import Participant, list_participants

__all__ = [
    "CheckinAnswer",
    "Dashboard",
    "Timeline",
    "as_json",
    "dashboard",
    "plain",
    "timeline",
    "web_checkin",
]


def plain(html: str) -> str:
    """A chat text (Telegram HTML) as plain text for the page, which sets text, never HTML."""
    return plain_text(html)


def as_json(value: Any) -> Any:
    """A dataclass of this module as JSON-ready data."""
    return asdict(value)


def _minutes(moment: datetime, day: date) -> int:
    """Minutes from `day`'s midnight to `moment` (local; past midnight runs on beyond 1440)."""
    return (moment.date() - day).days * 1440 + moment.hour * 60 + moment.minute


@dataclass(frozen=True)
class Item:
    """One session on the timeline."""

    id: str
    title: str
    kind: str
    start: str  # "08.00" / "08:00"
    end: str
    start_min: int  # minutes since the day's midnight, for placing it
    end_min: int
    location: str
    speaker: str
    description: str
    state: str  # past | current | next | later
    attendance: str | None  # None (no attendance) | done | open | upcoming | missed
    needs_code: bool  # the Hadir button asks for the on-site code
    checkin_from: str  # "07.45" when attendance is taken, else ""
    checkin_until: str


@dataclass(frozen=True)
class Reflection:
    """Where the reader's reflection of the open day stands."""

    day: str
    day_label: str
    state: str  # done | started | open
    answered: int
    questions: int


@dataclass(frozen=True)
class Day:
    """An event day for the day switcher."""

    date: str
    label: str


@dataclass(frozen=True)
class Timeline:
    """A participant's own sessions of one day."""

    name: str
    group: str
    day: str
    day_label: str
    number: int  # 1-based day of the event
    days: list[Day]
    zone: str  # WIB, WITA, WIT
    today: bool
    now_min: int | None  # the now line (None when the day shown is not today)
    now_label: str
    items: list[Item]
    reflection: Reflection | None


async def timeline(
    db: Database, agenda: Agenda, p: Participant, lang: Lang, now: datetime, day: date | None
) -> Timeline:
    """The participant's own sessions of `day` (None: today, or the nearest event day), with
    the now line, the current session, and their check-in and reflection state."""
    tz = agenda.event.tz
    days = agenda.days()
    shown = day if day in days else default_day(days, now.date())
    mine = own_sessions(agenda, p.position, p.group)
    current, nxt = now_and_next(mine, now, tz)
    items: list[Item] = []
    for s in sessions_on(mine, shown) if shown is not None else []:
        items.append(await _item(db, s, p, lang, now, agenda, current, nxt))
    refl = None
    open_now = open_day(agenda, now)
    if open_now is not None:
        done = await progress(db, agenda, p.user_id, open_now)
        answered = len([q for q in done.questions if q.id in done.answers])
        state = "done" if done.finished else ("started" if answered else "open")
        refl = Reflection(
            open_now.isoformat(),
            fmt_date(open_now, lang),
            state,
            answered,
            len(done.questions),
        )
    return Timeline(
        name=p.name,
        group=p.group,
        day=shown.isoformat() if shown else "",
        day_label=fmt_date(shown, lang) if shown else "",
        number=days.index(shown) + 1 if shown in days else 0,
        days=[Day(d.isoformat(), fmt_date_short(d, lang)) for d in days],
        zone=zone_abbr(tz),
        today=shown == now.date(),
        now_min=_minutes(now, shown) if shown == now.date() else None,
        now_label=fmt_time(now, lang, tz),
        items=items,
        reflection=refl,
    )


async def _item(
    db: Database,
    s: Session,
    p: Participant,
    lang: Lang,
    now: datetime,
    agenda: Agenda,
    current: list[Session],
    nxt: Session | None,
) -> Item:
    tz = agenda.event.tz
    start, end = s.start_at(tz), s.end_at(tz)
    if s in current:
        state = "current"
    elif end <= now:
        state = "past"
    else:
        state = "next" if s == nxt else "later"
    attendance = None
    needs_code = False
    window = ("", "")
    if s.takes_attendance:
        checked_in = p.user_id in await attendees(db, s.id)
        attendance = checkin_state(s, now, tz, checked_in=checked_in)
        needs_code = attendance == "open" and await get_code(db, s.id) is not None
        opens, closes = checkin_window(s, tz)
        window = (fmt_time(opens, lang), fmt_time(closes, lang))
    return Item(
        id=s.id,
        title=s.in_lang(lang, "title"),
        kind=s.kind,
        start=fmt_time(s.start, lang),
        end=fmt_time(s.end, lang),
        start_min=_minutes(start, s.date),
        end_min=_minutes(end, s.date),
        location=s.in_lang(lang, "location"),
        speaker=s.speaker,
        description=s.in_lang(lang, "description"),
        state=state,
        attendance=attendance,
        needs_code=needs_code,
        checkin_from=window[0],
        checkin_until=window[1],
    )


@dataclass(frozen=True)
class CheckinAnswer:
    """What pressing Hadir on the page came to, and the words to show."""

    status: str
    message: str


async def web_checkin(
    db: Database,
    agenda: Agenda,
    p: Participant,
    lang: Lang,
    *,
    session_id: str,
    code: str | None,
    now: datetime,
) -> tuple[CheckinResult, CheckinAnswer]:
    """Check in through the chat's own rules (bot.attendance.attempt_checkin) and word the
    outcome as the chat does; the code prompts are the page's own words."""
    result = await attempt_checkin(
        db, agenda, p, session_id=session_id, code=code, now=now, method="webapp"
    )
    if result.status in ("needs_code", "wrong_code"):
        title = result.session.in_lang(lang, "title") if result.session else ""
        message = t(lang, f"webapp.{result.status}", title=title)
    else:
        message = plain(checkin_message(lang, result, now, agenda.event.tz))
    return result, CheckinAnswer(result.status, message)


# ------------------------------------------------------------------------ the dashboard


@dataclass(frozen=True)
class Count:
    """A label and its figures (registered of total, present of expected, ...)."""

    label: str
    value: int
    total: int


@dataclass(frozen=True)
class Missing:
    """Who is missing from an assembly, in one group."""

    group: str
    names: list[str]


@dataclass(frozen=True)
class Assembly:
    """One of today's attendance-taking sessions."""

    id: str
    title: str
    time: str
    location: str
    state: str  # upcoming (check-in not open yet) | open | closed
    expected: int
    present: int
    missing: list[Missing]


@dataclass(frozen=True)
class Rating:
    """A rating question's distribution: counts[i] chose i + 1."""

    question: str
    counts: list[int]
    answers: int
    average: str  # "4,25" / "4.25", "–" without answers


@dataclass(frozen=True)
class Choice:
    """A choice question: each option and how often it was chosen."""

    question: str
    counts: list[Count]


@dataclass(frozen=True)
class Reflections:
    """The open (or nearest) day's reflection figures, as /rekap computes them."""

    day: str
    day_label: str
    registered: int
    finished: int
    started: int
    rate: str  # "62,5%"
    groups: list[Count]
    ratings: list[Rating]
    choices: list[Choice]


@dataclass(frozen=True)
class Broadcast:
    """An announcement's delivery figures."""

    id: int
    status: str
    when: str
    total: int
    sent: int
    failed: int
    blocked: int
    stopped: int
    remaining: int


@dataclass(frozen=True)
class Dashboard:
    """The organisers' live figures."""

    now_label: str
    day_label: str
    roster: int
    registered: int
    off_roster: int
    by_position: list[Count]
    by_group: list[Count]
    assemblies: list[Assembly]
    reflections: Reflections | None
    outbox: dict[str, int]
    running: list[Broadcast]
    last_broadcast: Broadcast | None


async def dashboard(db: Database, agenda: Agenda, lang: Lang, now: datetime) -> Dashboard:
    """Registrations (as /peserta), today's attendance with who is missing (as /kehadiran),
    the reflection figures (as /rekap), the outbox queue (as /status) and the broadcasts."""
    tz = agenda.event.tz
    days = agenda.days()
    today = now.date() if now.date() in days else default_day(days, now.date())
    reg = await overview(db)
    people = await list_participants(db, active_only=True)
    assemblies = []
    for s in sessions_on(agenda.sessions, today) if today is not None else []:
        if not s.takes_attendance:
            continue
        r = await report(db, s, people)
        state = checkin_state(s, now, tz, checked_in=False)
        assemblies.append(
            Assembly(
                id=s.id,
                title=s.in_lang(lang, "title"),
                time=fmt_time(s.start, lang, tz),
                location=s.in_lang(lang, "location"),
                state="closed" if state == "missed" else (state or "closed"),
                expected=r.expected,
                present=r.present,
                missing=[Missing(g, [m.name for m in ms]) for g, ms in r.missing.items()],
            )
        )
    refl = None
    day = recap_day(agenda, None, now)
    if day is not None:
        rc = await recap(db, agenda, day)
        refl = Reflections(
            day=day.isoformat(),
            day_label=fmt_date(day, lang),
            registered=rc.registered,
            finished=rc.finished,
            started=rc.started,
            rate=fmt_percent(rc.finished, rc.registered, lang),
            groups=[Count(g.label, g.finished, g.registered) for g in rc.groups],
            ratings=[
                Rating(
                    question_label(lang, r.question),
                    list(r.counts),
                    r.answers,
                    _number(r.average, lang),
                )
                for r in rc.ratings
            ],
            choices=[
                Choice(question_label(lang, c.question), [Count(o, n, 0) for o, n in c.counts])
                for c in rc.choices
            ],
        )
    box = await counts(db)
    running = [
        await _broadcast(db, a, lang, now)
        for a in await open_deliveries(db)
        if a.status in ("sending", "stopped")
    ]
    last = await last_reported(db)
    return Dashboard(
        now_label=fmt_time(now, lang, tz),
        day_label=fmt_date(today, lang) if today else "",
        roster=reg.roster,
        registered=reg.registered,
        off_roster=reg.off_roster,
        by_position=[Count(x.label, x.registered, x.total) for x in reg.by_position],
        by_group=[Count(x.label, x.registered, x.total) for x in reg.by_group],
        assemblies=assemblies,
        reflections=refl,
        outbox={
            "pending": box.get("pending", 0) + box.get("sending", 0),
            "sent": box.get("sent", 0),
            "failed": box.get("failed", 0),
            "expired": box.get("expired", 0),
            "uncertain": box.get("uncertain", 0),
        },
        running=running,
        last_broadcast=await _broadcast(db, last, lang, now) if last is not None else None,
    )


def _number(value: float | None, lang: str) -> str:
    return fmt_number(value, lang, 2) if value is not None else "–"


async def _broadcast(db: Database, a: Announcement, lang: Lang, now: datetime) -> Broadcast:
    f = await figures(db, a)
    tz = now.tzinfo
    moment = a.finished_at or a.started_at or a.created_at
    when = datetime.fromtimestamp(moment, tz)
    label = fmt_time(when, lang, tz)
    if when.date() != now.date():
        label = f"{fmt_date_short(when.date(), lang)}, {label}"
    return Broadcast(
        id=a.id,
        status=a.status,
        when=label,
        total=f.total,
        sent=f.sent,
        failed=f.failed,
        blocked=f.blocked,
        stopped=f.stopped,
        remaining=f.remaining,
    )
