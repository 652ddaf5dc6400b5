"""English speakers read a session in English where the agenda gives it: optional
`title_en`, `description_en` and `location_en` (issue 7, item 3, rest)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.agenda_io import load_agenda
from bot.changes import AgendaChange, change_notices
from bot.clock import Clock
from bot.ics import agenda_ics
from bot.models import Session
from bot.render import agenda_day, briefing, reminder, session_block
from db import Database
from db.agenda import load_agenda as load_saved
from db.agenda import save_agenda
from db.participants import Participant
from tests.conftest import at, has_button, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import is_reminder, register_many

JKT = ZoneInfo("Asia/Jakarta")
NOON = datetime(2025, 5, 14, 12, 0, tzinfo=JKT)
ENGLISH = 7501
INDONESIAN = 7502

AGENDA_YAML = """\
event: {name: Retret Uji, venue: Balai Kota}
schedule: {morning_briefing: null, reflection_prompt: null, reflection_nudge: null}
sessions:
  - id: apel
    date: 2025-05-15
    start: "06.00"
    end: "06.30"
    kind: assembly
    title: Apel Pagi
    title_en: Morning Assembly
    location: Lapangan Upacara
    location_en: Parade Ground
    description: Pakaian olahraga. Berbaris per kelompok.
    description_en: Sportswear. Line up by group.
  - id: materi
    date: 2025-05-15
    start: "08.00"
    end: "09.30"
    title: Materi Kepemimpinan
    location: Aula Utama
    description: Bawa alat tulis.
"""

AGENDA_CSV = (
    "id,date,start,end,title,title_en,location,location_en,description,description_en\n"
    "apel,2025-05-15,06.00,06.30,Apel Pagi,Morning Assembly,Lapangan,Parade Ground,"
    "Pakaian olahraga,Sportswear\n"
    "materi,2025-05-15,08.00,09.30,Materi,,Aula,,Bawa alat tulis,\n"
)


def _apel() -> Session:
    return Session(
        id="apel",
        date=date(2025, 5, 15),
        start=time(6, 0),
        end=time(6, 30),
        title="Apel Pagi",
        kind="assembly",
        location="Lapangan Upacara",
        description="Pakaian olahraga.",
        title_en="Morning Assembly",
        location_en="Parade Ground",
        description_en="Sportswear.",
    )


def test_one_helper_picks_english_for_english_readers_and_falls_back_to_indonesian() -> None:
    s = _apel()
    assert s.in_lang("en", "title") == "Morning Assembly"
    assert s.in_lang("en", "location") == "Parade Ground"
    assert s.in_lang("en", "description") == "Sportswear."
    assert s.in_lang("id", "title") == "Apel Pagi"
    bare = replace(s, title_en="", location_en="", description_en="")
    assert bare.in_lang("en", "title") == "Apel Pagi"
    assert bare.in_lang("en", "location") == "Lapangan Upacara"
    assert bare.in_lang("en", "description") == "Pakaian olahraga."
    only_english = replace(s, location="", description="")
    assert "Parade Ground" in session_block("en", only_english, details=True)
    assert "Sportswear." in reminder("en", only_english, JKT)[0]
    assert "📍" not in session_block("id", only_english, details=True)


def test_yaml_and_csv_agendas_carry_the_english_fields() -> None:
    for data, name in ((AGENDA_YAML, "a.yaml"), (AGENDA_CSV, "a.csv")):
        agenda, problems = load_agenda(data.encode(), name)
        assert problems == [], f"{name}: {problems}"
        assert agenda is not None
        apel, materi = agenda.sessions
        assert (apel.title_en, apel.location_en) == ("Morning Assembly", "Parade Ground")
        assert apel.description_en.startswith("Sportswear")
        assert (materi.title_en, materi.location_en, materi.description_en) == ("", "", "")


def test_bad_english_fields_are_refused_with_row_and_field() -> None:
    long_title = "x" * 201
    csv = (
        "id,date,start,end,title,title_en,location_en\n"
        f"a,2025-05-15,08.00,09.00,Materi,{long_title},\n"
        'b,2025-05-15,09.00,10.00,Materi,,"Aula\nLantai 2"\n'
    )
    agenda, problems = load_agenda(csv.encode(), "a.csv")
    assert agenda is None
    assert {(p.row, p.column) for p in problems} == {(2, "title_en"), (3, "location_en")}
    yaml_bad = AGENDA_YAML.replace("title_en: Morning Assembly", "title_en: [Morning]")
    agenda, problems = load_agenda(yaml_bad.encode(), "a.yaml")
    assert agenda is None
    assert [(p.row, p.column, p.code) for p in problems] == [(1, "title_en", "bad_text")]


async def test_the_english_fields_are_stored_and_read_back(tmp_path: Path) -> None:
    agenda, _ = load_agenda(AGENDA_YAML.encode(), "a.yaml")
    assert agenda is not None
    db = await Database.open(tmp_path / "retret.db")
    try:
        await save_agenda(db, agenda, source="test", at=0.0)
        saved = await load_saved(db)
    finally:
        await db.close()
    assert saved is not None
    assert saved.sessions == agenda.sessions


def test_every_view_of_a_session_speaks_the_readers_language() -> None:
    agenda, _ = load_agenda(AGENDA_YAML.encode(), "a.yaml")
    assert agenda is not None
    apel = agenda.sessions[0]
    day = date(2025, 5, 15)
    en_views = [
        agenda_day("en", agenda, agenda.sessions, day),
        session_block("en", apel, details=True),
        reminder("en", apel, JKT)[0],
        briefing("en", agenda, agenda.sessions, day, "Mr Budi")[0],
    ]
    for text in en_views:
        assert "Morning Assembly" in text and "Apel Pagi" not in text, text
        assert "Lapangan Upacara" not in text, text
    assert "Parade Ground" in en_views[2] and "Sportswear" in en_views[2]
    # no English title: the Indonesian one, never an empty line
    assert "Materi Kepemimpinan" in en_views[0]
    calendar = agenda_ics(
        agenda.event, agenda.sessions, lang="en", speaker_label="Speaker", stamp=NOON
    ).decode()
    assert "SUMMARY:Morning Assembly" in calendar and "LOCATION:Parade Ground" in calendar
    id_views = [agenda_day("id", agenda, agenda.sessions, day), reminder("id", apel, JKT)[0]]
    for text in id_views:
        assert "Apel Pagi" in text and "Morning Assembly" not in text, text
    assert "Pakaian olahraga" in id_views[1] and "Sportswear" not in id_views[1]


def test_a_change_notice_names_the_session_in_english_for_english_readers() -> None:
    agenda, _ = load_agenda(AGENDA_YAML.encode(), "a.yaml")
    assert agenda is not None
    apel = agenda.sessions[0]
    moved = replace(apel, location="Aula", location_en="Main Hall")
    people = [
        Participant(
            ENGLISH, ENGLISH, "1", "Peserta", "Lurah", "Unit", "", True, "active", True, "en", 0.0
        ),
    ]
    notices = change_notices(
        agenda,
        [AgendaChange("relocated", apel, moved)],
        people,
        now=datetime(2025, 5, 15, 5, 0, tzinfo=JKT),
        version=2,
        default_lang="id",
    )
    text = str(notices[0].payload["text"])
    assert "Morning Assembly" in text and "Main Hall" in text, text


async def test_an_english_participant_reads_the_english_agenda_reminder_and_details(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    event = tmp_path / "event.yaml"
    event.write_text(AGENDA_YAML, encoding="utf-8")
    settings = make_settings(tmp_path, fake, event_file=event)
    await register_many(settings, fake, [(ENGLISH, "Lurah", "Kelompok 1")], lang="en")
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 05:29:58"))) as rig:
        remind = (await fake.wait_for(is_reminder(ENGLISH, "Morning Assembly")))[0]
        assert "Parade Ground" in remind.plain_text
        assert "Sportswear. Line up by group." in remind.plain_text
        u = fake.user(ENGLISH)
        await u.send("/agenda")
        day = await u.reply_where(lambda m: "Morning Assembly" in m.text)
        assert "Apel Pagi" not in day.plain_text
        await u.press(day, "detail:2025-05-15")
        details = await u.reply_where(lambda m: "Sportswear" in m.text)
        assert "Pakaian olahraga" not in details.plain_text
        assert "Bawa alat tulis." in details.plain_text  # no English: the Indonesian one
        rig.clock.jump(at("2025-05-15 06:10"))
        await u.send("/now")
        now = await u.reply_where(lambda m: "Morning Assembly" in m.text and "⏳" in m.text)
        assert "Sportswear" in now.plain_text
        assert has_button(day, "detail:2025-05-15")
