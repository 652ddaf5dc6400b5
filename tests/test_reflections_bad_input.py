"""Bad input in the middle of a reflection (issue 9): a clear reply, nothing stored twice or
corrupted."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from db import Database
from tests.conftest import answer_to, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, settle
from tests.reflect_helpers import D1, D2, asks, start_from_prompt, stored, write_agenda

A = 7201


async def _rows(db: Database) -> int:
    row = await db.fetchone("SELECT COUNT(*) FROM reflection_answers WHERE user_id = ?", (A,))
    assert row is not None
    return int(row[0])


async def test_double_tap_long_text_sticker_pause_and_an_old_days_button(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake, event_file=write_agenda(tmp_path))
    await register_many(settings, fake, [(A, "Kepala OPD", "K1")])
    async with start_rig(fake, settings, Clock(start=at(f"{D1} 20:29:58"))) as rig:
        a = fake.user(A, "Peserta")
        db = rig.svc.db
        question = await start_from_prompt(a)

        # a double tap on a rating: stored once, the next question asked once
        first = await a.press(question, f"refl:a:{D1}:rating:4")
        second = await a.press(question, f"refl:a:{D1}:rating:4")
        await answer_to(fake, first)
        assert "sudah tercatat" in (await answer_to(fake, second)).get("text", "")
        await settle(rig, a)
        assert len([m for m in a.inbox if asks("lesson")(m)]) == 1
        assert await _rows(db) == 1
        # a tap on another number of the answered question changes nothing either
        third = await a.press(question, f"refl:a:{D1}:rating:1")
        assert "sudah tercatat" in (await answer_to(fake, third)).get("text", "")
        assert (await stored(db, A, D1))["rating"] == "4"

        # 5,000 characters: said so, nothing stored, the question stands
        await a.send("x" * 5000)
        refused = await a.reply_where(lambda m: "terlalu panjang" in m.text)
        assert "5.000 karakter" in refused.text and "2.000 karakter" in refused.text
        assert await _rows(db) == 1
        await a.send("Disiplin waktu adalah kunci.")
        await a.reply_where(asks("action"))

        # a sticker: said so, the question asked again, nothing stored
        await a.send_sticker()
        again = await a.reply_where(lambda m: "tidak disimpan" in m.text)
        assert asks("action")(again) or "Langkah nyata" in again.text
        assert await _rows(db) == 2

        # /batal pauses and keeps the answers; /refleksi resumes at the right question
        await a.send("/batal")
        await a.reply_where(lambda m: "dijeda" in m.text)
        await a.send("jadwal besok")  # no longer an answer: answered as an agenda question
        await a.reply_where(lambda m: "Presentasi" in m.text)
        assert await _rows(db) == 2
        await a.send("/refleksi")
        await a.reply_where(lambda m: "2 dari 4" in m.text)
        await a.reply_where(asks("action"))

        # a choice question: a word that is no option is refused, an option typed by name taken
        await a.send("Rapat koordinasi mingguan.")
        choice = await a.reply_where(asks("value"))
        await a.send("Jujur")
        await a.reply_where(lambda m: "pilih salah satu" in m.text)
        await a.send("akuntabel")
        await a.reply_where(lambda m: "Terima kasih" in m.text)
        assert (await stored(db, A, D1))["value"] == "Akuntabel"
        late = await a.press(choice, f"refl:a:{D1}:value:2")  # the buttons of the asked one
        assert "sudah tercatat" in (await answer_to(fake, late)).get("text", "")

        # forged data and an old day's button: a clear answer, nothing changes
        forged = await a.press_raw("refl:a:2099-01-01:rating:3")
        assert (await answer_to(fake, forged)).get("text")
        rig.clock.jump(at(f"{D2} 05:00"))
        prompt = next(m for m in a.inbox if any(d == f"refl:s:{D1}" for _, d in m.buttons))
        old = await a.press(prompt, f"refl:s:{D1}")
        assert "sudah ditutup" in (await answer_to(fake, old)).get("text", "")
        await settle(rig, a)
        assert await _rows(db) == 4
        assert await stored(db, A, D1) == {
            "rating": "4",
            "lesson": "Disiplin waktu adalah kunci.",
            "action": "Rapat koordinasi mingguan.",
            "value": "Akuntabel",
        }
