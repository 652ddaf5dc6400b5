"""Questions to the organisers (/tanya) and their answers (/jawab, or a reply to the
question), issue 8 item 3: a question goes out with who asked, never the NIP; an answer by
reply and by /jawab comes back to the right participant; two participants asking at once get
their own answers; an answer is sent once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.clock import Clock
from db.questions import get_question
from tests.conftest import (
    ADMIN_ID,
    BUDI,
    Rig,
    at,
    enrol,
    make_settings,
    relax_chat_limits,
    seed_roster,
    start_rig,
)
from tests.fakebot import FakeTelegram, SentMessage
from tests.helpers import settle

GROUP = -1001234567890
SITI = "197204181998032004"  # Kepala OPD, Dinas Pendidikan dan Kebudayaan, Kelompok 3
ADMIN_2 = 900002


def is_question(number: int) -> Callable[[SentMessage], bool]:
    """A predicate: the message carrying question `number` to an organisers' chat."""
    return lambda m: f"Pertanyaan #{number}</b>" in m.text


async def test_a_question_goes_to_the_organisers_group_and_answers_come_back(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, organizer_chat_id=GROUP)
    await seed_roster(settings)
    fake.group(GROUP, title="Panitia Retret")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        budi = rig.user(5101, "Budi")
        admin = rig.user(ADMIN_ID, "Panitia Satu")
        await enrol(rig, budi, BUDI)

        # The question in the command.
        await budi.send("/tanya Di mana ruang makan untuk makan siang?")
        sent = await budi.reply_where(lambda m: "sudah diteruskan" in m.text)
        assert "nomor 1" in sent.text
        [question] = await fake.wait_for(lambda m: m.chat_id == GROUP and is_question(1)(m))
        assert "Bapak Budi Santoso" in question.text
        assert "Kepala OPD · Dinas Komunikasi dan Informatika · Kelompok 1" in question.text
        assert "Di mana ruang makan untuk makan siang?" in question.text
        assert BUDI not in question.text and BUDI not in question.plain_text

        # Answered by replying to it in the group (once the bot has recorded what it sent).
        assert rig.svc.outbox is not None
        await rig.svc.outbox.drain()
        await fake.group_message(
            GROUP, admin, "Di Gedung B, lantai 1.", title="Panitia Retret", reply_to=question
        )
        [answer] = await budi.wait_for(lambda m: "Jawaban panitia" in m.text)
        assert "Di Gedung B, lantai 1." in answer.text and "nomor 1" in answer.text
        assert "Di mana ruang makan" in answer.text
        [note] = await fake.wait_for(lambda m: m.chat_id == GROUP and "dijawab oleh" in m.text)
        assert "#1" in note.text and "Panitia Satu" in note.text

        # The question as the next message; answered with /jawab in a private chat.
        await budi.send("/tanya")
        await budi.reply_where(lambda m: "tulis pertanyaan" in m.text)
        await budi.send("Apakah besok memakai seragam PDH?")
        sent = await budi.reply_where(lambda m: "sudah diteruskan" in m.text)
        assert "nomor 2" in sent.text
        await fake.wait_for(lambda m: m.chat_id == GROUP and is_question(2)(m))
        await admin.send("/jawab 2 Ya, PDH dengan tanda nama.")
        done = await admin.reply_where(lambda m: "#2" in m.text)
        assert "sedang dikirim" in done.text and "Bapak Budi Santoso" in done.text
        [answer] = await budi.wait_for(
            lambda m: "nomor 2" in m.text and "Jawaban panitia" in m.text
        )
        assert "Ya, PDH dengan tanda nama." in answer.text
        await fake.wait_for(
            lambda m: m.chat_id == GROUP and "#2" in m.text and "dijawab oleh" in m.text
        )
        await settle(rig, admin)
        stored = await get_question(rig.svc.db, 2)
        assert stored is not None and stored.answered and stored.answered_by == ADMIN_ID

    answers = [m for m in fake.messages_to(budi.id) if "Jawaban panitia" in m.text]
    assert len(answers) == 2


async def test_two_participants_asking_at_once_get_their_own_answers(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, admin_ids=frozenset({ADMIN_ID, ADMIN_2}))
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        budi, siti = rig.user(5101, "Budi"), rig.user(5102, "Siti", language_code="en")
        one, two = rig.user(ADMIN_ID, "Panitia Satu"), rig.user(ADMIN_2, "Panitia Dua")
        await enrol(rig, budi, BUDI)
        await enrol(rig, siti, SITI, lang="en")

        await budi.send("/tanya Jam berapa bus berangkat?")
        await siti.send("/ask Where can I charge my laptop?")
        budi_sent = await budi.reply_where(lambda m: "sudah diteruskan" in m.text)
        siti_sent = await siti.reply_where(lambda m: "passed to the organisers" in m.text)
        numbers = {budi_sent.text.count("nomor 1"), siti_sent.text.count("number 1")}
        assert numbers == {0, 1}  # one got #1, the other #2
        budi_no = 1 if "nomor 1" in budi_sent.text else 2
        siti_no = 3 - budi_no

        # Without an organisers' group, each organiser gets each question privately.
        for admin in (one, two):
            for number in (1, 2):
                await admin.wait_for(is_question(number))
        [siti_q] = [m for m in one.inbox if is_question(siti_no)(m)]
        assert "Ibu Dr. Siti Aminah, M.Pd." in siti_q.text
        assert "Dinas Pendidikan dan Kebudayaan" in siti_q.text and SITI not in siti_q.text

        # Organiser one answers Siti by replying; organiser two answers Budi with /jawab.
        assert rig.svc.outbox is not None
        await rig.svc.outbox.drain()
        await one.send("In the hall, next to the stage.", reply_to=siti_q)
        await two.send(f"/jawab {budi_no} Pukul 06.30 WIB dari depan asrama.")
        await one.reply_where(lambda m: f"#{siti_no}" in m.text and "sedang dikirim" in m.text)
        await two.reply_where(lambda m: f"#{budi_no}" in m.text and "sedang dikirim" in m.text)
        # Each organiser hears of the answer the other gave.
        await two.wait_for(lambda m: f"#{siti_no}" in m.text and "Panitia Satu" in m.text)
        await one.wait_for(lambda m: f"#{budi_no}" in m.text and "Panitia Dua" in m.text)

        # A second answer to an answered question is refused and sends nothing.
        await two.send(f"/jawab {siti_no} Di aula.")
        late = await two.reply_where(lambda m: "sudah dijawab" in m.text)
        assert "Panitia Satu" in late.text
        await settle(rig, budi)

    def answers(chat: int) -> list[SentMessage]:
        return [
            m
            for m in fake.messages_to(chat)
            if "organisers' answer" in m.text or "Jawaban panitia" in m.text
        ]

    [to_budi] = answers(budi.id)
    [to_siti] = answers(siti.id)
    assert "Pukul 06.30 WIB dari depan asrama." in to_budi.text
    assert "Jam berapa bus berangkat?" in to_budi.text and "laptop" not in to_budi.text
    assert "In the hall, next to the stage." in to_siti.text
    assert "The organisers' answer" in to_siti.text and "bus" not in to_siti.text


async def test_jawab_lists_open_questions_and_bad_input_changes_nothing(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        budi, stranger = rig.user(5101, "Budi"), rig.user(5109, "Orang")
        admin = rig.user(ADMIN_ID, "Panitia")
        await enrol(rig, budi, BUDI)

        await admin.send("/jawab")
        assert "Tidak ada pertanyaan" in (await admin.next_reply()).text

        await stranger.send("/tanya Boleh ikut?")
        assert "belum terdaftar" in (await stranger.next_reply()).text

        await budi.send("/tanya Apakah ada shuttle ke stasiun?")
        await budi.reply_where(lambda m: "sudah diteruskan" in m.text)
        await budi.send("/tanya Apakah ada shuttle ke stasiun?")  # sent twice: one question
        assert "sudah terkirim" in (await budi.reply_where(lambda m: "nomor 1" in m.text)).text

        await admin.send("/jawab")
        listing = await admin.reply_where(lambda m: "belum dijawab" in m.text)
        assert "#1" in listing.text and "Bapak Budi Santoso" in listing.text
        assert "shuttle ke stasiun" in listing.text and "pukul 09.00 WIB" in listing.text

        for typed, expected in (
            ("/jawab satu jawaban", "Format"),
            ("/jawab 1", "Tulis jawabannya setelah nomor: /jawab 1 …"),
            ("/jawab 99 Ada.", "Tidak ada pertanyaan nomor 99"),
        ):
            await admin.send(typed)
            assert expected in (await admin.next_reply()).text, typed

        await budi.send("/bantuan")
        shown = await budi.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
        assert "/tanya" in shown.text and "/jawab" not in shown.text
        await admin.send("/bantuan")
        shown = await admin.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
        assert "/tanya" in shown.text and "/jawab" in shown.text and "/peserta" in shown.text

        await stranger.send("/jawab 1 Tidak ada.")  # not an organiser: an unknown command
        refused = await stranger.next_reply()
        assert (
            refused.text == "Perintah /jawab tidak dikenal. Ketik /bantuan untuk daftar perintah."
        )
        await settle(rig, budi)
        question = await get_question(rig.svc.db, 1)
        assert question is not None and not question.answered
        assert not [m for m in fake.messages_to(budi.id) if "Jawaban panitia" in m.text]


async def test_a_question_prompt_survives_a_restart(fake: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    clock = Clock(start=at("2025-05-15 09:00"))
    async with start_rig(fake, settings, clock) as rig:
        relax_chat_limits(fake)
        budi = rig.user(5101, "Budi")
        await enrol(rig, budi, BUDI)
        await budi.send("/tanya")
        await budi.reply_where(lambda m: "tulis pertanyaan" in m.text)
    async with start_rig(fake, settings, clock) as rig:
        rig.user(ADMIN_ID, "Panitia")
        await budi.send("Kapan sertifikat dibagikan?")
        sent = await budi.reply_where(lambda m: "sudah diteruskan" in m.text)
        assert "nomor 1" in sent.text
        [question] = await fake.wait_for(lambda m: m.chat_id == ADMIN_ID and is_question(1)(m))
        assert "Kapan sertifikat dibagikan?" in question.text
        # /batal leaves the prompt: the next text is an ordinary message again.
        await budi.send("/tanya")
        await budi.reply_where(lambda m: "tulis pertanyaan" in m.text)
        await budi.send("/batal")
        await budi.next_reply()
        await budi.send("terima kasih")
        assert "sudah diteruskan" not in (await budi.next_reply()).text
        await settle(rig, budi)
        assert await get_question(rig.svc.db, 2) is None


async def test_question_rules_without_telegram(tmp_path: Path) -> None:
    """Domain rules (bot/questions.py) on a real database: at most MAX_OPEN waiting per
    participant, an answer claimed once, `/jawab` arguments parsed."""
    from bot.questions import (
        MAX_OPEN,
        AlreadyAnswered,
        NoSuchQuestion,
        QuestionTooLong,
        TooManyOpen,
        answer_question,
        ask,
        parse_answer_command,
    )
    from bot.settings import Settings
    from db import Database
    from db.outbox import next_pending
    from db.participants import get_participant
    from db.roster import get_entry
    from tests.helpers import enrol_entry

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        bot_token="1:x",
        database_path=tmp_path / "r.db",
        admin_ids=frozenset({ADMIN_ID, ADMIN_2}),
    )
    await seed_roster(settings)
    db = await Database.open(settings.database_path)
    try:
        clock = Clock(start=at("2025-05-15 09:00"))
        entry = await get_entry(db, BUDI)
        assert entry is not None
        await enrol_entry(db, 5101, "Budi", entry, lang="id", at=0.0)
        budi = await get_participant(db, 5101)
        assert budi is not None
        for i in range(MAX_OPEN):
            await ask(db, clock, settings, budi, f"Pertanyaan ke-{i}")
        try:
            await ask(db, clock, settings, budi, "Satu lagi")
        except TooManyOpen as exc:
            assert exc.count == MAX_OPEN
        else:
            raise AssertionError("a sixth open question was taken")
        try:
            await ask(db, clock, settings, budi, "x" * 2001)
        except QuestionTooLong:
            pass
        else:
            raise AssertionError("a question over 2,000 characters was taken")
        queued = await next_pending(db, limit=100)
        assert len(queued) == MAX_OPEN * 2  # each question to both organisers
        assert {r.chat_id for r in queued} == {ADMIN_ID, ADMIN_2}

        done = await answer_question(db, clock, settings, 1, "Ya.", by=ADMIN_ID, by_name="Satu")
        assert done.asker is not None and done.asker.user_id == 5101
        try:
            await answer_question(db, clock, settings, 1, "Tidak.", by=ADMIN_2, by_name="Dua")
        except AlreadyAnswered as exc:
            assert exc.question.answer == "Ya." and exc.question.answerer_name == "Satu"
        else:
            raise AssertionError("a question was answered twice")
        try:
            await answer_question(db, clock, settings, 42, "?", by=ADMIN_ID, by_name="Satu")
        except NoSuchQuestion:
            pass
        else:
            raise AssertionError("an answer to no question was taken")
        queued = await next_pending(db, limit=100)
        answers = [r for r in queued if r.purpose == "answer"]
        notes = [r for r in queued if r.purpose == "answered"]
        assert [r.chat_id for r in answers] == [5101]
        assert [r.chat_id for r in notes] == [ADMIN_2]  # not back to the one who answered
        # With one answered, there is room for one more.
        await ask(db, clock, settings, budi, "Satu lagi")
    finally:
        await db.close()

    assert parse_answer_command("12 Di aula.\nLantai 2.") == (12, "Di aula.\nLantai 2.")
    assert parse_answer_command("#7 Ya") == (7, "Ya")
    assert parse_answer_command("3") == (3, "")
    assert parse_answer_command("satu jawaban") is None


async def test_a_sticker_at_the_question_prompt_says_questions_are_text(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    budi = rig.user(5101, "Budi")
    await enrol(rig, budi, BUDI)
    await budi.send("/tanya")
    await budi.reply_where(lambda m: "tulis pertanyaan" in m.text)
    await budi.send_sticker()
    said = await budi.next_reply()
    assert "Pertanyaan ditulis sebagai teks" in said.plain_text, said.describe()
    await budi.send("Kapan sertifikat dibagikan?")  # the prompt still stands
    await budi.reply_where(lambda m: "sudah diteruskan" in m.text)
