"""A kill -9 in the middle of an announcement to 300 (issue 8, Must show): after the restart
everyone has it, duplicates stay within the sends under way at the kill, and the delivery
report's figures add up."""

from __future__ import annotations

import asyncio
import re
import signal
from pathlib import Path

import pytest

from jobs.outbox import MAX_IN_FLIGHT
from tests.conftest import ADMIN_ID, make_settings, relax_chat_limits
from tests.fakebot import FakeTelegram
from tests.helpers import kinds_by_chat, outbox_settled, register_bulk
from tests.test_broadcasts import compose, figures_in, preview
from tests.test_restart import _spawn

TEXT = "Kabar penting untuk semua"


@pytest.mark.slow
async def test_kill_mid_broadcast_to_300_then_restart_reaches_everyone_and_adds_up(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    people = [(40_000 + i, "Lurah", f"Kelompok {1 + i % 6}") for i in range(300)]
    await register_bulk(settings, fake, people)
    relax_chat_limits(fake)
    log = tmp_path / "bot.log"
    admin = fake.user(ADMIN_ID, "Panitia")
    # After noon on day 1: the morning's briefing has lapsed, only the announcement goes.
    env = {"ADMIN_IDS": str(ADMIN_ID), "SEND_RATE": "10"}

    proc = await _spawn(settings, fake, log, REHEARSE_FROM="2025-05-15 12:10", **env)
    try:
        menu = await compose(admin, lambda: admin.send(TEXT))
        summary, count = await preview(admin, menu)
        assert count == 300
        await admin.press(summary, "bc:now")
        # 10/s: the 300 take about 30 s; kill -9 once 80 have arrived.
        await fake.wait_for(lambda m: m.text == TEXT, count=80, timeout=60)
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    first_run = sum(kinds_by_chat(fake, TEXT).values())
    assert first_run < 300, "the kill came too late to test anything"

    proc = await _spawn(settings, fake, log, "--rehearse-from", "2025-05-15 12:12", **env)
    try:
        for uid, _, _ in people:
            await fake.wait_for(lambda m, u=uid: m.chat_id == u and m.text == TEXT, timeout=60)
        await outbox_settled(settings.database_path)
        report = (
            await fake.wait_for(
                lambda m: m.chat_id == ADMIN_ID and "Laporan pengiriman" in m.text, timeout=30
            )
        )[-1]
    finally:
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 15) == 0, log.read_text()[-3000:]

    got = kinds_by_chat(fake, TEXT)
    got.pop(ADMIN_ID, None)  # the preview
    assert set(got) == {uid for uid, _, _ in people}, "someone never got it"
    duplicates = sum(n - 1 for n in got.values())
    assert duplicates <= MAX_IN_FLIGHT, got
    final = figures_in(report.plain_text)
    assert final["penerima"] == 300, report.plain_text
    assert final["terkirim"] + final["gagal"] + final["memblokir bot"] == 300, report.plain_text
    assert re.search(r"Terkirim: 300\b", report.plain_text), report.plain_text
    print(f"kill after {first_run} of 300 sent; duplicates after restart: {duplicates}")
