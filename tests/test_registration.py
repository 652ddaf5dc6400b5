"""Registration end to end (SPEC §7): language → NIP → confirmation → own agenda."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.clock import Clock
from db.conversations import get_conversation
from db.participants import get_participant, get_participant_by_nip
from db.roster import get_entry, set_invite
from tests.conftest import (
    ADMIN_ID,
    BUDI,
    Rig,
    answer_to,
    at,
    first_with,
    has_button,
    make_settings,
    relax_chat_limits,
    roster_rows,
    seed_roster,
    start_rig,
)
from tests.fakebot import FakeTelegram, FakeUser, SentMessage

# A well-formed NIP (born 1992-03-15, appointed 2015-03, male, no. 001) that is not on the
# sample roster.
NOT_ON_ROSTER = "199203152015031001"


@pytest.fixture(autouse=True)
def _quick_chats(fake: FakeTelegram) -> None:
    """These tests are about what the bot says, not about its per-chat pacing."""
    relax_chat_limits(fake)


def spaced(nip: str) -> str:
    """A NIP the way people type it: `19790808 200212 1 003`."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


async def open_nip_step(user: FakeUser, lang: str = "id") -> SentMessage:
    """/daftar and pick a language; returns the bot's request for the NIP."""
    await user.send("/daftar")
    choose = await user.reply_where(lambda m: has_button(m, f"lang:{lang}"))
    await user.press(choose, f"lang:{lang}")
    return await user.reply_where(lambda m: "NIP" in m.text)


async def test_camat_registers_with_spaced_nip_and_sees_camat_breakout_on_day_two(
    rig: Rig,
) -> None:
    camat = first_with("Camat")
    u = rig.user(3001, "Joko")
    ask = await open_nip_step(u)
    assert "Silakan kirim <b>NIP</b> Bapak/Ibu" in ask.text
    await u.send(spaced(camat["nip"]))
    confirm = await u.reply_where(lambda m: has_button(m, "reg:yes"))
    assert "Apakah ini data Bapak/Ibu?" in confirm.text
    assert camat["name"] in confirm.plain_text
    assert "Camat — Kecamatan Klojen" in confirm.plain_text
    assert "Kelompok 4" in confirm.plain_text
    await u.press(confirm, "reg:yes")
    done = await u.reply_where(lambda m: "Pendaftaran berhasil" in m.text)
    assert "Selamat bergabung, <b>Bapak Joko Santoso, S.Sos., M.Si.</b>\nKelompok 4\n" in done.text
    first_look = await u.reply_where(lambda m: "📅" in m.text)
    assert "Kamis, 15 Mei 2025" in first_look.text

    p = await get_participant(rig.svc.db, u.id)
    assert p is not None
    assert (p.nip, p.position, p.group, p.verified) == (camat["nip"], "Camat", "Kelompok 4", True)

    await u.send("/agenda 2")
    day2 = await u.reply_where(lambda m: "📅" in m.text)
    assert "Jumat, 16 Mei 2025" in day2.text
    assert "Breakout Camat" in day2.text
    assert "Breakout Lurah" not in day2.text
    assert "Breakout Kepala OPD" not in day2.text


async def test_lurah_sees_lurah_breakout_and_not_camat_breakout(rig: Rig) -> None:
    lurah = first_with("Lurah")
    u = rig.user(3002, "Andri")
    await rig.register(u, lurah["nip"])
    await u.send("/agenda 2")
    day2 = await u.reply_where(lambda m: "📅" in m.text)
    assert "Breakout Lurah" in day2.text
    assert "Breakout Camat" not in day2.text
    # Andri is in Kelompok 3: the evening discussion of groups 1–3, not 4–6.
    assert "Diskusi Kelompok 1–3" in day2.text
    assert "Diskusi Kelompok 4–6" not in day2.text


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        pytest.param(
            BUDI[:-1], "NIP harus 18 digit; yang Bapak/Ibu kirim 17 digit.", id="17-digits"
        ),
        pytest.param(
            "19850714 2010011 ABC",
            "NIP hanya boleh berisi angka (spasi boleh). Ada karakter lain: A B C",
            id="letters",
        ),
        pytest.param(
            "19851332 201001 1 003",
            "“19851332” bukan tanggal lahir yang sah",
            id="impossible-birth-date",
        ),
        pytest.param(
            "19850714 201001 3 003",
            "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan 3.",
            id="sex-digit-3",
        ),
    ],
)
async def test_bad_nip_gets_the_reason_stores_nothing_and_a_good_nip_then_works(
    rig: Rig, typed: str, reason: str
) -> None:
    u = rig.user(3003, "Budi")
    await open_nip_step(u)
    await u.send(typed)
    refused = await u.next_reply()
    assert reason in refused.plain_text
    assert "Silakan kirim ulang NIP Bapak/Ibu, atau /batal." in refused.plain_text
    assert await get_participant(rig.svc.db, u.id) is None
    conv = await get_conversation(rig.svc.db, u.id)
    assert conv is not None and (conv.flow, conv.state) == ("register", "nip")

    await u.send(BUDI)
    confirm = await u.next_reply()
    assert "Budi Santoso" in confirm.plain_text
    assert has_button(confirm, "reg:yes")


async def test_valid_nip_not_on_roster_is_refused_with_advice_and_nothing_stored(rig: Rig) -> None:
    u = rig.user(3004, "Orang Luar")
    await open_nip_step(u)
    await u.send(NOT_ON_ROSTER)
    refused = await u.next_reply()
    assert "tidak ada dalam daftar peserta retret" in refused.plain_text
    assert "hubungi panitia" in refused.plain_text
    # shown in full to the one who typed it, so a wrong digit can be spotted
    assert f"NIP {NOT_ON_ROSTER} tidak ada" in refused.plain_text
    assert not has_button(refused, "reg:yes")
    assert await get_participant(rig.svc.db, u.id) is None
    assert await get_participant_by_nip(rig.svc.db, NOT_ON_ROSTER) is None


async def test_second_account_with_same_nip_is_refused_and_organisers_are_told(rig: Rig) -> None:
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/start")
    await admin.next_reply()
    first = rig.user(3005, "Budi")
    await rig.register(first, BUDI)
    before = await get_participant(rig.svc.db, first.id)

    impostor = rig.user(3006, "Penyusup")
    await open_nip_step(impostor)
    await impostor.send(spaced(BUDI))
    refused = await impostor.next_reply()
    assert "sudah terdaftar pada akun Telegram lain" in refused.plain_text
    assert not has_button(refused, "reg:yes")

    alert = (
        await rig.fake.wait_for(
            lambda m: m.chat_id == ADMIN_ID and "mencoba mendaftar sebagai" in m.text
        )
    )[0]
    assert "Budi Santoso" in alert.plain_text
    assert "Penyusup" in alert.plain_text
    assert str(impostor.id) in alert.plain_text
    assert str(first.id) in alert.plain_text
    assert BUDI not in alert.plain_text and BUDI[-4:] not in alert.plain_text  # no NIP at all
    entry = await get_entry(rig.svc.db, BUDI)
    assert entry is not None and entry.unit in alert.plain_text  # the unit names the person
    assert has_button(alert, f"unbind:{first.id}")

    db = rig.svc.db
    assert await get_participant(db, impostor.id) is None
    assert await get_participant(db, first.id) == before
    holder = await get_participant_by_nip(db, BUDI)
    assert holder is not None and holder.user_id == first.id
    assert await get_conversation(db, impostor.id) is None


async def test_not_me_stores_nothing(rig: Rig) -> None:
    u = rig.user(3007, "Budi")
    await open_nip_step(u)
    await u.send(BUDI)
    confirm = await u.reply_where(lambda m: has_button(m, "reg:no"))
    await u.press(confirm, "reg:no")
    rejected = await u.reply_where(lambda m: "Baik, tidak ada yang disimpan" in m.text)
    assert "/daftar" in rejected.plain_text
    stored = rig.fake._messages[(u.id, confirm.message_id)].message
    assert "reply_markup" not in stored  # the Ya/Bukan buttons are gone
    assert await get_participant(rig.svc.db, u.id) is None
    assert await get_participant_by_nip(rig.svc.db, BUDI) is None
    assert await get_conversation(rig.svc.db, u.id) is None


async def test_english_speaker_registers_in_english(rig: Rig) -> None:
    u = rig.user(3008, "Budi", language_code="en")
    await u.send("/daftar")
    choose = await u.reply_where(lambda m: has_button(m, "lang:en"))
    assert choose.text.startswith("Choose your language")
    await u.press(choose, "lang:en")
    ask = await u.reply_where(lambda m: "NIP" in m.text)
    assert "The language stays English." in ask.plain_text
    assert "Please send your NIP" in ask.plain_text
    await u.send(BUDI)
    confirm = await u.reply_where(lambda m: has_button(m, "reg:yes"))
    assert "Is this you?" in confirm.plain_text
    assert ("✅ Yes, that's me", "reg:yes") in confirm.buttons
    await u.press(confirm, "reg:yes")
    done = await u.reply_where(lambda m: "✅" in m.text)
    assert "You are registered. Welcome, Mr Budi Santoso\nGroup: Kelompok 1\n" in done.plain_text
    agenda = await u.reply_where(lambda m: "📅" in m.text)
    assert "Thursday, 15 May 2025" in agenda.plain_text
    assert "Day 1 of 3" in agenda.plain_text
    assert "08:30–09:30 Opening Ceremony" in agenda.plain_text
    p = await get_participant(rig.svc.db, u.id)
    assert p is not None and p.language == "en"


async def test_deep_link_registers_in_one_tap(rig: Rig) -> None:
    await set_invite(rig.svc.db, BUDI, "kode123")
    u = rig.user(3009, "Budi")
    await u.start("kode123")
    done = await u.reply_where(lambda m: "✅" in m.text)
    assert "Pendaftaran berhasil. Selamat bergabung, Bapak Budi Santoso\nKelompok 1\n" in (
        done.plain_text
    )
    agenda = await u.reply_where(lambda m: "📅" in m.text)
    assert "Kamis, 15 Mei 2025" in agenda.plain_text
    p = await get_participant(rig.svc.db, u.id)
    assert p is not None and p.nip == BUDI and p.verified
    assert not any(has_button(m, "reg:yes") or has_button(m, "lang:id") for m in u.inbox)


async def test_unknown_deep_link_says_so_and_offers_normal_registration(rig: Rig) -> None:
    u = rig.user(3010, "Budi")
    await u.start("kodepalsu")
    bad = await u.next_reply()
    assert "Tautan pendaftaran ini tidak dikenal atau sudah tidak berlaku" in bad.plain_text
    assert "Bapak/Ibu dapat mendaftar dengan NIP." in bad.plain_text
    choose = await u.reply_where(lambda m: has_button(m, "lang:id"))
    await u.press(choose, "lang:id")
    await u.reply_where(lambda m: "NIP" in m.text)
    await u.send(BUDI)
    assert has_button(await u.next_reply(), "reg:yes")
    assert await get_participant(rig.svc.db, u.id) is None


async def test_registration_survives_a_restart_mid_way(fake: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    u = fake.user(3011, "Budi")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))):
        await open_nip_step(u)
    # The bot is down when the participant sends the NIP; it is answered once the bot is back.
    await u.send(spaced(BUDI))
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:05"))) as rig:
        confirm = await u.next_reply()
        assert "Apakah ini data Bapak/Ibu?" in confirm.text
        assert "Budi Santoso" in confirm.plain_text
        await u.press(confirm, "reg:yes")
        await u.reply_where(lambda m: "Pendaftaran berhasil" in m.text)
        p = await get_participant(rig.svc.db, u.id)
        assert p is not None and p.nip == BUDI


async def test_open_mode_registers_an_unlisted_nip_as_unverified(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, registration_mode="open")
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        u = rig.user(3012, "Tamu Undangan")
        await open_nip_step(u)
        await u.send(NOT_ON_ROSTER)
        confirm = await u.reply_where(lambda m: has_button(m, "reg:yes"))
        assert "belum ada dalam daftar panitia" in confirm.plain_text
        assert "Tamu Undangan (belum terverifikasi)" in confirm.plain_text
        await u.press(confirm, "reg:yes")
        done = await u.reply_where(lambda m: "Pendaftaran berhasil" in m.text)
        assert "Bapak Tamu Undangan\nKelompok: belum ditentukan\n" in done.plain_text
        await u.reply_where(lambda m: "📅" in m.text)
        p = await get_participant(rig.svc.db, u.id)
        assert p is not None
        assert (p.nip, p.name, p.verified) == (NOT_ON_ROSTER, "Tamu Undangan", False)
        await u.send("/profil")
        profile = await u.next_reply()
        assert "Status: belum terverifikasi" in profile.plain_text


# ---------------------------------------------------------------- guessing (issue 6, item 15)

# Well-formed NIPs that are not on the sample roster: guesses.
GUESSES = [f"19800101200501{1 + i // 999}{1 + i % 999:03d}" for i in range(8)]
WAIT = re.compile(r"Silakan coba lagi pukul (\d{2})\.(\d{2}) WIB\.")


def told_time(message: SentMessage) -> str:
    """`09:16` from "Silakan coba lagi pukul 09.16 WIB." in a bot message."""
    found = WAIT.search(message.plain_text)
    assert found is not None, f"no time to try again in {message.plain_text!r}"
    return f"{found.group(1)}:{found.group(2)}"


async def attempt_alerts(rig: Rig) -> list[str]:
    """Texts of the organisers' alerts about repeated attempts, as queued in the outbox."""
    rows = await rig.svc.db.fetchall(
        "SELECT payload_json FROM outbox WHERE purpose = 'alert' AND item LIKE 'attempts:%'"
    )
    return [str(json.loads(r[0])["text"]) for r in rows]


async def test_sixth_wrong_nip_waits_reveals_nothing_and_works_again_at_the_time_told(
    rig: Rig,
) -> None:
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/start")
    await admin.next_reply()
    u = rig.user(3101, "Penebak")
    await open_nip_step(u)
    for guess in GUESSES[:5]:
        await u.send(guess)
        refused = await u.next_reply()
        assert "tidak ada dalam daftar peserta retret" in refused.plain_text

    # The sixth try is a real roster NIP: during the wait it is not even looked up.
    await u.send(BUDI)
    answer = await u.reply_where(lambda m: "coba lagi" in m.text or has_button(m, "reg:yes"))
    assert "Budi Santoso" not in answer.plain_text, "a roster NIP was revealed during the wait"
    assert not has_button(answer, "reg:yes")
    assert "Terlalu banyak percobaan" in answer.plain_text
    until = told_time(answer)
    assert not any("Budi Santoso" in m.plain_text for m in u.inbox)
    await u.send(GUESSES[5])
    assert told_time(await u.next_reply()) == until  # the wait is not stretched by more tries
    assert await get_participant(rig.svc.db, u.id) is None

    # The organisers are told once, with the account id and masked NIPs only.
    alerts = await attempt_alerts(rig)
    assert len(alerts) == 1, alerts
    alert = (await rig.fake.wait_for(lambda m: m.chat_id == ADMIN_ID and "3101" in m.text))[0]
    assert "<code>3101</code>" in alert.text
    assert GUESSES[0][-4:] in alert.plain_text
    assert not any(g in alert.plain_text for g in GUESSES)
    assert "Penebak" not in alert.plain_text

    # At the time told, the NIP works again.
    rig.clock.jump(at(f"2025-05-15 {until}"))
    await u.send(BUDI)
    confirm = await u.next_reply()
    assert "Budi Santoso" in confirm.plain_text and has_button(confirm, "reg:yes")
    await u.press(confirm, "reg:yes")
    await u.reply_where(lambda m: "Pendaftaran berhasil" in m.text)
    assert len(await attempt_alerts(rig)) == 1


async def test_the_fifth_failure_says_when_to_try_again_in_english(rig: Rig) -> None:
    u = rig.user(3102, "Guesser", language_code="en")
    await open_nip_step(u, "en")
    for guess in ["1234", *GUESSES[:3]]:
        await u.send(guess)
        await u.next_reply()
    await u.send(GUESSES[3])
    fifth = await u.next_reply()
    assert "is not on the retreat's participant list" in fifth.plain_text
    found = re.search(r"Please try again at \d{2}:\d{2} WIB\.", fifth.plain_text)
    assert found is not None, fifth.plain_text


async def test_each_new_identity_revealed_counts_towards_the_cap(rig: Rig) -> None:
    """Successful lookups reveal names: at most five identities per account per 15 minutes."""
    people = roster_rows()[:6]
    u = rig.user(3103, "Pengintip")
    await open_nip_step(u)
    for person in people[:5]:
        await u.send(person["nip"])
        confirm = await u.reply_where(lambda m: has_button(m, "reg:no"))
        assert person["name"] in confirm.plain_text
        await u.press(confirm, "reg:no")
        await u.reply_where(lambda m: "tidak ada yang disimpan" in m.text)
        await open_nip_step(u)
    await u.send(people[5]["nip"])
    answer = await u.next_reply()
    assert people[5]["name"] not in answer.plain_text, "a sixth identity was revealed"
    told_time(answer)
    # Looking up the same person again is not a new identity: retyping one's own NIP is free.
    rig.clock.jump(at(f"2025-05-15 {told_time(answer)}"))
    for _ in range(6):
        await u.send(people[5]["nip"])
        confirm = await u.next_reply()
        assert people[5]["name"] in confirm.plain_text
        await u.press(confirm, "reg:no")
        await u.reply_where(lambda m: "tidak ada yang disimpan" in m.text)
        await open_nip_step(u)


async def test_wrong_invite_codes_count_towards_the_limit(rig: Rig) -> None:
    await set_invite(rig.svc.db, BUDI, "kode-benar-123")
    u = rig.user(3104, "Penebak Kode")
    for n in range(5):
        await u.start(f"kode-salah-{n}")
        await u.reply_where(lambda m: "Tautan pendaftaran ini tidak dikenal" in m.text)
    await u.start("kode-benar-123")
    answer = await u.reply_where(lambda m: "coba lagi" in m.text or "✅" in m.text)
    assert "Pendaftaran berhasil" not in answer.plain_text, "a code was tried during the wait"
    told_time(answer)
    assert await get_participant(rig.svc.db, u.id) is None


async def test_invite_mode_refuses_typed_nips_and_registers_by_invite_code(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake, registration_mode="invite")
    await seed_roster(settings)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        u = rig.user(3105, "Budi")
        await u.send("/daftar")
        only = await u.next_reply()
        assert "hanya melalui tautan atau kode QR undangan" in only.plain_text
        assert not has_button(only, "lang:id")
        await u.send(spaced(BUDI))
        refused = await u.next_reply()
        assert "hanya melalui tautan atau kode QR undangan" in refused.plain_text
        assert "Budi Santoso" not in refused.plain_text
        assert not has_button(refused, "reg:yes")
        assert await get_participant(rig.svc.db, u.id) is None
        assert await get_participant_by_nip(rig.svc.db, BUDI) is None

        await u.start()
        await u.reply_where(lambda m: "hanya melalui tautan atau kode QR undangan" in m.text)
        await u.start("kodepalsu")
        bad = await u.reply_where(lambda m: "tidak dikenal" in m.text)
        assert "mendaftar dengan NIP" not in bad.plain_text

        await set_invite(rig.svc.db, BUDI, "kode123")
        await u.start("kode123")
        done = await u.reply_where(lambda m: "✅" in m.text)
        assert "Pendaftaran berhasil. Selamat bergabung, Bapak Budi Santoso\nKelompok 1\n" in (
            done.plain_text
        )
        p = await get_participant(rig.svc.db, u.id)
        assert p is not None and p.nip == BUDI


async def test_an_organiser_releases_the_old_account_and_the_participant_registers_anew(
    rig: Rig,
) -> None:
    relax_chat_limits(rig.fake)
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/bantuan")
    await admin.next_reply()
    old_phone = rig.user(3007, "Budi")
    await rig.register(old_phone, BUDI)
    new_phone = rig.user(3008, "Budi (ponsel baru)")
    await open_nip_step(new_phone)
    await new_phone.send(BUDI)
    await new_phone.reply_where(lambda m: "akun Telegram lain" in m.text)
    alert = (await rig.fake.wait_for(lambda m: m.chat_id == ADMIN_ID and "mencoba" in m.text))[0]
    query = await new_phone.press_raw(f"unbind:{old_phone.id}", message_id=alert.message_id)
    answer = await answer_to(rig.fake, query)
    assert answer.get("text")  # a participant cannot release anyone
    assert await get_participant(rig.svc.db, old_phone.id) is not None
    await admin.press(alert, f"unbind:{old_phone.id}")
    await admin.reply_where(lambda m: "dilepas" in m.text)
    assert await get_participant(rig.svc.db, old_phone.id) is None
    await rig.register(new_phone, BUDI)
    p = await get_participant(rig.svc.db, new_phone.id)
    assert p is not None and p.nip == BUDI
