"""Personal data (SPEC §12, issue 10 item 1): /profil shows everything held, /hapusdata deletes
it (organisers told, the person can register again), `purge` leaves nothing in the file, and
exports go only to organisers in private chats."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.agenda_io import sample_agenda
from bot.changes import import_agenda
from bot.clock import Clock
from bot.models import RosterEntry
from bot.privacy import PurgeRefused, forget, forget_token, mask_nip, purge_check
from bot.roster import load_roster_file
from bot.settings import Settings
from bot.texts import t
from db import Database
from db.attendance import check_in
from db.outbox import NewMessage, enqueue
from db.participants import get_participant
from db.questions import add_question
from db.reflections import save_answer
from db.roster import upsert_roster
from tests.conftest import (
    ADMIN_ID,
    BUDI,
    ROSTER,
    at,
    enrol,
    has_button,
    make_settings,
    relax_chat_limits,
    seed_roster,
    start_rig,
)
from tests.fakebot import FakeTelegram
from tests.helpers import enrol_entry, fake_nip, settle, wait_until
from tests.test_cli import cli_env

ROOT = Path(__file__).resolve().parents[1]
GROUP = -100_777

# A person of this test only: on the roster with a phone number.
AGUS = RosterEntry(
    nip=fake_nip(41),
    name="Agus Prasetyo Wibowo",
    position="Camat",
    unit="Kecamatan Lowokwaru",
    group="Kelompok 3",
    phone="081234567890",
)
QUESTION = "Apakah ada ruang ibadah di gedung utama?"
ANSWER = "Mendengarkan dulu sebelum memutuskan, itu pelajaran saya hari ini."


def test_a_nip_is_masked_but_its_first_and_last_four_digits() -> None:
    assert mask_nip("198503122010011001") == "1985••••••••••1001"
    assert mask_nip(BUDI) == "1985••••••••••1003"


# ---------------------------------------------------------------- scanning the database


def holders(path: Path, needles: Iterable[str]) -> dict[str, set[str]]:
    """{needle: {"table.column", ...}}: every table of the SQLite file (as listed in
    sqlite_master), every row, every column, read through a fresh connection."""
    found: dict[str, set[str]] = {n: set() for n in needles}
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert {"participants", "outbox", "roster", "reflection_answers"} <= set(tables)
        for table in tables:
            cur = conn.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cur.description]
            for row in cur:
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    text = (
                        value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                    )
                    for needle in found:
                        if needle in text:
                            found[needle].add(f"{table}.{column}")
    finally:
        conn.close()
    return found


async def test_hapusdata_deletes_everything_but_the_roster_entry_and_allows_a_new_start(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, organizer_chat_id=GROUP)
    await seed_roster(settings)
    db = await Database.open(settings.database_path)
    try:
        await upsert_roster(db, [AGUS], at=0.0)
    finally:
        await db.close()
    fake.group(GROUP, title="Panitia Retret")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        agus = rig.user(5301, "Agus")
        await rig.register(agus, AGUS.nip)  # through the chat, as a participant would
        first = await get_participant(rig.svc.db, agus.id)
        assert first is not None
        session = rig.svc.agenda.require().sessions[0]
        assert await check_in(rig.svc.db, session.id, agus.id, method="code", at=1.0)
        await save_answer(
            rig.svc.db, agus.id, "2025-05-15", "lesson", "text", ANSWER, required=["x"], at=2.0
        )
        await agus.send(f"/tanya {QUESTION}")
        await agus.reply_where(lambda m: "sudah diteruskan" in m.text)
        await fake.wait_for(lambda m: m.chat_id == GROUP and QUESTION in m.text)

        # /profil: everything held, the NIP masked, and how to delete
        await agus.send("/profil")
        profile = await agus.reply_where(lambda m: "disimpan bot" in m.text)
        assert "1980••••••••••1042" in profile.text, profile.text
        assert AGUS.nip not in profile.text
        for shown in (
            "Agus Prasetyo Wibowo",
            "Kecamatan Lowokwaru",
            "081234567890",
            "Bahasa: Bahasa Indonesia",
            "Pengingat sesi: aktif",
            "Terdaftar: Kamis, 15 Mei 2025 pukul 09.00 WIB",
            "<b>Kehadiran</b>: 1 kali",
            f"• {session.title}",
            "<b>Refleksi</b>: 1 hari",
            "<b>Pertanyaan kepada panitia</b>: 1",
            "/hapusdata",
        ):
            assert shown in profile.text, (shown, profile.text)

        # before: the scan finds the person in several tables (so the scan can fail)
        needles = [AGUS.nip, AGUS.name, AGUS.phone, QUESTION, ANSWER]
        before = holders(settings.database_path, needles)
        assert {"participants.nip", "roster.nip"} <= before[AGUS.nip], before
        assert "outbox.payload_json" in before[AGUS.name], before
        assert "questions.text" in before[QUESTION] and before[ANSWER], before

        # a forged confirmation changes nothing; "Batal" keeps everything
        await agus.send("/hapusdata")
        ask = await agus.reply_where(lambda m: has_button(m, "forget:no"))
        assert "Penghapusan tidak dapat dibatalkan" in ask.text
        yes = next(d for _, d in ask.buttons if d.startswith("forget:yes:"))
        forged = await agus.press_raw("forget:yes:0", message_id=ask.message_id)
        await wait_until(lambda: forged in fake.callback_answers, what="forged button answered")
        assert await get_participant(rig.svc.db, agus.id) == first
        await agus.press(ask, "forget:no")
        await agus.reply_where(lambda m: "tidak ada yang dihapus" in m.text)
        assert await get_participant(rig.svc.db, agus.id) == first

        # Ya, hapus
        await agus.send("/hapusdata")
        ask = await agus.reply_where(lambda m: has_button(m, yes))
        await agus.press(ask, yes)
        await agus.reply_where(lambda m: "sudah dihapus" in m.text)
        [notice] = await fake.wait_for(lambda m: m.chat_id == GROUP and "🗑" in m.text)
        assert "Bapak Agus Prasetyo Wibowo (Kecamatan Lowokwaru)" in notice.text, notice.text
        for secret in (AGUS.nip, AGUS.phone, "Camat", "Kelompok 3", QUESTION):
            assert secret not in notice.text, notice.text

        async def notice_wiped() -> bool:
            row = await rig.svc.db.fetchone(
                "SELECT status, payload_json FROM outbox WHERE purpose = 'forgotten'"
            )
            return row is not None and tuple(row) == ("sent", "{}")

        await wait_until(notice_wiped, what="the notice sent and its text wiped")
        await settle(rig, agus)

        after = holders(settings.database_path, needles)
        kept = {
            n: where
            for n, where in after.items()
            if where - {"roster.nip", "roster.name", "roster.phone"}
        }
        assert kept == {}, f"personal data left after /hapusdata: {kept}"
        # the roster entry stays by design (the committee's list)
        assert after[AGUS.nip] == {"roster.nip"}
        assert after[AGUS.name] == {"roster.name"} and after[AGUS.phone] == {"roster.phone"}
        # delivery records stay as counts: nothing of the person's chat is left
        row = await rig.svc.db.fetchone(
            "SELECT COUNT(*) FROM outbox WHERE user_id = ? OR chat_id = ? OR key LIKE ?",
            (agus.id, agus.id, f"%{agus.id}%"),
        )
        assert row is not None and row[0] == 0

        # the old confirmation, pressed again, deletes nothing (already gone)
        stale = await agus.press_raw(yes, message_id=ask.message_id)
        await wait_until(lambda: stale in fake.callback_answers, what="stale button answered")
        assert fake.callback_answers[stale].get("text") == t("id", "fallback.stale_button")

        # registration again, from scratch
        await rig.register(agus, AGUS.nip)
        again = await get_participant(rig.svc.db, agus.id)
        assert again is not None and again.nip == AGUS.nip
        await agus.send("/profil")
        fresh = await agus.reply_where(lambda m: "disimpan bot" in m.text)
        assert "<b>Kehadiran</b>: 0 kali" in fresh.text
        assert "<b>Refleksi</b>: 0 hari" in fresh.text

        # and the first registration's button cannot delete the new one
        old = await agus.press_raw(yes, message_id=ask.message_id)
        await wait_until(lambda: old in fake.callback_answers, what="old button answered")
        assert await get_participant(rig.svc.db, agus.id) == again


async def test_forget_deletes_pending_messages_and_keeps_delivery_counts(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "retret.db")
    try:
        await upsert_roster(db, [AGUS], at=0.0)
        await enrol_entry(db, 77, "Agus", AGUS, lang="id", at=5.0)
        other = RosterEntry(fake_nip(42), "Sri Lestari", "Lurah", "Kelurahan Oro-oro Dowo")
        await upsert_roster(db, [other], at=0.0)
        await enrol_entry(db, 78, "Sri", other, lang="id", at=5.0)
        await enqueue(
            db,
            [
                NewMessage("broadcast:1:77", "broadcast", "1", 77, {"text": "Halo Agus"}, 77),
                NewMessage("broadcast:1:78", "broadcast", "1", 78, {"text": "Halo Sri"}, 78),
                NewMessage("reminder:x:77", "reminder", "x", 77, {"text": "Nanti"}, 77),
                NewMessage(
                    "alert:k:900001", "alert", "k", 900001, {"text": "Agus Prasetyo Wibowo"}
                ),
            ],
            at=6.0,
        )
        await db.execute(
            "UPDATE outbox SET status = 'sent' WHERE key IN ('broadcast:1:77', 'broadcast:1:78',"
            " 'alert:k:900001')"
        )
        settings = make_settings_offline(tmp_path)
        p = await get_participant(db, 77)
        assert p is not None
        assert await forget(db, Clock(), settings, 77, "0") is None  # a forged token
        assert await get_participant(db, 77) == p
        done = await forget(db, Clock(), settings, 77, forget_token(p))
        assert done is not None and done["pending"] == 1 and done["participants"] == 1
        rows = await db.fetchall(
            "SELECT key, purpose, user_id, chat_id, payload_json, status FROM outbox ORDER BY id"
        )
        table = [tuple(r) for r in rows]
        assert table[0][1:] == ("broadcast", None, 0, "{}", "sent")  # a count, no one
        assert table[0][0].startswith("anon:")
        assert table[1] == ("broadcast:1:78", "broadcast", 78, 78, '{"text": "Halo Sri"}', "sent")
        assert table[2][1:] == ("alert", None, 900001, "{}", "sent")  # it named Agus
        assert all(r[1] != "reminder" for r in table)  # the pending one is gone
        notices = [r for r in table if r[1] == "forgotten"]
        assert [r[3] for r in notices] == [ADMIN_ID]
        assert await get_participant(db, 78) is not None
    finally:
        await db.close()


def make_settings_offline(tmp_path: Path) -> Settings:
    """Settings with one organiser and no Telegram (nothing is sent in these tests)."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token="1:x",
        database_path=tmp_path / "retret.db",
        admin_ids=frozenset({ADMIN_ID}),
    )


# ---------------------------------------------------------------- purge


def purge_cli(
    tmp_path: Path, db: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m bot purge ARGS` on `db`, as an organiser runs it."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "purge", *args],
        env=cli_env(tmp_path, db),
        cwd=tmp_path,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def raw_hits(db: Path, needles: Iterable[str]) -> dict[str, list[str]]:
    """{needle: [file names]}: the needles (as UTF-8) found in the raw bytes of the database
    file and its -wal and -shm files, where present."""
    files = [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]
    contents = {p.name: p.read_bytes() for p in files}
    hits = {
        n: [name for name, data in contents.items() if n.encode("utf-8") in data] for n in needles
    }
    return {n: where for n, where in hits.items() if where}


async def seed_finished_event(path: Path) -> list[str]:
    """The sample event (15–17 May 2025) with its roster, everyone registered, answers,
    questions, check-ins and deliveries that name people; returns every NIP, name and phone."""
    entries, problems = load_roster_file(ROSTER)
    assert problems == []
    entries = [*entries, AGUS]
    db = await Database.open(path)
    try:
        await import_agenda(db, Clock(), sample_agenda(), source="test", default_lang="id")
        await upsert_roster(db, entries, at=0.0)
        session = sample_agenda().sessions[0]
        for n, e in enumerate(entries, start=6000):
            await enrol_entry(db, n, e.name.split()[0], e, lang="id", at=1.0)
            await save_answer(
                db, n, "2025-05-15", "lesson", "text", f"{ANSWER} {n}", required=["x"], at=2.0
            )
            await add_question(db, n, f"{QUESTION} ({e.name})", at=3.0)
            await check_in(db, session.id, n, method="code", at=4.0)
            await enqueue(
                db,
                [NewMessage(f"reminder:r:{n}", "reminder", "r", n, {"text": f"Bapak {e.name}"}, n)],
                at=5.0,
            )
        await db.execute("UPDATE outbox SET status = 'sent'")
    finally:
        await db.close()
    return [x for e in entries for x in (e.nip, e.name, e.phone) if x]


async def test_purge_leaves_no_personal_data_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "retret.db"
    needles = await seed_finished_event(path)
    assert len(needles) > 10 and AGUS.phone in needles
    assert set(raw_hits(path, needles)) == set(needles)  # the scan finds them all before

    # the event's last day is 17 May 2025: not before the 17th
    refused = purge_cli(tmp_path, path, "--before", "2025-05-17", "--yes")
    assert refused.returncode == 2, refused
    assert "tidak sebelum Sabtu, 17 Mei 2025" in refused.stderr, refused.stderr
    # asked, and not confirmed
    kept = purge_cli(tmp_path, path, "--before", "2025-05-18", stdin="tidak\n")
    assert kept.returncode == 0, kept
    assert "Dibatalkan; tidak ada yang dihapus." in kept.stdout, kept.stdout
    assert set(raw_hits(path, needles)) == set(needles)

    done = purge_cli(tmp_path, path, "--before", "2025-05-18", stdin="ya\n")
    assert done.returncode == 0, done
    roster = len(load_roster_file(ROSTER)[0]) + 1
    for line in (
        f"peserta terdaftar: {roster}",
        f"entri daftar peserta: {roster}",
        f"jawaban refleksi: {roster}",
        f"pertanyaan: {roster}",
        f"catatan kehadiran: {roster}",
        f"rincian pengiriman (hanya jumlah yang disimpan): {roster}",
        "dipadatkan (VACUUM)",
    ):
        assert line in done.stdout, (line, done.stdout)
    hits = raw_hits(path, needles)
    assert hits == {}, f"personal data still in the file after purge: {hits}"
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    db = await Database.open(path)
    try:  # the counts stay, the agenda stays
        row = await db.fetchone("SELECT COUNT(*), SUM(status = 'sent') FROM outbox")
        assert row is not None and tuple(row) == (roster, roster)
        assert (await db.fetchone("SELECT COUNT(*) FROM sessions"))[0] > 0  # type: ignore[index]
    finally:
        await db.close()


def test_purge_refuses_an_event_running_or_to_come() -> None:
    agenda = sample_agenda()  # 15-17 May 2025, Asia/Jakarta
    during = datetime(2025, 5, 16, 3, 0, tzinfo=UTC)
    with pytest.raises(PurgeRefused) as running:
        purge_check(agenda, date(2030, 1, 1), during, "id")
    assert running.value.key == "privacy.cli_not_finished"
    message = t("id", running.value.key, **running.value.values)
    assert "belum selesai" in message and "Sabtu, 17 Mei 2025" in message
    with pytest.raises(PurgeRefused) as future:
        purge_check(agenda, date(2030, 1, 1), datetime(2024, 1, 1, tzinfo=UTC), "en")
    assert future.value.key == "privacy.cli_not_finished"
    with pytest.raises(PurgeRefused) as no_agenda:
        purge_check(None, date(2030, 1, 1), during, "id")
    assert no_agenda.value.key == "privacy.cli_no_agenda"
    end = purge_check(agenda, date(2025, 5, 18), datetime(2025, 6, 1, tzinfo=UTC), "id")
    assert end.date() == date(2025, 5, 17)


# ---------------------------------------------------------------- exports


async def test_exports_go_only_to_organisers_and_only_in_private_chats(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, organizer_chat_id=GROUP)
    await seed_roster(settings)
    other_group = -100_4343
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 21:00"))) as rig:
        relax_chat_limits(fake)
        budi = rig.user(5401, "Budi")
        await enrol(rig, budi, BUDI)
        admin = fake.user(ADMIN_ID, "Panitia")

        for command in ("/ekspor", "/export"):
            # a participant in their private chat: refused as an unknown command
            await budi.send(command)
            refused = await budi.next_reply()
            assert refused.text == t("id", "fallback.unknown_command", command=command)
            # the organiser in the organisers' own group and in another group: no file
            for group in (GROUP, other_group):
                fake.group(group)
                before = len(fake.messages_to(group))
                await fake.group_message(group, admin, command)
                await fake.wait_for(lambda m, g=group, n=before: len(fake.messages_to(g)) > n)
            await settle(rig, budi)
            assert [m for m in fake.sent if m.method == "sendDocument"] == []

        await admin.send("/export")
        [document] = await fake.wait_for(
            lambda m: m.chat_id == ADMIN_ID and m.method == "sendDocument", timeout=30
        )
        assert document.filename and document.filename.endswith(".xlsx")
        await settle(rig, admin)
        assert [m.chat_id for m in fake.sent if m.method == "sendDocument"] == [ADMIN_ID]


async def test_forgotten_answers_are_overwritten_in_the_file_not_just_unlinked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "retret.db"
    db = await Database.open(path)
    try:
        await upsert_roster(db, [AGUS], at=0.0)
        await enrol_entry(db, 77, "Agus", AGUS, lang="id", at=5.0)
        await save_answer(db, 77, "2025-05-15", "lesson", "text", ANSWER, required=["x"], at=6.0)
        await add_question(db, 77, QUESTION, at=7.0)
    finally:
        await db.close()
    assert set(raw_hits(path, [ANSWER, QUESTION])) == {ANSWER, QUESTION}
    db = await Database.open(path)
    try:
        p = await get_participant(db, 77)
        assert p is not None
        assert await forget(db, Clock(), make_settings_offline(tmp_path), 77, forget_token(p))
    finally:
        await db.close()  # the last connection checkpoints the WAL into the file
    assert raw_hits(path, [ANSWER, QUESTION]) == {}, "deleted text still readable in the file"


def test_profile_text_in_english_lists_check_ins_and_says_how_to_delete() -> None:
    from zoneinfo import ZoneInfo

    from bot.privacy import Profile, profile_text
    from db.participants import Participant
    from db.privacy import Holdings

    agenda = sample_agenda()
    first = agenda.sessions[0]
    tz = ZoneInfo("Asia/Jakarta")
    p = Participant(
        user_id=5,
        chat_id=5,
        nip=AGUS.nip,
        name="Agus <b>",
        position="Camat",
        unit="Kecamatan Lowokwaru",
        group="Kelompok 3",
        verified=True,
        status="active",
        reminders=False,
        language="en",
        registered_at=at("2025-05-15 08:30").timestamp(),
    )
    held = Holdings(phone="", attended=((first.id, 1.0), ("gone", 2.0)), reflections=2, questions=0)
    text = profile_text("en", Profile(p, held), agenda, tz)
    assert "Name: Agus &lt;b&gt;" in text  # escaped
    assert "NIP: <code>1980••••••••••1042</code>" in text and AGUS.nip not in text
    assert "Phone: none" in text and "Session reminders: off" in text
    assert "Registered: Thursday, 15 May 2025 at 08:30 WIB" in text
    assert "<b>Check-ins</b>: 2" in text
    assert f"• {first.in_lang('en', 'title')} (Thu, 15 May)" in text
    assert "• a session no longer on the agenda (gone)" in text
    assert "<b>Days with a reflection</b>: 2" in text and "/forget" in text
