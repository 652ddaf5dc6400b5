"""/impor: organisers send an agenda or roster file in the chat."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.clock import Clock
from db.dispatch import pending_items
from db.roster import roster_size
from tests.conftest import ADMIN_ID, ROSTER, at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many

SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "data" / "sample_event.yaml"
LURAH = 9101


async def test_organiser_imports_roster_and_agenda_files_in_the_chat(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(LURAH, "Lurah", "Kelompok 5")])
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 07:00"))) as rig:
        before = await roster_size(rig.svc.db)
        await admin.send("/impor")
        await admin.reply_where(lambda m: "Kirim berkas" in m.text)
        await admin.send("halo")  # not a file: the request is repeated, nothing lost
        await admin.reply_where(lambda m: "Kirim berkas" in m.text)
        await admin.send_document(ROSTER.read_bytes(), "peserta.csv", "text/csv")
        done = await admin.reply_where(lambda m: "Roster diimpor" in m.text)
        assert "24 baru" in done.text
        assert await roster_size(rig.svc.db) == before + 24

        # A broken agenda is refused whole, every problem listed, the agenda untouched.
        agenda_before = rig.svc.agenda.require()
        broken = SAMPLE.read_text(encoding="utf-8").replace('start: "05:30"', 'start: "25:30"')
        broken = broken.replace("kind: assembly", "kind: upacara", 1)
        await admin.send_document(broken.encode(), "agenda.yaml", caption="/impor")
        refused = await admin.reply_where(lambda m: "ditolak" in m.text)
        assert "25:30" in refused.plain_text and "upacara" in refused.plain_text
        await rig.svc.agenda.refresh()
        assert rig.svc.agenda.require() == agenda_before

        # A good one replaces it, moves the jobs at once and tells those affected.
        data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
        for s in data["sessions"]:
            if s["id"] == "d2-breakout-lurah":
                s["start"], s["end"] = "13:30", "14:30"
        await admin.send_document(
            yaml.safe_dump(data, allow_unicode=True).encode(), "agenda.yaml", caption="/import"
        )
        imported = await admin.reply_where(lambda m: "Agenda diimpor" in m.text)
        assert "1 berubah" in imported.text and "1 pemberitahuan" in imported.text
        keys = {i.key for i in await pending_items(rig.svc.db)}
        assert "reminder:d2-breakout-lurah@20250516T1330-15" in keys
        notice = await fake.wait_for(lambda m: m.chat_id == LURAH and "Perubahan jadwal" in m.text)
        assert "13.30–14.30 WIB" in notice[0].text


async def test_files_from_participants_are_not_imported(fake: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(LURAH, "Lurah", "Kelompok 5")])
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 07:00"))) as rig:
        u = fake.user(LURAH)
        size = await roster_size(rig.svc.db)
        await u.send("/impor")
        await u.reply_where(lambda m: "tidak dikenal" in m.text)
        await u.send_document(ROSTER.read_bytes(), "peserta.csv", caption="/impor")
        await u.reply_where(lambda m: "hanya dapat membaca pesan teks" in m.text)
        assert await roster_size(rig.svc.db) == size
