"""Authorisation matrix (issue 8, item 6): every organisers' command and every organisers'
button, from someone who is not an organiser — unregistered, a participant, in a group —
changes nothing in the database, gets exactly what an unknown command (or an unknown button)
gets, and is logged with the user id."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.broadcasts import Audience, Composed, schedule
from bot.clock import Clock
from bot.texts import t
from handlers.common import ADMIN_COMMANDS
from tests.conftest import ADMIN_ID, Rig, at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, settle, wait_until

STRANGER = 5301  # never registered
PARTICIPANT = 5302  # registered, writes privately
GROUP_MEMBERS = range(5400, 5460)  # registered; one a command, in a group of their own
VICTIM = 5303  # registered; an organisers' button names them

# Every organisers' command, as someone would type it (arguments that would work for an
# organiser, so a refusal is the sender's, not the input's).
COMMANDS = {
    "kehadiran": "/kehadiran d1-pembukaan",
    "attendance": "/attendance d1-pembukaan",
    "ubah": "/ubah d2-outbound 16.00",
    "reschedule": "/reschedule d2-outbound 16.00 17.30",
    "status": "/status",
    "umumkan": "/umumkan",
    "broadcast": "/broadcast",
    "peserta": "/peserta",
    "participants": "/participants",
    "rekap": "/rekap",
    "summary": "/summary 1",
    "ekspor": "/ekspor",
    "export": "/export",
    "impor": "/impor",
    "import": "/import",
    "jawab": "/jawab 1 Silakan ke meja panitia.",
    "reply": "/reply",
}

# Every organisers' button (callback data an organiser's message would carry).
BUTTONS = [
    f"unbind:{VICTIM}",
    "nudge:d1-pembukaan",
    "ubah:yes",
    "ubah:no",
    "bc:all",
    "bc:pre",
    "bc:now",
    "bc:x:1",
    "bc:stop:1",
    "bc:m:g:0",
    "pst:s:0",
    "pst:u:0",
    "pst:i:0",
]


def test_the_table_names_every_organisers_command() -> None:
    assert set(COMMANDS) == set(ADMIN_COMMANDS)


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    with closing(sqlite3.connect(db)) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"'), key=repr) for n in names}


@pytest.fixture
async def armed(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[Rig]:
    """The bot at 09.00 on day 1 (the opening ceremony's check-in open), participants
    registered, and a scheduled announcement (id 1) a forged Stop/cancel could touch."""
    settings = make_settings(tmp_path, fake)
    people = [(PARTICIPANT, "Camat", "Kelompok 1"), (VICTIM, "Lurah", "Kelompok 2")]
    people += [(uid, "Lurah", "Kelompok 3") for uid in GROUP_MEMBERS]
    await register_many(settings, fake, people)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        svc = rig.svc
        await schedule(
            svc.db,
            svc.clock,
            author=ADMIN_ID,
            chat_id=ADMIN_ID,
            lang="id",
            message=Composed("text", "Apel malam dimajukan."),
            audience=Audience(),
            send_at=svc.local_now() + timedelta(hours=3),
        )
        await settle(rig)
        yield rig


def warnings_about(caplog: pytest.LogCaptureFixture, user_id: int, what: str) -> list[str]:
    """WARNING records naming this user and what they tried."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING
        and str(user_id) in r.getMessage()
        and what[:20] in r.getMessage()
    ]


async def test_every_organisers_command_from_anyone_else_changes_nothing(
    armed: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    """One bot for the whole table (a bot a row would take a minute and a half): each
    command from each non-organiser, the database compared after every one."""
    rig, db = armed, armed.settings.database_path
    caplog.set_level(logging.INFO)
    stranger, participant = rig.user(STRANGER, "Tamu"), rig.fake.user(PARTICIPANT)
    await stranger.send("/bantuan")  # the first contact records the user; then nothing may
    await stranger.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
    await settle(rig)
    for n, name in enumerate(sorted(COMMANDS)):
        # a group (and a member) of its own: the group's pointer limits do not enter
        member, group = rig.fake.user(GROUP_MEMBERS[n]), -1_002_000_000_000 - n
        text = COMMANDS[name]
        typed = text.split()[0]
        expected = t("id", "fallback.unknown_command", command=typed)
        before = snapshot(db)
        for who in (stranger, participant):
            await who.send(text)
            answer = await who.next_reply()
            assert answer.plain_text == expected, (typed, who.id, answer.describe())
            assert warnings_about(caplog, who.id, typed), f"{typed} by {who.id} was not logged"
        await rig.fake.group_message(group, member, text)
        answer = (await rig.fake.wait_for(lambda m, g=group: m.chat_id == g))[0]
        assert answer.plain_text == expected, (typed, "group", answer.describe())
        assert warnings_about(caplog, member.id, typed), f"{typed} in a group was not logged"
        await settle(rig)
        assert snapshot(db) == before, typed


async def test_every_organisers_button_from_anyone_else_changes_nothing(
    armed: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig, db, fake = armed, armed.settings.database_path, armed.fake
    caplog.set_level(logging.INFO)
    stranger, participant = rig.user(STRANGER, "Tamu"), fake.user(PARTICIPANT)
    await stranger.send("/bantuan")
    await stranger.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
    await settle(rig)
    for data in BUTTONS:
        before = snapshot(db)
        for who in (stranger, participant):
            sent_before = len(fake.sent)
            query = await who.press_raw(data)
            await wait_until(lambda q=query: q in fake.callback_answers, what=f"{data} answered")
            answer = fake.callback_answers[query].get("text")
            assert answer == t("id", "fallback.stale_button"), (data, who.id, answer)
            assert warnings_about(caplog, who.id, data), f"{data} by {who.id} was not logged"
            assert [m.describe() for m in fake.sent[sent_before:]] == [], data
        await settle(rig)
        assert snapshot(db) == before, data


async def test_help_names_the_announcements(rig: Rig) -> None:
    participant, admin = rig.user(5304, "Peserta"), rig.user(ADMIN_ID, "Panitia")
    await participant.send("/bantuan")
    shown = await participant.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
    assert "/pengumuman" in shown.plain_text and "/umumkan" not in shown.plain_text
    await admin.send("/bantuan")
    shown = await admin.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
    assert "/umumkan" in shown.plain_text and "/pengumuman" in shown.plain_text
