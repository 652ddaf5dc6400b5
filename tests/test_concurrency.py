"""Updates are handled concurrently: one person's flood wait stalls no one, and each person's
own updates still run one at a time, in order (issue 6, item 2)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from bot.clock import Clock
from db.attendance import attendees, set_code
from db.participants import get_participant
from tests.conftest import Rig, at, has_button, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import fake_nip, register_many, wait_until

HELP = "Yang bisa saya lakukan"


async def test_a_flood_wait_on_one_chat_holds_back_only_that_chat(rig: Rig) -> None:
    a, b = rig.user(5101, "Andi"), rig.user(5102, "Bayu")
    rig.fake.force_retry_after(1, seconds=4, chat_id=a.id)
    await a.send("/bantuan")
    await wait_until(lambda: any(e[1] == 429 for e in rig.fake.errors))  # A's chat is now waiting
    await b.send("/bantuan")
    await b.reply_where(lambda m: HELP in m.text)
    # B was answered while A's chat still sat out its 4 s wait: A has nothing yet.
    assert [m for m in a.inbox if HELP in m.text] == []
    await a.reply_where(lambda m: HELP in m.text, timeout=15)
    assert [e for e in rig.fake.errors if e[1] == 429] == [
        ("sendMessage", 429, "Too Many Requests: retry after 4")
    ]


async def test_one_persons_rapid_messages_are_answered_in_order(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    u = rig.user(5103, "Citra")
    days = ["1", "2", "3"] * 5
    for day in days:
        await u.send(f"/agenda {day}")
    replies = await u.wait_for(lambda m: "📅" in m.text, count=len(days))
    dates = [re.search(r"1[567] Mei 2025", m.text) for m in replies]
    assert [d.group(0)[:2] if d else None for d in dates] == [
        {"1": "15", "2": "16", "3": "17"}[day] for day in days
    ]


async def test_fifty_people_register_at_once(rig: Rig) -> None:
    """The registration conversation under 50 users acting at the same moment: every one of
    them registered with their own NIP, nobody's state mixed with another's."""
    relax_chat_limits(rig.fake)
    people = [rig.user(8000 + i, f"Peserta {i}") for i in range(50)]
    db = rig.svc.db
    from bot.models import RosterEntry
    from db.roster import upsert_roster

    await upsert_roster(
        db,
        [
            RosterEntry(fake_nip(i), f"Peserta {i}", "Lurah", f"Unit {i}", "Kelompok 1")
            for i in range(50)
        ],
        at=0.0,
    )

    async def register(i: int) -> None:
        u = people[i]
        await u.send("/daftar")
        choose = await u.reply_where(lambda m: has_button(m, "lang:id"), timeout=30)
        await u.press(choose, "lang:id")
        await u.reply_where(lambda m: "NIP" in m.text, timeout=30)
        await u.send(fake_nip(i))
        confirm = await u.reply_where(lambda m: has_button(m, "reg:yes"), timeout=30)
        assert f"Peserta {i}</b>" in confirm.text or f"Peserta {i}" in confirm.plain_text
        await u.press(confirm, "reg:yes")
        await u.reply_where(lambda m: "✅" in m.text, timeout=30)

    await asyncio.gather(*(register(i) for i in range(50)))
    for i, u in enumerate(people):
        p = await get_participant(db, u.id)
        assert p is not None and p.nip == fake_nip(i) and p.name == f"Peserta {i}"


async def test_fifty_people_check_in_with_the_code_at_once(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    ids = [8100 + i for i in range(50)]
    await register_many(settings, fake, [(uid, "Lurah", "Kelompok 1") for uid in ids])
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 05:20"))) as rig:
        await set_code(rig.svc.db, "d2-apel-pagi", "4321", by=1, at=rig.clock.timestamp())

        async def check_in(uid: int) -> None:
            u = fake.user(uid)
            await u.send("/hadir")
            await u.reply_where(lambda m: "kode" in m.text.lower(), timeout=30)
            await u.send("4321")
            await u.reply_where(lambda m: "tercatat" in m.text, timeout=30)

        await asyncio.gather(*(check_in(uid) for uid in ids))
        assert set(await attendees(rig.svc.db, "d2-apel-pagi")) == set(ids)
