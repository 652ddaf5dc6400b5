"""/peserta (/participants), issue 8 item 4: registered against the roster, by position and
by group; who has not registered (paged by buttons, names and units, never NIPs); who is
inactive. The figures equal a direct count over the roster and the registrations."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from bot.clock import Clock
from bot.models import RosterEntry
from bot.overview import PAGE_SIZE
from db import Database
from db.participants import register, set_status, touch_user
from db.roster import upsert_roster
from tests.conftest import (
    ADMIN_ID,
    answer_to,
    at,
    enrol,
    make_settings,
    relax_chat_limits,
    roster_rows,
    seed_roster,
    start_rig,
)
from tests.fakebot import FakeTelegram, SentMessage
from tests.helpers import fake_nip, settle

GROUP = -1001234567890


async def direct_counts(
    db: Database,
) -> tuple[int, int, dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """(roster size, registered on the roster, position -> (registered, total), group -> ...)
    counted straight from the tables."""
    rows = await db.fetchall(
        "SELECT r.position, r.grp, p.user_id IS NOT NULL AS registered"
        " FROM roster r LEFT JOIN participants p ON p.nip = r.nip"
    )
    by_position: Counter[tuple[str, bool]] = Counter()
    by_group: Counter[tuple[str, bool]] = Counter()
    for r in rows:
        by_position[(r[0], bool(r[2]))] += 1
        by_group[(r[1], bool(r[2]))] += 1

    def table(c: Counter[tuple[str, bool]]) -> dict[str, tuple[int, int]]:
        labels = {label for label, _ in c}
        return {k: (c[(k, True)], c[(k, True)] + c[(k, False)]) for k in labels}

    registered = sum(1 for r in rows if r[2])
    return len(rows), registered, table(by_position), table(by_group)


def tallies(text: str, header: str) -> dict[str, tuple[int, int]]:
    """`label: a/b` lines under a bold header, up to the next blank line."""
    section = text.split(header, 1)[1].split("\n\n", 1)[0]
    found = {}
    for line in section.splitlines()[1:]:
        m = re.fullmatch(r"(.+): (\d+)/(\d+)", line.strip())
        if m:
            found[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return found


def listed_names(message: SentMessage) -> list[tuple[str, str]]:
    """(name, unit) of `N. name — unit · position, group` lines."""
    return re.findall(r"^\d+\. (.+) — (.+) · .+$", message.plain_text, re.M)


async def test_peserta_figures_equal_a_direct_count_and_lists_page_without_nips(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await seed_roster(settings)
    # 30 more on the roster, none registered: the "not registered" list runs to pages.
    db = await Database.open(settings.database_path)
    try:
        extra = [
            RosterEntry(fake_nip(500 + i), f"Zulkifli {i:02d}", "Lurah", f"Kelurahan {i}", "")
            for i in range(30)
        ]
        await upsert_roster(db, extra, at=0.0)
        # One registered in open mode, not on the roster.
        fake.user(7301, "Tamu")
        await touch_user(db, 7301, 7301, "Tamu", at=0.0)
        await register(
            db,
            user_id=7301,
            nip=fake_nip(900),
            name="Tamu Undangan",
            position="",
            unit="",
            group="",
            verified=False,
            language="id",
            at=0.0,
        )
    finally:
        await db.close()
    rows = roster_rows()
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        people = [rig.user(7100 + i, f"P{i}") for i in range(8)]
        for person, row in zip(people, rows[::3], strict=False):
            await enrol(rig, person, row["nip"])
        await set_status(rig.svc.db, people[1].id, "inactive")
        await set_status(rig.svc.db, 7301, "inactive")
        admin = rig.user(ADMIN_ID, "Panitia")

        await admin.send("/peserta")
        summary = await admin.reply_where(lambda m: "Pendaftaran peserta" in m.text)
        roster, registered, by_position, by_group = await direct_counts(rig.svc.db)
        text = summary.plain_text
        assert f"Terdaftar: {registered} dari {roster} orang" in text
        assert f"belum mendaftar: {roster - registered}" in text
        assert "Nonaktif (memblokir bot): 2" in text
        assert "Terdaftar tanpa ada di daftar peserta: 1" in text
        assert tallies(text, "Per jabatan") == by_position
        no_group = by_group.pop("")
        assert tallies(text, "Per kelompok") == {**by_group, "(tanpa kelompok)": no_group}

        # Who has not registered: paged by buttons, names and units, never a NIP.
        registered_nips = {row["nip"] for row in rows[::3][: len(people)]}
        missing = {(r["name"], r["unit"]) for r in rows if r["nip"] not in registered_nips}
        missing |= {(e.name, e.unit) for e in extra}
        await admin.press(summary, summary.button("Belum mendaftar"))
        pages = -(-len(missing) // PAGE_SIZE)
        assert pages >= 3
        page = await admin.reply_where(lambda m: f"halaman 1/{pages}" in m.text)
        seen = listed_names(page)
        while "Berikutnya" in " ".join(b for b, _ in page.buttons):
            await admin.press(page, page.button("Berikutnya"))
            page = await admin.reply_where(lambda m: "halaman" in m.text)
            seen += listed_names(page)
        assert f"halaman {pages}/{pages}" in page.text
        assert sorted(seen) == sorted(missing) and len(seen) == len(missing)
        await admin.press(page, page.button("Sebelumnya"))
        await admin.reply_where(lambda m: f"halaman {pages - 1}/{pages}" in m.text)

        await admin.press(summary, summary.button("Nonaktif"))
        inactive = await admin.reply_where(lambda m: "memblokir bot" in m.text and "1." in m.text)
        assert sorted(name for name, _ in listed_names(inactive)) == sorted(
            [rows[3]["name"], "Tamu Undangan"]
        )
        await settle(rig, admin)
        assert fake.errors == []

    every_nip = {r["nip"] for r in rows} | {fake_nip(500 + i) for i in range(30)} | {fake_nip(900)}
    to_admin = fake.messages_to(ADMIN_ID)
    assert not [m for m in to_admin if any(nip in m.text for nip in every_nip)]


async def test_peserta_is_for_organisers_only(fake: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, fake, organizer_chat_id=GROUP)
    await seed_roster(settings)
    fake.group(GROUP)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        relax_chat_limits(fake)
        member = rig.user(7200, "Peserta")
        await enrol(rig, member, roster_rows()[0]["nip"])
        admin = rig.user(ADMIN_ID, "Panitia")
        await admin.send("/peserta")
        summary = await admin.reply_where(lambda m: "Pendaftaran peserta" in m.text)

        await member.send("/peserta")
        refused = await member.next_reply()
        assert (
            refused.text == "Perintah /peserta tidak dikenal. Ketik /bantuan untuk daftar perintah."
        )
        await member.send("/participants")
        refused = await member.next_reply()
        assert "Perintah /participants tidak dikenal" in refused.text
        # A forged button press of the organisers' list: treated as an unknown button.
        query = await member.press_raw(summary.button("Belum mendaftar"))
        answer = await answer_to(fake, query)
        assert answer.get("text") == "Tombol ini sudah tidak berlaku."
        # In the organisers' group, the organiser gets the overview.
        await fake.group_message(GROUP, admin, "/peserta")
        await fake.wait_for(lambda m: m.chat_id == GROUP and "Pendaftaran peserta" in m.text)
        await settle(rig, member)
    assert not [m for m in fake.messages_to(member.id) if "Pendaftaran peserta" in m.text]
    assert not [m for m in fake.messages_to(member.id) if "halaman" in m.text]
