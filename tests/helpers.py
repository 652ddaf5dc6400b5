"""Helpers for scheduled-delivery tests: participants registered straight into the database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bot.models import RosterEntry
from bot.nip import validate_nip
from bot.settings import Settings
from db import Database
from db.participants import register, set_reminders, touch_user
from db.roster import upsert_roster
from tests.fakebot import FakeTelegram, SentMessage

__all__ = ["enrol_entry", "fake_nip", "is_reminder", "kinds_by_chat", "register_many", "texts_to"]


def fake_nip(i: int) -> str:
    """A valid NIP, distinct for each i < 1000 (born 1980-01-01, started 2005-01, male)."""
    return validate_nip(f"19800101200501{1 + i // 999}{1 + i % 999:03d}")


async def register_many(
    settings: Settings,
    fake: FakeTelegram,
    people: list[tuple[int, str, str]],
    *,
    lang: str = "id",
    reminders_off: set[int] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Put (user_id, position, group) on the roster and register them, without chatting."""
    db = await Database.open(Path(settings.database_path))
    try:
        entries = [
            RosterEntry(fake_nip(n), f"Peserta {uid}", pos, f"Unit {n}", grp)
            for n, (uid, pos, grp) in enumerate(people)
        ]
        await upsert_roster(db, entries, at=0.0)
        for entry, (uid, _, _) in zip(entries, people, strict=True):
            fake.user(uid, f"Peserta {uid}", language_code=lang)
            await enrol_entry(db, uid, f"Peserta {uid}", entry, lang=lang, at=0.0)
            if uid in reminders_off:
                await set_reminders(db, uid, False)
    finally:
        await db.close()


async def enrol_entry(
    db: Database, user_id: int, first_name: str, entry: RosterEntry, *, lang: str, at: float
) -> None:
    """Register a roster entry to a Telegram account straight in the database."""
    await touch_user(db, user_id, user_id, first_name, at=at)
    await register(
        db,
        user_id=user_id,
        nip=entry.nip,
        name=entry.name,
        position=entry.position,
        unit=entry.unit,
        group=entry.group,
        verified=True,
        language=lang,
        at=at,
    )


def texts_to(fake: FakeTelegram, chat_id: int) -> list[str]:
    """Texts of every sendMessage to one chat."""
    return [m.text for m in fake.messages_to(chat_id) if m.method == "sendMessage"]


def kinds_by_chat(fake: FakeTelegram, marker: str) -> Counter[int]:
    """How many messages containing `marker` each chat received."""
    return Counter(m.chat_id for m in fake.sent if m.method == "sendMessage" and marker in m.text)


def is_reminder(chat_id: int, title: str) -> Callable[[SentMessage], bool]:
    """A predicate: the reminder of a session (by title start) to one chat."""
    return lambda m: m.chat_id == chat_id and m.text.startswith(f"⏰ <b>{title}")
