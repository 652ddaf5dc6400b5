"""/peserta "Belum mendaftar": by name without academic titles and degrees, with position and
group beside the unit (tester's finding E)."""

from __future__ import annotations

from pathlib import Path

from bot.models import RosterEntry
from bot.overview import overview
from db import Database
from db.roster import upsert_roster
from handlers.participants import list_view
from tests.helpers import fake_nip

NAMES = ["Dr. Zainal Arifin, M.Si.", "Ahmad Fauzi", "Drs. Budi Santoso", "Ir. Citra Dewi, M.T."]


async def test_not_registered_sorted_by_name_without_titles(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "r.db")
    try:
        await upsert_roster(
            db,
            [
                RosterEntry(fake_nip(i), name, "Camat", f"Kecamatan {i}", f"Kelompok {i + 1}")
                for i, name in enumerate(NAMES)
            ],
            at=0.0,
        )
        o = await overview(db)
    finally:
        await db.close()
    names = [p.name for p in o.not_registered]
    assert names == [
        "Ahmad Fauzi",
        "Drs. Budi Santoso",
        "Ir. Citra Dewi, M.T.",
        "Dr. Zainal Arifin, M.Si.",
    ], names
    text, _ = list_view("id", o, "u", 0)
    assert "1. Ahmad Fauzi — Kecamatan 1 · Camat, Kelompok 2" in text, text
