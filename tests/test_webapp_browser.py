"""The Mini App end to end in a real headless Chromium (issue 11, "Must show"): with seeded
data and a valid initData, the participant page shows exactly that participant's sessions of
the day and the now line, pressing Hadir records the check-in, and the organisers' page shows
the right figures and follows a new check-in without reloading.

Screenshots at 360 px and 1280 px wide go to tests/artifacts/webapp/ (ignored by git).
Skipped, saying why, only where no browser is installed (.ci/run installs Debian's chromium).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from bot.agenda import own_sessions, sessions_on
from bot.attendance import attempt_checkin
from bot.clock import Clock
from db.attendance import attendees
from db.participants import get_participant
from tests.conftest import ADMIN_ID, at, first_with
from tests.webapp_helpers import Web, init_data, serve

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts" / "webapp"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no browser: /usr/bin/chromium is not installed (apt-get install chromium)",
)
playwright_api = pytest.importorskip(
    "playwright.async_api", reason="playwright is not installed (pip install -e '.[dev]')"
)

CAMAT = first_with("Camat")
LURAH = first_with("Lurah")
OPD = first_with("Kepala OPD")
CAMAT_ID, LURAH_ID, OPD_ID = 8201, 8202, 8203
THEME = {
    "bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#707579",
    "link_color": "#3390ec",
    "button_color": "#3390ec",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#f4f4f5",
}


def opened_from_telegram(web: Web, user_id: int, view: str = "") -> str:
    """The address Telegram opens: the page with initData and theme in the hash."""
    parts = [
        f"tgWebAppData={quote(init_data(user_id), safe='')}",
        "tgWebAppVersion=8.0",
        "tgWebAppPlatform=android",
        f"tgWebAppThemeParams={quote(json.dumps(THEME), safe='')}",
    ]
    if view:
        parts.append(f"view={view}")
    return web.base + "#" + "&".join(parts)


@pytest.fixture
async def web(tmp_path: Path) -> AsyncIterator[Web]:
    """Day 2, 05.35 WIB: the morning assembly (05.30-06.00) is on, its check-in open."""
    async with serve(tmp_path, Clock(start=at("2025-05-16 05:35"))) as w:
        await w.enrol(CAMAT_ID, CAMAT["nip"])
        await w.enrol(LURAH_ID, LURAH["nip"])
        await w.enrol(OPD_ID, OPD["nip"])
        yield w


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    """Debian's Chromium, headless, driven by Playwright."""
    async with playwright_api.async_playwright() as pw:
        b = await pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield b
        finally:
            await b.close()


async def new_page(browser: Any, width: int, errors: list[str]) -> Any:
    page = await browser.new_page(viewport={"width": width, "height": 800})
    # telegram-web-app.js comes from telegram.org in Telegram; here it cannot be fetched,
    # and the page must work from the hash alone.
    await page.route("https://telegram.org/**", lambda route: route.abort())
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


async def check_in_directly(web: Web, user_id: int) -> None:
    """A check-in by the chat's own code path (as a Hadir button in the chat would)."""
    p = await get_participant(web.services.db, user_id)
    agenda = web.services.agenda.require()
    assert p is not None
    result = await attempt_checkin(
        web.services.db,
        agenda,
        p,
        session_id="d2-apel-pagi",
        code=None,
        now=web.services.local_now(),
        method="button",
    )
    assert result.status == "done"


async def test_participant_page_shows_own_day_and_now_line_and_hadir_checks_in(
    web: Web, browser: Any
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    agenda = web.services.agenda.require()
    expected = [
        s.id
        for s in sessions_on(
            own_sessions(agenda, CAMAT["position"], CAMAT["group"]), at("2025-05-16 00:00").date()
        )
    ]
    assert "d2-breakout-camat" in expected and "d2-breakout-lurah" not in expected
    errors: list[str] = []
    page = await new_page(browser, 360, errors)
    await page.goto(opened_from_telegram(web, CAMAT_ID))
    await page.wait_for_selector("li.item")
    shown = await page.eval_on_selector_all("li.item", "els => els.map(e => e.dataset.session)")
    assert shown == expected, f"the page shows {shown}, the participant's own day is {expected}"
    # the now line sits in the session under way, which is highlighted
    apel = page.locator('li.item[data-session="d2-apel-pagi"]')
    assert "current" in (await apel.get_attribute("class") or "")
    assert await apel.locator(".now-line").count() == 1
    assert await page.locator(".now-line").count() == 1
    assert "05.35 WIB" in await page.locator(".now-line").inner_text()
    assert CAMAT["name"] in await page.locator("#title").inner_text()
    # usable at 360 px: nothing wider than the screen
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at a 360 px viewport"
    await page.screenshot(path=str(ARTIFACTS / "participant-360.png"), full_page=True)

    await apel.locator("button[data-checkin]").click()
    await apel.locator(".att.done").wait_for()
    said = await apel.locator(".said").inner_text()
    assert "05.35 WIB" in said, said
    assert list(await attendees(web.services.db, "d2-apel-pagi")) == [CAMAT_ID]
    await page.screenshot(path=str(ARTIFACTS / "participant-360-checked-in.png"), full_page=True)

    wide = await new_page(browser, 1280, errors)
    await wide.goto(opened_from_telegram(web, CAMAT_ID))
    await wide.locator('li.item[data-session="d2-apel-pagi"] .att.done').wait_for()
    await wide.screenshot(path=str(ARTIFACTS / "participant-1280.png"), full_page=True)
    assert errors == []


async def test_organiser_page_shows_the_figures_and_follows_a_check_in(
    web: Web, browser: Any
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await check_in_directly(web, LURAH_ID)
    errors: list[str] = []
    page = await new_page(browser, 1280, errors)
    await page.goto(opened_from_telegram(web, ADMIN_ID, view="dashboard"))
    registrations = page.locator('[data-figure="registrations"] .big')
    await registrations.wait_for()
    assert await registrations.inner_text() == "3 dari 24 peserta terdaftar"
    apel = page.locator('[data-figure="attendance"] [data-session="d2-apel-pagi"]')
    assert "1 dari 3 hadir" in await apel.inner_text()
    missing = await apel.locator("ul.missing li").all_inner_texts()
    assert sorted(missing) == sorted([CAMAT["name"], OPD["name"]])
    reflections = await page.locator('[data-figure="reflections"]').inner_text()
    assert "0 dari 3 selesai" in reflections
    assert await page.locator('[data-figure="registrations"] svg rect').count() > 0
    assert await page.locator('[data-queue="pending"] b').inner_text() == "0"
    await page.screenshot(path=str(ARTIFACTS / "dashboard-1280.png"), full_page=True)

    # live: a check-in in the chat shows on the open page without reloading it
    marker = await page.evaluate("window.__marker = 1")
    assert marker == 1
    await check_in_directly(web, OPD_ID)
    await apel.locator("text=2 dari 3 hadir").wait_for(timeout=15_000)
    assert await page.evaluate("window.__marker") == 1  # the same page, not reloaded
    assert await apel.locator("ul.missing li").all_inner_texts() == [CAMAT["name"]]

    narrow = await new_page(browser, 360, errors)
    await narrow.goto(opened_from_telegram(web, ADMIN_ID, view="dashboard"))
    await narrow.locator('[data-figure="registrations"] .big').wait_for()
    width = await narrow.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the dashboard is {width} px wide at a 360 px viewport"
    await narrow.screenshot(path=str(ARTIFACTS / "dashboard-360.png"), full_page=True)
    assert errors == []


async def test_a_participant_opening_the_dashboard_view_sees_their_timeline(
    web: Web, browser: Any
) -> None:
    errors: list[str] = []
    page = await new_page(browser, 360, errors)
    await page.goto(opened_from_telegram(web, CAMAT_ID, view="dashboard"))
    await page.wait_for_selector("li.item")
    assert await page.locator("[data-figure]").count() == 0
    assert await page.locator("#switch button").count() == 0
    assert errors == []


async def test_a_forged_init_data_shows_the_refusal(web: Web, browser: Any) -> None:
    errors: list[str] = []
    page = await new_page(browser, 360, errors)
    forged = opened_from_telegram(web, CAMAT_ID).replace(str(CAMAT_ID), str(OPD_ID), 1)
    await page.goto(forged)
    await page.locator("p.err").wait_for()
    assert "hanya dapat dibuka dari bot" in await page.locator("p.err").inner_text()
    assert await page.locator("li.item").count() == 0
    assert errors == []
