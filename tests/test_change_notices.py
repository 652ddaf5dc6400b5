"""Change notices: every change in force reaches those affected, and an agenda goes in with
its notices or not at all (issue 6, items 3 and 16)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest

from bot.agenda_io import sample_agenda
from bot.changes import import_agenda
from bot.clock import Clock
from db import Database
from db.agenda import load_agenda
from db.outbox import counts
from tests.conftest import ADMIN_ID, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, ubah

CAMAT = 6101


async def test_moving_a_session_back_and_forth_tells_every_move(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(CAMAT, "Camat", "Kelompok 4")])
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 07:00"))):
        for n, new in enumerate(["11.00", "10.15", "11.00"], start=1):
            await ubah(admin, f"d2-breakout-camat {new}")
            notices = await fake.wait_for(
                lambda m: m.chat_id == CAMAT and "Perubahan jadwal" in m.text, count=n
            )
        # The last notice is the time in force: 11.00, not the 10.15 of two moves ago.
        assert [m.plain_text.split(" ke ")[-1] for m in notices] == [
            "pukul 11.00–12.00 WIB.",
            "pukul 10.15–11.15 WIB.",
            "pukul 11.00–12.00 WIB.",
        ]


async def test_an_import_that_cannot_queue_its_notices_changes_nothing(tmp_path: Path) -> None:
    """Fault injection: the outbox refuses writes in the middle of the import. The agenda in
    force stays as it was; once the fault is gone, the same import saves the agenda and
    queues its notices (nothing was half done, so re-running it is enough)."""

    db = await Database.open(tmp_path / "retret.db")
    try:
        clock = Clock(start=at("2025-05-16 07:00"))
        agenda = sample_agenda()
        await import_agenda(db, clock, agenda, source="first", default_lang="id")
        from bot.models import RosterEntry
        from db.participants import register, touch_user
        from db.roster import upsert_roster
        from tests.helpers import fake_nip

        await upsert_roster(
            db, [RosterEntry(fake_nip(1), "Bapak Camat", "Camat", "Kec. Klojen", "K4")], at=0.0
        )
        await touch_user(db, CAMAT, CAMAT, "Camat", at=0.0)
        await register(
            db,
            user_id=CAMAT,
            nip=fake_nip(1),
            name="Bapak Camat",
            position="Camat",
            unit="Kec. Klojen",
            group="K4",
            verified=True,
            language="id",
            at=0.0,
        )
        moved = replace(
            agenda,
            sessions=tuple(
                replace(s, start=time(11, 0), end=time(12, 15))
                if s.id == "d2-breakout-camat"
                else s
                for s in agenda.sessions
            ),
        )
        await db.execute(
            "CREATE TEMP TRIGGER outbox_down BEFORE INSERT ON outbox"
            " BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END"
        )
        with pytest.raises(Exception, match="outbox unavailable"):
            await import_agenda(db, clock, moved, source="second", default_lang="id")
        in_force = await load_agenda(db)
        assert in_force is not None
        camat = next(s for s in in_force.sessions if s.id == "d2-breakout-camat")
        assert camat.start == time(10, 15)
        assert await counts(db) == {}

        await db.execute("DROP TRIGGER outbox_down")
        result = await import_agenda(db, clock, moved, source="second", default_lang="id")
        assert result.notified == 1
        assert await counts(db) == {"pending": 1}
    finally:
        await db.close()
