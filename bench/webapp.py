"""The Mini App's weight and load time (issue 11: "loads in under 1 s on a slow 3G profile,
total page weight <= 100 kB").

    python bench/webapp.py [--runs 5] [--participants 150]

Serves the Mini App (handlers/webapp.py) from a real SQLite file in a temp folder with the
sample agenda, the sample roster and `--participants` more registered people (so the
organisers' figures have a realistic size), clock at 2025-05-16 05:35 WIB (the morning
assembly on, its check-in open). Then:

1. Weight: each file of the page as stored and as sent gzipped, and the JSON answers the
   page asks for (/api/me, which brings the day's timeline, and /api/dashboard).
2. Load time in Debian's headless Chromium (playwright), cache disabled, telegram.org
   blocked (its script loads async and is not waited for), under network profiles set with
   the DevTools protocol (Network.emulateNetworkConditions: latency added to each request,
   throughput in bytes/s): loopback, a "slow 4G" (150 ms, 1.6 Mbit/s down), WebPageTest's
   "3G slow" (400 ms, 400 kbit/s) and DevTools' "Slow 3G" (2,000 ms, 400 kbit/s).
   Measured from navigation start (performance.now() in the page): DOMContentLoaded, and
   the moment the participant's timeline (first session card) is on screen; the same for
   the organiser's dashboard (first figure card). Median and max of `--runs`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from playwright.async_api import async_playwright

from bot.clock import Clock
from db.roster import upsert_roster
from handlers.webapp import load_page
from tests.conftest import ADMIN_ID, at, first_with
from tests.helpers import enrol_entry
from tests.webapp_helpers import Web, init_data, serve

CHROMIUM = "/usr/bin/chromium"


def throttle(latency_ms: float, down_bps: float, up_bps: float) -> dict[str, float]:
    """Network.emulateNetworkConditions' figures: ms added per request, bytes/s each way."""
    return {"latency": latency_ms, "downloadThroughput": down_bps, "uploadThroughput": up_bps}


PROFILES: list[tuple[str, dict[str, float]]] = [
    ("loopback", throttle(0, -1, -1)),
    ("slow 4G (150 ms, 1.6 Mbit/s)", throttle(150, 200_000, 93_750)),
    ("3G slow (400 ms, 400 kbit/s)", throttle(400, 50_000, 50_000)),
    ("DevTools Slow 3G (2 s, 400 kbit/s)", throttle(2000, 50_000, 50_000)),
]
USER = 9101
PAGES = (("participant", USER, ""), ("organiser", ADMIN_ID, "dashboard"))
SHOWN = """
new MutationObserver((_, obs) => {
  if (document.querySelector("li.item, [data-figure]")) {
    window.__shown = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


async def seed(web: Web, extra: int) -> None:
    """The sample roster's Camat registered, and `extra` more people on the roster and
    registered, in 6 groups."""
    from bot.models import RosterEntry

    camat = first_with("Camat")
    await web.enrol(USER, camat["nip"])
    db = web.services.db
    entries = [
        RosterEntry(
            nip=f"19800101200501{1 + i % 2}{i:03d}",
            name=f"Peserta Uji {i:03d}",
            position=("Camat", "Lurah", "Kepala OPD")[i % 3],
            unit="Unit Uji",
            group=f"Kelompok {1 + i % 6}",
        )
        for i in range(extra)
    ]
    await upsert_roster(db, entries, at=0.0)
    for i, e in enumerate(entries):
        await enrol_entry(db, 20_000 + i, e.name, e, lang="id", at=0.0)


def opened(web: Web, user_id: int, view: str = "") -> str:
    return (
        web.base
        + f"#tgWebAppData={quote(init_data(user_id), safe='')}&tgWebAppVersion=8.0"
        + (f"&view={view}" if view else "")
    )


async def weights(web: Web) -> list[tuple[str, int, int]]:
    # index.html is what a phone downloads (app.css and app.js inline); the two files are
    # listed for their share of it.
    rows = [(name, len(f.raw), len(f.gzipped)) for name, f in load_page().items()]
    async with httpx.AsyncClient(base_url=web.base) as client:
        for path, user in (("me", USER), ("me?view=dashboard", ADMIN_ID), ("dashboard", ADMIN_ID)):
            r = await client.get(f"api/{path}", headers={"Authorization": f"tma {init_data(user)}"})
            assert r.status_code == 200, r.text
            # as sent: the server gzips JSON for a browser that takes it
            rows.append((f"/api/{path}", len(r.content), r.num_bytes_downloaded))
    return rows


async def load_times(web: Web, runs: int) -> list[tuple[str, str, list[float], list[float]]]:
    out = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for label, conditions in PROFILES:
                for who, user, view in PAGES:
                    dcl, shown = [], []
                    for _ in range(runs):
                        context = await browser.new_context(
                            viewport={"width": 360, "height": 740}, bypass_csp=True
                        )
                        page = await context.new_page()
                        await page.route("https://telegram.org/**", lambda route: route.abort())
                        await page.add_init_script(SHOWN)
                        cdp = await context.new_cdp_session(page)
                        await cdp.send("Network.enable")
                        await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                        await cdp.send(
                            "Network.emulateNetworkConditions", {"offline": False, **conditions}
                        )
                        await page.goto(opened(web, user, view), wait_until="domcontentloaded")
                        await page.wait_for_function("window.__shown !== undefined", timeout=60_000)
                        timing: dict[str, Any] = await page.evaluate(
                            "({dcl: performance.getEntriesByType('navigation')[0]"
                            ".domContentLoadedEventEnd, shown: window.__shown})"
                        )
                        dcl.append(timing["dcl"] / 1000)
                        shown.append(timing["shown"] / 1000)
                        await context.close()
                    out.append((label, who, dcl, shown))
        finally:
            await browser.close()
    return out


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--participants", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        async with serve(Path(tmp), Clock(start=at("2025-05-16 05:35"))) as web:
            started = time.monotonic()
            await seed(web, args.participants)
            print(
                f"seeded {args.participants + 1} participants in {time.monotonic() - started:.1f} s"
            )
            print("\nweight (bytes)              raw    gzipped")
            for name, raw, gz in await weights(web):
                print(f"  {name:<22} {raw:>8} {gz:>10}")
            print("\nload time (s), median / max of", args.runs, "runs, 360 px, cache disabled")
            print(f"  {'profile':<36} {'page':<12} {'DOMContentLoaded':>18} {'content shown':>16}")
            for label, who, dcl, shown in await load_times(web, args.runs):
                d = f"{statistics.median(dcl):.2f} / {max(dcl):.2f}"
                s = f"{statistics.median(shown):.2f} / {max(shown):.2f}"
                print(f"  {label:<36} {who:<12} {d:>18} {s:>16}")


if __name__ == "__main__":
    asyncio.run(main())
