"""Answers to agenda questions asked in free text or by /sekarang ("what is on now", "where is
lunch", "what is on tonight"), as text in the reader's language. The chat uses them; a web page
or the CLI can too. `intent_answer` is None when the question is not one of these or nothing
on the person's agenda matches it (the caller then says so, with the help buttons)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.agenda import now_and_next, search_sessions, tonight, upcoming
from bot.intents import Intent
from bot.models import Agenda, Session
from bot.render import minutes_until, session_block
from bot.texts import t
from bot.timefmt import fmt_date, fmt_minutes, fmt_time

__all__ = ["intent_answer", "is_meal", "now_text"]


def now_text(lang: str, agenda: Agenda, mine: list[Session], now: datetime) -> str:
    """The session under way and the next one, with minutes until it starts."""
    tz = agenda.event.tz
    current, nxt = now_and_next(mine, now, tz)
    parts: list[str] = []
    if current:
        until = [t(lang, "now.ends", time=fmt_time(s.end, lang, tz)) for s in current]
        pairs = zip(current, until, strict=True)
        blocks = [f"{session_block(lang, s, details=True)}\n    ⏳ {u}" for s, u in pairs]
        parts.append(t(lang, "now.current") + "\n" + "\n".join(blocks))
    else:
        parts.append(t(lang, "now.none", time=fmt_time(now, lang, tz)))
    if nxt is None:
        parts.append(t(lang, "now.nothing_more"))
    elif nxt.date == now.date():
        minutes = fmt_minutes(minutes_until(now, nxt, tz), lang)
        parts.append(
            t(lang, "now.next", minutes=minutes) + "\n" + session_block(lang, nxt, details=True)
        )
    else:
        head = t(lang, "now.next_tomorrow", date=escape(fmt_date(nxt.date, lang)))
        parts.append(head + "\n" + session_block(lang, nxt, details=True))
    return "\n\n".join(parts)


def is_meal(s: Session, meal: str | None) -> bool:
    """Whether a session is a meal (of the kind asked: breakfast, lunch or dinner; any if None)."""
    if s.kind != "meal" and "makan" not in s.title.casefold():
        return False
    if meal is None:
        return True
    title = s.title.casefold()
    if meal == "breakfast":
        return "sarapan" in title or "pagi" in title
    if meal == "dinner":
        return "malam" in title
    # lunch: the midday meal or ISHOMA, never the evening one
    return "malam" not in title and ("siang" in title or "ishoma" in title)


def intent_answer(
    lang: str, intent: Intent, agenda: Agenda, mine: list[Session], now: datetime
) -> str | None:
    """The answer to a now / next / tonight / assembly / meal / where question."""
    tz = agenda.event.tz
    if intent.kind in ("now", "next"):
        return now_text(lang, agenda, mine, now)
    if intent.kind == "tonight":
        blocks = [session_block(lang, s) for s in tonight(mine, now, tz)]
        return "\n".join([t(lang, "ask.tonight"), *blocks]) if blocks else t(lang, "ask.no_tonight")
    if intent.kind == "assembly":
        s = upcoming(mine, now, tz, lambda s: s.kind == "assembly")
        if s is None:
            return t(lang, "ask.no_assembly")
        return (
            t(lang, "ask.assembly") + "\n" + session_block(lang, s, with_date=s.date != now.date())
        )
    if intent.kind == "meal":
        return _meal_answer(lang, intent.meal, mine, now, agenda)
    if intent.kind == "where" and intent.topic:
        hits = search_sessions(mine, intent.topic)
        if not hits:
            return None
        soon = sorted(hits, key=lambda s: (s.end_at(tz) <= now, s.start_at(tz)))[:5]
        body = "\n".join(session_block(lang, s, with_date=True) for s in soon)
        return t(lang, "ask.where_found", topic=escape(intent.topic[:60])) + "\n" + body
    return None


def _meal_answer(
    lang: str, meal: str | None, mine: list[Session], now: datetime, agenda: Agenda
) -> str:
    label = t(lang, f"meal.{meal}") if meal else t(lang, "meal.lunch")
    s = upcoming(mine, now, agenda.event.tz, lambda s: is_meal(s, meal))
    if s is None:
        return t(lang, "ask.no_meal", meal=label.lower())
    named = s.in_lang(lang, "title") if meal is None else label
    return t(lang, "ask.meal", meal=escape(named)) + "\n" + session_block(lang, s, with_date=True)
