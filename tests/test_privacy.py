"""Neither the token nor a NIP reaches the log, even at DEBUG (SPEC §11)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.conftest import BUDI, has_button, make_settings, seed_roster
from tests.fakebot import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
async def test_debug_log_of_a_registration_holds_no_token_and_no_nip(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    log = tmp_path / "bot.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))},
        "BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "TELEGRAM_BASE_FILE_URL": fake.base_file_url,
        "DATABASE_PATH": str(settings.database_path),
        "LOG_LEVEL": "DEBUG",
        "PYTHONPATH": str(ROOT),
    }
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=str(tmp_path), stdout=out, stderr=out
        )
    try:
        u = fake.user(4242, "Budi")
        await u.send("/daftar")
        await u.press(await u.reply_where(lambda m: has_button(m, "lang:id")), "lang:id")
        await u.reply_where(lambda m: "NIP" in m.text)
        await u.send("1985071420100110030")  # one digit too many
        await u.reply_where(lambda m: "18 digit" in m.text)
        spaced = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"
        await u.send(spaced)
        await u.press(await u.reply_where(lambda m: has_button(m, "reg:yes")), "reg:yes")
        await u.reply_where(lambda m: "✅" in m.text)
        await u.send("/profil")
        await u.reply_where(lambda m: BUDI in m.text)  # the participant sees it; the log must not
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 15)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "sendMessage" in text and "DEBUG" in text, "the log was not verbose enough to prove it"
    assert fake.token not in text
    for form in (BUDI, spaced, "1985071420100110030"):
        assert form not in text
    assert "**************1003" in text  # redacted, not absent
