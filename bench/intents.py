"""Free-text matching time: how long `match_intent` takes on long and odd texts.

Moved here from tests/test_intents.py (which only checks that such texts are not matched):
a wall-time bound is a figure for this file, not a test assertion.

    python bench/intents.py [--repeat 200]

For each input: its length in characters, then the median and the slowest of `repeat` calls
in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.intents import MAX_CHARS, MAX_WORDS, match_intent


def _random(alphabet: str, length: int) -> str:
    rng = random.Random(length)
    return "".join(rng.choice(alphabet) for _ in range(length))


def cases() -> list[tuple[str, str]]:
    """(name, text): the inputs of the former timing test, plus the matcher's worst shapes."""
    out: list[tuple[str, str]] = []
    for length in (5000, MAX_CHARS):
        for label, alphabet in (
            ("printable", string.printable),
            ("words", string.ascii_lowercase + "    "),
            ("a", "a"),
        ):
            out.append((f"random {label} x{length}", _random(alphabet, length)))
    # Just inside both limits: the most words the matcher reads, no match.
    words = " ".join(["xyz"] * MAX_WORDS)
    out.append((f"{MAX_WORDS} unknown words", words))
    # As many known-looking words as fit: phrase spans are tried everywhere.
    out.append(("30 agenda-ish words", " ".join(["jadwal", "besok", "hari"] * 10)))
    out.append(("a plain question", "jadwal besok apa saja?"))
    out.append(("4096 chars (a Telegram maximum)", _random(string.printable, 4096)))
    return out


def main() -> None:
    """Time each case; print a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    print(f"{'input':<34} {'chars':>6} {'median_ms':>10} {'max_ms':>8}")
    for name, text in cases():
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            match_intent(text)
            times.append((time.perf_counter() - started) * 1000)
        print(f"{name:<34} {len(text):>6} {statistics.median(times):>10.3f} {max(times):>8.3f}")


if __name__ == "__main__":
    main()
