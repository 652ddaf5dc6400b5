"""A reflection stopped halfway survives a kill (SIGKILL) of the bot (issue 9, item 2)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.settings import Settings
from db import Database
from tests.conftest import has_button, make_settings, relax_chat_limits
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, wait_until
from tests.reflect_helpers import D1, asks, start_from_prompt, stored, write_agenda

ROOT = Path(__file__).resolve().parents[1]
B = 7302


async def _spawn(
    settings: Settings, fake: FakeTelegram, log: Path, *args: str
) -> asyncio.subprocess.Process:
    """`python -m bot run ARGS` in its own process against the fake, its log in a file."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "TELEGRAM_", "REHEARSE_", "DATABASE_", "ADMIN_", "EVENT_"))
    }
    env.update(
        BOT_TOKEN=fake.token,
        TELEGRAM_BASE_URL=fake.base_url,
        TELEGRAM_BASE_FILE_URL=fake.base_file_url,
        DATABASE_PATH=str(settings.database_path),
        EVENT_FILE=str(settings.event_file),
        PTB_TIMEDELTA="1",
        PYTHONPATH=str(ROOT),
    )
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", *args, env=env, stdout=out, stderr=out
        )


async def _stored(settings: Settings) -> dict[str, str]:
    db = await Database.open(settings.database_path)
    try:
        return await stored(db, B, D1)
    finally:
        await db.close()


@pytest.mark.slow
async def test_killed_halfway_then_refleksi_resumes_at_the_right_question(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake, event_file=write_agenda(tmp_path))
    await register_many(settings, fake, [(B, "Camat", "K2")])
    b = fake.user(B, "Peserta")
    log = tmp_path / "bot.log"

    proc = await _spawn(settings, fake, log, "--rehearse-from", f"{D1} 20:29:57")
    try:
        question = await start_from_prompt(b)
        await b.press(question, f"refl:a:{D1}:rating:3")
        await b.reply_where(asks("lesson"), timeout=30)
        await b.send("Disiplin waktu.")
        await b.reply_where(asks("action"), timeout=30)
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    assert await _stored(settings) == {"rating": "3", "lesson": "Disiplin waktu."}

    proc = await _spawn(settings, fake, log, "--rehearse-from", f"{D1} 20:45")
    try:
        await b.send("/refleksi")
        resumed = await b.reply_where(lambda m: "Melanjutkan" in m.text, timeout=30)
        assert "2 dari 4" in resumed.text, log.read_text()[-2000:]
        await b.reply_where(asks("action"), timeout=30)
        await b.send("Apel pagi bersama staf setiap Senin.")
        choice = await b.reply_where(asks("value"), timeout=30)
        await b.press(choice, f"refl:a:{D1}:value:6")
        await b.reply_where(
            lambda m: "Terima kasih" in m.text and has_button(m, f"refl:e:{D1}:value")
        )

        async def finished() -> bool:
            return len(await _stored(settings)) == 4

        await wait_until(finished, what="four answers stored")
    finally:
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 15) == 0, log.read_text()[-3000:]
    assert await _stored(settings) == {
        "rating": "3",
        "lesson": "Disiplin waktu.",
        "action": "Apel pagi bersama staf setiap Senin.",
        "value": "Kolaboratif",
    }
    prompts = [m for m in fake.sent if m.chat_id == B and has_button(m, f"refl:s:{D1}")]
    assert len(prompts) == 1  # the restart did not prompt again
