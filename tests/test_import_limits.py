"""Files that would take the bot down or slip through: sizes, YAML bombs, counts, lengths."""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from bot import imports
from bot.agenda_io import load_agenda
from bot.clock import Clock
from bot.models import Problem
from bot.problems import fit_message, render_problems
from bot.roster import load_roster
from db import Database
from db.roster import roster_size
from tests.conftest import ROSTER, at
from tests.test_cli import cli

TODAY = date(2025, 5, 15)
HEADER = "id,date,start,end,title,kind,location,speaker,description,audience,remind,checkin"
ROSTER_HEADER = "nip,name,position,unit,group"
NIP = "198507142010011003"


def _codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def _where(problems: list[Problem]) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.row, p.column) for p in problems]


def _row(n: int, *, day: str = "2025-05-15", title: str = "Sesi", **extra: str) -> str:
    """One CSV agenda row (12 fields)."""
    hour = 6 + n % 12
    cells = [
        f"s{n}",
        day,
        f"{hour:02d}:00",
        f"{hour:02d}:30",
        title,
        extra.get("kind", ""),
        extra.get("location", ""),
        extra.get("speaker", ""),
        extra.get("description", ""),
        "",
        extra.get("remind", ""),
        "",
    ]
    return ",".join(cells)


def _csv(*rows: str) -> bytes:
    return ("\n".join((HEADER, *rows)) + "\n").encode()


def _yaml_head() -> str:
    return "event:\n  name: Retret Uji\n  venue: Aula\n"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- YAML bombs ------------------------------------------------------------------------------


def _laughs(levels: int) -> bytes:
    """The "billion laughs": each level a list of ten aliases of the one before."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        refs = ", ".join([f"*a{n - 1}"] * 10)
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append("sessions:")
    lines.append(
        f"  - {{id: s1, date: 2025-05-15, start: '08:00', end: '09:00', title: *a{levels - 1}}}"
    )
    return ("\n".join(lines) + "\n").encode()


def test_billion_laughs_yaml_is_refused_without_expanding_it() -> None:
    # 10^9 "lol"s if expanded; refused while counting, long before anything grows.
    agenda, problems = load_agenda(_laughs(9), "bom.yaml", today=TODAY)
    assert agenda is None
    assert _codes(problems) == ["yaml_too_big"]
    assert problems[0].params["limit"] == 250_000
    line = render_problems(problems, "en", source="yaml")[0]
    assert "250000" in line.replace(",", "") and "alias" in line


def test_a_smaller_laugh_is_refused_too() -> None:
    agenda, problems = load_agenda(_laughs(6), "bom.yaml", today=TODAY)
    assert agenda is None and _codes(problems) == ["yaml_too_big"]


def test_recursive_yaml_alias_is_refused() -> None:
    data = _yaml_head() + (
        "sessions:\n"
        "  - &loop {id: s1, date: 2025-05-15, start: '08:00', end: '09:00', title: T,"
        " audience: [*loop]}\n"
    )
    agenda, problems = load_agenda(data.encode(), "a.yaml", today=TODAY)
    assert agenda is None and _codes(problems) == ["yaml_alias_loop"]
    assert problems[0].params["line"] == 5


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_deeply_nested_yaml_is_a_problem_not_a_traceback(opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    data = ("sessions: " + opening * 5000 + "1" + closing * 5000 + "\n").encode()
    agenda, problems = load_agenda(data, "a.yaml", today=TODAY)
    assert agenda is None
    assert _codes(problems) == ["yaml_too_deep"]
    assert problems[0].params["limit"] == 20


def test_yaml_anchors_used_sensibly_still_load() -> None:
    first = (
        "  - {id: s0, date: 2025-05-15, start: '06:00', end: '06:30', title: Sesi 0,"
        " audience: &pimpinan [Kepala OPD, Camat]}\n"
    )
    rest = "".join(
        f"  - {{id: s{n}, date: 2025-05-15, start: '{6 + n:02d}:00', end: '{6 + n:02d}:30',"
        f" title: Sesi {n}, audience: *pimpinan}}\n"
        for n in range(1, 10)
    )
    data = (_yaml_head() + "sessions:\n" + first + rest).encode()
    agenda, problems = load_agenda(data, "a.yaml", today=TODAY)
    assert problems == []
    assert agenda is not None and len(agenda.sessions) == 10
    assert {s.audience for s in agenda.sessions} == {("Kepala OPD", "Camat")}


# --- counts ---------------------------------------------------------------------------------


def test_more_sessions_than_the_limit_are_refused_in_every_format() -> None:
    many = [_row(n) for n in range(2001)]
    for data, name in (
        (_csv(*many), "a.csv"),
        (_xlsx([HEADER.split(","), *(r.split(",") for r in many)]), "a.xlsx"),
        (
            (
                _yaml_head()
                + "sessions:\n"
                + "".join(
                    f"  - {{id: s{n}, date: 2025-05-15, start: '08:00', end: '09:00', title: T}}\n"
                    for n in range(2001)
                )
            ).encode(),
            "a.yaml",
        ),
    ):
        agenda, problems = load_agenda(data, name, today=TODAY)
        assert agenda is None, name
        assert _codes(problems) == ["too_many_sessions"], name
        assert problems[0].params["limit"] == 2000


def test_an_agenda_of_exactly_the_limits_is_accepted() -> None:
    rows = [_row(n, title="J" * 200, description="D" * 1000, location="L" * 200) for n in range(5)]
    rows.append(_row(99, day="2025-07-13"))  # the 60th day
    agenda, problems = load_agenda(_csv(*rows), "a.csv", today=TODAY)
    assert problems == []
    assert agenda is not None and len(agenda.sessions) == 6


def test_an_agenda_spanning_more_than_sixty_days_is_refused() -> None:
    agenda, problems = load_agenda(_csv(_row(1), _row(2, day="2025-07-15")), "a.csv", today=TODAY)
    assert agenda is None
    assert _codes(problems) == ["agenda_too_long"]
    assert problems[0].params == {
        "days": 62,
        "first": "2025-05-15",
        "last": "2025-07-15",
        "limit": 60,
    }


def test_roster_with_more_rows_than_the_limit_is_refused() -> None:
    rows = [ROSTER_HEADER] + [f"{NIP},Nama {n},Lurah,Unit,K1" for n in range(20_001)]
    entries, problems = load_roster(("\n".join(rows) + "\n").encode(), "r.csv", today=TODAY)
    assert entries == []
    assert _codes(problems) == ["too_many_rows"]
    assert problems[0].params["limit"] == 20_000


def test_files_over_the_size_limit_are_refused_before_reading() -> None:
    big = b"#" + b" " * (5 * 1024 * 1024)
    for name in ("a.yaml", "a.csv", "a.xlsx"):
        agenda, problems = load_agenda(big, name, today=TODAY)
        assert agenda is None and _codes(problems) == ["file_too_big"], name
    entries, problems = load_roster(big, "r.csv", today=TODAY)
    assert entries == [] and _codes(problems) == ["file_too_big"]
    assert problems[0].params == {"limit": 5}


def test_an_xlsx_that_unpacks_to_too_much_is_refused() -> None:
    good = _xlsx([ROSTER_HEADER.split(","), [NIP, "Budi", "Lurah", "Unit", "K1"]])
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/media/padding.bin", b"\0" * (65 * 1024 * 1024))
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024  # small as sent
    entries, problems = load_roster(bomb, "r.xlsx", today=TODAY)
    assert entries == [] and _codes(problems) == ["xlsx_too_big"]
    assert problems[0].params == {"limit": 64}


# --- dates ----------------------------------------------------------------------------------


def test_dates_far_from_today_are_refused_by_row() -> None:
    agenda, problems = load_agenda(
        _csv(_row(1, day="1900-01-01"), _row(2), _row(3, day="2099-12-31")), "a.csv", today=TODAY
    )
    assert agenda is None
    assert _where(problems) == [
        ("date_out_of_range", 2, "date"),
        ("date_out_of_range", 4, "date"),
    ]
    assert problems[0].params == {"value": "1900-01-01", "today": "2025-05-15", "years": 5}
    text = render_problems(problems, "id")[0]
    assert text.startswith("Baris 2, kolom date: ") and "1900-01-01" in text


def test_today_comes_from_the_caller_so_a_2025_rehearsal_still_loads() -> None:
    data = _csv(_row(1))
    assert load_agenda(data, "a.csv", today=date(2030, 5, 1))[1] == []
    late = load_agenda(data, "a.csv", today=date(2030, 6, 1))[1]
    assert _codes(late) == ["date_out_of_range"]
    yaml_late = load_agenda(
        (
            _yaml_head() + "sessions:\n  - {id: a, date: 2025-05-15, start: '08:00',"
            " end: '09:00', title: T}\n"
        ).encode(),
        "a.yaml",
        today=date(2031, 1, 1),
    )[1]
    assert _where(yaml_late) == [("date_out_of_range", 1, "date")]


# --- field lengths and characters -----------------------------------------------------------


def test_fields_longer_than_their_limits_are_refused_by_row_and_column() -> None:
    agenda, problems = load_agenda(
        _csv(
            _row(1, title="J" * 5000),
            _row(2, description="D" * 1001),
            _row(3, location="L" * 201, speaker="S" * 201),
        ),
        "a.csv",
        today=TODAY,
    )
    assert agenda is None
    assert _where(problems) == [
        ("too_long", 2, "title"),
        ("too_long", 3, "description"),
        ("too_long", 4, "location"),
        ("too_long", 4, "speaker"),
    ]
    assert problems[0].params == {"length": 5000, "limit": 200}
    assert render_problems(problems[:1], "en") == [
        "Row 2, column title: Too long: 5000 characters, at most 200."
    ]


def test_yaml_event_names_and_questions_have_limits_too() -> None:
    data = (
        f"event:\n  name: {'N' * 201}\n  venue: Aula\n"
        "sessions:\n  - {id: a, date: 2025-05-15, start: '08:00', end: '09:00', title: T}\n"
        f"reflection:\n  questions:\n    - {{id: q, type: text, text: {'Q' * 1001}}}\n"
    ).encode()
    agenda, problems = load_agenda(data, "a.yaml", today=TODAY)
    assert agenda is None
    assert _where(problems) == [
        ("too_long", None, "event.name"),
        ("too_long", None, "reflection.questions[1].text.id"),
    ]


def test_roster_fields_longer_than_their_limits_are_refused() -> None:
    data = f"{ROSTER_HEADER},phone\n{NIP},{'N' * 201},Lurah,Unit,K1,{'0' * 41}\n".encode()
    entries, problems = load_roster(data, "r.csv", today=TODAY)
    assert entries == []
    assert _where(problems) == [("too_long", 2, "name"), ("too_long", 2, "phone")]


def test_control_characters_are_refused_by_row_and_column() -> None:
    agenda, problems = load_agenda(
        _csv(_row(1, title="Pembukaan\x00"), _row(2, location="Aula\x1b[31m")),
        "a.csv",
        today=TODAY,
    )
    assert agenda is None
    assert _where(problems) == [("control_char", 2, "title"), ("control_char", 3, "location")]
    assert problems[0].params == {"char": "U+0000"}
    data = (
        _yaml_head() + "sessions:\n  - {id: a, date: 2025-05-15, start: '08:00',"
        ' end: "09:00", title: "Apel\\0", speaker: "\\x07"}\n'
    ).encode()
    agenda, problems = load_agenda(data, "a.yaml", today=TODAY)
    assert _where(problems) == [("control_char", 1, "title"), ("control_char", 1, "speaker")]
    roster = f"{ROSTER_HEADER}\n{NIP},Budi\x00,Lurah,Unit,K1\n".encode()
    assert _where(load_roster(roster, "r.csv", today=TODAY)[1]) == [("control_char", 2, "name")]


def test_line_breaks_and_tabs_in_a_description_are_fine() -> None:
    agenda, problems = load_agenda(
        _csv(_row(1, description='"Baris satu\nBaris\tdua"')), "a.csv", today=TODAY
    )
    assert problems == []
    assert agenda is not None and agenda.sessions[0].description == "Baris satu\nBaris\tdua"


def test_a_line_break_in_a_one_line_field_is_refused() -> None:
    agenda, problems = load_agenda(_csv(_row(1, title='"Apel\npagi"')), "a.csv", today=TODAY)
    assert agenda is None
    assert _where(problems) == [("line_break", 2, "title")]
    roster = f'{ROSTER_HEADER}\n{NIP},"Budi\nSantoso",Lurah,Unit,K1\n'.encode()
    assert _where(load_roster(roster, "r.csv", today=TODAY)[1]) == [("line_break", 2, "name")]


# --- strict CSV -----------------------------------------------------------------------------


def test_an_unclosed_quote_at_the_end_is_refused() -> None:
    data = _csv(_row(1), _row(2, title='"Pembukaan'), _row(3))
    agenda, problems = load_agenda(data, "a.csv", today=TODAY)
    assert agenda is None
    assert _codes(problems) == ["bad_csv"]


def test_an_unclosed_quote_does_not_swallow_the_next_session() -> None:
    # The quote opened in row 3 closes at the start of row 5's quoted title.
    data = _csv(_row(1), _row(2, title='"Pembukaan'), _row(3), _row(4, title='"Apel, pagi"'))
    agenda, problems = load_agenda(data, "a.csv", today=TODAY)
    assert agenda is None
    assert problems and all(p.code in ("bad_csv", "csv_field_count") for p in problems)


def test_rows_with_more_or_fewer_fields_than_the_header_are_refused() -> None:
    data = _csv(_row(1), _row(2) + ",extra", ",".join(_row(3).split(",")[:5]), _row(4) + ",,")
    agenda, problems = load_agenda(data, "a.csv", today=TODAY)
    assert agenda is None
    assert _where(problems) == [("csv_field_count", 3, None), ("csv_field_count", 4, None)]
    assert problems[0].params == {"count": 13, "expected": 12}
    assert problems[1].params == {"count": 5, "expected": 12}


def test_roster_with_an_unclosed_quote_is_refused() -> None:
    data = (
        f'{ROSTER_HEADER}\n{NIP},"Budi,Lurah,Unit,K1\n196903121994031005,Heru,Sekda,Setda,K2\n'
    ).encode()
    entries, problems = load_roster(data, "r.csv", today=TODAY)
    assert entries == []
    assert _codes(problems) == ["bad_csv"]


# --- fitting a refusal into one message -----------------------------------------------------


def test_fit_message_cuts_a_long_list_and_counts_the_rest() -> None:
    lines = [f"• line {n} " + "x" * 200 for n in range(100)]
    text = fit_message("Refused:", lines, lambda n: f"\n… and {n} more", limit=4096)
    assert len(text.encode("utf-16-le")) // 2 <= 4096
    shown = text.count("• line")
    assert text.endswith(f"\n… and {100 - shown} more")
    assert shown >= 15
    assert fit_message("Refused:", lines[:3], lambda n: f"… {n}") == "Refused:\n" + "\n".join(
        lines[:3]
    )


def test_fit_message_counts_emoji_as_telegram_does() -> None:
    # 1,000 emoji are 2,000 UTF-16 units: two lines fit, not four.
    lines = ["😀" * 1000 for _ in range(5)]
    text = fit_message("H", lines, lambda n: f"\n… {n}", limit=4096)
    assert len(text.encode("utf-16-le")) // 2 <= 4096
    assert text.endswith("\n… 3")


# --- parsing off the event loop -------------------------------------------------------------


async def test_files_are_parsed_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loop_thread = threading.get_ident()
    threads: dict[str, int] = {}
    real_csv, real_yaml = csv.reader, yaml.load

    def csv_spy(*args: Any, **kwargs: Any) -> Any:
        threads["csv"] = threading.get_ident()
        return real_csv(*args, **kwargs)

    def yaml_spy(*args: Any, **kwargs: Any) -> Any:
        threads["yaml"] = threading.get_ident()
        return real_yaml(*args, **kwargs)

    monkeypatch.setattr(csv, "reader", csv_spy)
    monkeypatch.setattr(yaml, "load", yaml_spy)
    db = await Database.open(tmp_path / "r.db")
    try:
        clock = Clock(start=at("2025-05-14 09:00"))
        done = await imports.import_file(
            db, clock, ROSTER.read_bytes(), "peserta.csv", default_lang="id"
        )
        assert done.roster is not None and await roster_size(db) == 24
        sample = Path(__file__).resolve().parents[1] / "bot" / "data" / "sample_event.yaml"
        done = await imports.import_file(
            db, clock, sample.read_bytes(), "agenda.yaml", default_lang="id"
        )
        assert done.agenda is not None
    finally:
        await db.close()
    assert set(threads) == {"csv", "yaml"}
    assert threads["csv"] != loop_thread, "the CSV roster was parsed in the event loop"
    assert threads["yaml"] != loop_thread, "the YAML agenda was parsed in the event loop"


def test_event_today_is_the_clock_s_or_the_rehearsal_s_first_day() -> None:
    clock = Clock(start=at("2025-05-14 23:30"))
    assert imports.event_today(clock) == date(2025, 5, 14)
    assert imports.event_today(clock, datetime(2031, 1, 2, 4, 0)) == date(2031, 1, 2)


@pytest.mark.slow
def test_the_command_line_import_refuses_dates_far_from_today(tmp_path: Path) -> None:
    agenda = tmp_path / "agenda.csv"
    agenda.write_bytes(_csv(_row(1, day="2099-05-15")))
    done = cli(tmp_path, "import-agenda", agenda)
    assert done.returncode != 0
    assert "Baris 2, kolom date: Tanggal 2099-05-15 terlalu jauh dari hari ini" in done.stdout
    # A rehearsal takes its own today: the 2025 sample loads in any year.
    sample = Path(__file__).resolve().parents[1] / "bot" / "data" / "sample_event.yaml"
    done = cli(tmp_path, "import-agenda", sample, REHEARSE_FROM="2025-05-15T04:00:00")
    assert done.returncode == 0, done.stdout + done.stderr
