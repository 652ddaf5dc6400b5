"""A button answered late (or whose answer is lost) still does what it says (issue 6, item 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.clock import Clock
from db.attendance import attendees
from db.meta import last_errors
from db.participants import get_participant, get_user
from tests.conftest import (
    BUDI,
    Rig,
    at,
    enrol,
    has_button,
    make_settings,
    relax_chat_limits,
    seed_roster,
    start_rig,
)
from tests.fakebot import FakeTelegram, FakeUser, SentMessage

APOLOGY = "Maaf"


async def press_late(fake: FakeTelegram, user: FakeUser, message: SentMessage, data: str) -> None:
    """Press a button whose answerCallbackQuery comes too late for Telegram (400)."""
    query_id = await user.press(message, data)
    fake.expire_query(query_id)  # before the bot can poll it: deterministic


def outcome(marker: str) -> Callable[[SentMessage], bool]:
    """The message that says whether the action was done: `marker`, or the apology."""
    return lambda m: marker in m.text or APOLOGY in m.text


def no_apology(fake: FakeTelegram, user: FakeUser) -> None:
    """Nothing in the user's chat is the error apology."""
    apologies = [m.text for m in user.inbox if APOLOGY in m.text]
    assert not apologies, f"the user got an apology: {apologies}\n{fake.dump()}"


async def test_language_choice_takes_effect_when_the_answer_is_too_late(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    user = rig.user(5101, "Budi")
    await user.send("/bahasa")
    choose = await user.reply_where(lambda m: has_button(m, "lang:en"))
    await press_late(rig.fake, user, choose, "lang:en")
    done = await user.reply_where(outcome("Language set"))
    assert "Language set" in done.text, f"lang:en failed: {done.text!r}"
    stored = await get_user(rig.svc.db, user.id)
    assert stored is not None and stored.language == "en", "lang:en was not applied"
    no_apology(rig.fake, user)
    assert await last_errors(rig.svc.db) == []


async def test_registration_is_done_when_the_answers_are_too_late(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    user = rig.user(5104, "Budi")
    await user.send("/daftar")
    choose = await user.reply_where(lambda m: has_button(m, "lang:id"))
    await user.press(choose, "lang:id")
    await user.reply_where(lambda m: "NIP" in m.text)
    await user.send(BUDI)
    confirm = await user.reply_where(lambda m: has_button(m, "reg:yes"))
    await press_late(rig.fake, user, confirm, "reg:yes")
    done = await user.reply_where(outcome("✅"))
    assert "✅" in done.text, f"reg:yes failed: {done.text!r}"
    assert await get_participant(rig.svc.db, user.id) is not None, "reg:yes left them unregistered"
    no_apology(rig.fake, user)
    assert await last_errors(rig.svc.db) == []


async def test_hadir_is_recorded_when_the_answer_is_too_late(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    # 08:35 on day 1: the opening ceremony (08:30) is open for check-in.
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 08:35"))) as rig:
        relax_chat_limits(fake)
        user = rig.user(5102, "Budi")
        await enrol(rig, user, BUDI)
        query_id = await user.press_raw("hadir:d1-pembukaan")
        fake.expire_query(query_id)
        done = await user.reply_where(outcome("tercatat"))
        assert "tercatat" in done.text, f"Hadir failed: {done.text!r}"
        assert user.id in await attendees(rig.svc.db, "d1-pembukaan")
        no_apology(fake, user)
        assert await last_errors(rig.svc.db) == []


async def test_hadir_is_recorded_when_the_answer_is_lost_to_a_network_fault(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 08:35"))) as rig:
        relax_chat_limits(fake)
        other = rig.user(5103, "Lain")
        await enrol(rig, other, "196903121994031005")
        fake.fail_next(1, 502, {"answerCallbackQuery"})
        await other.press_raw("hadir:d1-pembukaan")
        done = await other.reply_where(outcome("tercatat"))
        assert "tercatat" in done.text, f"Hadir failed: {done.text!r}"
        assert other.id in await attendees(rig.svc.db, "d1-pembukaan")
        no_apology(fake, other)
        assert await last_errors(rig.svc.db) == []
