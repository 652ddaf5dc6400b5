"""Flood: N fuzzed and odd updates at R a second from many users, while one registered
participant asks /agenda every two seconds.

    python bench/flood.py [--updates 10000] [--rate 15] [--seed 1] [--group-limit 20]

The updates: stickers, photos, voice notes, locations, contacts, forwards, texts up to 4,096
characters, random Unicode, forged callback buttons, commands in group chats, documents,
edited messages, unknown commands, registration attempts with guessed NIPs, agenda
questions; from 1,000 users (300 of them registered) in 5 groups. Rehearsal clock from
2025-05-16 12:05 WIB (day 2): nothing is scheduled until 12:30, so the bot's work is the flood.
Besides its usual limits (30/s overall, about 1/s a chat) the fake here also enforces
Telegram's limit in groups, 20 messages a minute per group (`--group-limit`, 0 for none).

The bot runs in a child process (this script with --child): the real bot, long-polling the
fake Bot API of tests/fakebot.py that runs here, with a real SQLite file in a temp folder.
That keeps the fake's own memory (it keeps every message) out of the bot's RSS, and a
logging handler in the child counts records at ERROR level and tracebacks.

Printed: the /agenda reply latency (send -> reply accepted by the fake: max, p50, p95), how
many /agenda went unanswered within 60 s, the backlog of updates when the flood ended and how
long the bot took to catch up, the bot's peak RSS, ERROR records and tracebacks, replies
Telegram refused (400), 429s, and apologies sent.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.common import child_settings, spawn_child, status_kb  # noqa: E402

# Only the standard library at module level: the child (the bot) must not carry the fake
# server's or the test helpers' imports in its memory.
if TYPE_CHECKING:
    from tests.fakebot import FakeTelegram, FakeUser

START = datetime(2025, 5, 16, 12, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
PROBE = 100_000
USER0 = 200_000
MARKER = 909_909
USERS = 1_000
REGISTERED = 300
GROUPS = [-1_001_000_000_001 - i for i in range(3)] + [-4_000_001, -4_000_002]
ANSWER_TIMEOUT = 60.0
CATCH_UP = 180.0  # the longest wait for the bot to work off its backlog
PROBE_EVERY = 2.0

WORDS = [
    "jadwal",
    "besok",
    "agenda",
    "hari",
    "ini",
    "apel",
    "pagi",
    "makan",
    "siang",
    "ruang",
    "aula",
    "di",
    "mana",
    "jam",
    "berapa",
    "bapak",
    "ibu",
    "mohon",
    "info",
    "terima",
    "kasih",
    "selamat",
    "pagi",
    "siang",
    "sore",
    "malam",
    "presensi",
    "hadir",
    "kode",
    "what",
    "time",
    "where",
    "is",
    "the",
    "schedule",
    "tomorrow",
    "lunch",
    "please",
    "thanks",
]
ODD_NAMES = [
    "Budi",
    "<b>Ani</b>",
    "A&B",
    "محمد",
    "李雷",
    "🙂🙂",
    "X" * 64,
    "Ｗｉｄｅ",
    "\u202eevil",
]
CALLBACKS = [
    "reg:yes",
    "reg:no",
    "lang:id",
    "lang:en",
    "lang:xx",
    "day:2025-05-16",
    "day:1900-01-01",
    "day:not-a-date",
    "hadir:d2-outbound",
    "hadir:nope",
    "nudge:d1-pembukaan",
    "rem:off",
    "rem:on",
    "menu:today",
    "menu:register",
    "",
]
GROUP_TEXTS = [
    "/agenda",
    "/agenda@retret_test_bot",
    "/daftar",
    "/hadir 1234",
    "/kehadiran",
    "/status",
    "/start@retret_test_bot",
    "/bantuan@retret_test_bot",
    "/sekarang",
    "jadwal besok?",
]
DOC_NAMES = ["agenda.yaml", "peserta.csv", "data.xlsx", "foto.jpg", "x.bin", "a" * 200 + ".csv"]
# Unicode blocks for random text (no surrogates, no NUL).
BLOCKS = [
    (0x20, 0x7E),
    (0x01, 0x1F),
    (0xA0, 0x24F),
    (0x300, 0x36F),
    (0x400, 0x4FF),
    (0x590, 0x6FF),
    (0x900, 0x97F),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x4E00, 0x4FFF),
    (0xFE00, 0xFE0F),
    (0x1F300, 0x1FAFF),
    (0xE0000, 0xE007F),
]


# ----------------------------------------------------------------------------- child: the bot


class _Counter(logging.Handler):
    """Counts records at ERROR and above, those carrying a traceback, and each kind."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.errors = 0
        self.tracebacks = 0
        self.kinds: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.errors += 1
        if record.exc_info:
            self.tracebacks += 1
        exc = record.exc_info[1] if record.exc_info else None
        detail = f" ({type(exc).__name__}: {str(exc)[:80]})" if exc else ""
        self.kinds[f"{record.name}: {record.getMessage()[:120]}{detail}"] += 1


async def _child(args: argparse.Namespace) -> None:
    """Run the bot until SIGTERM; print one JSON line of figures."""
    from bot.app import running
    from bot.clock import Clock
    from bot.logs import setup_logging

    settings = child_settings(args)
    setup_logging("INFO", [args.token])
    counter = _Counter()
    logging.getLogger().addHandler(counter)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    figures: dict[str, Any] = {}
    async with running(settings, clock=Clock(start=START)):
        figures["rss_ready_mb"] = status_kb("VmRSS") / 1024
        await stop.wait()
        figures["rss_end_mb"] = status_kb("VmRSS") / 1024
        figures["peak_rss_mb"] = status_kb("VmHWM") / 1024
    figures.update(
        error_records=counter.errors,
        tracebacks=counter.tracebacks,
        error_kinds=dict(counter.kinds.most_common(8)),
    )
    print(json.dumps(figures), flush=True)


# ----------------------------------------------------------------------------- parent: the flood


def _fake_with_group_limit(per_minute: int) -> FakeTelegram:
    """The fake Bot API, plus Telegram's limit in groups: `per_minute` messages a minute in
    one group (0: none), answered with 429 and the seconds until the window has room."""
    from collections import deque

    from tests.fakebot import FakeTelegram, _ApiError

    class GroupLimited(FakeTelegram):
        def __init__(self) -> None:
            super().__init__()
            self._group_sent: dict[int, deque[float]] = {}

        def _check_rate(self, chat_id: int) -> None:
            if per_minute and chat_id < 0:
                now = time.monotonic()
                window = self._group_sent.setdefault(chat_id, deque())
                while window and window[0] <= now - 60.0:
                    window.popleft()
                if len(window) >= per_minute:
                    wait = max(1, int(window[0] + 60.0 - now + 0.999))
                    raise _ApiError(429, f"Too Many Requests: retry after {wait}", wait)
            super()._check_rate(chat_id)

        def _consume(self, chat_id: int) -> None:
            if chat_id < 0:
                self._group_sent.setdefault(chat_id, deque()).append(time.monotonic())
            super()._consume(chat_id)

    return GroupLimited()


def _unicode(rng: random.Random, length: int) -> str:
    out = []
    for _ in range(length):
        lo, hi = rng.choice(BLOCKS)
        out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


def _long_text(rng: random.Random) -> str:
    length = rng.choice([rng.randint(300, 4096), 4096])
    if rng.random() < 0.5:
        text = " ".join(rng.choice(WORDS) for _ in range(length // 4))
    else:
        text = _unicode(rng, length)
    return text[:4096]


class Flood:
    """Generates and injects the odd updates."""

    def __init__(self, fake: FakeTelegram, rng: random.Random) -> None:
        self.fake = fake
        self.rng = rng
        self.kinds: Counter[str] = Counter()
        self.last: dict[int, dict[str, Any]] = {}
        self.users: list[FakeUser] = []
        for i in range(USERS):
            uid = USER0 + i
            if i < REGISTERED:
                user = fake.user(uid)  # created by register_bulk already
            else:
                lang = rng.choice(["id", "id", "id", "en", "en", None, "ar"])
                user = fake.user(uid, rng.choice(ODD_NAMES), language_code=lang)
            self.users.append(user)

    async def one(self) -> None:
        """Inject one update of a random kind."""
        rng, fake = self.rng, self.fake
        user = rng.choice(self.users)
        kind = rng.choices(
            [
                "unicode",
                "long_text",
                "sticker",
                "forged_button",
                "group",
                "document",
                "edited",
                "unknown_command",
                "media",
                "registration",
                "question",
            ],
            weights=[18, 10, 10, 15, 10, 5, 8, 10, 6, 4, 4],
        )[0]
        self.kinds[kind] += 1
        sent: dict[str, Any] | None = None
        if kind == "unicode":
            sent = await user.send(_unicode(rng, rng.randint(1, 200)))
        elif kind == "long_text":
            sent = await user.send(_long_text(rng))
        elif kind == "sticker":
            await user.send_sticker(rng.choice(["👍", "😀", "🙏", "❤"]))
        elif kind == "forged_button":
            data = rng.choice(
                [
                    *CALLBACKS,
                    _unicode(rng, rng.randint(1, 16)),
                    "".join(rng.choice("abc:-_0123456789") for _ in range(64)),
                ]
            )
            while len(data.encode()) > 64:
                data = data[:-1]
            message_id = rng.choice([None, None, 1, 999_999, rng.randint(1, 50)])
            await user.press_raw(data, message_id=message_id)
        elif kind == "group":
            await fake.group_message(rng.choice(GROUPS), user, rng.choice(GROUP_TEXTS))
        elif kind == "document":
            size = rng.choice([0, 10, 1000, rng.randint(1, 50_000)])
            content = rng.randbytes(size)
            await user.send_document(
                content, rng.choice(DOC_NAMES), caption=rng.choice([None, "ini"])
            )
        elif kind == "edited":
            earlier = self.last.get(user.id)
            if earlier is None:
                sent = await user.send(rng.choice(WORDS))
            else:
                await user.edit(earlier, rng.choice(["/ubah d2-outbound 14.00", "jadwal", "x"]))
        elif kind == "unknown_command":
            name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz_0123456789") for _ in range(8))
            sent = await user.send(
                rng.choice([f"/{name}", f"/{name}@retret_test_bot", "/start@other_bot", "/"])
            )
        elif kind == "media":
            which = rng.randrange(5)
            if which == 0:
                await user.send_photo(caption=rng.choice([None, "jadwal besok"]))
            elif which == 1:
                await user.send_voice()
            elif which == 2:
                await user.send_location(-6.2 + rng.random(), 106.8 + rng.random())
            elif which == 3:
                await user.send_contact("+62812" + str(rng.randint(1_000_000, 9_999_999)))
            else:
                await user.forward(_unicode(rng, rng.randint(1, 100)))
        elif kind == "registration":
            sent = await user.send(
                rng.choice(
                    [
                        "/daftar",
                        "/start",
                        "".join(rng.choice("0123456789") for _ in range(18)),
                        "1985 0714 2010 0110 03",
                        "/batal",
                    ]
                )
            )
        else:  # question
            sent = await user.send(
                rng.choice(
                    ["jadwal besok", "/agenda", "/sekarang", "makan siang di mana?", "hari 3"]
                )
            )
        if sent is not None:
            self.last[user.id] = sent


async def _probe(probe: FakeUser, stop: asyncio.Event, sends: list[float]) -> None:
    """Send /agenda every PROBE_EVERY seconds until stopped (replies are matched in order)."""
    loop = asyncio.get_running_loop()
    next_at = loop.time()
    while not stop.is_set():
        await probe.send("/agenda")
        sends.append(time.monotonic())
        next_at += PROBE_EVERY
        await asyncio.sleep(max(0.0, next_at - loop.time()))


async def run(updates: int, rate: float, seed: int, group_limit: int) -> dict[str, Any]:
    """The whole flood; returns the figures."""
    from tests.conftest import make_settings
    from tests.helpers import register_bulk, wait_until

    rng = random.Random(seed)
    figures: dict[str, Any] = {"updates": updates, "rate_per_s": rate, "group_limit": group_limit}
    with tempfile.TemporaryDirectory() as tmp:
        async with _fake_with_group_limit(group_limit) as fake:
            settings = make_settings(Path(tmp), fake)
            people = [(PROBE, "Camat", "Kelompok 4")] + [
                (USER0 + i, rng.choice(["Lurah", "Camat", "Kepala OPD"]), f"Kelompok {1 + i % 6}")
                for i in range(REGISTERED)
            ]
            await register_bulk(settings, fake, people)
            flood = Flood(fake, rng)
            probe = fake.user(PROBE)
            log_path = Path(tmp) / "bot.log"
            child = await spawn_child(__file__, settings.database_path, fake, log_path)
            try:
                await wait_until(
                    lambda: fake.stats["getUpdates"] > 0, timeout=120, what="the bot polls"
                )
                sends: list[float] = []
                stop = asyncio.Event()
                probing = asyncio.create_task(_probe(probe, stop, sends))
                loop = asyncio.get_running_loop()
                t0 = loop.time()
                for i in range(updates):
                    await asyncio.sleep(max(0.0, t0 + i / rate - loop.time()))
                    await flood.one()
                figures["flood_s"] = loop.time() - t0
                figures["backlog_at_end"] = fake.pending_updates
                stop.set()
                await probing
                ended = loop.time()
                # Wait for every /agenda to be answered, or ANSWER_TIMEOUT after the last one.
                deadline = ended + ANSWER_TIMEOUT

                def answers() -> list[float]:
                    return [m.at for m in fake.messages_to(PROBE) if "📅" in m.text]

                with contextlib.suppress(AssertionError):  # some never came: counted below
                    await fake.wait_for(
                        lambda m: m.chat_id == PROBE and "📅" in m.text,
                        count=len(sends),
                        timeout=max(0.1, deadline - loop.time()),
                    )
                # The backlog: a newcomer's /bantuan sent as the flood ended; its answer comes
                # once the bot has worked through what was queued before it.
                marker = fake.user(MARKER, "Penanda")
                await marker.send("/bantuan")
                try:
                    await marker.reply_where(
                        lambda m: "Yang bisa saya lakukan" in m.text,
                        timeout=max(1.0, ended + CATCH_UP - loop.time()),
                    )
                    figures["caught_up_after_s"] = loop.time() - ended
                except AssertionError:
                    figures["caught_up_after_s"] = f"not within {CATCH_UP:g} s"
                    figures["backlog_then"] = fake.pending_updates
            finally:
                child.send_signal(signal.SIGTERM)
                try:
                    out, _ = await asyncio.wait_for(child.communicate(), 300)
                except TimeoutError:
                    child.kill()
                    out, _ = await child.communicate()
            answered = answers()
            latencies = []
            unanswered = 0
            for k, sent_at in enumerate(sends):
                if k < len(answered) and answered[k] - sent_at <= ANSWER_TIMEOUT:
                    latencies.append(answered[k] - sent_at)
                else:
                    unanswered += 1
            latencies.sort()
            figures["agenda_asked"] = len(sends)
            figures["agenda_unanswered"] = unanswered
            if latencies:
                figures["agenda_p50_s"] = statistics.median(latencies)
                figures["agenda_p95_s"] = latencies[max(0, int(len(latencies) * 0.95) - 1)]
                figures["agenda_max_s"] = latencies[-1]
                figures["agenda_over_2s"] = sum(x > 2.0 for x in latencies)
            lines = out.decode().strip().splitlines()
            child_figures = json.loads(lines[-1]) if lines else {}
            error_kinds = child_figures.pop("error_kinds", {})
            figures.update({f"bot_{k}": v for k, v in child_figures.items()})
            figures["bot_exit"] = child.returncode
            figures["replies_sent"] = len(fake.sent)
            figures["http_400"] = fake.stats["400"]
            figures["http_429"] = fake.stats["429"]
            figures["apologies"] = sum("Maaf, terjadi gangguan" in m.text for m in fake.sent)
            figures["fake_internal_errors"] = len(fake.internal_errors)
            figures["kinds"] = dict(sorted(flood.kinds.items()))
            figures["error_kinds"] = error_kinds
            refused = Counter(d[:80] for m, c, d in fake.errors if c == 400)
            figures["refused_400"] = dict(refused.most_common(5))
    return figures


def main() -> None:
    """Parse arguments; run the flood (or, with --child, the bot)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=15.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--group-limit", type=int, default=20, help="messages a minute in one group (0: no limit)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    for name in ("--db", "--token", "--base-url", "--file-url"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(_child(args))
        return
    figures = asyncio.run(run(args.updates, args.rate, args.seed, args.group_limit))
    for key, value in figures.items():
        if isinstance(value, float):
            print(f"{key:>22}: {value:.2f}")
        elif isinstance(value, (dict, list)):
            print(f"{key:>22}: {json.dumps(value, ensure_ascii=False)}")
        else:
            print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
