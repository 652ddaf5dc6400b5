"""The running bot does not carry the export's and the calendar's libraries until they are
used (issue 10, item 6: RSS and start-up, measured by bench/run_all.py). openpyxl (with the
numpy and Pillow it pulls in when installed) and icalendar took about 1.5 s of start-up and
some 35 MB of every bot process although only /ekspor and /kalender need them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEAVY = ("openpyxl", "icalendar", "numpy", "PIL")

PROBE = """
import json, sys
import bot.app, bot.__main__
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_starting_the_bot_does_not_import_the_export_or_calendar_libraries() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    heavy = sorted(loaded & set(HEAVY))
    assert heavy == [], f"importing the bot loaded {heavy} before anyone asked for them"


async def test_the_export_and_calendar_still_work_when_asked() -> None:
    """The lazy imports resolve: the two functions the handlers call are there."""
    from bot.export import gather_and_build
    from bot.ics import agenda_ics

    assert callable(gather_and_build) and callable(agenda_ics)


def _ssl_context(request: object) -> object:
    client = request._client  # type: ignore[attr-defined]
    return client._transport._pool._ssl_context


def test_the_two_http_clients_share_one_tls_context(tmp_path: Path) -> None:
    """Loading the CA bundle is the costliest step of building the Application (about 0.2 s
    a time on two busy cores): the sending and the polling connection do it once."""
    from bot.app import build_application
    from bot.settings import Settings

    settings = Settings(_env_file=None, bot_token="123456:TEST", database_path=tmp_path / "x.db")  # type: ignore[call-arg]
    app = build_application(settings)
    sending, polling = app.bot._request[1], app.bot._request[0]
    assert sending is not polling
    assert _ssl_context(sending) is _ssl_context(polling), (
        "each HTTP client loaded its own CA bundle"
    )
