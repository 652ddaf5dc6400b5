"""Fan-out benchmark: one reminder to N participants through the outbox, against the fake
Bot API enforcing 30 messages/s overall and 1/s per chat, while some participants keep
asking /sekarang. Prints seconds from due time to first and last delivery, 429s seen,
lost and duplicate messages, the effective send rate, and the /sekarang reply latencies.

    python bench/fanout.py [--participants 500] [--send-rate 25] [--probes 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.clock import Clock
from tests.conftest import at, make_settings, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many

# 12:45 on day 2 is the 15-minute reminder of the 13:00 plenary (for everyone), the only message
# due then (the sample agenda's; bench/run_all.py uses the same one).
DUE = at("2025-05-16 12:45")
MARK = "⏰ <b>Sinergi"
USER0 = 100_000


async def _probe(fake: FakeTelegram, uid: int, stop: asyncio.Event, out: list[float]) -> None:
    """Ask /sekarang every two seconds; record how long each answer takes."""
    user = fake.user(uid)
    while not stop.is_set():
        await user.send("/sekarang")
        t0 = time.monotonic()
        reply = await user.reply_where(
            lambda m: "Berikutnya" in m.text or "berlangsung" in m.text, timeout=30
        )
        out.append(reply.at - t0)
        await asyncio.sleep(2.0)


async def run(participants: int, send_rate: float, probes: int) -> dict[str, float]:
    """One fan-out; returns the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram(global_rate=30.0, per_chat_rate=1.0, per_chat_burst=3) as fake:
            settings = make_settings(Path(tmp), fake, send_rate=send_rate)
            people = [(USER0 + i, "Lurah", f"Kelompok {1 + i % 6}") for i in range(participants)]
            await register_many(settings, fake, people)
            clock = Clock(start=at("2025-05-16 12:44:55"))
            async with start_rig(fake, settings, clock):
                due_mono = time.monotonic() + clock.real_delay(DUE)
                latencies: list[float] = []
                stop = asyncio.Event()
                tasks = [
                    asyncio.create_task(
                        _probe(fake, USER0 + i * (participants // max(probes, 1)), stop, latencies)
                    )
                    for i in range(probes)
                ]
                await asyncio.sleep(max(0.0, due_mono - time.monotonic()))
                await fake.wait_for(
                    lambda m: MARK in m.text,
                    count=participants,
                    timeout=participants / send_rate * 3 + 30,
                )
                await asyncio.sleep(2.0)  # duplicates, if any, would arrive now
                stop.set()
                await asyncio.gather(*tasks)
            delivered = [m for m in fake.sent if MARK in m.text]
            per_chat = Counter(m.chat_id for m in delivered)
            first = min(m.at for m in delivered) - due_mono
            last = max(m.at for m in delivered) - due_mono
            latencies.sort()
            p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
            return {
                "participants": participants,
                "send_rate": send_rate,
                "first_s": first,
                "last_s": last,
                "goal_last_s": participants / send_rate + 2,
                "rate_per_s": (len(delivered) - 1) / max(last - first, 1e-9),
                "http_429": fake.stats["429"],
                "lost": participants - len(per_chat),
                "duplicates": sum(n - 1 for n in per_chat.values()),
                "replies": len(latencies),
                "reply_p50_s": statistics.median(latencies) if latencies else float("nan"),
                "reply_p95_s": p95,
                "reply_max_s": max(latencies) if latencies else float("nan"),
            }


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--send-rate", type=float, default=25.0)
    parser.add_argument("--probes", type=int, default=5)
    args = parser.parse_args()
    figures = asyncio.run(run(args.participants, args.send_rate, args.probes))
    for key, value in figures.items():
        print(f"{key:>14}: {value:.2f}" if isinstance(value, float) else f"{key:>14}: {value}")


if __name__ == "__main__":
    main()
