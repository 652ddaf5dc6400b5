"""Cells written into spreadsheets are never taken for formulas."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.spreadsheet import spreadsheet_safe
from tests.test_cli import cli


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("+62 812 3456", "'+62 812 3456"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Budi Santoso", "Budi Santoso"),
        ("", ""),
        ("a=b", "a=b"),
        (42, 42),
        (-5, -5),
        (1.5, 1.5),
        (None, None),
    ],
)
def test_spreadsheet_safe_neutralises_formula_cells(value: object, safe: object) -> None:
    assert spreadsheet_safe(value) == safe


@pytest.mark.slow
def test_invites_tab_separated_lines_never_start_a_formula(tmp_path: Path) -> None:
    roster = tmp_path / "peserta.csv"
    roster.write_text(
        "nip,name,position,unit\n"
        '198507142010011003,"=HYPERLINK(""http://x"",""klik"")",Lurah,@Kelurahan Kauman\n'
        "196903121994031005,Heru Wahyudi,Sekda,Sekretariat Daerah\n",
        encoding="utf-8",
    )
    assert cli(tmp_path, "import-roster", roster).returncode == 0
    done = cli(tmp_path, "invites", "--bot", "retret_test_bot")
    assert done.returncode == 0, done.stderr
    cells = sorted(line.split("\t")[:2] for line in done.stdout.splitlines())
    assert cells == [
        ['\'=HYPERLINK("http://x","klik")', "'@Kelurahan Kauman"],
        ["Heru Wahyudi", "Sekretariat Daerah"],
    ]
