"""An organiser's /pengumuman shows the latest announcements sent to participants, not
"Belum ada pengumuman" (tester's finding F)."""

from __future__ import annotations

import re

from bot.broadcasts import Audience, Composed, start
from tests.conftest import ADMIN_ID, Rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many

PEOPLE = [(8101, "Camat", "Kelompok 4"), (8102, "Lurah", "Kelompok 5")]


async def test_an_organiser_sees_the_latest_announcements_sent_to_participants(rig: Rig) -> None:
    fake: FakeTelegram = rig.fake
    await register_many(rig.settings, fake, PEOPLE)
    for i in range(2):
        await start(
            rig.svc.db,
            rig.clock,
            author=ADMIN_ID,
            chat_id=ADMIN_ID,
            lang="id",
            message=Composed("text", f"Info panitia {i}"),
            audience=Audience(),
        )
        rig.svc.outbox.wake()  # type: ignore[union-attr]
        await fake.wait_for(lambda m, i=i: m.chat_id == 8102 and f"panitia {i}" in m.text)
    await rig.svc.outbox.drain()  # type: ignore[union-attr]
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/pengumuman")
    news = await admin.next_reply()
    assert "Belum ada pengumuman" not in news.plain_text, news.plain_text
    assert re.findall(r"Info panitia (\d)", news.plain_text) == ["1", "0"], news.plain_text
