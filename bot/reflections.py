"""The evening reflection (SPEC §10, issue 9): which day is open, answering, the scheduled
prompt, nudge and journal. Chat, CLI and a Mini App call these same functions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from bot.agenda_io import DEFAULT_QUESTIONS
from bot.chunks import LIMIT, html_length, split_html
from bot.models import Agenda, ReflectionQuestion
from bot.salutation import addressed
from bot.schedule import Planned, edit_deadline, event_end, planned_row
from bot.texts import Lang, normalise_language, t
from bot.timefmt import fmt_count, fmt_date, fmt_time
from db import Database
from db.outbox import NewMessage
from db.participants import Participant
from db.reflections import (
    Answer,
    Saved,
    answers_of,
    finished_users,
    journal_answers,
    save_answer,
    started_users,
)

__all__ = [
    "RATINGS",
    "TEXT_LIMIT",
    "BadAnswer",
    "DayClosed",
    "Keyboard",
    "Progress",
    "answer",
    "answer_line",
    "day_of",
    "event_over",
    "is_open",
    "journal_parts",
    "open_day",
    "parse_answer",
    "progress",
    "question_view",
    "questions_of",
    "reflection_messages",
    "summary_view",
]

TEXT_LIMIT = 2000  # characters of a free-text answer (SPEC §10)
RATINGS = 5  # a rating is 1..5
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Keyboard = list[list[tuple[str, str]]]


class DayClosed(Exception):
    """The day's reflection is not open (over, or not yet)."""

    def __init__(self, day: date) -> None:
        super().__init__(f"reflection of {day} is closed")
        self.day = day


class BadAnswer(Exception):
    """An answer that cannot be used: a text key under `refl.` and its values."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: Lang) -> str:
        """The text to show, numbers written the language's way ("2.000", "2,000")."""
        values = {
            k: fmt_count(v, lang) if isinstance(v, int) else v for k, v in self.params.items()
        }
        return t(lang, self.code, **values)


@dataclass(frozen=True)
class Progress:
    """One participant's reflection of one day so far."""

    day: date
    questions: tuple[ReflectionQuestion, ...]
    answers: dict[str, Answer]

    @property
    def next(self) -> ReflectionQuestion | None:
        """The first question without an answer (None: all answered)."""
        return next((q for q in self.questions if q.id not in self.answers), None)

    @property
    def finished(self) -> bool:
        """Every question answered."""
        return self.next is None

    def position(self, q: ReflectionQuestion) -> int:
        """1-based number of a question."""
        return self.questions.index(q) + 1


def questions_of(agenda: Agenda) -> tuple[ReflectionQuestion, ...]:
    """The agenda's reflection questions, else the built-in default."""
    return agenda.questions or DEFAULT_QUESTIONS


def question(agenda: Agenda, question_id: str) -> ReflectionQuestion | None:
    """A question by id."""
    return next((q for q in questions_of(agenda) if q.id == question_id), None)


def day_of(raw: str, agenda: Agenda) -> date | None:
    """An event day named in untrusted data (YYYY-MM-DD), else None."""
    if not _DAY.fullmatch(raw):
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    return day if day in agenda.days() else None


def event_over(agenda: Agenda, now: datetime) -> bool:
    """Whether the event's last session has ended (the journal's time)."""
    end = event_end(agenda)
    return end is not None and now >= end


def is_open(agenda: Agenda, day: date, now: datetime) -> bool:
    """Whether a day's reflection may be answered or edited now: from that day's start until
    the next day's morning briefing (the last day: until the event ends)."""
    if day not in agenda.days():
        return False
    start = datetime.combine(day, datetime.min.time(), tzinfo=agenda.event.tz)
    return start <= now < edit_deadline(agenda, day)


def open_day(agenda: Agenda, now: datetime) -> date | None:
    """The day whose reflection /refleksi works on now: the earliest open one (after
    midnight, yesterday's until the morning briefing), else None."""
    return next((d for d in agenda.days() if is_open(agenda, d, now)), None)


def parse_answer(q: ReflectionQuestion, raw: str, *, button: bool = False) -> str:
    """The value to store for an answer, or BadAnswer. A button sends a rating or an option's
    number; typed text may give a rating's digit or an option's name."""
    text = raw.strip()
    if q.type == "rating":
        if text.isdigit() and 1 <= int(text) <= RATINGS:
            return str(int(text))
        raise BadAnswer("refl.bad_rating", max=RATINGS)
    if q.type == "choice":
        if button:
            if text.isdigit() and int(text) < len(q.options):
                return q.options[int(text)]
            raise BadAnswer("refl.bad_choice")
        found = [o for o in q.options if o.casefold() == text.casefold()]
        if found:
            return found[0]
        raise BadAnswer("refl.bad_choice")
    if button:
        raise BadAnswer("refl.bad_text")
    if not text:
        raise BadAnswer("refl.empty")
    if len(text) > TEXT_LIMIT:
        raise BadAnswer("refl.too_long", length=len(text), limit=TEXT_LIMIT)
    return text


async def progress(db: Database, agenda: Agenda, user_id: int, day: date) -> Progress:
    """What a participant has answered of a day."""
    answers = await answers_of(db, user_id, day.isoformat())
    return Progress(day, questions_of(agenda), answers)


async def answer(
    db: Database,
    agenda: Agenda,
    user_id: int,
    day: date,
    question_id: str,
    raw: str,
    *,
    now: datetime,
    button: bool = False,
) -> tuple[Progress, Saved]:
    """Store one answer the moment it is given. Raises DayClosed (nothing stored) or
    BadAnswer (nothing stored)."""
    if not is_open(agenda, day, now):
        raise DayClosed(day)
    q = question(agenda, question_id)
    if q is None:
        raise BadAnswer("refl.unknown_question")
    value = parse_answer(q, raw, button=button)
    saved = await save_answer(
        db,
        user_id,
        day.isoformat(),
        q.id,
        q.type,
        value,
        required=[x.id for x in questions_of(agenda)],
        at=now.timestamp(),
    )
    return await progress(db, agenda, user_id, day), saved


# ---------------------------------------------------------------------------- what is shown


def _qtext(lang: str, q: ReflectionQuestion) -> str:
    return escape(q.text.get(lang) or q.text.get("id") or q.id)


def question_view(
    lang: str, p: Progress, q: ReflectionQuestion, *, editing: bool = False
) -> tuple[str, Keyboard]:
    """One question as a message: its number, text, how to answer, and its buttons."""
    day = p.day.isoformat()
    head = t(lang, "refl.question_head", n=p.position(q), total=len(p.questions))
    body = f"{head}\n\n<b>{_qtext(lang, q)}</b>"
    keyboard: Keyboard = []
    if q.type == "rating":
        keyboard = [[(str(n), f"refl:a:{day}:{q.id}:{n}") for n in range(1, RATINGS + 1)]]
        body += "\n\n" + t(lang, "refl.how_rating", max=RATINGS)
    elif q.type == "choice":
        buttons = [(o, f"refl:a:{day}:{q.id}:{n}") for n, o in enumerate(q.options)]
        keyboard = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        body += "\n\n" + t(lang, "refl.how_choice")
    else:
        body += "\n\n" + t(lang, "refl.how_text", limit=fmt_count(TEXT_LIMIT, lang))
    if editing and q.id in p.answers:
        body += "\n\n" + t(lang, "refl.current", answer=escape(p.answers[q.id].value))
    return body, keyboard


def answer_line(lang: str, q: ReflectionQuestion, value: str) -> str:
    """One answer as the summary and the journal show it."""
    shown = f"{value}/{RATINGS}" if q.type == "rating" else value
    return f"<b>{_qtext(lang, q)}</b>\n{escape(shown)}"


def summary_view(lang: str, agenda: Agenda, p: Progress, *, editable: bool) -> tuple[str, Keyboard]:
    """A finished (or read-only) reflection: every answer, with an Edit button each while the
    day is open."""
    lines = [t(lang, "refl.summary_head", date=fmt_date(p.day, lang))]
    keyboard: Keyboard = []
    for n, q in enumerate(p.questions, start=1):
        a = p.answers.get(q.id)
        lines.append(
            f"{n}. " + (answer_line(lang, q, a.value) if a else f"<b>{_qtext(lang, q)}</b>\n–")
        )
        if editable:
            keyboard.append([(t(lang, "refl.btn_edit", n=n), f"refl:e:{p.day}:{q.id}")])
    tz = agenda.event.tz
    if editable:
        until = edit_deadline(agenda, p.day)
        lines.append(
            t(
                lang,
                "refl.editable_until",
                date=fmt_date(until.date(), lang),
                time=fmt_time(until, lang, tz),
            )
        )
    else:
        lines.append(t(lang, "refl.read_only"))
    return "\n\n".join(lines), keyboard


def journal_parts(lang: str, agenda: Agenda, answers: Sequence[Answer], name: str) -> list[str]:
    """A participant's retreat journal: their lessons, action plans and values of every day,
    as messages of at most Telegram's length, split between days (between answers, for a day
    that does not fit one message). Without any answer, a short thank-you."""
    event = escape(agenda.event.name)
    if not answers:
        return [t(lang, "refl.journal_none", name=escape(name), event=event)]
    by_id = {q.id: q for q in questions_of(agenda)}
    days: dict[str, list[Answer]] = {}
    for a in answers:
        days.setdefault(a.day, []).append(a)
    paragraphs = [t(lang, "refl.journal_head", name=escape(name), event=event)]
    all_days = agenda.days()
    for day, items in sorted(days.items()):
        d = date.fromisoformat(day)
        n = all_days.index(d) + 1 if d in all_days else 0
        lines = [t(lang, "refl.journal_day", n=n, date=fmt_date(d, lang))]
        order = {q.id: i for i, q in enumerate(questions_of(agenda))}
        for a in sorted(items, key=lambda x: order.get(x.question_id, len(order))):
            q = by_id.get(a.question_id)
            if q is None or q.type == "rating":
                continue  # a rating is a figure for the committee, not a note to keep
            lines.append(answer_line(lang, q, a.value))
        paragraphs.append("\n\n".join(lines))
    paragraphs.append(t(lang, "refl.journal_end"))
    return _pack(paragraphs)


def _pack(paragraphs: list[str]) -> list[str]:
    """Paragraphs joined into as few messages as fit Telegram's limit, breaking between them."""
    out: list[str] = []
    current = ""
    for para in paragraphs:
        pieces = split_html(para) if html_length(para) > LIMIT else [para]
        for piece in pieces:
            joined = f"{current}\n\n{piece}" if current else piece
            if html_length(joined) <= LIMIT:
                current = joined
            else:
                out.append(current)
                current = piece
    if current:
        out.append(current)
    return out


# ---------------------------------------------------------------------------- scheduled


async def reflection_messages(
    db: Database,
    agenda: Agenda,
    planned: Planned,
    people: Sequence[Participant],
    *,
    default_lang: str,
) -> list[NewMessage]:
    """The outbox rows of a prompt or a nudge (everyone active who has not finished that day's
    reflection) or the journal (everyone active: their own answers, or a thank-you)."""
    active = [p for p in people if p.active]
    # the prompt and the nudge are not for those who have already finished the day's
    done = await finished_users(db, planned.item) if planned.kind != "journal" else set()
    # the nudge asks those who never began to start, and the others to go on
    started = await started_users(db, planned.item) if planned.kind == "nudge" else set()
    day = date.fromisoformat(planned.item)
    out: list[NewMessage] = []
    for p in active:
        texts: list[tuple[str, str, list[list[list[str]]] | None]]
        if p.user_id in done:
            continue
        lang: Lang = normalise_language(p.language, normalise_language(default_lang))
        name = addressed(lang, p.name, p.nip, p.salutation)
        if planned.kind == "journal":
            parts = journal_parts(lang, agenda, await journal_answers(db, p.user_id), name)
            texts = [
                (f"{planned.key}:{p.user_id}" + (f":{i}" if i else ""), x, None)
                for i, x in enumerate(parts)
            ]
        else:
            resume = planned.kind == "nudge" and p.user_id in started
            key = "refl.nudge" if resume else "refl.prompt"
            if planned.kind == "nudge" and not resume:
                key = "refl.nudge_new"
            text = t(
                lang,
                key,
                name=escape(name),
                date=fmt_date(day, lang),
                count=len(questions_of(agenda)),
            )
            button = t(lang, "refl.btn_resume" if resume else "refl.btn_start")
            texts = [(f"{planned.key}:{p.user_id}", text, [[[button, f"refl:s:{day}"]]])]
        for key, text, keyboard in texts:
            payload: dict[str, object] = {"text": text}
            if keyboard:
                payload["keyboard"] = keyboard
            out.append(planned_row(planned, p, payload, key=key))
    return out
