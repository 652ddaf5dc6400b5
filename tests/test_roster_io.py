"""Roster files: CSV and XLSX reading and validation."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path

import aiosqlite
import openpyxl
import pytest

from bot.models import Problem, RosterEntry
from bot.nip import validate_nip
from bot.roster import load_roster, load_roster_file
from db import Database
from db.conversations import get_conversation, set_conversation
from db.participants import get_participant, register, touch_user
from db.roster import RosterCounts, get_entry, roster_size, upsert_roster

SAMPLE = Path(__file__).parent / "data" / "roster_sample.csv"


def _where(problems: list[Problem]) -> list[tuple[str, int | None, str | None]]:
    """The code, row and column of each problem, in order."""
    return [(p.code, p.row, p.column) for p in problems]


def _xlsx(rows: list[list[object]]) -> bytes:
    """An XLSX workbook holding `rows` on its first sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_sample_roster_loads_every_participant() -> None:
    entries, problems = load_roster_file(SAMPLE, today=date(2025, 5, 15))
    assert problems == []
    assert len(entries) == 24
    assert entries[0] == RosterEntry(
        nip="198507142010011003",
        name="Budi Santoso",
        position="Kepala OPD",
        unit="Dinas Komunikasi dan Informatika",
        group="Kelompok 1",
    )
    positions = Counter(e.position for e in entries)
    assert positions["Camat"] >= 4
    assert positions["Lurah"] >= 4
    assert set(positions) == {"Kepala OPD", "Kepala Bagian", "Camat", "Lurah", "Sekda"}
    assert {e.group for e in entries} == {f"Kelompok {n}" for n in range(1, 7)}
    assert len({e.nip for e in entries}) == 24


def test_semicolon_csv_with_loose_header_and_spaced_nips() -> None:
    data = (
        b" NIP ;Name; Position ;UNIT;Group;Phone\n"
        b"19850714 201001 1 003;Budi Santoso;Kepala OPD;Dinas Kominfo;Kelompok 1;0812 0000 0001\n"
        b"197908082002121003; Joko Santoso ;Camat;Kecamatan Klojen;;\n"
    )
    entries, problems = load_roster(data, "peserta.csv")
    assert problems == []
    assert [e.nip for e in entries] == ["198507142010011003", "197908082002121003"]
    assert entries[0].phone == "0812 0000 0001"
    assert (entries[1].name, entries[1].group) == ("Joko Santoso", "")


def test_tab_separated_csv_with_indonesian_headers() -> None:
    data = (
        b"NIP\tNama\tJabatan\tUnit Kerja\tKelompok\n"
        b"198507142010011003\tBudi\tLurah\tKel. Kauman\tKelompok 2\n"
    )
    entries, problems = load_roster(data, "peserta.csv")
    assert problems == []
    assert entries == [
        RosterEntry("198507142010011003", "Budi", "Lurah", "Kel. Kauman", "Kelompok 2")
    ]


def test_csv_with_bom_or_windows_encoding_is_decoded() -> None:
    text = (
        "nip,name,position,unit,group\n"
        "198507142010011003,Andrés Wijaya,Lurah,Kelurahan Kauman,Kelompok 3\n"
    )
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("cp1252")):
        entries, problems = load_roster(data, "r.csv")
        assert problems == []
        assert entries[0].name == "Andrés Wijaya"


def _with_integer_cell(xlsx: bytes, written: str, stored: str) -> bytes:
    """The workbook with one numeric cell value rewritten, as another program would store it."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(f"<v>{written}</v>".encode(), f"<v>{stored}</v>".encode())
            target.writestr(item, content)
    return buffer.getvalue()


def test_xlsx_roster_accepts_text_and_integer_nips() -> None:
    rows: list[list[object]] = [
        ["nip", "name", "position", "unit", "group", "phone"],
        [
            "198507142010011003",
            "Budi Santoso",
            "Kepala OPD",
            "Dinas Kominfo",
            "Kelompok 1",
            81200000001,
        ],
        [1979, "Joko Santoso", "Camat", "Kecamatan Klojen", "Kelompok 4", None],
    ]
    data = _with_integer_cell(_xlsx(rows), "1979", "197908082002121003")
    entries, problems = load_roster(data, "peserta.xlsx")
    assert problems == []
    assert [e.nip for e in entries] == ["198507142010011003", "197908082002121003"]
    assert entries[0].phone == "81200000001"


def test_xlsx_nip_stored_as_float_is_refused() -> None:
    rows: list[list[object]] = [
        ["nip", "name", "position", "unit", "group"],
        [1.98507142010011e17, "Budi Santoso", "Kepala OPD", "Dinas Kominfo", "Kelompok 1"],
    ]
    entries, problems = load_roster(_xlsx(rows), "peserta.xlsx")
    assert entries == []
    assert _where(problems) == [("nip_as_number", 2, "nip")]


def test_broken_roster_lists_every_problem_and_returns_no_entries() -> None:
    data = (
        b"nip,name,position,unit,group\n"
        b"198507142010011003,Budi Santoso,Kepala OPD,Dinas Kominfo,Kelompok 1\n"  # row 2: fine
        b"19850714201001100,Joko,Camat,Kecamatan Klojen,Kelompok 2\n"  # row 3: 17 digits
        b"198507142010011003,Budi Lagi,Lurah,Kelurahan Kauman,Kelompok 3\n"  # row 4: duplicate
        b"198507142010013004,Sari,,Kelurahan Tlogomas,Kelompok 4\n"  # row 5: sex digit, position
        b",Tanpa NIP,Lurah,,Kelompok 5\n"  # row 6: nip and unit missing
        b"1.98507E+17,Excel,Lurah,Kelurahan Sukun,Kelompok 6\n"  # row 7: number from Excel
        b"198507142026011005,Masa Depan,Lurah,Kelurahan Bareng,Kelompok 6\n"  # row 8: future
    )
    entries, problems = load_roster(data, "peserta.csv", today=date(2025, 5, 15))
    assert entries == []
    assert _where(problems) == [
        ("nip_length", 3, "nip"),
        ("duplicate_nip", 4, "nip"),
        ("nip_sex_digit", 5, "nip"),
        ("required", 5, "position"),
        ("required", 6, "nip"),
        ("required", 6, "unit"),
        ("nip_as_number", 7, "nip"),
        ("nip_start_future", 8, "nip"),
    ]
    assert problems[0].params == {"length": 17}
    assert problems[1].params == {"first_row": 2, "nip": "**************1003"}
    assert problems[2].params == {"digit": "3"}


def test_roster_missing_columns_are_listed() -> None:
    entries, problems = load_roster(b"nip,nama lengkap,group\n", "r.csv")
    assert entries == []
    assert _where(problems) == [("missing_column", 1, "position"), ("missing_column", 1, "unit")]


def test_empty_roster_files_are_refused() -> None:
    header_only = b"nip,name,position,unit,group\n"
    for data in (b"", b"\n \n", header_only):
        assert [p.code for p in load_roster(data, "r.csv")[1]] == ["empty_file"]
    assert [p.code for p in load_roster(_xlsx([]), "r.xlsx")[1]] == ["empty_file"]


def test_roster_of_unknown_type_is_refused() -> None:
    entries, problems = load_roster(b"whatever", "peserta.xls")
    assert entries == []
    assert [(p.code, p.params["allowed"]) for p in problems] == [("file_type", ".csv, .xlsx")]


def _entries(count: int, name: str = "Peserta") -> list[RosterEntry]:
    return [
        RosterEntry(
            validate_nip(
                f"{date(1970, 1, 1) + timedelta(days=i // 999):%Y%m%d}2005011{1 + i % 999:03d}"
            ),
            f"{name} {i}",
            "Lurah",
            f"Unit {i}",
            "Kelompok 1",
        )
        for i in range(count)
    ]


async def test_a_big_roster_lets_another_writer_in_between_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = await Database.open(tmp_path / "r.db")
    first_commit = asyncio.Event()
    transaction = db.transaction

    @asynccontextmanager
    async def watched() -> AsyncIterator[aiosqlite.Connection]:
        async with transaction() as conn:
            yield conn
        first_commit.set()

    monkeypatch.setattr(db, "transaction", watched)
    try:
        entries = _entries(3000)
        upsert = asyncio.create_task(upsert_roster(db, entries, at=1.0))
        # Once the import has committed something, another writer asks for the database.
        await first_commit.wait()
        await set_conversation(db, 42, "import", "file", {}, at=2.0)
        # It got it while the roster was still being written, not after the whole roster.
        assert not upsert.done()
        assert 0 < await roster_size(db) < len(entries)
        counts = await upsert
        assert counts == RosterCounts(added=3000, updated=0, unchanged=0)
        assert await roster_size(db) == 3000
        assert await get_conversation(db, 42) is not None
    finally:
        await db.close()


async def test_batched_upsert_counts_and_updates_registered_people(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "r.db")
    try:
        first = _entries(1200)
        assert await upsert_roster(db, first, at=1.0) == RosterCounts(1200, 0, 0)
        await touch_user(db, 7, 7, "Peserta", at=1.0)
        await register(
            db,
            user_id=7,
            nip=first[1100].nip,
            name=first[1100].name,
            position="Lurah",
            unit=first[1100].unit,
            group="Kelompok 1",
            verified=True,
            language="id",
            at=1.0,
        )
        second = _entries(1300, name="Nama Baru")
        second[:600] = first[:600]  # the first 600 unchanged, then 600 renamed, 100 new
        assert await upsert_roster(db, second, at=2.0) == RosterCounts(100, 600, 600)
        person = await get_participant(db, 7)
        assert person is not None and person.name == "Nama Baru 1100"
        assert (await get_entry(db, second[1250].nip)) == second[1250]
    finally:
        await db.close()


async def test_optional_salutation_column_is_read_checked_and_kept(tmp_path: Path) -> None:
    data = (
        b"nip,nama,jabatan,unit kerja,sapaan\n"
        b"198507142010011003,Budi Santoso,Kepala OPD,Dinas Kominfo,\n"
        b"197908082002121003,Joko Santoso,Camat,Kecamatan Klojen,ibu\n"
        b"198001012005011001,Andri Wijaya,Lurah,Kelurahan Kauman,Bpk.\n"
    )
    entries, problems = load_roster(data, "peserta.csv")
    assert problems == []
    assert [e.salutation for e in entries] == ["", "Ibu", "Bapak"]
    bad = data.replace(b",ibu\n", b",Dr.\n")
    assert _where(load_roster(bad, "peserta.csv")[1]) == [("bad_salutation", 3, "salutation")]
    db = await Database.open(tmp_path / "bot.db")
    try:
        await upsert_roster(db, entries, at=1.0)
        joko = await get_entry(db, "197908082002121003")
        assert joko is not None and joko.salutation == "Ibu"
    finally:
        await db.close()
