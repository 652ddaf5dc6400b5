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
        done = await admin.reply_where(lambda m: "Daftar peserta diimpor" in m.text)
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


AGENDA_HEADER = "id,date,start,end,title,kind,location,speaker,description,audience,remind,checkin"


async def test_a_refusal_longer_than_one_message_is_cut_to_fit(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    # 300 rows, each with two problems whose lines run to ~150 characters.
    rows = [
        f"s{n},2025-05-15,08:00,09:00,Sesi {n},{'upacara' + 'x' * 30},,,,,{'tiga puluh' * 4},"
        for n in range(300)
    ]
    data = ("\n".join([AGENDA_HEADER, *rows]) + "\n").encode()
    settings = make_settings(tmp_path, fake)
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-14 07:00"))):
        await admin.send_document(data, "agenda.csv", "text/csv", caption="/impor")
        refused = await admin.reply_where(lambda m: "ditolak" in m.text)
        assert len(refused.plain_text.encode("utf-16-le")) // 2 <= 4096
        assert "600 masalah" in refused.plain_text
        listed = refused.plain_text.count("• ")
        assert 0 < listed < 600
        assert refused.plain_text.endswith(f"… dan {600 - listed} masalah lain.")
        assert not [m for m in fake.messages_to(ADMIN_ID) if "Maaf" in m.text]


async def test_a_roster_without_its_nip_column_is_taken_for_a_roster(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    data = b"No,Nama,Jabatan,Unit Kerja,Kelompok\n1,Budi,Lurah,Kelurahan Kauman,Kelompok 1\n"
    settings = make_settings(tmp_path, fake)
    admin = fake.user(ADMIN_ID, "Panitia", language_code="en")
    async with start_rig(fake, settings, Clock(start=at("2025-05-14 07:00"))):
        await admin.send_document(data, "peserta.csv", "text/csv", caption="/impor")
        refused = await admin.reply_where(lambda m: "refused" in m.text)
        text = refused.plain_text
        assert "read as a roster" in text and "name, position, unit, group" in text
        assert "“nip”" in text
        for agenda_column in ("“date”", "“start”", "“title”"):
            assert agenda_column not in text


async def test_a_header_that_is_neither_agenda_nor_roster_is_refused_saying_so(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    admin = fake.user(ADMIN_ID, "Panitia", language_code="en")
    async with start_rig(fake, settings, Clock(start=at("2025-05-14 07:00"))):
        await admin.send_document(b"a,b,c\n1,2,3\n", "data.csv", "text/csv", caption="/impor")
        refused = await admin.reply_where(lambda m: "refused" in m.text)
        assert "neither an agenda nor a roster" in refused.plain_text
