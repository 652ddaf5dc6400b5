"""Nobody is silenced for good: a participant marked inactive after blocking the bot is
reachable again once they write or unblock it (issue 6, item 1)."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from db.participants import get_participant
from tests.conftest import ADMIN_ID, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import is_reminder, register_many, wait_until

BACK, UNBLOCKED, GONE = 7101, 7102, 7103


async def test_a_blocked_participant_who_writes_or_unblocks_gets_reminders_again(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(
        settings,
        fake,
        [
            (BACK, "Camat", "Kelompok 1"),
            (UNBLOCKED, "Lurah", "Kelompok 2"),
            (GONE, "Lurah", "Kelompok 3"),
        ],
    )
    for uid in (BACK, UNBLOCKED, GONE):
        fake.block(uid)
    # 04:49:58 on day 2: the morning briefing meets three blocked chats.
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 04:49:58"))) as rig:
        db = rig.svc.db

        async def status(uid: int) -> str:
            p = await get_participant(db, uid)
            assert p is not None
            return p.status

        async def all_inactive() -> bool:
            return [await status(uid) for uid in (BACK, UNBLOCKED, GONE)] == ["inactive"] * 3

        await wait_until(all_inactive)  # the briefing met three 403s
        assert [await status(uid) for uid in (BACK, UNBLOCKED, GONE)] == ["inactive"] * 3

        admin = fake.user(ADMIN_ID, "Panitia")
        await admin.send("/status")
        report = await admin.reply_where(lambda m: "Status" in m.text)
        assert "0 aktif, 3 nonaktif" in report.plain_text

        # One writes to the bot again (Telegram's "Restart"), one unblocks it.
        fake.unblock(BACK)
        back = fake.user(BACK)
        await back.send("/agenda")
        await back.reply_where(lambda m: "📅" in m.text)
        fake.membership_update(UNBLOCKED, blocked=False)
        unblocked = fake.user(UNBLOCKED)
        await unblocked.send("/bantuan")  # a barrier: the membership update came before it
        await unblocked.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
        assert [await status(uid) for uid in (BACK, UNBLOCKED, GONE)] == [
            "active",
            "active",
            "inactive",
        ]

        # The assembly's reminder (05:00 for 05:30) reaches both again; not the one still gone.
        rig.clock.jump(at("2025-05-16 04:59:58"))
        await fake.wait_for(is_reminder(BACK, "Apel Pagi"))
        await fake.wait_for(is_reminder(UNBLOCKED, "Apel Pagi"))
        await rig.svc.outbox.drain()  # type: ignore[union-attr]
        assert fake.messages_to(GONE) == []

        # Blocking again, as Telegram reports it, marks them inactive at once.
        # (updates of different people are handled concurrently: wait for this one's, not
        # for another person's reply)
        fake.membership_update(UNBLOCKED, blocked=True)

        async def gone_again() -> bool:
            return await status(UNBLOCKED) == "inactive"

        await wait_until(gone_again, timeout=10, what="the block marks them inactive")
