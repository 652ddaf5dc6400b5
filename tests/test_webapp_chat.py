"""The Mini App in the chat (issue 11, item 1): "Buka linimasa" under /agenda for a
participant when WEBAPP_URL is set, and WEBAPP_URL's own check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.clock import Clock
from bot.settings import SettingsError, load_settings
from tests.conftest import BUDI, at, enrol, make_settings, seed_roster, start_rig
from tests.fakebot import FakeTelegram, SentMessage

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
