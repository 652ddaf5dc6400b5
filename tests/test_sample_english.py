"""The built-in sample event in English (issue 7 item 3, last part): every session carries
`title_en` and `location_en`, and `description_en` where it has a description, so an English
participant reads the sample in English and an Indonesian one in Indonesian."""

from __future__ import annotations

from bot.agenda_io import sample_agenda
from tests.conftest import Rig, enrol, first_with, relax_chat_limits


def test_every_sample_session_has_its_english_twins() -> None:
    missing = [
        f"{s.id}.{name}"
        for s in sample_agenda().sessions
        for name, indonesian, english in (
            ("title_en", s.title, s.title_en),
            ("location_en", s.location, s.location_en),
            ("description_en", s.description, s.description_en),
        )
        if indonesian and not english
    ]
    assert missing == [], f"English missing: {missing}"
    extra = [s.id for s in sample_agenda().sessions if s.description_en and not s.description]
    assert extra == [], f"English description without an Indonesian one: {extra}"


def test_the_english_sample_keeps_the_proper_names() -> None:
    sessions = {s.id: s for s in sample_agenda().sessions}
    assert sessions["d2-apel-pagi"].title_en == "Morning Assembly"
    assert sessions["d1-pembukaan"].location_en == "Army Polytechnic parade ground"
    assert "Army Polytechnic (Poltekad)" in sessions["d1-registrasi"].location_en
    assert "BerAKHLAK" in sessions["d1-kepala-bkn"].title_en
    assert "PDH (khaki service uniform)" in sessions["d1-pembukaan"].description_en
    assert "ISHOMA" in sessions["d1-ishoma-siang"].title_en


async def test_day_two_of_the_sample_reads_in_each_participants_language(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    camat = first_with("Camat")
    english = rig.user(4101, "Guest", language_code="en")
    await enrol(rig, english, camat["nip"], lang="en")
    indonesian = rig.user(4102, "Budi", language_code="id")
    await enrol(rig, indonesian, first_with("Lurah")["nip"], lang="id")

    await english.send("/agenda 2")
    en = await english.reply_where(lambda m: "📅" in m.text)
    text = en.plain_text
    assert "Friday, 16 May 2025" in text, text
    for title in ("Morning Assembly", "Friday prayers", "Army Polytechnic parade ground"):
        assert title in text, f"{title!r} not in the English day 2:\n{text}"
    for title in ("Apel Pagi", "Sholat Jumat", "Lapangan Apel Poltekad", "Breakout Camat"):
        assert title not in text, f"{title!r} in the English day 2:\n{text}"

    await indonesian.send("/agenda 2")
    idn = await indonesian.reply_where(lambda m: "📅" in m.text)
    text = idn.plain_text
    assert "Jumat, 16 Mei 2025" in text, text
    for title in ("05.30–06.00 Apel Pagi", "ISHOMA dan Sholat Jumat", "Lapangan Apel Poltekad"):
        assert title in text, f"{title!r} not in the Indonesian day 2:\n{text}"
    assert "Morning Assembly" not in text and "Friday prayers" not in text, text
