"""/status for organisers, and an agenda re-import by the CLI while the bot runs."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.clock import Clock
from db.dispatch import pending_items
from tests.conftest import ADMIN_ID, at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, settle, wait_until

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "bot" / "data" / "sample_event.yaml"


async def test_status_shows_uptime_participants_outbox_and_errors(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(8001, "Camat", "Kelompok 1")])
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 04:49:59"), speed=2)) as rig:
        await fake.wait_for(lambda m: m.chat_id == 8001 and "Selamat pagi" in m.text)
        assert rig.svc.outbox is not None
        await rig.svc.outbox.drain()  # the delivery is recorded, not only accepted by the fake
        await admin.send("/status")
        status = await admin.reply_where(lambda m: "Status" in m.text)
    assert "Peserta: 1 aktif, 0 nonaktif" in status.text
    assert "1 terkirim" in status.text
    assert "gladi" in status.text  # the rehearsal clock is shown
    assert "Kesalahan terakhir" in status.text


@pytest.mark.slow
async def test_cli_reimport_moves_jobs_and_tells_those_affected(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(
        settings, fake, [(8101, "Camat", "Kelompok 4"), (8102, "Lurah", "Kelompok 5")]
    )
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for s in data["sessions"]:
        if s["id"] == "d2-breakout-lurah":
            s["start"], s["end"] = "13:00", "14:00"
    changed = tmp_path / "agenda.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    async with start_rig(fake, settings, Clock(start=at("2025-05-16 07:00"))) as rig:
        env = {**os.environ, "DATABASE_PATH": str(settings.database_path), "BOT_TOKEN": ""}
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "import-agenda",
            str(changed),
            env=env,
            cwd=str(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out, err = await proc.communicate()
        assert proc.returncode == 0, err.decode()
        assert "1 berubah" in out.decode()
        notice = await fake.wait_for(
            lambda m: m.chat_id == 8102 and "Perubahan jadwal" in m.text, timeout=15
        )
        assert "13.00–14.00 WIB" in notice[0].text

        # the running bot picked the change up: the reminder now follows the new time
        async def moved() -> bool:
            keys = {i.key for i in await pending_items(rig.svc.db)}
            return "reminder:d2-breakout-lurah@20250516T1300-15" in keys

        await wait_until(moved, what="the running bot rescheduled the reminder")
        keys = {i.key for i in await pending_items(rig.svc.db)}
        assert "reminder:d2-breakout-lurah@20250516T1015-15" not in keys
        await settle(rig)
    assert not [m for m in fake.messages_to(8101) if "Perubahan jadwal" in m.text]
