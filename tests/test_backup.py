"""`python -m bot backup FILE` and `check --backup FILE` (issue 10 item 3).

Must show: a backup taken while the bot is in the middle of a fan-out (an announcement to 300
through the outbox) opens, passes PRAGMA integrity_check and holds every row committed before
it started. Plus the command line: an existing FILE refused, --force, a damaged file refused by
`check --backup` with one clear line, in the command line's language."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from bot.clock import Clock
from db.database import Database
from tests.conftest import ADMIN_ID, ROSTER, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_bulk, settle
from tests.test_broadcasts import compose, preview
from tests.test_cli import cli, cli_env

TEXT = "Cadangan diambil selagi pengumuman ini dikirim"


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query on an SQLite file, opened read-only."""
    with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return list(conn.execute(sql).fetchall())


async def rows(db: Database, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query through the running bot's own (committed-data) reader."""
    return [tuple(r) for r in await db.fetchall(sql)]


@pytest.mark.slow
async def test_backup_during_a_fan_out_to_300_is_sound_and_holds_the_rows_committed_before(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    people = [(50_000 + i, "Lurah", f"Kelompok {1 + i % 6}") for i in range(300)]
    await register_bulk(settings, fake, people)
    relax_chat_limits(fake)
    target = tmp_path / "cadangan" / "retret-backup.db"
    # After noon on day 1: the morning's briefing has lapsed, only the announcement goes.
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 12:10"))) as rig:
        admin = fake.user(ADMIN_ID, "Panitia")
        summary, count = await preview(admin, await compose(admin, lambda: admin.send(TEXT)))
        assert count == 300
        await admin.press(summary, "bc:now")
        # 25 a second: the 300 take about 12 s; back up once 20 have arrived.
        await fake.wait_for(lambda m: m.text == TEXT, count=20, timeout=60)
        db = rig.svc.db
        participants = await rows(db, "SELECT user_id, nip, name FROM participants ORDER BY 1")
        queued = await rows(db, "SELECT id, key, chat_id FROM outbox ORDER BY id")
        sent = await rows(db, "SELECT id FROM outbox WHERE status = 'sent' ORDER BY id")
        # The organiser's command, in a process of its own, as on the server.
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "backup",
            str(target),
            env=cli_env(tmp_path, Path(settings.database_path)),
            cwd=str(tmp_path),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), 60)
        arrived = len([m for m in fake.sent if m.text == TEXT])
        assert proc.returncode == 0, err.decode()
        assert arrived < 300, "the fan-out was over before the backup finished: nothing tested"
        # The bot went on: everyone still gets the announcement once.
        await fake.wait_for(lambda m: m.text == TEXT, count=301, timeout=60)  # + the preview
        await settle(rig)

    assert out.decode().startswith(f"Cadangan ditulis ke {target} ("), out.decode()
    assert "diperiksa: utuh, skema" in out.decode() and "300 peserta terdaftar" in out.decode()
    assert [p.name for p in target.parent.iterdir()] == [target.name], "a leftover temporary file"
    assert query(target, "PRAGMA integrity_check") == [("ok",)]
    assert query(target, "SELECT user_id, nip, name FROM participants ORDER BY 1") == participants
    copied = query(target, "SELECT id, key, chat_id FROM outbox ORDER BY id")
    assert set(queued) <= set(copied), "outbox rows committed before the backup are missing"
    assert len([q for q in copied if q[2] != ADMIN_ID]) >= 300, "the fan-out's rows"
    still_sent = query(target, "SELECT id FROM outbox WHERE status = 'sent' ORDER BY id")
    assert set(sent) <= set(still_sent), "rows sent before the backup are not sent in it"
    # ...and it is a whole snapshot, never a mix: what it calls sent, the live file does too.
    assert set(still_sent) <= set(query(Path(settings.database_path), "SELECT id FROM outbox"))
    checked = cli(tmp_path, "check", "--backup", target)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"OK: cadangan {target} utuh"), checked.stdout
    assert "300 peserta terdaftar" in checked.stdout


# ---------------------------------------------------------------- the command line


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """A bot database holding the sample roster."""
    db = tmp_path / "retret.db"
    done = cli(tmp_path, "import-roster", ROSTER, db=db)
    assert done.returncode == 0, done.stderr
    return db


def test_backup_refuses_an_existing_file_and_leaves_it_untouched(
    tmp_path: Path, live: Path
) -> None:
    target = tmp_path / "old-backup.db"
    target.write_bytes(b"an earlier backup")
    done = cli(tmp_path, "backup", target, db=live)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"kesalahan: Berkas {target} sudah ada dan tidak ditimpa; "
        "pilih nama lain atau tambahkan --force.\n"
    )
    assert target.read_bytes() == b"an earlier backup"
    english = cli(tmp_path, "backup", target, "--lang", "en", db=live)
    assert english.stderr == (
        f"error: {target} already exists and was not overwritten; "
        "choose another name or add --force.\n"
    )


def test_backup_with_force_replaces_the_file_with_a_sound_copy(tmp_path: Path, live: Path) -> None:
    target = tmp_path / "old-backup.db"
    target.write_bytes(b"an earlier backup")
    done = cli(tmp_path, "backup", target, "--force", db=live, DEFAULT_LANGUAGE="en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Backup written to {target} ("), done.stdout
    assert done.stdout.endswith("checked: sound, schema 9, 0 registered participants.\n")
    assert query(target, "PRAGMA integrity_check") == [("ok",)]
    assert query(target, "SELECT nip FROM roster ORDER BY nip") == query(
        live, "SELECT nip FROM roster ORDER BY nip"
    )
    assert query(target, "PRAGMA journal_mode") == [("delete",)]  # one file, no -wal beside it
    assert target.stat().st_mode & 0o777 == 0o600  # personal data: its owner only
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".old")) == []


def test_backup_refuses_the_database_itself_and_a_missing_database(tmp_path: Path) -> None:
    missing = cli(tmp_path, "backup", tmp_path / "b.db", db=tmp_path / "none.db")
    assert missing.returncode == 2
    assert missing.stderr == (
        f"kesalahan: DATABASE_PATH: basis data {tmp_path / 'none.db'} tidak ditemukan; "
        "tidak ada yang dicadangkan.\n"
    )
    assert not (tmp_path / "b.db").exists() and not (tmp_path / "none.db").exists()
    db = tmp_path / "retret.db"
    assert cli(tmp_path, "import-roster", ROSTER, db=db).returncode == 0
    before = db.read_bytes()
    itself = cli(tmp_path, "backup", db, "--force", db=db)
    assert itself.returncode == 2
    assert "tidak dapat ditulis ke basis data itu sendiri" in itself.stderr
    assert db.read_bytes() == before


def _damage(path: Path, table: str) -> None:
    """Overwrite the first bytes of `table`'s root page (its b-tree page header)."""
    page_size = query(path, "PRAGMA page_size")[0][0]
    root = query(path, f"SELECT rootpage FROM sqlite_schema WHERE name = '{table}'")[0][0]
    data = bytearray(path.read_bytes())
    offset = (root - 1) * page_size
    data[offset : offset + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))


def test_check_backup_refuses_a_damaged_file_with_one_clear_line(
    tmp_path: Path, live: Path
) -> None:
    target = tmp_path / "b.db"
    assert cli(tmp_path, "backup", target, db=live).returncode == 0
    ok = cli(tmp_path, "check", "--backup", target, "--lang", "en")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == (
        f"OK: the backup {target} is sound (PRAGMA integrity_check: ok), schema 9, "
        "0 registered participants.\n"
    )
    _damage(target, "roster")
    bad = cli(tmp_path, "check", "--backup", target)
    assert bad.returncode == 2
    assert bad.stdout == ""
    lines = bad.stderr.splitlines()
    assert len(lines) == 1, bad.stderr
    assert lines[0].startswith(f"kesalahan: Cadangan {target} rusak"), lines[0]
    bad_en = cli(tmp_path, "check", "--backup", target, "--lang", "en")
    assert bad_en.stderr.startswith(f"error: The backup {target} is damaged"), bad_en.stderr


def test_check_backup_refuses_junk_a_missing_file_and_a_foreign_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is no database at all" * 200)
    done = cli(tmp_path, "check", "--backup", junk)
    assert done.returncode == 2
    assert done.stderr == (
        f"kesalahan: Cadangan {junk} rusak atau bukan basis data SQLite"
        " (pesan SQLite: file is not a database)\n"
    )
    assert junk.read_bytes() == b"this is no database at all" * 200
    missing = cli(tmp_path, "check", "--backup", tmp_path / "nope.db", "--lang", "en")
    assert missing.stderr == f"error: No such backup file: {tmp_path / 'nope.db'}\n"
    foreign = tmp_path / "other.db"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE t (x)")
    done = cli(tmp_path, "check", "--backup", foreign)
    assert done.stderr == (
        f"kesalahan: {foreign} adalah basis data SQLite, tetapi bukan basis data bot ini.\n"
    )


def test_check_backup_refuses_a_backup_newer_than_this_bot(tmp_path: Path, live: Path) -> None:
    target = tmp_path / "b.db"
    assert cli(tmp_path, "backup", target, db=live).returncode == 0
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("PRAGMA user_version = 99")
    done = cli(tmp_path, "check", "--backup", target, "--lang", "en")
    assert done.returncode == 2
    assert done.stderr == (
        f"error: The backup {target} has schema 99, while this version of the bot knows up to "
        "schema 9; restore it with a newer version of the bot.\n"
    )


# ---------------------------------------------------------------- the copy itself


async def test_a_paged_copy_finishes_while_another_connection_commits_all_the_time(
    tmp_path: Path,
) -> None:
    """Page by page, yet one snapshot: without the read transaction held across the steps,
    every commit by the running bot restarts SQLite's backup from page 1 and a copy in small
    steps never ends while the bot is busy."""
    from db.backup import copy_database

    source = tmp_path / "retret.db"
    db = await Database.open(source)
    await db.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, v BLOB)")
    await db.executemany("INSERT INTO filler (v) VALUES (randomblob(1000))", [()] * 4000)
    await db.close()
    stop, busy = asyncio.Event(), asyncio.Event()
    commits = 0

    async def write() -> None:  # the busy bot: one small commit after another
        nonlocal commits
        writer = await Database.open(source)
        try:
            while not stop.is_set():
                await writer.execute(
                    "UPDATE filler SET v = randomblob(1000) WHERE id = ?", (1 + commits % 4000,)
                )
                commits += 1
                if commits == 5:
                    busy.set()
                await asyncio.sleep(0)
        finally:
            await writer.close()

    steps: list[int] = []

    def step(left: int) -> None:  # a slow disk: the bot commits between steps
        steps.append(left)
        time.sleep(0.002)

    task = asyncio.create_task(write())
    try:
        await asyncio.wait_for(busy.wait(), 30)
        pages = await asyncio.wait_for(
            copy_database(source, tmp_path / "copy.db", pages=8, progress=step), 60
        )
    finally:
        stop.set()
        await task
    assert commits > 5
    assert len(steps) >= pages // 8, "the copy was not taken in steps"
    assert query(tmp_path / "copy.db", "PRAGMA integrity_check") == [("ok",)]
    assert query(tmp_path / "copy.db", "SELECT count(*) FROM filler") == [(4000,)]
