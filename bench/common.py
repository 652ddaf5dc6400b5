"""What the benchmarks share: the bot's settings in a child process and the process's memory
figures (Linux /proc; 0 or False elsewhere). Standard library only at module level, so a
child bot does not carry the benchmark's imports in its memory."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings
    from tests.fakebot import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]

ADMIN_ID = 900001  # as tests/conftest.py


def status_kb(field: str, pid: str = "self") -> int:
    """A Vm* line of /proc/PID/status in kB (VmRSS, VmHWM, …); 0 where there is no /proc."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def child_settings(args: argparse.Namespace, *, send_rate: float = 25.0) -> Settings:
    """The bot's settings in a benchmark's child process: the fake Bot API and the database
    the parent passed on its command line, no .env."""
    from bot.settings import Settings

    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=args.token,
        telegram_base_url=args.base_url,
        telegram_base_file_url=args.file_url,
        database_path=Path(args.db),
        admin_ids=frozenset({ADMIN_ID}),
        send_rate=send_rate,
    )


async def spawn_child(
    script: str, database: Path, fake: FakeTelegram, log: Path, *extra: str
) -> asyncio.subprocess.Process:
    """Start `script --child …` (the bot, or another sender) against the fake Bot API and
    `database`; its stdout is piped (one JSON line of figures), its stderr goes to `log`."""
    args = [sys.executable, str(Path(script).resolve()), "--child", *extra, "--db", str(database)]
    args += ["--token", fake.token, "--base-url", fake.base_url]
    args += ["--file-url", fake.base_file_url]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PTB_TIMEDELTA": "1"}
    with log.open("wb") as err:
        return await asyncio.create_subprocess_exec(
            *args, stdout=asyncio.subprocess.PIPE, stderr=err, env=env
        )
