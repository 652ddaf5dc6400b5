"""Free text: "apakah" is not "apa" (whole words), and what nobody understands offers /tanya
besides the help buttons (tester's finding B)."""

from __future__ import annotations

from bot.intents import match_intent
from tests.conftest import BUDI, Rig


def test_apakah_does_not_ask_what_to_bring() -> None:
    intent = match_intent("Apakah saya harus membawa laptop?")
    assert intent is None or intent.kind != "details", intent


async def test_a_question_nobody_understands_offers_tanya(rig: Rig) -> None:
    u = rig.user(1001, "Budi")
    await rig.register(u, BUDI)
    await u.send("Apakah saya harus membawa laptop?")
    answer = await u.next_reply()
    assert "/tanya" in answer.text, answer.text
    assert ("❓ Bantuan", "menu:help") in answer.buttons, answer.buttons
