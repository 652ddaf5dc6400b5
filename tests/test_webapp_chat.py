"""The Mini App in the running bot (issue 11, item 1): `run` serves it when WEBAPP_URL is
set (on the webhook's server and port when both are on), the menu button opens it, "Buka
linimasa" under /agenda for a participant, and WEBAPP_URL's own check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.clock import Clock
from bot.settings import SettingsError, load_settings
from tests.conftest import BUDI, at, enrol, make_settings, seed_roster, start_rig
from tests.fakebot import FakeTelegram, SentMessage
from tests.test_webhook import free_port, webhook_rig
from tests.webapp_helpers import init_data

URL = "https://retret.example.go.id/webapp/"


def web_app_buttons(message: SentMessage) -> list[dict[str, Any]]:
    rows = (message.reply_markup or {}).get("inline_keyboard") or []
    return [b for row in rows for b in row if "web_app" in b]


async def test_agenda_carries_open_timeline_for_a_participant(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, webapp_url=URL)
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        budi = rig.user(8301, "Budi")
        await enrol(rig, budi, BUDI)
        await budi.send("/agenda")
        day = await budi.reply_where(lambda m: "📅" in m.text)
        assert web_app_buttons(day) == [{"text": "📅 Buka linimasa", "web_app": {"url": URL}}], (
            day.reply_markup
        )
        # the ▶ button's next day keeps it
        await budi.press(day, "day:2025-05-16")
        moved = await budi.reply_where(lambda m: "16 Mei" in m.text)
        assert len(web_app_buttons(moved)) == 1
        # the menu button opens the Mini App too
        menu = [p for m, p in fake.calls if m == "setChatMenuButton"]
        assert len(menu) == 1 and "chat_id" not in menu[0], menu
        button = menu[0]["menu_button"]
        assert button == {"type": "web_app", "text": "Linimasa", "web_app": {"url": URL}}
        # someone not registered sees the agenda without it (the page would refuse them)
        guest = rig.user(8302, "Tamu")
        await guest.send("/agenda")
        seen = await guest.reply_where(lambda m: "📅" in m.text)
        assert web_app_buttons(seen) == []


async def test_without_webapp_url_there_is_no_button(fake: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        budi = rig.user(8303, "Budi")
        await enrol(rig, budi, BUDI)
        await budi.send("/agenda")
        day = await budi.reply_where(lambda m: "📅" in m.text)
        assert web_app_buttons(day) == []
        assert [m for m, _ in fake.calls if m == "setChatMenuButton"] == []


@pytest.mark.parametrize(
    "bad", ["http://retret.example.go.id/webapp/", "retret/webapp", "https://"]
)
def test_a_webapp_url_that_is_not_full_https_stops_start_up_with_one_line(bad: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(lang="en", _env_file=None, webapp_url=bad)
    assert str(caught.value).startswith("WEBAPP_URL: must be a full https address"), caught.value


def test_an_empty_webapp_url_is_unset() -> None:
    assert load_settings(_env_file=None, webapp_url="").webapp_url is None
    assert load_settings(_env_file=None, webapp_url=f" {URL} ").webapp_url == URL


async def _get(url: str, init: str | None = None) -> tuple[int, str]:
    headers = {"Authorization": f"tma {init}"} if init else {}
    async with httpx.AsyncClient(timeout=10) as client:
        r = await client.get(url, headers=headers)
        return r.status_code, r.text


async def test_run_serves_the_mini_app_when_webapp_url_is_set(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    settings = make_settings(tmp_path, fake, webapp_url=URL, webhook_port=port)
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        budi = rig.user(8304, "Budi")
        await enrol(rig, budi, BUDI)
        base = f"http://127.0.0.1:{port}/webapp/"
        status, page = await _get(base)
        assert status == 200 and "tgWebAppData" in page
        status, body = await _get(base + "api/me", init_data(budi.id, token=fake.token))
        assert status == 200 and '"registered":true' in body, body
        status, _ = await _get(base + "api/me", init_data(budi.id))  # another bot's token
        assert status == 401
        # long polling goes on beside it
        await budi.send("/agenda")
        await budi.reply_where(lambda m: "📅" in m.text)
    with pytest.raises(httpx.ConnectError):  # stopped with the bot
        await _get(f"http://127.0.0.1:{port}/webapp/")


async def test_without_webapp_url_nothing_listens(fake: FakeTelegram, tmp_path: Path) -> None:
    port = free_port()
    settings = make_settings(tmp_path, fake, webhook_port=port)
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))):
        with pytest.raises(httpx.ConnectError):
            await _get(f"http://127.0.0.1:{port}/webapp/")


async def test_webhook_mode_and_the_mini_app_share_one_port(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_rig(fake, tmp_path, webapp_url=URL) as rig:
        port = rig.settings.webhook_port
        budi = rig.user(8305, "Budi")
        await enrol(rig, budi, BUDI)
        await budi.send("/agenda")  # delivered by webhook to that port
        day = await budi.reply_where(lambda m: "📅" in m.text)
        assert len(web_app_buttons(day)) == 1
        status, body = await _get(
            f"http://127.0.0.1:{port}/webapp/api/timeline", init_data(budi.id, token=fake.token)
        )
        assert status == 200 and '"day":"2025-05-15"' in body, body
