"""Neither the token nor a NIP reaches the log, even at DEBUG (SPEC §11)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from tests.conftest import BUDI, has_button, make_settings, seed_roster
from tests.fakebot import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
async def test_debug_log_of_a_registration_holds_no_token_and_no_nip(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    log = tmp_path / "bot.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))},
        "BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "TELEGRAM_BASE_FILE_URL": fake.base_file_url,
        "DATABASE_PATH": str(settings.database_path),
        "LOG_LEVEL": "DEBUG",
        "PYTHONPATH": str(ROOT),
    }
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=str(tmp_path), stdout=out, stderr=out
        )
    try:
        u = fake.user(4242, "Budi")
        await u.send("/daftar")
        await u.press(await u.reply_where(lambda m: has_button(m, "lang:id")), "lang:id")
        await u.reply_where(lambda m: "NIP" in m.text)
        await u.send("1985071420100110030")  # one digit too many
        await u.reply_where(lambda m: "18 digit" in m.text)
        spaced = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"
        await u.send(spaced)
        await u.press(await u.reply_where(lambda m: has_button(m, "reg:yes")), "reg:yes")
        await u.reply_where(lambda m: "✅" in m.text)
        await u.send("/profil")
        # the participant sees it (masked, SPEC §12; the log must not hold it whole)
        await u.reply_where(lambda m: "1985••••••••••1003" in m.text)
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 15)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "sendMessage" in text and "DEBUG" in text, "the log was not verbose enough to prove it"
    assert fake.token not in text
    for form in (BUDI, spaced, "1985071420100110030"):
        assert form not in text
    assert "**************1003" in text  # redacted, not absent


# Roster NIPs (tests/data/roster_sample.csv), each typed as a participant might type it.
SEPARATED = {
    "double spaces": ("196903121994031005", "19690312  199403  1  005"),
    "no-break space": ("197204181998032004", "19720418\u00a0199803\u00a02\u00a0004"),
    "thin space": ("197511052001121002", "19751105\u2009200112\u20091\u2009002"),
    "narrow no-break space": ("197809232003121001", "19780923\u202f200312\u202f1\u202f001"),
    "newline": ("197602142000032003", "19760214\n200003\n2\n003"),
    "tab and ideographic space": ("198001302005011004", "19800130\t200501\u30001 004"),
}
# Typed with dots or hyphens: refused with the reason, and still never logged.
REFUSED = ("19850714.201001.1.003", "19850714-201001-1-003", "1985.0714 2010\u20130110\u00a0.03")


@pytest.mark.slow
async def test_debug_log_holds_no_nip_typed_with_any_separator(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    log = tmp_path / "bot.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))},
        "BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "TELEGRAM_BASE_FILE_URL": fake.base_file_url,
        "DATABASE_PATH": str(settings.database_path),
        "LOG_LEVEL": "DEBUG",
        "PYTHONPATH": str(ROOT),
    }
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=str(tmp_path), stdout=out, stderr=out
        )
    try:
        first = fake.user(5000, "Budi")
        await first.send("/daftar")
        await first.press(await first.reply_where(lambda m: has_button(m, "lang:id")), "lang:id")
        await first.reply_where(lambda m: "NIP" in m.text)
        for typed in REFUSED:
            await first.send(typed)
            await first.reply_where(lambda m: "hanya boleh berisi angka" in m.text)
        for n, (_nip, typed) in enumerate(SEPARATED.values(), start=5001):
            u = fake.user(n, f"Peserta {n}")
            await u.send("/daftar")
            await u.press(await u.reply_where(lambda m: has_button(m, "lang:id")), "lang:id")
            await u.reply_where(lambda m: "NIP" in m.text)
            await u.send(typed)
            await u.press(await u.reply_where(lambda m: has_button(m, "reg:yes")), "reg:yes")
            await u.reply_where(lambda m: "✅" in m.text)
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 15)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "sendMessage" in text and "DEBUG" in text, "the log was not verbose enough to prove it"
    for label, (nip, _typed) in SEPARATED.items():
        assert f"**************{nip[-4:]}" in text, f"{label}: not redacted"
    nips = {nip for nip, _typed in SEPARATED.values()} | {BUDI}  # BUDI: the refused forms
    leaks = [repr(window) for nip in sorted(nips) for window in _nip_windows(text, nip)]
    assert not leaks, "unmasked NIP in the DEBUG log: " + "; ".join(leaks[:5])


def _nip_windows(text: str, nip: str) -> list[str]:
    """Each place where the NIP's 18 digits appear in order with only non-digits (at most a few
    characters, escapes such as "\\u00a0" included) between them."""
    sep = r"(?:[^\w]|_|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\[ntr]){0,8}"
    pattern = re.compile(r"(?<!\d)" + sep.join(nip) + r"(?!\d)")
    return [m.group() for m in pattern.finditer(text)]
