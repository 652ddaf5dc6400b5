"""The command line speaks one language (issue 7, item 8): help, usage errors, results and
errors in DEFAULT_LANGUAGE or `--lang`; log lines stay off the terminal unless `-v`."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.test_cli import REPO, SAMPLE, cli

pytestmark = pytest.mark.slow


def test_help_follows_default_language_or_lang(tmp_path: Path) -> None:
    indonesian = cli(tmp_path, "--help")
    assert indonesian.returncode == 0, indonesian.stderr
    assert indonesian.stdout.startswith("penggunaan: python -m bot"), indonesian.stdout
    assert "tampilkan bantuan ini lalu keluar" in indonesian.stdout
    assert "impor agenda" in indonesian.stdout.lower()
    for english_word in ("usage:", "options", "show this help", "run the bot", "the roster"):
        assert english_word not in indonesian.stdout, english_word

    english = cli(tmp_path, "--lang", "en", "--help")
    assert english.stdout.startswith("usage: python -m bot"), english.stdout
    assert "show this help message and exit" in english.stdout
    assert "penggunaan" not in english.stdout
    assert cli(tmp_path, "--help", DEFAULT_LANGUAGE="en").stdout == english.stdout


def test_usage_errors_follow_the_language(tmp_path: Path) -> None:
    missing = cli(tmp_path, "import-roster")
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == ("kesalahan: argumen berikut wajib diisi: BERKAS"), (
        missing.stderr
    )
    assert missing.stderr.startswith("penggunaan: python -m bot import-roster")
    bad_date = cli(tmp_path, "preview", "--date", "2025-13-01")
    assert bad_date.returncode == 2
    assert bad_date.stderr.splitlines()[-1] == (
        "kesalahan: argumen --date: tanggal tidak sah: 2025-13-01 (tulis TTTT-BB-HH)"
    ), bad_date.stderr
    english = cli(tmp_path, "--lang", "en", "preview", "--date", "2025-13-01")
    assert english.stderr.splitlines()[-1] == (
        "error: argument --date: not a valid date: 2025-13-01 (write YYYY-MM-DD)"
    ), english.stderr


def test_results_and_errors_follow_the_language(tmp_path: Path) -> None:
    result = cli(tmp_path, "import-roster", "tidak-ada.csv")
    assert result.stderr == "kesalahan: Berkas tidak ditemukan: tidak-ada.csv\n"
    english = cli(tmp_path, "--lang", "en", "import-roster", "tidak-ada.csv")
    assert english.stderr == "error: File not found: tidak-ada.csv\n"
    imported = cli(tmp_path, "--lang", "en", "import-agenda", SAMPLE)
    assert imported.stdout.startswith("Agenda imported: 43 sessions"), imported.stdout
    run = cli(tmp_path, "run")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "kesalahan: BOT_TOKEN belum diisi: perintah run memerlukannya "
        "(token dari @BotFather, ditulis di .env)."
    ]
    bad = cli(tmp_path, "--lang", "en", "check", ADMIN_IDS="panitia")
    assert bad.stderr.splitlines() == [
        "error: ADMIN_IDS: must be a list of numbers (Telegram IDs) separated by commas, "
        "e.g. 12345,67890"
    ]


def test_log_lines_stay_off_the_terminal_unless_verbose(tmp_path: Path) -> None:
    quiet = cli(tmp_path, "import-agenda", SAMPLE)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == "", quiet.stderr  # no "applying migration 0001"
    assert quiet.stdout.startswith("Agenda diimpor:")
    verbose = cli(tmp_path, "-v", "import-agenda", SAMPLE, db=tmp_path / "y.db")
    assert verbose.returncode == 0, verbose.stderr
    assert "applying migration 0001" in verbose.stderr
    also = cli(tmp_path, "check", "--verbose", db=tmp_path / "z.db", BOT_TOKEN="1:x")
    assert "applying migration 0001" in also.stderr


def test_database_problems_are_said_in_the_language(tmp_path: Path) -> None:
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("a file where a folder should be\n", encoding="utf-8")
    path = blocker / "retret.db"
    result = cli(tmp_path, "check", db=path, BOT_TOKEN="1:x")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    said = f"kesalahan: DATABASE_PATH: basis data {path} tidak dapat dibuka ("
    assert lines[0].startswith(said), lines[0]
    english = cli(tmp_path, "--lang", "en", "check", db=path, BOT_TOKEN="1:x")
    assert english.stderr.startswith(f"error: DATABASE_PATH: cannot open the database {path} (")

    latest = max(int(f.name[:4]) for f in (REPO / "db" / "migrations").glob("[0-9]*.sql"))
    newer = tmp_path / "baru.db"
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("PRAGMA user_version = 99")
    result = cli(tmp_path, "check", db=newer, BOT_TOKEN="1:x")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"kesalahan: DATABASE_PATH: basis data {newer} memakai skema 99, sedangkan versi bot ini "
        f"mengenal sampai skema {latest}; gunakan versi bot yang lebih baru."
    ]
