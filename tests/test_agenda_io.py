"""Agenda files: YAML, CSV and XLSX reading and validation, and problem texts."""

from __future__ import annotations

import csv
import io
import string
from datetime import date, datetime, time
from pathlib import Path

import openpyxl

from bot.agenda_io import (
    BERAKHLAK_VALUES,
    DEFAULT_EVENT,
    DEFAULT_QUESTIONS,
    load_agenda,
    load_agenda_file,
    sample_agenda,
)
from bot.models import KINDS, Agenda, Event, Problem, ScheduleConfig, Session
from bot.nip import NipError, validate_nip
from bot.problems import render_problems, source_of
from bot.roster import load_roster
from bot.texts import TEXTS

POSITIONS = {"Kepala OPD", "Kepala Bagian", "Camat", "Lurah", "Sekda"}
GROUPS = {f"Kelompok {n}" for n in range(1, 7)}
HEADER = "id,date,start,end,title,kind,location,speaker,description,audience,remind,checkin"
HEADER_CELLS: tuple[object, ...] = tuple(HEADER.split(","))


def _where(problems: list[Problem]) -> set[tuple[str, int | None, str | None]]:
    """The code, row and column of each problem."""
    return {(p.code, p.row, p.column) for p in problems}


def _yaml(sessions: str, head: str = "event:\n  name: Retret Uji\n  venue: Aula\n") -> bytes:
    """A YAML agenda with the given sessions block."""
    return (head + "sessions:\n" + sessions).encode()


def _session_rows(agenda: Agenda) -> list[list[object]]:
    """An agenda as spreadsheet rows (header first), the way an organiser would export it."""
    rows: list[list[object]] = [[*HEADER_CELLS, "title_en", "location_en", "description_en"]]
    for s in agenda.sessions:
        remind = "" if s.remind is None else (";".join(map(str, s.remind)) or "-")
        rows.append(
            [
                s.id,
                s.date,
                s.start,
                s.end,
                s.title,
                s.kind,
                s.location,
                s.speaker,
                s.description,
                ";".join(s.audience),
                remind,
                "ya" if s.checkin else "",
                s.title_en,
                s.location_en,
                s.description_en,
            ]
        )
    return rows


def _xlsx(rows: list[list[object]]) -> bytes:
    """An XLSX workbook holding `rows` on its first sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the built-in sample ------------------------------------------------------------------


def test_sample_agenda_loads_clean_with_three_days() -> None:
    agenda = sample_agenda()
    assert agenda.event.name == "Pelatihan Leadership dan Penguatan Teamwork Building"
    assert agenda.event.venue == "Politeknik Angkatan Darat (Poltekad), Malang"
    assert agenda.event.timezone == "Asia/Jakarta"
    assert agenda.days() == [date(2025, 5, 15), date(2025, 5, 16), date(2025, 5, 17)]
    assert agenda.schedule == ScheduleConfig(time(4, 50), time(20, 30), time(22, 5), 15, 30)
    assert agenda.questions == DEFAULT_QUESTIONS
    assert [sum(s.date == day for s in agenda.sessions) for day in agenda.days()] == [14, 18, 11]


def test_sample_agenda_audiences_use_known_positions_and_groups() -> None:
    sessions = sample_agenda().sessions
    audiences = {a for s in sessions for a in s.audience}
    assert audiences <= POSITIONS | GROUPS | {"all"}
    assert any(s.audience == ("Camat",) for s in sessions)
    assert any(s.audience == ("Lurah",) for s in sessions)
    assert any(s.audience == ("Kepala OPD", "Kepala Bagian") for s in sessions)
    assert {s.kind for s in sessions} <= set(KINDS)


def test_sample_agenda_has_morning_assemblies_reminders_and_checkins() -> None:
    sessions = sample_agenda().sessions
    for day in (date(2025, 5, 16), date(2025, 5, 17)):
        assert any(
            s.kind == "assembly" and s.date == day and s.start == time(5, 30) for s in sessions
        )
    assert any(s.remind == (30, 5) for s in sessions)
    assert any(s.checkin for s in sessions)
    titles = " ".join(s.title for s in sessions)
    assert "Upacara Pembukaan" in titles
    assert "Upacara Penutupan" in titles


def test_sessions_are_sorted_by_date_start_and_id() -> None:
    sessions = sample_agenda().sessions
    assert list(sessions) == sorted(sessions, key=lambda s: (s.date, s.start, s.id))


def test_default_questions_cover_rating_lesson_action_and_berakhlak_value() -> None:
    assert [q.type for q in DEFAULT_QUESTIONS] == ["rating", "text", "text", "choice"]
    assert DEFAULT_QUESTIONS[-1].options == BERAKHLAK_VALUES
    assert len(BERAKHLAK_VALUES) == 7
    assert all(q.text["id"] and q.text["en"] for q in DEFAULT_QUESTIONS)


# --- YAML -----------------------------------------------------------------------------------


def test_broken_yaml_lists_every_problem_with_rows_and_columns() -> None:
    data = b"""
event:
  name: Retret
  timezone: Asia/Malang
schedule:
  morning_briefing: "25:00"
  reminder_minutes: lima belas
sessions:
  - {id: a1, date: 2025-13-01, start: "08:00", end: "09:00", title: Apel}
  - {id: a2, date: 2025-05-15, start: "10:00", end: "09:00", title: Sesi, kind: seminar}
  - {id: a1, date: 2025-05-15, start: "10:00", end: "11:00", title: Lagi, remind: [30, -5]}
  - {id: "bad id", date: 2025-05-15, start: "7", end: "11:00"}
  - {id: a5, date: 2025-05-15, start: "10:00", end: "11:00", title: X, audience: [Camat, ""]}
  - {id: a6, date: 2025-05-15, start: "10:00", end: "11:00", title: X, lokasi: Aula}
reflection:
  questions:
    - {id: q1, type: scale, text: "Bagaimana?"}
    - {id: q2, type: choice, text: {id: Pilih, en: Choose}}
"""
    agenda, problems = load_agenda(data, "agenda.yaml")
    assert agenda is None
    assert _where(problems) == {
        ("bad_timezone", None, "event.timezone"),
        ("bad_time", None, "schedule.morning_briefing"),
        ("bad_minutes", None, "schedule.reminder_minutes"),
        ("bad_date", 1, "date"),
        ("end_before_start", 2, "end"),
        ("bad_kind", 2, "kind"),
        ("duplicate_id", 3, "id"),
        ("bad_remind", 3, "remind"),
        ("bad_id", 4, "id"),
        ("bad_time", 4, "start"),
        ("required", 4, "title"),
        ("bad_audience", 5, "audience"),
        ("unknown_field", 6, "lokasi"),
        ("bad_question", None, "reflection.questions[1].type"),
        ("question_no_options", None, "reflection.questions[2].options"),
    }
    duplicate = next(p for p in problems if p.code == "duplicate_id")
    assert duplicate.params == {"id": "a1", "first_row": 1}
    assert next(p for p in problems if p.code == "bad_kind").params["value"] == "seminar"


def test_yaml_syntax_error_names_the_line() -> None:
    data = b"event:\n  name: Retret\nsessions:\n  - id: a\n   date: 2025-05-15\n"
    agenda, problems = load_agenda(data, "agenda.yml")
    assert agenda is None
    assert [p.code for p in problems] == ["yaml_syntax"]
    assert problems[0].params["line"] == 5


def test_unquoted_yaml_times_are_read_as_clock_times() -> None:
    sessions = (
        "  - {id: a, date: 2025-05-15, start: 08:00, end: 8:30, title: A}\n"
        "  - {id: b, date: 2025-05-15, start: 08.45, end: 10.05, title: B}\n"
    )
    head = (
        "event: {name: R, venue: V}\nschedule: {morning_briefing: 4:30, reflection_prompt: 20:30}\n"
    )
    agenda, problems = load_agenda(_yaml(sessions, head), "agenda.yaml")
    assert problems == []
    assert agenda is not None
    assert [(s.start, s.end) for s in agenda.sessions] == [
        (time(8, 0), time(8, 30)),
        (time(8, 45), time(10, 5)),
    ]
    assert agenda.schedule.morning_briefing == time(4, 30)
    assert agenda.schedule.reflection_prompt == time(20, 30)


def test_yaml_accepts_sexagesimal_ints_and_date_objects() -> None:
    sessions = (
        "  - {id: a, date: !!timestamp 2025-05-15, start: !!int 480, end: '09.00', title: A}\n"
    )
    agenda, problems = load_agenda(_yaml(sessions), "agenda.yaml")
    assert problems == []
    assert agenda is not None
    assert agenda.sessions[0].date == date(2025, 5, 15)
    assert agenda.sessions[0].start == time(8, 0)
    bare = "  - {id: a, date: 2025-05-15, start: 8, end: '09.00', title: A}\n"
    assert _where(load_agenda(_yaml(bare), "agenda.yaml")[1]) == {("bad_time", 1, "start")}


def test_yaml_defaults_fill_event_schedule_and_questions() -> None:
    sessions = "  - {id: a, date: 2025-05-15, start: '08:00', end: '09:00', title: A}\n"
    agenda, problems = load_agenda(_yaml(sessions), "agenda.yaml")
    assert problems == []
    assert agenda is not None
    assert agenda.event == Event("Retret Uji", "Aula", "Asia/Jakarta")
    assert agenda.schedule == ScheduleConfig()
    assert agenda.questions == DEFAULT_QUESTIONS
    session = agenda.sessions[0]
    assert (session.kind, session.audience, session.remind, session.checkin) == (
        "session",
        ("all",),
        None,
        False,
    )


def test_yaml_schedule_time_null_switches_it_off_and_empty_remind_means_none() -> None:
    head = "event: {name: R, venue: V}\nschedule: {reflection_nudge: null}\n"
    sessions = "  - {id: a, date: 2025-05-15, start: '08:00', end: '09:00', title: A, remind: []}\n"
    agenda, problems = load_agenda(_yaml(sessions, head), "agenda.yaml")
    assert problems == []
    assert agenda is not None
    assert agenda.schedule.reflection_nudge is None
    assert agenda.schedule.morning_briefing == time(4, 30)
    assert agenda.sessions[0].remind == ()


def test_yaml_without_sessions_is_refused() -> None:
    agenda, problems = load_agenda(b"event: {name: R}\nsessions: []\n", "a.yaml")
    assert agenda is None
    assert [p.code for p in problems] == ["no_sessions"]


def test_yaml_without_event_needs_one_from_the_caller() -> None:
    data = b"sessions:\n  - {id: a, date: 2025-05-15, start: '08:00', end: '09:00', title: A}\n"
    assert _where(load_agenda(data, "a.yaml")[1]) == {("required", None, "event.name")}
    agenda, problems = load_agenda(data, "a.yaml", event=Event("Retret", "Poltekad"))
    assert problems == []
    assert agenda is not None and agenda.event.venue == "Poltekad"


def test_unknown_file_type_is_refused() -> None:
    agenda, problems = load_agenda(b"x", "agenda.pdf")
    assert agenda is None
    assert [p.code for p in problems] == ["file_type"]


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    agenda, problems = load_agenda_file(tmp_path / "absent.yaml")
    assert agenda is None
    assert [p.code for p in problems] == ["file_unreadable"]


# --- CSV and XLSX ---------------------------------------------------------------------------


def test_csv_agenda_with_dotted_times_and_lists() -> None:
    data = (
        HEADER + "\n"
        "s2,2025-05-15,10.00,11.30,Breakout Camat,session,Ruang Kelas A,,,Camat; Lurah,30;5,\n"
        "s1,2025-05-15,08.00,09.30,Upacara Pembukaan,Ceremony,Lapangan,Wali Kota,"
        '"Pakai PDH, hitam",,,ya\n'
        "s3,2025-05-15,12:00,13:00,ISHOMA,meal,Ruang Makan,,,,-,\n"
    ).encode()
    agenda, problems = load_agenda(data, "agenda.csv")
    assert problems == []
    assert agenda is not None
    assert agenda.event == DEFAULT_EVENT
    assert [s.id for s in agenda.sessions] == ["s1", "s2", "s3"]
    s1, s2, s3 = agenda.sessions
    assert (s1.start, s1.end, s1.kind, s1.checkin) == (time(8), time(9, 30), "ceremony", True)
    assert s1.description == "Pakai PDH, hitam"
    assert (s2.audience, s2.remind) == (("Camat", "Lurah"), (30, 5))
    assert s3.remind == ()


def test_csv_agenda_uses_the_event_and_schedule_given() -> None:
    data = (HEADER + "\na,2025-05-15,08:00,09:00,A,,,,,,,\n").encode()
    event = Event("Retret Provinsi", "Surabaya", "Asia/Jakarta")
    schedule = ScheduleConfig(reminder_minutes=10)
    agenda, _ = load_agenda(data, "a.csv", event=event, schedule=schedule)
    assert agenda is not None
    assert (agenda.event, agenda.schedule) == (event, schedule)


def test_csv_agenda_problems_use_spreadsheet_rows() -> None:
    data = (
        b"id;date;start;end;title;remind\n"
        b"a;2025-05-15;08:00;09:00;A;\n"
        b"a;15/05/2025;8 pagi;09:00;;lima\n"
        b";2025-05-15;24:00;09:00;C;\n"
    )
    agenda, problems = load_agenda(data, "a.csv")
    assert agenda is None
    assert _where(problems) == {
        ("duplicate_id", 3, "id"),
        ("bad_date", 3, "date"),
        ("bad_time", 3, "start"),
        ("required", 3, "title"),
        ("bad_remind", 3, "remind"),
        ("required", 4, "id"),
        ("bad_time", 4, "start"),
    }
    assert next(p for p in problems if p.code == "duplicate_id").params["first_row"] == 2


def test_csv_agenda_missing_columns_are_listed() -> None:
    agenda, problems = load_agenda(b"id,date,begin,end\n", "a.csv")
    assert agenda is None
    assert _where(problems) == {("missing_column", 1, "start"), ("missing_column", 1, "title")}


def test_csv_agenda_with_only_a_header_has_no_sessions() -> None:
    assert [p.code for p in load_agenda((HEADER + "\n").encode(), "a.csv")[1]] == ["no_sessions"]


def test_sample_agenda_round_trips_through_csv() -> None:
    sample = sample_agenda()
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_session_rows(sample))
    agenda, problems = load_agenda(
        buffer.getvalue().encode(), "agenda.csv", event=sample.event, schedule=sample.schedule
    )
    assert problems == []
    assert agenda == sample


def test_sample_agenda_round_trips_through_xlsx(tmp_path: Path) -> None:
    sample = sample_agenda()
    path = tmp_path / "agenda.xlsx"
    path.write_bytes(_xlsx(_session_rows(sample)))
    agenda, problems = load_agenda_file(path, event=sample.event, schedule=sample.schedule)
    assert problems == []
    assert agenda == sample


def test_xlsx_cells_may_be_datetimes_times_and_numbers() -> None:
    rows: list[list[object]] = [
        ["ID", "Date", "Start", "End", "Title", "Remind", "Checkin"],
        ["a", datetime(2025, 5, 15), time(8, 0), datetime(1899, 12, 30, 9, 30), "A", 15, True],
        ["b", "2025-05-15", 13.3, 14, "B", "30;5", None],  # 13.30 and 14.00 typed in Excel
        [None, None, None, None, None, None, None],  # blank rows are skipped
        ["c", date(2025, 5, 16), 0.25, "07.00", "C", None, "tidak"],
    ]
    agenda, problems = load_agenda(_xlsx(rows), "agenda.xlsx")
    assert problems == []
    assert agenda is not None
    a, b, c = agenda.sessions
    assert (a.start, a.end, a.remind, a.checkin) == (time(8), time(9, 30), (15,), True)
    assert (b.start, b.end, b.remind) == (time(13, 30), time(14), (30, 5))
    assert (c.date, c.start, c.end, c.checkin) == (date(2025, 5, 16), time(6), time(7), False)


def test_xlsx_problems_count_blank_rows() -> None:
    rows: list[list[object]] = [
        list(HEADER_CELLS),
        ["a", date(2025, 5, 15), time(8), time(9), "A"],
        [],
        ["b", date(2025, 5, 15), time(10), time(9), "B", "lecture"],
    ]
    agenda, problems = load_agenda(_xlsx(rows), "agenda.xlsx")
    assert agenda is None
    assert _where(problems) == {("end_before_start", 4, "end"), ("bad_kind", 4, "kind")}


def test_broken_xlsx_is_refused() -> None:
    assert [p.code for p in load_agenda(b"PK\x03\x04 broken", "a.xlsx")[1]] == ["bad_xlsx"]


# --- texts of every problem -------------------------------------------------------------------


def _all_problems() -> list[tuple[list[Problem], str]]:
    """Problems of every code the importers produce, with the file each came from."""
    found: list[tuple[list[Problem], str]] = []

    def agenda(data: bytes, filename: str, today: date | None = None) -> None:
        found.append((load_agenda(data, filename, today=today)[1], filename))

    def roster(data: bytes, filename: str) -> None:
        found.append((load_roster(data, filename, today=date(2025, 5, 15))[1], filename))

    agenda(b"x", "a.doc")
    agenda(b"", "a.yaml")
    agenda(b"[1, 2]", "a.yaml")
    agenda(b"a: [", "a.yaml")
    agenda(b"event: []\nschedule: {reminder_minutes: x}\nsessions: {}\nextra: 1\n", "a.yaml")
    agenda(
        b"event: {name: R, timezone: Mars/Base}\nsessions:\n  - 3\n"
        b"  - {id: a, date: x, start: x, end: '09:00', title: [1], kind: x, remind: x,"
        b" audience: [1], checkin: maybe}\n"
        b"  - {id: a, date: 2025-05-15, start: '10:00', end: '09:00', title: B}\n"
        b"  - {id: 'b c', date: 2025-05-15, start: '08:00', end: '09:00'}\n"
        b"reflection:\n  questions:\n    - {id: q, type: x, text: T}\n"
        b"    - {id: q, type: choice, text: T}\n",
        "a.yaml",
    )
    agenda(b"event: {name: R}\nsessions: []\nreflection: {questions: 1}\n", "a.yml")
    agenda(
        b"event: {name: R}\nsessions: []\nreflection:\n  questions:\n"
        b"    - {id: r, type: rating, text: T, options: [a]}\n"
        b"    - {id: v, type: choice, text: T, options: [a, A]}\n",
        "a.yml",
    )
    agenda(b"id,id,date\n", "a.csv")
    agenda(b"\x81\x8d", "a.csv")
    agenda(b"id\n" + b"x" * 200_000, "a.csv")
    agenda(b"not a workbook", "a.xlsx")
    agenda(b"#" * (5 * 1024 * 1024 + 1), "a.yaml")
    agenda(
        b"a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            b"a%d: &a%d [" % (n, n) + b", ".join([b"*a%d" % (n - 1)] * 10) + b"]\n"
            for n in range(1, 7)
        ),
        "a.yaml",
    )
    agenda(b"x: &x [*x]\n", "a.yaml")
    agenda(b"x: " + b"[" * 30 + b"]" * 30 + b"\n", "a.yaml")
    agenda(
        b"event: {name: R}\nsessions:\n"
        b"  - {id: a, date: 1900-01-01, start: '08:00', end: '09:00', title: T, remind: "
        + str(list(range(11))).encode()
        + b"}\n"
        b"  - {id: b, date: 2025-05-15, start: '08:00', end: '09:00', title: \"\\0\","
        b" location: " + b"L" * 201 + b"}\n",
        "a.yaml",
        today=date(2025, 5, 15),
    )
    agenda(
        b"id,date,start,end,title\na,2025-05-15,08:00,09:00,T\nb,2025-09-15,08:00,09:00,T\n",
        "a.csv",
    )
    agenda(
        b"id,date,start,end,title\n"
        + b"".join(b"s%d,2025-05-15,08:00,09:00,T\n" % n for n in range(2001)),
        "a.csv",
    )
    agenda(b"id,date,start,end,title\na,2025-05-15,08:00,09:00\n", "a.csv")
    agenda(b'id,date,start,end,title\na,2025-05-15,08:00,09:00,"A\nB"\n', "a.csv")
    roster(b"", "r.csv")
    roster(
        b"nip,name,position,unit\n"
        + b"".join(b"198507142010011003,A,B,C\n" for _ in range(20_001)),
        "r.csv",
    )
    found.append(([Problem("xlsx_too_big", params={"limit": 64})], "r.xlsx"))
    found.append(
        ([Problem("unknown_table", 1, None, {"agenda": "id, date", "roster": "nip"})], "r.csv")
    )
    roster(
        b"nip,name,position,unit\n"
        b"198507142010011003,A,B,C\n198507142010011003,A,B,C\n1.98507E+17,A,,C\n",
        "r.csv",
    )
    roster(b"nip,name,position,unit,salutation\n198507142010011003,A,B,C,Tuan\n", "r.csv")
    found.append(([Problem("file_unreadable", params={"filename": "x", "detail": "gone"})], "x"))
    for raw in (
        "1985071420100110AB",
        "1",
        "198513142010011003",
        "198507142010131003",
        "198507142003061003",
        "198507142030011003",
        "198507142010013003",
        "198507142010011000",
    ):
        try:
            validate_nip(raw, today=date(2025, 5, 15))
        except NipError as exc:
            found.append(([Problem(exc.code, 2, "nip", exc.params)], "r.csv"))
    return found


def test_every_problem_code_has_texts_and_renders_in_both_languages() -> None:
    found = _all_problems()
    codes = {p.code for problems, _ in found for p in problems}
    texted = {
        key.removeprefix("problem.")
        for key in TEXTS
        if key.startswith("problem.") and "where_" not in key and not key.endswith(".yaml")
    } - {"refused"}
    assert codes == texted  # every code produced has texts, and every text is produced
    for problems, filename in found:
        for lang in ("id", "en"):
            lines = render_problems(problems, lang, source=source_of(filename))
            assert len(lines) == len(problems)
            assert all(line and "{" not in line for line in lines)


def test_problem_texts_exist_in_both_languages_with_the_same_placeholders() -> None:
    formatter = string.Formatter()
    for key, entry in TEXTS.items():
        if not key.startswith("problem."):
            continue
        assert entry["id"] and entry["en"], key
        fields = [{f for _, f, _, _ in formatter.parse(entry[lang]) if f} for lang in ("id", "en")]
        assert fields[0] == fields[1], key


def test_rendered_problems_say_where_they_are() -> None:
    problems = [
        Problem("required", 3, "title"),
        Problem("nip_length", 5, "nip", {"length": 17}),
        Problem("bad_timezone", None, "event.timezone", {"value": "Mars"}),
        Problem("no_sessions"),
    ]
    assert render_problems(problems, "id") == [
        "Baris 3, kolom title: Wajib diisi.",
        "Baris 5, kolom nip: NIP harus 18 digit; yang Bapak/Ibu kirim 17 digit.",
        "Kolom event.timezone: Zona waktu “Mars” tidak dikenal; gunakan misalnya Asia/Jakarta, "
        "Asia/Makassar atau Asia/Jayapura.",
        "Agenda tidak berisi satu sesi pun.",
    ]
    assert render_problems(problems[:1], "en") == ["Row 3, column title: This is required."]
    assert render_problems(problems[:1], "en", source="yaml") == [
        "Session 3, field title: This is required."
    ]


def test_sessions_are_plain_session_objects() -> None:
    assert all(isinstance(s, Session) for s in sample_agenda().sessions)
