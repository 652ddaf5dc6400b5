"""Pressing the prompt's "Mulai refleksi" a second time while the reflection is under way does
not send the intro and the question again: an alert says it has started (tester's finding D)."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from tests.conftest import answer_to, at, has_button, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, settle
from tests.reflect_helpers import D1, asks, start_from_prompt, write_agenda

A = 7301


async def test_a_second_press_of_start_sends_nothing_twice(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake, event_file=write_agenda(tmp_path))
    await register_many(settings, fake, [(A, "Kepala OPD", "K1")])
    async with start_rig(fake, settings, Clock(start=at(f"{D1} 20:29:58"))) as rig:
        a = fake.user(A, "Peserta")
        await start_from_prompt(a)
        prompt = next(m for m in a.inbox if has_button(m, f"refl:s:{D1}"))
        query = await a.press(prompt, f"refl:s:{D1}")
        answer = await answer_to(fake, query)
        await settle(rig, a)
        intros = [m for m in a.inbox if "Refleksi" in m.text and "Satu pertanyaan" in m.text]
        firsts = [m for m in a.inbox if asks("rating")(m)]
        assert len(intros) == 1 and len(firsts) == 1, [m.text for m in a.inbox]
        assert "sudah dimulai" in answer.get("text", ""), answer
        assert answer.get("show_alert"), answer
