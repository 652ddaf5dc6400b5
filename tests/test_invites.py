"""`python -m bot invites`: stable one-tap links and printable QR cards (SPEC §4, §7)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import segno

from bot.__main__ import QR_MAKE, QR_SAVE, qr_filenames
from bot.models import RosterEntry
from tests.conftest import ROSTER
from tests.test_cli import cli, query

LINK = re.compile(r"https://t\.me/retret_test_bot\?start=([A-Za-z0-9_-]{1,64})")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png(link: str) -> bytes:
    out = io.BytesIO()
    segno.make_qr(link, **QR_MAKE).save(out, **QR_SAVE)
    return out.getvalue()


# ---------------------------------------------------------------- file names (no subprocess)


def test_file_names_are_last_four_of_nip_and_an_ascii_slug_unique_with_a_suffix() -> None:
    def entry(nip: str, name: str) -> RosterEntry:
        return RosterEntry(nip=nip, name=name, position="Lurah", unit="Kelurahan X")

    assert qr_filenames(
        [
            entry("198804042010011001", "Dr. Siti Aminah, M.Pd."),
            entry("199203152015031001", "Dr. Siti Aminah, M.Pd."),
            entry("197511052001121001", "dr. Siti Aminah, M.Pd."),
            entry("198507142010011003", "Ñoño Ämi Şükrü"),
            entry("198507142010011004", "<>&"),
        ]
    ) == [
        "1001-dr-siti-aminah-m-pd.png",
        "1001-dr-siti-aminah-m-pd-2.png",
        "1001-dr-siti-aminah-m-pd-3.png",
        "1003-nono-ami-sukru.png",
        "1004-peserta.png",
    ]


# ---------------------------------------------------------------- the command, as organisers run it


@pytest.mark.slow
def test_invites_print_stable_links_and_write_a_qr_card_per_roster_entry(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert cli(tmp_path, "import-roster", ROSTER).returncode == 0

    first = cli(tmp_path, "invites", "--bot", "retret_test_bot", "--qr", "out")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert len(lines) == 24
    links: dict[str, str] = {}  # name -> link
    codes: set[str] = set()
    for line in lines:
        name, _unit, link = line.split("\t")
        match = LINK.fullmatch(link)
        assert match, line
        assert len(match.group(1)) == 16  # secrets.token_urlsafe(12)
        links[name] = link
        codes.add(match.group(1))
    assert len(codes) == 24
    # The printed codes are the stored ones: a printed link registers (test_registration.py).
    assert codes == {code for (code,) in query(db, "SELECT code FROM invites")}
    assert "24 kode QR ditulis ke out; cetak out/index.html." in first.stderr

    out = tmp_path / "out"
    roster = [
        RosterEntry(nip=nip, name=name, position="", unit=unit, group=group)
        for nip, name, unit, group in query(
            db, "SELECT nip, name, unit, grp FROM roster ORDER BY name, nip"
        )
    ]
    files = qr_filenames(roster)
    assert sorted(p.name for p in out.iterdir()) == sorted([*files, "index.html"])
    assert len(files) == 24
    for entry, filename in zip(roster, files, strict=True):
        assert re.fullmatch(r"\d{4}-[a-z0-9-]+\.png", filename)
        assert filename.startswith(entry.nip[-4:] + "-")
        data = (out / filename).read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        assert data == _png(links[entry.name]), filename  # the QR code of exactly this link

    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "@page { size: A4" in page
    assert page.count('<div class="card">') == 24
    assert page.count('<section class="page">') == 3  # 9 cards a page
    for entry, filename in zip(roster, files, strict=True):
        assert f'<img src="{filename}"' in page
        assert links[entry.name] in page
        assert entry.unit in page and entry.group in page
    assert "Drs. Heru Wahyudi, M.Si." in page

    # Again, with the @: the same links (codes are kept), and the same images.
    again = cli(tmp_path, "invites", "--bot", "@retret_test_bot", "--qr", "out")
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    for entry, filename in zip(roster, files, strict=True):
        assert (out / filename).read_bytes() == _png(links[entry.name])
    # Without --qr: only the lines, nothing said about QR codes.
    plain = cli(tmp_path, "invites", "--bot", "retret_test_bot")
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout == first.stdout
    assert "QR" not in plain.stderr


@pytest.mark.slow
def test_qr_cards_escape_names_and_tell_namesakes_apart(tmp_path: Path) -> None:
    roster = tmp_path / "odd.csv"
    roster.write_text(
        "nip,name,position,unit,group\n"
        '199203152015031001,Ani <b>Rahma</b> & Co,Lurah,"Kelurahan ""A&B""",Kelompok <1>\n'
        "198804042010011001,Ani <b>Rahma</b> & Co,Lurah,Kelurahan Y,Kelompok 2\n",
        encoding="utf-8",
    )
    assert cli(tmp_path, "import-roster", roster).returncode == 0
    result = cli(tmp_path, "invites", "--bot", "retret_test_bot", "--qr", "cards/a")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "cards" / "a"
    assert sorted(p.name for p in out.iterdir()) == [
        "1001-ani-b-rahma-b-co-2.png",
        "1001-ani-b-rahma-b-co.png",
        "index.html",
    ]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<b>" not in page and "Kelompok <1>" not in page
    assert page.count("Ani &lt;b&gt;Rahma&lt;/b&gt; &amp; Co</div>") == 2
    assert "Kelurahan &quot;A&amp;B&quot;" in page and "Kelompok &lt;1&gt;" in page


@pytest.mark.slow
@pytest.mark.parametrize("username", ["bad bot", "abcd", "x" * 33, "@@retret_bot", "retret_bot\n"])
def test_a_bad_bot_username_exits_2_with_one_line_and_touches_nothing(
    tmp_path: Path, username: str
) -> None:
    result = cli(tmp_path, "invites", "--bot", username, "--qr", "out")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("kesalahan: Nama pengguna bot tidak valid")
    assert not (tmp_path / "x.db").exists() and not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_qr_folder_that_cannot_be_made_exits_2_with_one_line(tmp_path: Path) -> None:
    assert cli(tmp_path, "import-roster", ROSTER).returncode == 0
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    result = cli(tmp_path, "invites", "--bot", "retret_test_bot", "--qr", "taken")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("kesalahan: Tidak dapat menulis ke folder taken: ")
