"""Defects found by trying the personal-data, backup and deployment features as a participant
and an organiser would (task "tester")."""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.agenda_io import sample_agenda
from bot.clock import Clock
from bot.privacy import Profile, profile_text
from bot.roster import load_roster_file
from bot.texts import t
from db import Database
from db.participants import Participant
from db.privacy import Holdings
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
from tests.helpers import settle
from tests.test_cli import cli

# "1 days", "1 reflections": a count of one before a plural noun is not English.
ONE_PLURAL = re.compile(r"(?<![\d.,])1 (days|reflections|questions|check-ins)\b")


def test_english_profile_and_forget_question_do_not_say_1_days_or_1_reflections() -> None:
    agenda = sample_agenda()
    first = agenda.sessions[0]
    p = Participant(
        user_id=5,
        chat_id=5,
        nip="198001302005011004",
        name="Heru",
        position="Sekda",
        unit="Sekretariat Daerah",
        group="Kelompok 2",
        verified=True,
        status="active",
        reminders=True,
        language="en",
        registered_at=1747272600.0,
    )
    held = Holdings(phone="", attended=((first.id, 1.0),), reflections=1, questions=1)
    profile = profile_text("en", Profile(p, held), agenda, ZoneInfo("Asia/Jakarta"))
    ask = t("en", "privacy.forget_ask", reflections=1, questions=1, attended=1)
    for text in (profile, ask):
        found = ONE_PLURAL.findall(text)
        assert not found, f"a count of one before a plural: {found} in {text!r}"
    # the counts are still shown
    assert "1" in profile and ask.count("1") >= 3


async def test_a_new_database_file_and_its_wal_are_readable_by_their_owner_only(
    tmp_path: Path,
) -> None:
    # The backup is written 0600 because it holds personal data (README, Backups); the live
    # database holds the same and was created 0644, its -wal too: any local user could read it.
    path = tmp_path / "data" / "retret.db"
    db = await Database.open(path)
    try:
        await db.execute("CREATE TABLE IF NOT EXISTS t_perm (x)")  # a write: the -wal exists
        for file in (path, path.with_name(path.name + "-wal")):
            mode = stat.S_IMODE(file.stat().st_mode)
            assert mode & 0o077 == 0, f"{file.name} is created with mode {mode:o}, not 600"
    finally:
        await db.close()


def test_the_exported_workbook_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    # The export holds every NIP and name, like a backup (0600).
    out = tmp_path / "rekap.xlsx"
    done = cli(tmp_path, "export", out)
    assert done.returncode == 0, done.stderr
    mode = stat.S_IMODE(out.stat().st_mode)
    assert mode & 0o077 == 0, f"the export is written with mode {mode:o}, not 600"


def restore_commands() -> list[str]:
    """The shell commands of README's "Restoring a backup", steps 3 and 4 (a chown is left
    out: the test runs as one user)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Restoring** a backup", 1)[1].split("\n5. ", 1)[0]
    steps = section.split("\n3. ", 1)[1]
    spans = re.findall(r"`([^`]+)`", " ".join(steps.split()))
    skip = ("chown", "sudo", "DATABASE_PATH=")
    return [s for s in spans if "retret.db" in s and not s.startswith(skip)]


def test_the_readme_restore_steps_work_as_written_in_the_bots_folder(tmp_path: Path) -> None:
    # Run literally where the bot lives (systemd's WorkingDirectory, the cron line's
    # `cd /opt/retret`), with the default DATABASE_PATH=data/retret.db.
    data = tmp_path / "data"
    data.mkdir()
    (data / "retret.db").write_bytes(b"current database")
    (data / "retret.db-wal").write_bytes(b"its latest writes")
    (data / "retret.db-shm").write_bytes(b"shared memory")
    backup = tmp_path / "backups" / "retret-Sen.db"
    backup.parent.mkdir()
    backup.write_bytes(b"the backup")
    commands = restore_commands()
    assert commands, "no restore commands found in README"
    script = " && ".join(c.replace("FILE", str(backup)) for c in commands)
    done = subprocess.run(["sh", "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, f"README restore steps fail as written: {script!r}: {done.stderr}"
    assert (data / "retret.db").read_bytes() == b"the backup", "the backup is not in DATABASE_PATH"
    assert not (data / "retret.db-wal").exists() and not (data / "retret.db-shm").exists()
    kept = sorted(p.read_bytes() for p in data.rglob("retret.db*") if p.parent != data)
    assert kept == [b"current database", b"its latest writes", b"shared memory"], kept


async def test_after_hapusdata_the_next_question_gets_a_new_number_and_reaches_the_organisers(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    # Budi asks question #1, then deletes his data. Ani's question took the freed number 1:
    # its copy to the organisers' group collided with Budi's delivery record
    # (key question:1:<group>) and was never sent, and a reply to Budi's old "#1" in the
    # group would have answered Ani.
    group = -100_888
    settings = make_settings(tmp_path, fake, organizer_chat_id=group)
    await seed_roster(settings)
    fake.group(group, title="Panitia Retret")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        budi, ani = rig.user(5101, "Budi"), rig.user(5102, "Ani")
        admin = rig.user(ADMIN_ID, "Panitia Satu")
        await enrol(rig, budi, BUDI)
        await enrol(rig, ani, "196903121994031005")
        await budi.send("/tanya Di mana ruang makan untuk makan siang?")
        await budi.reply_where(lambda m: "sudah diteruskan" in m.text and "nomor 1" in m.text)
        [old] = await fake.wait_for(lambda m: m.chat_id == group and "ruang makan" in m.text)
        assert rig.svc.outbox is not None
        await rig.svc.outbox.drain()
        await budi.send("/hapusdata")
        ask = await budi.reply_where(lambda m: has_button(m, "forget:no"))
        await budi.press(ask, next(d for _, d in ask.buttons if d.startswith("forget:yes:")))
        await budi.reply_where(lambda m: "sudah dihapus" in m.text)

        await ani.send("/tanya Jam berapa apel pagi besok?")
        sent = await ani.reply_where(lambda m: "sudah diteruskan" in m.text)
        assert "nomor 1)" not in sent.text, f"a deleted question's number is reused: {sent.text}"
        await rig.svc.outbox.drain()
        to_group = [m.text for m in fake.messages_to(group)]
        assert any("apel pagi" in text for text in to_group), (
            f"Ani's question never reached the organisers' group: {to_group}"
        )
        # A late reply to Budi's old question answers nobody.
        await fake.group_message(
            group, admin, "Di Gedung B, lantai 1.", title="Panitia Retret", reply_to=old
        )
        await fake.wait_for(
            lambda m: m.chat_id == group and "Pertanyaan #1 sudah dihapus" in m.text
        )
        await settle(rig, admin)
    assert not any("Gedung B" in m.text for m in fake.messages_to(ani.id))


async def test_answering_a_deleted_question_says_it_was_deleted_not_that_it_never_was(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    # The organiser sees "Pertanyaan #1" in the chat; after the asker's /hapusdata the bot
    # answered "Tidak ada pertanyaan nomor 1", which contradicts what is on the screen.
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        budi, admin = rig.user(5101, "Budi"), rig.user(ADMIN_ID, "Panitia Satu")
        await enrol(rig, budi, BUDI)
        await budi.send("/tanya Di mana ruang makan untuk makan siang?")
        await budi.reply_where(lambda m: "sudah diteruskan" in m.text and "nomor 1" in m.text)
        await admin.wait_for(lambda m: "Pertanyaan #1</b>" in m.text)
        await budi.send("/hapusdata")
        ask = await budi.reply_where(lambda m: has_button(m, "forget:no"))
        await budi.press(ask, next(d for _, d in ask.buttons if d.startswith("forget:yes:")))
        await budi.reply_where(lambda m: "sudah dihapus" in m.text)
        await admin.send("/jawab 1 Di Gedung B, lantai 1.")
        said = await admin.next_reply()
        assert "/hapusdata" in said.text, f"the organiser is not told #1 was deleted: {said.text}"
        await admin.send("/jawab 7 Di Gedung B.")  # never asked: as before
        said = await admin.next_reply()
        assert said.text.startswith("Tidak ada pertanyaan nomor 7."), said.text


def test_the_command_list_says_run_also_serves_a_webhook(tmp_path: Path) -> None:
    # `python -m bot --help` said "run: jalankan bot (long polling)" only, though `run
    # --webhook` (or WEBHOOK_URL) is how the README's deployment runs it.
    for lang in ("id", "en"):
        done = cli(tmp_path, "--lang", lang, "--help")
        line = next(x for x in done.stdout.splitlines() if x.strip().startswith("run "))
        assert "webhook" in line.lower(), f"`run` in --help ({lang}) names no webhook: {line!r}"


async def test_purge_leaves_nothing_queued_that_the_next_start_would_try_to_send(
    tmp_path: Path,
) -> None:
    # The bot is stopped mid-announcement (README: stop it before purging): its queued
    # messages stayed 'pending' with their text and chat wiped, and the next start's outbox
    # tried to send them: each send task died on `assert text is not None` and the rows
    # stayed 'sending' for ever.
    from db.outbox import NewMessage, enqueue
    from db.privacy import purge_personal_data
    from db.roster import get_entry
    from tests.helpers import enrol_entry

    path = tmp_path / "retret.db"
    db = await Database.open(path)
    try:
        entries, problems = load_roster_file(ROSTER)
        assert problems == []
        await upsert_roster(db, entries, at=0.0)
        entry = await get_entry(db, BUDI)
        assert entry is not None
        await enrol_entry(db, 5101, "Budi", entry, lang="id", at=1.0)
        queued = [
            NewMessage(
                key=f"{purpose}:1:5101",
                purpose=purpose,
                item="1",
                chat_id=5101,
                user_id=5101,
                payload={"text": "Pengumuman untuk Budi Santoso"},
            )
            for purpose in ("broadcast", "reminder")
        ]
        await enqueue(db, queued, at=1.0)
        await db.execute("UPDATE outbox SET status = 'sending' WHERE purpose = 'reminder'")
        await purge_personal_data(db)
        left = await db.fetchall("SELECT key, purpose, status, payload_json FROM outbox")
        stuck = [tuple(r) for r in left if r["status"] in ("pending", "sending")]
        assert stuck == [], f"purge left messages queued with their text wiped: {stuck}"
    finally:
        await db.close()
