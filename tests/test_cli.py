"""The command line (SPEC §4), run as organisers run it: `python -m bot ...` in a subprocess."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import JKT, ROSTER

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "bot" / "data" / "sample_event.yaml"
# Every variable of SPEC §3: none may leak into the subprocess from the test environment.
SETTINGS_VARS = {
    "BOT_TOKEN",
    "ADMIN_IDS",
    "DATABASE_PATH",
    "EVENT_FILE",
    "DEFAULT_LANGUAGE",
    "REGISTRATION_MODE",
    "ORGANIZER_CHAT_ID",
    "SEND_RATE",
    "TELEGRAM_BASE_URL",
    "TELEGRAM_BASE_FILE_URL",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "WEBHOOK_PORT",
    "WEBHOOK_LISTEN",
    "REHEARSE_FROM",
    "REHEARSE_SPEED",
    "LOG_LEVEL",
}


def cli_env(tmp_path: Path, db: Path | None = None, **env: str | None) -> dict[str, str]:
    """The environment of `cli`: a database in tmp_path, an empty token, nothing else set;
    a variable given as None is left out altogether."""
    clean = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS_VARS}
    pythonpath = os.pathsep.join(p for p in (str(REPO), clean.get("PYTHONPATH", "")) if p)
    full: dict[str, str | None] = {
        **clean,
        "PYTHONPATH": pythonpath,
        "DATABASE_PATH": str(db or tmp_path / "x.db"),
        "BOT_TOKEN": "",
        **env,
    }
    return {k: v for k, v in full.items() if v is not None}


def cli(
    tmp_path: Path, *args: str | Path, db: Path | None = None, **env: str | None
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with a database in tmp_path, no token, and no stray .env."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *map(str, args)],
        env=cli_env(tmp_path, db, **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a query on the bot's SQLite file."""
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.execute(sql).fetchall())


def agenda_in_force(db: Path) -> list[tuple[Any, ...]]:
    """The event and every session as stored, for before/after comparisons."""
    return query(db, "SELECT * FROM event") + query(db, "SELECT * FROM sessions ORDER BY id")


# ---------------------------------------------------------------- import-roster


def test_import_roster_counts_new_updated_and_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    first = cli(tmp_path, "import-roster", ROSTER)
    assert first.returncode == 0, first.stderr
    assert (
        first.stdout.strip() == "Daftar peserta diimpor: 24 baru, 0 diperbarui, 0 tetap; total 24."
    )
    assert query(db, "SELECT COUNT(*) FROM roster") == [(24,)]

    again = cli(tmp_path, "import-roster", ROSTER)
    assert again.returncode == 0, again.stderr
    assert "0 baru, 0 diperbarui, 24 tetap; total 24" in again.stdout

    moved = tmp_path / "roster.csv"
    moved.write_text(
        ROSTER.read_text(encoding="utf-8").replace(
            "Dinas Komunikasi dan Informatika,Kelompok 1",
            "Dinas Komunikasi dan Informatika,Kelompok 6",
        ),
        encoding="utf-8",
    )
    updated = cli(tmp_path, "import-roster", moved)
    assert updated.returncode == 0, updated.stderr
    assert "0 baru, 1 diperbarui, 23 tetap; total 24" in updated.stdout
    assert query(db, "SELECT grp FROM roster WHERE nip = '198507142010011003'") == [("Kelompok 6",)]


def test_broken_roster_is_refused_whole_with_every_problem_by_row(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert cli(tmp_path, "import-roster", ROSTER).returncode == 0
    before = query(db, "SELECT * FROM roster ORDER BY nip")
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "nip,name,position,unit,group\n"
        "199203152015031001,Orang Baru,Lurah,Kelurahan Baru,Kelompok 2\n"  # row 2: fine
        "19920315201503100,Nip Pendek,Camat,Kecamatan X,Kelompok 2\n"  # row 3: 17 digits
        "199203152015031001,Kembar,Lurah,Kelurahan Y,Kelompok 3\n"  # row 4: same NIP as row 2
        "197204181998032004,,Kepala OPD,Dinas Pendidikan,Kelompok 3\n",  # row 5: no name
        encoding="utf-8",
    )
    result = cli(tmp_path, "import-roster", broken)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "Berkas ditolak (3 masalah); data yang berlaku tidak diubah:"
    assert lines[1:] == [
        "  - Baris 3, kolom nip: NIP harus 18 digit; yang Bapak/Ibu kirim 17 digit.",
        "  - Baris 4, kolom nip: NIP **************1001 sudah tercantum di baris 2.",
        "  - Baris 5, kolom name: Wajib diisi.",
    ]
    assert "199203152015031001" not in result.stdout + result.stderr  # NIPs stay masked
    assert (
        result.stderr.strip().splitlines()[-1].startswith("kesalahan: Berkas ditolak (3 masalah)")
    )
    assert "Traceback" not in result.stderr
    assert query(db, "SELECT * FROM roster ORDER BY nip") == before
    assert len(before) == 24


def test_import_roster_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = cli(tmp_path, "import-roster", "tidak-ada.csv")
    assert result.returncode == 2
    assert result.stderr.strip() == "kesalahan: Berkas tidak ditemukan: tidak-ada.csv"


# ---------------------------------------------------------------- import-agenda

BROKEN_YAML = """\
event:
  name: Retret Rusak
  timezone: Asia/Jakarta
sessions:
  - id: s1
    date: 2025-05-15
    start: "08:00"
    end: "07:00"
    title: Pembukaan
    kind: ceremony
  - id: s1
    date: 2025-13-01
    start: "25:00"
    end: "10:00"
    title: Kedua
    kind: party
  - id: s3
    date: 2025-05-16
    start: "09:00"
    end: "10:00"
    kind: session
"""


def test_broken_yaml_agenda_is_refused_whole_and_the_agenda_in_force_stays(
    tmp_path: Path,
) -> None:
    db = tmp_path / "x.db"
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    before = agenda_in_force(db)
    preview_before = cli(tmp_path, "preview").stdout
    broken = tmp_path / "rusak.yaml"
    broken.write_text(BROKEN_YAML, encoding="utf-8")

    result = cli(tmp_path, "import-agenda", broken)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        "Berkas ditolak (6 masalah); data yang berlaku tidak diubah:",
        "  - Sesi ke-1, kolom end: Jam selesai (07.00) harus sesudah jam mulai (08.00).",
        "  - Sesi ke-2, kolom id: ID “s1” sudah dipakai oleh sesi ke-1; "
        "setiap sesi perlu ID sendiri.",
        "  - Sesi ke-2, kolom date: Tanggal “2025-13-01” tidak sah; "
        "tulis TTTT-BB-HH, misalnya 2025-05-15.",
        "  - Sesi ke-2, kolom start: Jam “25:00” tidak sah; "
        "tulis JJ.MM atau JJ:MM antara 00.00 dan 23.59.",
        "  - Sesi ke-2, kolom kind: Jenis kegiatan “party” tidak dikenal. "
        "Pilih salah satu: assembly, session, ceremony, activity, meal, break, free.",
        "  - Sesi ke-3, kolom title: Wajib diisi.",
    ]
    assert "Traceback" not in result.stderr
    assert agenda_in_force(db) == before
    assert len(before) == 1 + 43
    assert cli(tmp_path, "preview").stdout == preview_before


def test_good_csv_agenda_replaces_the_agenda_and_prints_the_summary(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    csv_file = tmp_path / "agenda.csv"
    csv_file.write_text(
        "id,date,start,end,title,kind,location,speaker,description,audience,remind,"
        "title_en,location_en,description_en\n"
        "d1-pembukaan,2025-05-15,09.00,10.00,Upacara Pembukaan,ceremony,"
        "Lapangan Apel Poltekad,Wali Kota Malang,,all,30;5,,,\n"
        "d1-baru,2025-05-15,10:15,11:00,Sesi Baru,session,Aula Utama,,,Camat;Lurah,,,,\n"
        "d2-apel-pagi,2025-05-16,05:30,06:00,Apel Pagi,assembly,Lapangan Apel Poltekad,"
        "Perwira Pengasuh Poltekad,Pakaian olahraga. Berbaris per kelompok.,all,,"
        "Morning Assembly,Army Polytechnic parade ground,Sportswear. Line up by group.\n",
        encoding="utf-8",
    )
    result = cli(tmp_path, "import-agenda", csv_file)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Agenda diimpor: 3 sesi dalam 2 hari (1 baru, 1 berubah, 41 dihapus); "
        "0 pemberitahuan perubahan diantrekan."
    )
    assert query(db, 'SELECT id, date, start, "end" FROM sessions ORDER BY date, start') == [
        ("d1-pembukaan", "2025-05-15", "09:00", "10:00"),
        ("d1-baru", "2025-05-15", "10:15", "11:00"),
        ("d2-apel-pagi", "2025-05-16", "05:30", "06:00"),
    ]
    # the event itself (name, zone, daily schedule) is kept from the agenda in force
    assert query(db, "SELECT name FROM event") == [
        ("Pelatihan Leadership dan Penguatan Teamwork Building",)
    ]


# ---------------------------------------------------------------- check and settings


TOKEN = "123456:AAFakeTokenForTheCommandLine"  # check never calls Telegram


def test_check_passes_on_a_fresh_install(tmp_path: Path) -> None:
    result = cli(tmp_path, "check", BOT_TOKEN=TOKEN)
    assert result.returncode == 0, result.stderr
    # the schema is the newest migration shipped
    latest = max(int(f.name[:4]) for f in (REPO / "db" / "migrations").glob("[0-9]*.sql"))
    assert result.stdout.strip() == (
        f"OK: pengaturan, basis data (skema {latest}) dan agenda (43 sesi) valid."
    )


@pytest.mark.parametrize("token", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_check_without_a_token_says_run_needs_it(tmp_path: Path, token: str | None) -> None:
    result = cli(tmp_path, "check", BOT_TOKEN=token)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "kesalahan: BOT_TOKEN belum diisi: perintah run memerlukannya "
        "(token dari @BotFather, ditulis di .env)."
    ]
    english = cli(tmp_path, "check", BOT_TOKEN=token, DEFAULT_LANGUAGE="en")
    assert english.returncode == 2
    assert english.stderr.splitlines() == [
        "error: BOT_TOKEN is not set: the run command needs it "
        "(the token from @BotFather, written in .env)."
    ]


def test_imports_and_preview_work_without_a_token(tmp_path: Path) -> None:
    agenda = cli(tmp_path, "import-agenda", SAMPLE, BOT_TOKEN=None)
    assert agenda.returncode == 0, agenda.stderr
    assert agenda.stdout.startswith("Agenda diimpor: 43 sesi")
    roster = cli(tmp_path, "import-roster", ROSTER, BOT_TOKEN=None)
    assert roster.returncode == 0, roster.stderr
    assert roster.stdout.startswith("Daftar peserta diimpor: 24 baru")
    preview = cli(tmp_path, "preview", "--date", "2025-05-16", BOT_TOKEN=None)
    assert preview.returncode == 0, preview.stderr
    assert "\n04.50  ringkasan pagi" in preview.stdout
    invites = cli(tmp_path, "invites", "--bot", "retret_bot", BOT_TOKEN=None)
    assert invites.returncode == 0, invites.stderr
    assert len(invites.stdout.splitlines()) == 24
    assert "BOT_TOKEN" not in agenda.stderr + roster.stderr + preview.stderr + invites.stderr


def test_check_reports_a_missing_event_file_even_with_an_agenda_in_the_database(
    tmp_path: Path,
) -> None:
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    missing = tmp_path / "acara-baru.yaml"
    result = cli(tmp_path, "check", BOT_TOKEN=TOKEN, EVENT_FILE=str(missing))
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"kesalahan: EVENT_FILE: berkas tidak ditemukan: {missing}"
    ]
    # and with an empty database, where run would load it
    fresh = cli(tmp_path, "check", db=tmp_path / "y.db", BOT_TOKEN=TOKEN, EVENT_FILE=str(missing))
    assert fresh.returncode == 2
    assert fresh.stderr.splitlines() == [
        f"kesalahan: EVENT_FILE: berkas tidak ditemukan: {missing}"
    ]


def test_check_reports_a_broken_event_file_even_with_an_agenda_in_the_database(
    tmp_path: Path,
) -> None:
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    broken = tmp_path / "rusak.yaml"
    broken.write_text(BROKEN_YAML, encoding="utf-8")
    result = cli(tmp_path, "check", BOT_TOKEN=TOKEN, EVENT_FILE=str(broken))
    assert result.returncode == 2, result.stdout
    assert result.stdout.startswith("Berkas ditolak (6 masalah)")
    assert result.stderr.splitlines() == [f"kesalahan: EVENT_FILE: {broken}"]


def test_check_passes_with_a_good_event_file(tmp_path: Path) -> None:
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    result = cli(tmp_path, "check", BOT_TOKEN=TOKEN, EVENT_FILE=str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_preview_with_a_missing_event_file_on_a_fresh_install_is_one_line(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "tidak-ada.yaml"
    result = cli(tmp_path, "preview", EVENT_FILE=str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.splitlines()[-1]
        == f"kesalahan: EVENT_FILE: berkas tidak ditemukan: {missing}"
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SEND_RATE", "abc"), ("ADMIN_IDS", "panitia"), ("DEFAULT_LANGUAGE", "fr")],
)
def test_malformed_setting_is_one_line_naming_it(tmp_path: Path, variable: str, value: str) -> None:
    result = cli(tmp_path, "check", **{variable: value})
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kesalahan: {variable}: ")
    assert "Traceback" not in result.stderr


def test_running_without_a_token_is_one_line_naming_it(tmp_path: Path) -> None:
    result = cli(tmp_path)  # `python -m bot` is `python -m bot run`
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("kesalahan: BOT_TOKEN belum diisi")
    assert "Traceback" not in result.stderr


def test_unusable_database_path_is_one_line_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("a file where a folder should be\n", encoding="utf-8")
    result = cli(tmp_path, "check", db=blocker / "retret.db", BOT_TOKEN=TOKEN)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert "DATABASE_PATH" in result.stderr


@pytest.mark.slow
def test_unreachable_bot_api_is_one_line_naming_it(tmp_path: Path) -> None:
    # port 9 (discard) on loopback: nothing listens, the connection is refused at once
    result = cli(tmp_path, "run", BOT_TOKEN="1:x", TELEGRAM_BASE_URL="http://127.0.0.1:9/bot")
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("kesalahan: TELEGRAM_BASE_URL")


# ---------------------------------------------------------------- preview


def timeline(stdout: str) -> list[str]:
    """The lines of a preview that list a message: `HH.MM  kind  N penerima  text`."""
    return [line for line in stdout.splitlines() if re.match(r"\d\d\.\d\d  ", line)]


def expected_plan(day: date) -> list[tuple[str, str]]:
    """(HH.MM, kind) of every automatic message of the sample agenda on `day`, from SPEC §8
    and the sample's `schedule`: briefing, reminders, reflection prompt and nudge."""
    with SAMPLE.open(encoding="utf-8") as fh:
        sample = yaml.safe_load(fh)
    cfg = sample["schedule"]
    items = [
        (cfg["morning_briefing"], "ringkasan pagi"),
        (cfg["reflection_prompt"], "refleksi"),
        (cfg["reflection_nudge"], "refleksi lanjutan"),
    ]
    for s in sample["sessions"]:
        if s["date"] != day:
            continue
        if "remind" in s:
            leads = s["remind"]
        elif s["kind"] == "assembly":
            leads = [cfg["assembly_reminder_minutes"]]
        elif s["kind"] in ("meal", "break", "free"):
            leads = []
        else:
            leads = [cfg["reminder_minutes"]]
        start = datetime.combine(day, time.fromisoformat(s["start"]), tzinfo=JKT)
        kind = "pengingat apel" if s["kind"] == "assembly" else "pengingat"
        items += [((start - timedelta(minutes=n)).strftime("%H:%M"), kind) for n in leads]
    return sorted((hhmm.replace(":", "."), kind) for hhmm, kind in items)


def test_preview_lists_a_days_messages_in_time_order(tmp_path: Path) -> None:
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    result = cli(tmp_path, "preview", "--date", "2025-05-16")
    assert result.returncode == 0, result.stderr
    assert "Jumat, 16 Mei 2025 · hari ke-2 dari 3" in result.stdout.splitlines()
    lines = timeline(result.stdout)
    times = [line[:5] for line in lines]
    assert times == sorted(times)
    got = sorted((line[:5], line[7:27].strip()) for line in lines)  # the kind column
    assert got == expected_plan(date(2025, 5, 16))
    assert lines[0].startswith("04.50  ringkasan pagi")
    assert "Selamat pagi" in lines[0]
    apel = next(line for line in lines if line.startswith("05.00"))
    assert "pengingat apel" in apel
    assert "Apel Pagi dimulai 30 menit lagi, pukul 05.30 WIB" in apel
    assert any("Breakout Camat" in line for line in lines)
    assert not any("ISHOMA" in line for line in lines)  # meals are not reminded


def test_preview_shows_a_title_as_written_not_as_html(tmp_path: Path) -> None:
    title = 'Apel "Pagi" <Kelompok 1 & 2> & Tamu'
    agenda = tmp_path / "acara.yaml"
    agenda.write_text(
        # the first "Apel Pagi" of the sample is d2-apel-pagi, on 2025-05-16
        SAMPLE.read_text(encoding="utf-8").replace("title: Apel Pagi", f"title: '{title}'", 1),
        encoding="utf-8",
    )
    assert cli(tmp_path, "import-agenda", agenda).returncode == 0
    result = cli(tmp_path, "preview", "--date", "2025-05-16", "--full")
    assert result.returncode == 0, result.stderr
    assert f"    ⏰ {title} dimulai 30 menit lagi, pukul 05.30 WIB." in result.stdout.splitlines()
    assert "&lt;" not in result.stdout and "&quot;" not in result.stdout


def test_preview_of_a_day_without_event_says_so(tmp_path: Path) -> None:
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    result = cli(tmp_path, "preview", "--date", "2025-06-01")
    assert result.returncode == 0
    assert result.stdout.strip() == "Tidak ada pesan otomatis pada tanggal itu."


def test_preview_on_a_fresh_install_previews_the_agenda_the_bot_will_load(
    tmp_path: Path,
) -> None:
    result = cli(tmp_path, "preview", "--date", "2025-05-16")
    assert result.returncode == 0, result.stderr
    assert timeline(result.stdout)[0].startswith("04.50  ringkasan pagi")

    own = tmp_path / "acara.yaml"
    own.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            'morning_briefing: "04:50"', 'morning_briefing: "05:00"'
        ),
        encoding="utf-8",
    )
    result = cli(
        tmp_path, "preview", "--date", "2025-05-16", db=tmp_path / "y.db", EVENT_FILE=str(own)
    )
    assert result.returncode == 0, result.stderr
    assert timeline(result.stdout)[0].startswith("05.00  ringkasan pagi")


# ---------------------------------------------------------------- output into a closed pipe

PIPE_SIZE = 4096  # the smallest pipe Linux allows: one page


def cli_into_head(tmp_path: Path, *args: str, buffered: bool) -> tuple[str, int, str]:
    """`python -m bot ARGS | head -1`: stdout is a pipe whose reader takes one line and closes
    it. The pipe holds one page and the command prints more than that, so it is still writing
    when the reader goes. (the line read, exit status, stderr)"""
    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_SETPIPE_SZ"):
        pytest.skip("needs Linux pipes")
    read_fd, write_fd = os.pipe()
    fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    assert fcntl.fcntl(write_fd, fcntl.F_GETPIPE_SZ) == PIPE_SIZE
    with open(write_fd, "wb") as write_end:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            env=cli_env(tmp_path, PYTHONUNBUFFERED=None if buffered else "1"),
            cwd=tmp_path,
            stdout=write_end,
            stderr=subprocess.PIPE,
        )
    line = b""
    with open(read_fd, "rb", buffering=0) as read_end:
        while not line.endswith(b"\n"):
            byte = read_end.read(1)
            if not byte:
                break
            line += byte
    _, stderr = proc.communicate(timeout=60)
    return line.decode(), proc.returncode, stderr.decode()


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_preview_into_a_pipe_closed_early_exits_quietly(tmp_path: Path, buffered: bool) -> None:
    # the sample's three days, run three times over: some 15 KB of preview
    with SAMPLE.open(encoding="utf-8") as fh:
        agenda = yaml.safe_load(fh)
    agenda["sessions"] += [
        {**s, "id": f"{s['id']}-{week}", "date": s["date"] + timedelta(weeks=week)}
        for week in (1, 2)
        for s in agenda["sessions"]
    ]
    longer = tmp_path / "acara.yaml"
    longer.write_text(yaml.safe_dump(agenda, allow_unicode=True), encoding="utf-8")
    assert cli(tmp_path, "import-agenda", longer).returncode == 0
    whole = cli(tmp_path, "preview").stdout.encode()
    assert len(whole) > 3 * PIPE_SIZE  # so the reader leaves long before the writer is done
    line, status, stderr = cli_into_head(tmp_path, "preview", buffered=buffered)
    assert line.startswith("Pratinjau pesan otomatis")
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert stderr == "", stderr
    assert status == 1


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_invites_into_a_pipe_closed_early_exits_quietly(tmp_path: Path, buffered: bool) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "nip,name,position,unit,group\n"
        + "".join(
            f"198001012005011{n:03d},Peserta {n},Lurah,Kelurahan {n},Kelompok {n % 6 + 1}\n"
            for n in range(1, 301)
        ),
        encoding="utf-8",
    )
    assert cli(tmp_path, "import-roster", roster).returncode == 0
    line, status, stderr = cli_into_head(
        tmp_path, "invites", "--bot", "retret_bot", buffered=buffered
    )
    assert line.startswith("Peserta ") and "https://t.me/retret_bot?start=" in line
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert stderr == "", stderr
    assert status == 1
