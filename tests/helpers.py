"""Helpers for end-to-end tests: participants registered straight into the database, and
waiting for the bot to finish its work (never a fixed sleep)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.models import RosterEntry
from bot.nip import validate_nip
from bot.settings import Settings
from db import Database
from db.outbox import counts
from db.participants import register, set_reminders, touch_user
from db.roster import upsert_roster
from tests.fakebot import FakeTelegram, FakeUser, SentMessage

if TYPE_CHECKING:
    from tests.conftest import Rig

__all__ = [
    "MARKER_ID",
    "bulk_nip",
    "enrol_entry",
    "fake_nip",
    "is_reminder",
    "kinds_by_chat",
    "outbox_settled",
    "register_bulk",
    "register_many",
    "settle",
    "texts_to",
    "wait_until",
]

# The chat of the marker user `settle` writes as; no test uses it for anything else.
MARKER_ID = 909_909


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


def bulk_nip(i: int) -> str:
    """A valid NIP, distinct for every i >= 0 (birth date moves on a day every 999)."""
    born = date(1970, 1, 1) + timedelta(days=i // 999)
    return validate_nip(f"{born:%Y%m%d}2005011{1 + i % 999:03d}")


async def register_bulk(
    settings: Settings, fake: FakeTelegram, people: list[tuple[int, str, str]], *, lang: str = "id"
) -> None:
    """`register_many` for thousands (benchmarks): roster, users and participants written in
    three statements instead of two transactions a person.

    The rows are the ones `upsert_roster`, `touch_user` and `register` write (columns of
    migration 0001); registration itself is tested elsewhere, this only seeds a database.
    """
    rows = [
        (uid, bulk_nip(n), f"Peserta {uid}", pos, f"Unit {n % 300}", grp)
        for n, (uid, pos, grp) in enumerate(people)
    ]
    db = await Database.open(Path(settings.database_path))
    try:
        await db.executemany(
            "INSERT INTO roster (nip, name, position, unit, grp, imported_at)"
            " VALUES (?, ?, ?, ?, ?, 0)",
            [(nip, name, pos, unit, grp) for _, nip, name, pos, unit, grp in rows],
        )
        await db.executemany(
            "INSERT INTO users (user_id, chat_id, language, first_name, created_at)"
            " VALUES (?, ?, ?, ?, 0)",
            [(uid, uid, lang, name) for uid, _, name, _, _, _ in rows],
        )
        await db.executemany(
            "INSERT INTO participants (user_id, nip, name, position, unit, grp, verified,"
            " registered_at) VALUES (?, ?, ?, ?, ?, ?, 1, 0)",
            rows,
        )
    finally:
        await db.close()
    for uid, _, name, _, _, _ in rows:
        fake.user(uid, name, language_code=lang)


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
    """A predicate: the reminder of a session (its title, or the title's start, in bold on
    the first line: "⏰ <b>Apel Pagi</b> dimulai …", "⏰ In 30 min, …: <b>Morning …") to one
    chat."""
    return lambda m: (
        m.chat_id == chat_id
        and m.text.startswith("⏰")
        and f"<b>{title}" in m.text.split("\n", 1)[0]
    )


async def wait_until(
    condition: Callable[[], bool | Awaitable[bool]], *, timeout: float = 30.0, what: str = ""
) -> None:
    """Wait until `condition()` (a plain or async predicate) holds; fail after `timeout`.

    The timeout is only a bound on a hang, never part of what is tested: on a fast machine
    this returns as soon as the condition holds, on a slow one it simply takes longer.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = condition()
        if not isinstance(result, bool):
            result = await result
        if result:
            return
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting until {what or condition}")
        await asyncio.sleep(0.02)


async def settle(rig: Rig, marker: FakeUser | None = None, *, timeout: float = 30.0) -> None:
    """Wait until the bot has done everything that what happened so far makes it do.

    Checks of the kind "nothing was sent twice" or "nobody else was told" are only worth
    something once the bot has *finished*: a fixed sleep before them passes on a fast
    machine for the wrong reason and proves nothing on a slow one (the duplicate would just
    arrive after the check). So instead of sleeping we wait for conditions that prove the
    work is over, in this order:

    1. Updates handled. The `marker` user (by default a dedicated user, chat `MARKER_ID`)
       sends /bantuan and we wait for its reply. Updates of one chat are handled in order,
       so the answer means every update that chat sent before has been handled, and with
       it whatever those handlers queued. Pass as marker the user whose updates matter:
       once updates of different chats are handled concurrently, only that chat's order is
       guaranteed. Then the fake must hold no unconfirmed update (the bot has fetched
       everything there was to fetch).
    2. Scheduler idle. `run_due()` runs under the scheduler's lock: it waits for a pass in
       progress and queues whatever is due right now, so a duplicate that a second pass
       would write is written here, before the check, rather than after it.
    3. Outbox drained. Nothing pending and nothing under way; a row is marked sent only
       after the fake accepted it, so every message the bot is going to send for all of
       the above is now in `fake.sent`.
    """
    fake = rig.fake
    user = marker or fake.user(MARKER_ID, "Penanda")
    await user.send("/bantuan")
    await user.reply_where(lambda m: "Yang bisa saya lakukan" in m.text, timeout=timeout)
    await wait_until(
        lambda: fake.pending_updates == 0, timeout=timeout, what="the bot fetched every update"
    )
    if rig.svc.scheduler is not None:
        await rig.svc.scheduler.run_due()
    if rig.svc.outbox is not None:
        await rig.svc.outbox.drain(timeout=timeout)


async def outbox_settled(database_path: Path, *, timeout: float = 30.0) -> None:
    """Wait until a bot running in another process has nothing pending or being sent.

    For a bot in a subprocess, where `settle` cannot reach the worker: its outbox rows are
    read from the database file. A row leaves "sending" only after Telegram (the fake)
    answered, so once no row is pending or sending, every send has reached the fake.
    """
    db = await Database.open(database_path)
    try:

        async def idle() -> bool:
            box = await counts(db)
            return box.get("pending", 0) == 0 and box.get("sending", 0) == 0

        await wait_until(idle, timeout=timeout, what="the outbox has nothing pending or sending")
    finally:
        await db.close()


async def ubah(admin: FakeUser, args: str) -> SentMessage:
    """An organiser's `/ubah ARGS`, confirming the overlap warning if one comes; returns the
    "moved" confirmation."""
    await admin.send(f"/ubah {args}")
    answer = await admin.reply_where(lambda m: "diberi tahu" in m.text or "bertabrakan" in m.text)
    if "bertabrakan" in answer.text:
        await admin.press(answer, "ubah:yes")
        answer = await admin.reply_where(lambda m: "diberi tahu" in m.text)
    return answer
