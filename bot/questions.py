"""Participants' questions to the organisers and the organisers' answers (issue 8, item 3).

A question goes to the organisers' group (ORGANIZER_CHAT_ID) or, without one, to every
organiser privately, through the outbox; it says who asked (Bapak/Ibu, name, position, unit,
group; never the NIP) and carries a number. An answer (a reply to that message, or
`/jawab N text`) is claimed once, goes back to the participant's chat through the outbox,
and the organisers' chats are told who answered. Usable by the chat handlers, the CLI or a
web page alike: nothing here knows about Telegram updates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from html import escape

from bot.clock import Clock
from bot.render import group_line
from bot.salutation import addressed
from bot.settings import Settings
from bot.texts import normalise_language, t
from bot.timefmt import fmt_date, fmt_time
from db import Database
from db.outbox import URGENT, NewMessage, enqueue
from db.participants import Participant, get_participant
from db.questions import (
    Question,
    add_question,
    claim_answer,
    get_question,
    highest_number,
    list_open,
    open_of_user,
)

__all__ = [
    "MAX_ANSWER",
    "MAX_OPEN",
    "MAX_QUESTION",
    "AlreadyAnswered",
    "Answered",
    "DuplicateQuestion",
    "NoSuchQuestion",
    "QuestionTooLong",
    "TooManyOpen",
    "answer_question",
    "ask",
    "open_questions_text",
    "organiser_chats",
    "parse_answer_command",
]

# Longest question and answer taken (a question message stays well under Telegram's 4,096).
MAX_QUESTION = 2000
MAX_ANSWER = 2000
# Open (unanswered) questions one participant may have: the organisers' group takes about
# 20 messages a minute, and one person must not fill it.
MAX_OPEN = 5
# Characters of a question quoted back with its answer, and in lists.
QUOTE = 200


class QuestionTooLong(ValueError):
    """The question (or answer) is longer than allowed."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"{length} characters, at most {limit}")
        self.length = length
        self.limit = limit


class TooManyOpen(Exception):
    """The participant already has MAX_OPEN questions waiting for an answer."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} open questions")
        self.count = count


class DuplicateQuestion(Exception):
    """The same question is already waiting for an answer."""

    def __init__(self, question: Question) -> None:
        super().__init__(f"same as #{question.id}")
        self.question = question


class NoSuchQuestion(LookupError):
    """No question with that number."""

    def __init__(self, number: int, *, deleted: bool = False) -> None:
        super().__init__(f"no question #{number}")
        self.number = number
        self.deleted = deleted  # it was asked, then deleted (/hapusdata, purge)


class AlreadyAnswered(Exception):
    """Someone answered the question first; nothing more was sent."""

    def __init__(self, question: Question) -> None:
        super().__init__(f"#{question.id} already answered")
        self.question = question


@dataclass(frozen=True)
class Answered:
    """An answer on its way: the question and who asked it (None if they are gone)."""

    question: Question
    asker: Participant | None


def organiser_chats(settings: Settings) -> list[int]:
    """Where questions go: the organisers' group, else every organiser's private chat."""
    if settings.organizer_chat_id is not None:
        return [settings.organizer_chat_id]
    return sorted(settings.admin_ids)


def quote(text: str, limit: int = QUOTE) -> str:
    """The start of a text, on one line, "…" when cut (plain text; the caller escapes)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def who_asked(lang: str, p: Participant) -> str:
    """ "Bapak Budi Santoso" (HTML-escaped)."""
    return escape(addressed(lang, p.name, p.nip, p.salutation))


def _details(lang: str, p: Participant) -> str:
    parts = [escape(p.position or "-"), escape(p.unit or "-"), group_line(lang, p.group)]
    return " · ".join(parts)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


async def ask(
    db: Database, clock: Clock, settings: Settings, asker: Participant, text: str
) -> Question:
    """Store a participant's question and queue it to the organisers' chats.

    Raises QuestionTooLong, TooManyOpen, or DuplicateQuestion (the same text already
    waiting: a message sent twice is one question); nothing is stored then."""
    text = text.strip()
    if len(text) > MAX_QUESTION:
        raise QuestionTooLong(len(text), MAX_QUESTION)
    waiting = await open_of_user(db, asker.user_id)
    for earlier in waiting:
        if _normal(earlier.text) == _normal(text):
            raise DuplicateQuestion(earlier)
    if len(waiting) >= MAX_OPEN:
        raise TooManyOpen(len(waiting))
    question = await add_question(db, asker.user_id, text, at=clock.timestamp())
    lang = normalise_language(settings.default_language)
    body = t(
        lang,
        "question.to_organisers",
        number=question.id,
        who=who_asked(lang, asker),
        details=_details(lang, asker),
        text=escape(text),
    )
    await enqueue(
        db,
        [
            NewMessage(
                key=f"question:{question.id}:{chat}",
                purpose="question",
                item=str(question.id),
                chat_id=chat,
                payload={"text": body},
                priority=URGENT,
            )
            for chat in organiser_chats(settings)
        ],
        at=clock.timestamp(),
    )
    return question


async def answer_question(
    db: Database,
    clock: Clock,
    settings: Settings,
    number: int,
    text: str,
    *,
    by: int,
    by_name: str,
) -> Answered:
    """Answer question `number`: the answer goes to the participant, and the organisers'
    chats (all but the answerer's own private chat) are told who answered.

    Raises NoSuchQuestion, AlreadyAnswered (someone was first: nothing is sent) or
    QuestionTooLong."""
    text = text.strip()
    if len(text) > MAX_ANSWER:
        raise QuestionTooLong(len(text), MAX_ANSWER)
    question = await get_question(db, number)
    if question is None:
        raise NoSuchQuestion(number, deleted=0 < number <= await highest_number(db))
    if not await claim_answer(
        db, number, answer=text, by=by, by_name=by_name, at=clock.timestamp()
    ):
        latest = await get_question(db, number)
        raise AlreadyAnswered(latest or question)
    answered = await get_question(db, number)
    assert answered is not None
    asker = await get_participant(db, question.user_id)
    messages: list[NewMessage] = []
    if asker is not None:
        lang = normalise_language(asker.language, normalise_language(settings.default_language))
        messages.append(
            NewMessage(
                key=f"answer:{number}:{asker.user_id}",
                purpose="answer",
                item=str(number),
                chat_id=asker.chat_id,
                user_id=asker.user_id,
                payload={
                    "text": t(
                        lang,
                        "question.answer",
                        number=number,
                        question=escape(quote(question.text)),
                        answer=escape(text),
                    )
                },
                priority=URGENT,
            )
        )
    org_lang = normalise_language(settings.default_language)
    note = t(
        org_lang,
        "question.answered_note",
        number=number,
        who=who_asked(org_lang, asker) if asker is not None else "-",
        by=escape(by_name),
        answer=escape(quote(text, 600)),
    )
    messages += [
        NewMessage(
            key=f"answered:{number}:{chat}",
            purpose="answered",
            item=str(number),
            chat_id=chat,
            payload={"text": note},
            priority=URGENT,
        )
        for chat in organiser_chats(settings)
        if chat != by  # the answerer's private chat hears it from the reply to /jawab
    ]
    await enqueue(db, messages, at=clock.timestamp())
    return Answered(answered, asker)


_ANSWER = re.compile(r"^#?(\d{1,9})(?:\s+(.*))?$", re.S)


def parse_answer_command(rest: str) -> tuple[int, str] | None:
    """`12 the answer` (or `#12 ...`) after /jawab as (12, "the answer"); the answer may be
    empty; None when it does not start with a number."""
    match = _ANSWER.match(rest.strip())
    if match is None:
        return None
    return int(match.group(1)), (match.group(2) or "").strip()


async def open_questions_text(
    db: Database, lang: str, tz: tzinfo | None, today: datetime, *, limit: int = 15
) -> str:
    """The list of open questions, oldest first, for /jawab alone."""
    questions, total = await list_open(db, limit=limit)
    if not questions:
        return t(lang, "question.none_open")
    lines = [t(lang, "question.open_header", count=total)]
    for q in questions:
        p = await get_participant(db, q.user_id)
        asked = datetime.fromtimestamp(q.asked_at, tz)
        clock_time = fmt_time(asked, lang, tz)
        if asked.date() == today.date():
            when = t(lang, "question.when_today", time=clock_time)
        else:
            when = t(lang, "question.when_day", date=fmt_date(asked.date(), lang), time=clock_time)
        lines.append(
            t(
                lang,
                "question.open_line",
                number=q.id,
                who=who_asked(lang, p) if p is not None else "-",
                unit=escape(p.unit or "-") if p is not None else "-",
                when=when,
                text=escape(quote(q.text)),
            )
        )
    if total > len(questions):
        lines.append(t(lang, "question.open_more", count=total - len(questions)))
    lines.append(t(lang, "question.open_hint"))
    return "\n\n".join(lines)
