"""The performance suite runs end to end (`bench/run_all.py --quick`): every measure taken,
the table printed. No figure is checked here: the figures are in bench/README.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_run_all_quick_takes_every_measure_and_prints_the_table() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PTB_TIMEDELTA": "1"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,  # a bound on a hang only; nothing here is timed
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "measure" in out and "goal" in out and "result" in out, out[-3000:]
    for measure in (
        "broadcast 100: ours, alone",
        "broadcast 100: naive send_message loop",
        "broadcast 100: loop through AIORateLimiter",
        "/sekarang p95 during the broadcast",
        "reminder fan-out to 100",
        "/agenda: 200 from 20 users, per second",
        "RSS, 1000 registered, idle",
        "RSS, 1000 registered, during the fan-out",
        "start-up to the first resumed send",
        "import-roster of 1000 rows",
    ):
        assert measure in out, f"no row {measure!r} in the table:\n{out[-3000:]}"
    assert "not measured" not in out, out[-3000:]
