"""The XLSX export (issue 9, item 4): `python -m bot export FILE.xlsx` and /ekspor. The file
opens with openpyxl; its reflections sheet holds exactly the stored answers; NIPs are text;
dates and times are Excel dates in the event's zone; /ekspor works for an organiser in their
private chat only, and sends nothing anywhere else."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.agenda_io import DEFAULT_QUESTIONS
from bot.clock import Clock
from bot.export import DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT, sheet_names
from bot.roster import load_roster_file
from bot.spreadsheet import spreadsheet_safe
from bot.texts import t
from db import Database
from db.attendance import check_in
from db.outbox import NewMessage, enqueue, mark_sent
from db.participants import set_status
from db.questions import add_question
from db.reflections import save_answer
from tests.conftest import ADMIN_ID, ROSTER, at, enrol, make_settings, seed_roster, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import enrol_entry, settle
from tests.test_cli import SAMPLE, cli

WIB = ZoneInfo("Asia/Jakarta")
D1, D2 = "2025-05-15", "2025-05-16"
REGISTERED_AT = at("2025-05-14 19:45").timestamp()
CHECKED_AT = at("2025-05-15 21:28").timestamp()
IDS = [q.id for q in DEFAULT_QUESTIONS]
# Answers as participants typed them: a formula-looking one, several lines, HTML signs.
ANSWERS: dict[tuple[int, str], dict[str, str]] = {
    (5001, D1): {
        "rating": "4",
        "lesson": '=HYPERLINK("http://x") bukan rumus',
        "action": "Rapat koordinasi <Senin> & Kamis\nbersama para kabid.",
        "value": "Akuntabel",
    },
    (5002, D1): {"rating": "2", "lesson": "Disiplin waktu."},
    (5001, D2): {"rating": "5", "lesson": "Kolaborasi.", "action": "SOP.", "value": "Loyal"},
}


def rows_of(ws: Worksheet) -> list[dict[str, Any]]:
    """The data rows of a sheet, by header."""
    values = list(ws.iter_rows(values_only=True))
    headers = [str(h) for h in values[0]]
    return [dict(zip(headers, row, strict=True)) for row in values[1:]]


async def seed(db_path: Path) -> tuple[list[str], str]:
    """Three registered participants (one inactive), answers, a check-in, a question.
    Returns (every roster NIP, the NIP of participant 5001)."""
    entries, problems = load_roster_file(ROSTER)
    assert not problems
    db = await Database.open(db_path)
    try:
        for n, entry in enumerate(entries[:3]):
            await enrol_entry(db, 5001 + n, "P", entry, lang="en" if n else "id", at=REGISTERED_AT)
        await set_status(db, 5003, "inactive")
        for (user_id, day), answers in ANSWERS.items():
            for qid, value in answers.items():
                kind = next(q.type for q in DEFAULT_QUESTIONS if q.id == qid)
                await save_answer(db, user_id, day, qid, kind, value, required=IDS, at=1.0)
        await check_in(db, "d1-apel-malam", 5001, method="code", at=CHECKED_AT)
        await add_question(db, 5002, "Apakah ada sesi tambahan?", at=CHECKED_AT)
        item = "reminder:d1-apel-malam@20250515T2130-30"
        reminders = [
            NewMessage(f"{item}:{u}", "reminder", item, chat_id=u, payload={}, user_id=u)
            for u in (5001, 5002)
        ]
        await enqueue(db, reminders, at=CHECKED_AT)
        row = await db.fetchone("SELECT id FROM outbox WHERE user_id = 5001")
        assert row is not None
        await mark_sent(db, int(row[0]), message_id=1, at=CHECKED_AT)
    finally:
        await db.close()
    return [e.nip for e in entries], entries[0].nip


async def test_cli_export_holds_the_stored_answers_nips_as_text_and_dates_as_dates(
    tmp_path: Path,
) -> None:
    assert cli(tmp_path, "import-agenda", SAMPLE).returncode == 0
    assert cli(tmp_path, "import-roster", ROSTER).returncode == 0
    nips, first = await seed(tmp_path / "x.db")
    result = cli(tmp_path, "export", "laporan.xlsx")
    assert result.returncode == 0, result.stderr
    assert "laporan.xlsx" in result.stdout, result.stdout
    book = load_workbook(tmp_path / "laporan.xlsx")
    assert book.sheetnames == list(sheet_names("id"))
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", f"{ws.title}: header row not frozen"
        assert all(c.font.bold for c in ws[1]), f"{ws.title}: header not bold"
        assert ws.auto_filter.ref == ws.dimensions, f"{ws.title}: filter not over the table"

    # the reflections sheet: one row per participant per day, exactly the stored answers
    sheet = book[t("id", "export.sheet.reflections")]
    title = {q.id: q.text["id"] for q in DEFAULT_QUESTIONS}
    nip_of = {5001 + n: nip for n, nip in enumerate(nips[:3])}
    found = {
        (row["NIP"], row["Tanggal"].date().isoformat()): {
            qid: row[title[qid]] for qid in IDS if row[title[qid]] is not None
        }
        for row in rows_of(sheet)
    }
    expected = {
        (nip_of[user_id], day): {
            qid: int(v) if qid == "rating" else spreadsheet_safe(v) for qid, v in answers.items()
        }
        for (user_id, day), answers in ANSWERS.items()
    }
    assert found == expected
    finished = {
        (r["NIP"], r["Tanggal"].date().isoformat()): r["Selesai diisi"] for r in rows_of(sheet)
    }
    assert finished == {(first, D1): "ya", (nip_of[5002], D1): "tidak", (first, D2): "ya"}

    # NIPs are text (never a number that loses digits), in every sheet that has them
    people = book[t("id", "export.sheet.participants")]
    cells = [row[0] for row in people.iter_rows(min_row=2)]
    assert {c.value for c in cells} == set(nips)
    assert all(isinstance(c.value, str) and c.number_format == "@" for c in cells)
    assert people.column_dimensions["A"].width >= 18  # the whole NIP shows
    for name in ("reflections", "attendance", "questions"):
        ws = book[t("id", f"export.sheet.{name}")]
        nip_col = next(c for c in ws[1] if c.value == "NIP").column
        for row in ws.iter_rows(min_row=2, min_col=nip_col, max_col=nip_col):
            assert row[0].value is None or isinstance(row[0].value, str), (name, row[0].value)
            assert row[0].number_format == "@", name

    # dates and times are Excel dates in the event's zone
    mine = next(r for r in people.iter_rows(min_row=2) if r[0].value == first)
    head = [c.value for c in people[1]]
    registered = mine[head.index("Waktu pendaftaran")]
    assert registered.is_date and registered.number_format == DATETIME_FORMAT
    assert registered.value == datetime(2025, 5, 14, 19, 45)
    agenda = book[t("id", "export.sheet.agenda")]
    first_session = agenda[2]
    assert first_session[1].is_date and first_session[1].number_format == DATE_FORMAT
    assert first_session[1].value.date() == date(2025, 5, 15)
    assert first_session[2].number_format == TIME_FORMAT
    assert isinstance(first_session[2].value, time)
    attendance = rows_of(book[t("id", "export.sheet.attendance")])
    apel = next(r for r in attendance if r["Kode sesi"] == "d1-apel-malam" and r["NIP"] == first)
    assert apel["Hadir"] == "ya" and apel["Waktu presensi"] == datetime(2025, 5, 15, 21, 28)
    others = [r for r in attendance if r["Kode sesi"] == "d1-apel-malam" and r["NIP"] != first]
    assert others and all(r["Hadir"] == "tidak" for r in others)

    # the participants sheet: registration, language, reminders, active
    by_nip = {r["NIP"]: r for r in rows_of(people)}
    assert by_nip[nip_of[5003]]["Aktif (tidak memblokir bot)"] == "tidak"
    assert by_nip[nip_of[5002]]["Bahasa"] == "Bahasa Inggris"
    assert by_nip[nips[5]]["Terdaftar di bot"] == "tidak"
    sent = rows_of(book[t("id", "export.sheet.deliveries")])
    assert [(r["Pesan"], r["Tentang"], r["Penerima"], r["Terkirim"], r["Belum terkirim"])
            for r in sent] == [("pengingat", "Apel Malam", 2, 1, 1)]  # fmt: skip
    questions = rows_of(book[t("id", "export.sheet.questions")])
    assert [q["Pertanyaan"] for q in questions] == ["Apakah ada sesi tambahan?"]


async def test_cli_export_speaks_english_and_refuses_a_name_without_xlsx(tmp_path: Path) -> None:
    assert cli(tmp_path, "import-roster", ROSTER).returncode == 0
    result = cli(tmp_path, "export", "data.xlsx", "--lang", "en")
    assert result.returncode == 0, result.stderr
    book = load_workbook(tmp_path / "data.xlsx")
    assert book.sheetnames == list(sheet_names("en"))
    assert [c.value for c in book["Participants"][1]][:3] == ["NIP", "Name", "Position"]
    bad = cli(tmp_path, "export", "data.csv")
    assert bad.returncode == 2
    assert "data.csv" in bad.stderr and ".xlsx" in bad.stderr, bad.stderr
    assert not (tmp_path / "data.csv").exists()


@pytest.mark.slow
async def test_ekspor_goes_to_an_organiser_in_private_only(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    group = -100_4242
    async with start_rig(fake, settings, Clock(start=at(f"{D1} 21:00"))) as rig:
        participant = rig.user(5101, "Peserta")
        entries, _ = load_roster_file(ROSTER)
        await enrol(rig, participant, entries[0].nip)
        await save_answer(
            rig.svc.db, 5101, D1, "lesson", "text", "Mendengar dulu.", required=IDS, at=1.0
        )
        admin = fake.user(ADMIN_ID, "Panitia")
        unknown = t("id", "fallback.unknown_command", command="/ekspor")

        # a participant, and the organiser in a group: the unknown-command reply, no file
        await participant.send("/ekspor")
        reply = await participant.next_reply()
        assert reply.text == unknown, reply.text
        await fake.group_message(group, admin, "/ekspor")
        (in_group,) = await fake.wait_for(lambda m: m.chat_id == group)
        assert in_group.text == unknown, in_group.text
        await settle(rig, participant)
        assert [m for m in fake.sent if m.method == "sendDocument"] == []

        # the organiser in their private chat: the XLSX file, as a document
        await admin.send("/ekspor")
        (document,) = await fake.wait_for(
            lambda m: m.chat_id == ADMIN_ID and m.method == "sendDocument", timeout=30
        )
        assert document.filename and document.filename.endswith(".xlsx"), document.filename
        assert document.document is not None
        book = load_workbook(io.BytesIO(document.document))
        rows = rows_of(book[t("id", "export.sheet.reflections")])
        assert [(r["NIP"], r[DEFAULT_QUESTIONS[1].text["id"]]) for r in rows] == [
            (entries[0].nip, "Mendengar dulu.")
        ]
        await settle(rig, admin)
        documents = [m.chat_id for m in fake.sent if m.method == "sendDocument"]
        assert documents == [ADMIN_ID], documents
