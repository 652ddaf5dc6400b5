"""The evening reflection end to end over the fake Bot API with the rehearsal clock (issue 9):
prompt, answers by button and text, nudge, editing until the next briefing, the journal."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from tests.conftest import at, has_button, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import register_many, settle, wait_until
from tests.reflect_helpers import (
    D1,
    D2,
    answer_all,
    asks,
    start_from_prompt,
    stored,
    write_agenda,
)

A, B, C = 7101, 7102, 7103
LESSON = "Kepemimpinan dimulai dari <teladan> & disiplin diri."
ACTION = "Rapat koordinasi mingguan di Dinas Kominfo setiap Senin pukul 08.00, bersama para kabid."
LESSON_2 = "Kolaborasi lintas OPD mempercepat layanan."
ACTION_2 = "Menyusun SOP layanan terpadu bersama Camat dalam dua minggu."


async def test_prompt_answers_nudge_edit_window_and_journal(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake, event_file=write_agenda(tmp_path))
    await register_many(
        settings, fake, [(A, "Kepala OPD", "K1"), (B, "Camat", "K2"), (C, "Lurah", "K3")]
    )
    clock = Clock(start=at(f"{D1} 20:29:57"))
    async with start_rig(fake, settings, clock) as rig:
        a, b, c = (fake.user(u, f"Peserta {u}") for u in (A, B, C))
        db = rig.svc.db

        # the prompt arrives at its time, to everyone, with a start button
        for uid in (A, B, C):
            await fake.wait_for(
                lambda m, u=uid: m.chat_id == u and has_button(m, f"refl:s:{D1}"), timeout=30
            )
        assert rig.clock.now() >= at(f"{D1} 20:30")

        # A answers everything with buttons and text; the summary has an Edit button each
        await start_from_prompt(a)
        summary = await answer_all(a, LESSON, ACTION, rating=4, value=1)
        assert [d for _, d in summary.buttons] == [
            f"refl:e:{D1}:{q}" for q in ("rating", "lesson", "action", "value")
        ]
        assert await stored(db, A, D1) == {
            "rating": "4",
            "lesson": LESSON,
            "action": ACTION,
            "value": "Akuntabel",
        }

        # B stops halfway
        await start_from_prompt(b)
        rating_q = b.inbox[-1]
        await b.press(rating_q, f"refl:a:{D1}:rating:3")
        await b.reply_where(asks("lesson"))
        await b.send("Disiplin waktu.")
        await b.reply_where(asks("action"))

        # the nudge goes only to those not finished (B, C), once: B halfway is asked to go on,
        # C who never started to start
        rig.clock.jump(at(f"{D1} 21:29:58"))
        await fake.wait_for(lambda m: m.chat_id == B and "belum selesai" in m.text, timeout=30)
        await fake.wait_for(lambda m: m.chat_id == C and "belum diisi" in m.text, timeout=30)
        await settle(rig)
        await rig.svc.scheduler.run_due()  # type: ignore[union-attr]
        await settle(rig)
        nudges = [
            m.chat_id for m in fake.sent if "belum selesai" in m.text or "belum diisi" in m.text
        ]
        assert sorted(nudges) == [B, C], nudges

        # before the next briefing (after midnight) an answer can be changed
        rig.clock.jump(at(f"{D2} 02:00"))
        await a.press(summary, f"refl:e:{D1}:lesson")
        await a.reply_where(lambda m: "Jawaban saat ini" in m.text)
        await a.send(LESSON_2)
        edited = await a.reply_where(lambda m: "Jawaban diubah" in m.text)
        assert LESSON_2 in edited.plain_text
        assert (await stored(db, A, D1))["lesson"] == LESSON_2

        # after the briefing, refused: nothing changes
        rig.clock.jump(at(f"{D2} 04:31"))
        query = await a.press(edited, f"refl:e:{D1}:action")
        await wait_until(lambda: query in fake.callback_answers, what="the Edit press answered")
        assert "sudah ditutup" in fake.callback_answers[query]["text"]
        query = await b.press(rating_q, f"refl:a:{D1}:rating:5")  # B's old question, too
        await wait_until(lambda: query in fake.callback_answers, what="the rating answered")
        assert "sudah ditutup" in fake.callback_answers[query]["text"]
        await settle(rig, a)
        assert (await stored(db, A, D1))["action"] == ACTION
        assert (await stored(db, B, D1))["rating"] == "3"

        # the last day's prompt comes with its reflection session at 10.00; A answers
        rig.clock.jump(at(f"{D2} 09:59:58"))
        await start_from_prompt(a, D2)
        await answer_all(a, LESSON_2 + " Hari kedua.", ACTION_2, rating=5, value=6, day=D2)

        # the journal arrives after the last session, with exactly the texts given
        rig.clock.jump(at(f"{D2} 11:29:58"))
        journal = await a.wait_for(lambda m: "Jurnal retret" in m.text, timeout=30)
        text = journal[0].plain_text
        for given in (LESSON_2, ACTION, "Akuntabel", LESSON_2 + " Hari kedua.", ACTION_2):
            assert given in text, (given, text)
        assert LESSON not in text  # the edited answer is the one kept
        assert text.index(ACTION) < text.index(ACTION_2)  # day 1 before day 2
        await b.wait_for(lambda m: "Disiplin waktu." in m.text and "Jurnal" in m.text)
        await c.wait_for(lambda m: "Terima kasih" in m.text and "Retret Uji" in m.text)
        await settle(rig)
        journals = [m.chat_id for m in fake.sent if "Jurnal retret" in m.text]
        assert sorted(journals) == [A, B], journals

        # afterwards /refleksi shows the journal
        await a.send("/refleksi")
        again = await a.reply_where(lambda m: "Jurnal retret" in m.text)
        assert ACTION_2 in again.plain_text
        assert len(await stored(db, A)) == 8
