"""A small two-day agenda for reflection tests, and answering through the chat."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from db import Database
from tests.conftest import has_button
from tests.fakebot import FakeUser, SentMessage

D1, D2 = "2025-05-15", "2025-05-16"

# Day 1 runs into the evening; day 2 ends before noon with an evaluation/reflection session,
# so its prompt comes at 10.00 and the journal at 11.30.
AGENDA = f"""
event: {{name: Retret Uji, venue: Aula, timezone: Asia/Jakarta}}
schedule: {{morning_briefing: "04:30", reflection_prompt: "20:30", reflection_nudge: "21:30"}}
sessions:
  - {{id: a1, date: {D1}, start: "08:00", end: "12:00", title: Pembukaan, remind: []}}
  - {{id: a2, date: {D1}, start: "19:00", end: "20:00", title: Malam Keakraban, remind: []}}
  - {{id: b1, date: {D2}, start: "08:00", end: "10:00", title: Presentasi, remind: []}}
  - {{id: b2, date: {D2}, start: "10:00", end: "10:45", title: Evaluasi dan Refleksi, remind: []}}
  - {{id: b3, date: {D2}, start: "10:45", end: "11:30", title: Upacara Penutupan, remind: []}}
"""


def write_agenda(tmp_path: Path) -> Path:
    """The agenda as a YAML file for EVENT_FILE."""
    path = tmp_path / "event.yaml"
    path.write_text(AGENDA, encoding="utf-8")
    return path


def asks(qid: str, day: str = D1) -> Callable[[SentMessage], bool]:
    """A predicate: the message asking question `qid` (a text question has no buttons, so it
    is told by its wording)."""
    words = {"lesson": "pelajaran terpenting", "action": "Langkah nyata"}

    def check(m: SentMessage) -> bool:
        if m.method != "sendMessage":
            return False
        if qid in words:
            return words[qid] in m.text and "Pertanyaan" in m.text
        return any(d.startswith(f"refl:a:{day}:{qid}:") for _, d in m.buttons)

    return check


async def start_from_prompt(user: FakeUser, day: str = D1) -> SentMessage:
    """Press the start button of the day's prompt; returns the first question asked."""
    prompt = await user.wait_for(lambda m: has_button(m, f"refl:s:{day}"), timeout=30)
    await user.press(prompt[-1], f"refl:s:{day}")
    return await user.reply_where(lambda m: "Pertanyaan" in m.text)


async def answer_all(
    user: FakeUser, lesson: str, action: str, *, rating: int = 4, value: int = 1, day: str = D1
) -> SentMessage:
    """Answer the four default questions, the rating question having just been asked;
    returns the summary."""
    rating_q = next(m for m in reversed(user.inbox) if asks("rating", day)(m))
    await user.press(rating_q, f"refl:a:{day}:rating:{rating}")
    await user.reply_where(asks("lesson", day))
    await user.send(lesson)
    await user.reply_where(asks("action", day))
    await user.send(action)
    choice = await user.reply_where(asks("value", day))
    await user.press(choice, f"refl:a:{day}:value:{value}")
    return await user.reply_where(lambda m: "Terima kasih" in m.text and bool(m.buttons))


async def stored(db: Database, user_id: int, day: str | None = None) -> dict[str, str]:
    """A participant's stored answers ({question: value}) of one day, read straight from the
    tables (of every day, keyed `day/question`, when `day` is None)."""
    rows = await db.fetchall(
        "SELECT day, question_id, value FROM reflection_answers WHERE user_id = ?", (user_id,)
    )
    if day is None:
        return {f"{r[0]}/{r[1]}": r[2] for r in rows}
    return {r[1]: r[2] for r in rows if r[0] == day}
