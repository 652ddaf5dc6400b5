"""The outbox under Telegram's answers: 429 with retry_after, 5xx bursts, 403 blocked."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from db.outbox import counts
from db.participants import get_participant
from tests.conftest import at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import is_reminder, kinds_by_chat, register_many, settle

BLOCKER = 5000


async def test_flood_waits_and_server_errors_lose_nothing_and_blocked_users_go_inactive(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    people = [(5000 + i, "Lurah", f"Kelompok {1 + i % 6}") for i in range(30)]
    await register_many(settings, fake, people)
    fake.block(BLOCKER)
    fake.force_retry_after(3, seconds=1)
    fake.fail_next(6, status=502)
    # 67x from 04:49:55: the 04:50 briefing is due at once, the 05:00 assembly reminder
    # about 9 s of real time later.
    clock = Clock(start=at("2025-05-16 04:49:55"), speed=67)
    async with start_rig(fake, settings, clock) as rig:
        others = [uid for uid, _, _ in people if uid != BLOCKER]
        for uid in others:
            await fake.wait_for(lambda m, u=uid: m.chat_id == u and "Selamat pagi" in m.text)
        blocked = await get_participant(rig.svc.db, BLOCKER)
        assert blocked is not None and blocked.status == "inactive"
        calls_to_blocker = len([c for c in fake.calls if c[1].get("chat_id") == BLOCKER])
        # the assembly reminder (05:00) goes to everyone still active
        for uid in others:
            await fake.wait_for(is_reminder(uid, "Apel Pagi"), timeout=20)
        await settle(rig)
        box = await counts(rig.svc.db)
        stats = dict(rig.svc.outbox.stats) if rig.svc.outbox else {}

    briefings = kinds_by_chat(fake, "Selamat pagi")
    assert set(briefings) == set(others) and set(briefings.values()) == {1}
    reminders = kinds_by_chat(fake, "⏰ <b>Apel Pagi")
    assert set(reminders) == set(others) and set(reminders.values()) == {1}
    # the blocked participant is skipped afterwards: no further attempts at their chat
    assert len([c for c in fake.calls if c[1].get("chat_id") == BLOCKER]) == calls_to_blocker
    # Exactly the forced server errors, each retried once; every 429 the fake answered (the
    # 3 forced, plus any a busy machine draws from its real limits) was one flood wait.
    assert fake.stats["5xx"] == 6 and fake.stats["403"] == 1
    assert stats["retried"] == 6
    assert stats["retry_after"] == fake.stats["429"] >= 3
    assert box.get("failed") == 1  # the one 403
    assert box.get("pending", 0) == 0
