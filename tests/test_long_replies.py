"""Replies longer than one Telegram message are split, edits cut (issue 6, item 16)."""

from __future__ import annotations

import re
from datetime import date, time

from bot.models import Agenda, Event, Session
from db.agenda import save_agenda
from db.meta import last_errors
from tests.conftest import Rig, has_button, relax_chat_limits
from tests.fakebot import FakeUser, SentMessage

DAY1, DAY2 = date(2025, 5, 15), date(2025, 5, 16)
LONG_TITLE = ("Kepemimpinan Kolaboratif dan Pelayanan Publik " * 120)[:5000]


def busy_agenda() -> Agenda:
    """Day 1: 60 sessions with long places and speakers; day 2: one 5,000-character title."""
    sessions = [
        Session(
            id=f"s{i:02d}",
            date=DAY1,
            start=time(6 + i // 4, (i % 4) * 15),
            end=time(6 + i // 4, (i % 4) * 15 + 14),
            title=f"Sesi {i:02d}: Diskusi Kelompok tentang Tata Kelola & Inovasi Daerah",
            location="Ruang Kelas Gedung Serbaguna Lantai Dua, Sayap Timur Poltekad",
            speaker="Dr. Narasumber Nasional dari Kementerian Dalam Negeri, M.Si.",
        )
        for i in range(60)
    ]
    sessions.append(Session(id="long", date=DAY2, start=time(8), end=time(9), title=LONG_TITLE))
    return Agenda(event=Event(name="Retret Uji", venue="Poltekad"), sessions=tuple(sessions))


def solid(text: str) -> str:
    """Text without whitespace (pieces lose the whitespace they were split at)."""
    return re.sub(r"\s+", "", text)


async def answer_pieces(user: FakeUser, last_button: str) -> list[SentMessage]:
    """The messages of one answer, up to the one carrying `last_button` (or an apology)."""
    pieces: list[SentMessage] = []
    while True:
        message = await user.next_reply()
        pieces.append(message)
        assert "Maaf" not in message.text, f"the answer failed: {message.text!r}"
        if has_button(message, last_button):
            return pieces


async def test_a_day_of_sixty_sessions_and_a_very_long_title_are_answered_in_full(
    rig: Rig,
) -> None:
    relax_chat_limits(rig.fake)
    await save_agenda(rig.svc.db, busy_agenda(), source="test", at=rig.clock.timestamp())
    await rig.svc.agenda_changed()
    user = rig.user(5401, "Tamu")

    await user.send("/agenda")
    pieces = await answer_pieces(user, f"day:{DAY2}")
    assert len(pieces) > 1
    assert all(len(p.plain_text) <= 4096 for p in pieces)
    shown = solid("".join(p.plain_text for p in pieces))
    for i in range(60):
        assert solid(f"Sesi {i:02d}: Diskusi Kelompok tentang Tata Kelola & Inovasi") in shown
    assert [p for p in pieces if p.buttons] == [pieces[-1]], "the keyboard is not on the last"

    await user.send(f"/agenda {DAY2}")
    pieces = await answer_pieces(user, f"day:{DAY1}")
    assert len(pieces) > 1 and all(len(p.plain_text) <= 4096 for p in pieces)
    assert solid(LONG_TITLE) in solid("".join(p.plain_text for p in pieces))

    # ◀ ▶ edit the message in place: an edit cannot be split, so it is cut with "…".
    await user.press(pieces[-1], f"day:{DAY1}")
    edited = await user.next_reply()
    assert edited.method == "editMessageText", edited.describe()
    assert len(edited.plain_text) <= 4096 and edited.plain_text.endswith("…")
    assert has_button(edited, f"day:{DAY2}")
    assert await last_errors(rig.svc.db) == []
