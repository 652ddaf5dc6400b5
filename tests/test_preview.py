"""`python -m bot preview` for a committee meeting (issue 7, item 7): templates, not anyone's
own text; one language at a time; lines cut at a word; `--full` for whole messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.roster import load_roster_file
from db import Database
from tests.conftest import BUDI, ROSTER
from tests.helpers import enrol_entry
from tests.test_cli import SAMPLE, cli

pytestmark = pytest.mark.slow

DAY = "2025-05-16"
WIDTH = 100  # what `preview --help` promises
TATA_KELOLA = (
    "⏰ Tata Kelola Pemerintahan Daerah dan Sinergi Pusat–Daerah dimulai 30 menit lagi, "
    "pukul 08.00 WIB."
)


async def enrol_budi(db_path: Path) -> None:
    """Budi Santoso (roster_sample.csv), registered straight in the database."""
    entries, problems = load_roster_file(ROSTER)
    assert not problems
    budi = next(e for e in entries if e.nip == BUDI)
    db = await Database.open(db_path)
    try:
        await enrol_entry(db, 4242, "Budi", budi, lang="id", at=0.0)
    finally:
        await db.close()


def preview(tmp_path: Path, *args: str, **env: str | None) -> list[str]:
    """The output lines of `preview --date DAY ARGS` (exit status 0)."""
    result = cli(tmp_path, "preview", "--date", DAY, *args, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


async def test_preview_shows_a_template_with_a_placeholder_not_a_participants_own_text(
    tmp_path: Path,
) -> None:
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    assert cli(tmp_path, "import-roster", ROSTER).returncode == 0
    await enrol_budi(tmp_path / "x.db")
    lines = preview(tmp_path)
    text = "\n".join(lines)
    assert "Budi" not in text, text  # a committee meeting sees no participant's own message
    briefing = next(line for line in lines if line.startswith("04.50"))
    assert briefing.startswith("04.50  ringkasan pagi"), briefing
    assert "1 penerima" in briefing
    assert "🌅 Selamat pagi, Bapak/Ibu {nama}" in briefing, briefing
    apel = next(line for line in lines if line.startswith("05.00"))
    assert "pengingat apel" in apel
    assert "⏰ Apel Pagi dimulai 30 menit lagi, pukul 05.30 WIB" in apel, apel


def test_preview_speaks_one_language_at_a_time(tmp_path: Path) -> None:
    english = "\n".join(preview(tmp_path, "--lang", "en"))
    assert "Good morning, Mr/Ms {name}" in english, english
    assert "In 30 min, at 05:30 WIB: Morning Assembly." in english, english
    assert "Selamat" not in english and "penerima" not in english and "pukul" not in english
    by_setting = "\n".join(preview(tmp_path, DEFAULT_LANGUAGE="en"))
    assert by_setting == english
    indonesian = "\n".join(preview(tmp_path))
    assert "Selamat pagi, Bapak/Ibu {nama}" in indonesian
    assert "Good morning" not in indonesian and "recipients" not in indonesian


def test_preview_cuts_long_lines_at_a_word_with_an_ellipsis(tmp_path: Path) -> None:
    lines = preview(tmp_path)
    too_long = [line for line in lines if len(line) > WIDTH]
    assert too_long == [], too_long
    cut = next(line for line in lines if "Tata Kelola Pemerintahan" in line)
    assert cut.endswith("…"), cut
    shown = cut[cut.index("⏰") : -1]
    assert TATA_KELOLA.startswith(shown), shown
    assert TATA_KELOLA[len(shown)] == " ", f"cut inside a word: {shown!r}"


def test_preview_full_prints_whole_messages(tmp_path: Path) -> None:
    lines = preview(tmp_path, "--full")
    assert not any(line.endswith("…") for line in lines), lines
    text = "\n".join(lines)
    assert "    🌅 Selamat pagi, Bapak/Ibu {nama}" in lines, text
    assert "    Semangat dan tetap BerAKHLAK! /sekarang untuk sesi berikutnya." in lines
    assert f"    {TATA_KELOLA}" in lines
    # the briefing holds the whole day, every audience: Breakout Camat and Breakout Lurah
    assert "Breakout Camat" in text and "Breakout Lurah" in text


def test_preview_shows_the_messages_sent_on_demand_once_each(tmp_path: Path) -> None:
    for args in ((), ("--full",)):
        text = "\n".join(preview(tmp_path, *args))
        assert text.count("pemberitahuan perubahan") == 1, text
        assert text.count("imbauan presensi") == 1, text
        assert "🔄 Perubahan jadwal" in text
        assert "📣 Panitia: Bapak/Ibu belum tercatat hadir di" in text


def test_preview_help_says_the_width_and_the_options(tmp_path: Path) -> None:
    result = cli(tmp_path, "preview", "--help")
    assert result.returncode == 0, result.stderr
    assert f"{WIDTH} karakter" in " ".join(result.stdout.split()), result.stdout
    assert "--full" in result.stdout and "--lang" in result.stdout and "--date" in result.stdout


@pytest.mark.parametrize(
    ("line", "width", "shown"),
    [
        ("Apel Pagi dimulai", 100, "Apel Pagi dimulai"),  # fits: unchanged
        ("Apel Pagi dimulai", 17, "Apel Pagi dimulai"),  # exactly the width
        ("Apel Pagi dimulai", 16, "Apel Pagi…"),  # never half a word
        ("Apel Pagi dimulai", 11, "Apel Pagi…"),  # the cut falls on the space
        ("pukul 05.30 WIB. / 📍 Lapangan", 20, "pukul 05.30 WIB…"),  # no dangling "." or "/"
        ("Jumat, 16 Mei 2025 · hari ke-2", 22, "Jumat, 16 Mei 2025…"),
        ("Tanpaspasisamasekali", 10, "Tanpaspas…"),  # one long word: cut where it must be
    ],
)
def test_cut_keeps_whole_words_within_the_width(line: str, width: int, shown: str) -> None:
    from bot.__main__ import cut

    assert cut(line, width) == shown
    assert len(cut(line, width)) <= width


async def test_preview_shows_the_reflection_messages_as_sent_with_their_recipients(
    tmp_path: Path,
) -> None:
    """The prompt, nudge and journal are built by bot/reflections.py (not a placeholder):
    their first lines, and as recipients those the bot would send them to (the prompt and
    nudge: active participants who have not finished that day's reflection)."""
    from bot.agenda_io import DEFAULT_QUESTIONS
    from db.reflections import save_answer

    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    assert cli(tmp_path, "import-roster", ROSTER).returncode == 0
    entries, problems = load_roster_file(ROSTER)
    assert not problems
    db = await Database.open(tmp_path / "x.db")
    try:
        for n, entry in enumerate(entries[:2]):
            await enrol_entry(db, 4242 + n, "P", entry, lang="id", at=0.0)
        ids = [q.id for q in DEFAULT_QUESTIONS]
        for q in DEFAULT_QUESTIONS:  # the second has finished the first day's reflection
            value = {"rating": "4", "choice": "Akuntabel"}.get(q.type, "Catatan")
            await save_answer(db, 4243, DAY, q.id, q.type, value, required=ids, at=1.0)
    finally:
        await db.close()
    text = "\n".join(preview(tmp_path))
    assert "(teksnya dari fitur refleksi)" not in text, text
    prompt = next(line for line in text.splitlines() if " refleksi " in line)
    assert "1 penerima" in prompt and "🌙 Refleksi hari ini, Bapak/Ibu {nama}" in prompt, prompt
    nudge = next(line for line in text.splitlines() if "refleksi lanjutan" in line)
    assert "1 penerima" in nudge and "🌙 Bapak/Ibu {nama}, refleksi hari ini" in nudge, nudge
    everything = "\n".join(cli_lines(tmp_path))
    journal = next(line for line in everything.splitlines() if "jurnal retret" in line)
    assert "2 penerima" in journal, journal
    assert "📔 Jurnal retret, Bapak/Ibu {nama}" in journal, journal
    assert "Catatan" not in everything  # nobody's own answers


def cli_lines(tmp_path: Path) -> list[str]:
    """The output lines of `preview` over every day."""
    result = cli(tmp_path, "preview")
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()
