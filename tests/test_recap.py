"""/rekap (/summary): the organisers' reflection figures and chart (issue 9, item 3).

30 participants in four groups (one of them without a group) with known answers on two days;
the figures /rekap shows must equal a count made here straight from the stored answers, and
the chart must be a real PNG sent with sendPhoto. Nobody but an organiser, in a private chat
or the organisers' group, gets anything."""

from __future__ import annotations

import io
import threading
from collections import Counter
from datetime import date
from pathlib import Path

import matplotlib.image
import pytest
from PIL import Image

from bot.clock import Clock
from bot.models import Agenda
from bot.reflections import answer, questions_of
from db import Database
from tests.conftest import (
    ADMIN_ID,
    Rig,
    at,
    has_button,
    make_settings,
    relax_chat_limits,
    start_rig,
)
from tests.fakebot import FakeTelegram, SentMessage
from tests.helpers import register_many, settle

D1, D2 = date(2025, 5, 15), date(2025, 5, 16)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ORGANISERS = -1_001_555_000_001
OTHER_GROUP = -1_001_555_000_002
PEOPLE = 30
U0 = 7300


def group_of(i: int) -> str:
    """Uneven groups, one of them empty-named: 8, 10, 8 and 4 people."""
    return "Kelompok 1" if i < 8 else "Kelompok 2" if i < 18 else "Kelompok 10" if i < 26 else ""


def people() -> list[tuple[int, str, str]]:
    return [(U0 + i, ("Camat", "Lurah", "Kepala OPD")[i % 3], group_of(i)) for i in range(PEOPLE)]


def answer_text(q_id: str, i: int, day: date) -> str:
    """Participant i's free-text answer: no figure may ever quote one."""
    return f"Catatan {q_id} peserta {i} tanggal {day.day}."


async def seed_answers(rig: Rig, days: tuple[date, ...] = (D1, D2)) -> None:
    """Known answers through the same domain call the chat uses: on day 1 one in five answers
    nothing, one in five only the first question, the rest everything; on day 2 a third
    answers everything."""
    agenda = rig.svc.agenda.current
    assert agenda is not None
    questions = questions_of(agenda)
    now = rig.svc.local_now()
    for i in range(PEOPLE):
        for day in days:
            if day == D1:
                count = (len(questions), len(questions), len(questions), 1, 0)[i % 5]
            else:
                count = len(questions) if i % 3 == 0 else 0
            for q in questions[:count]:
                if q.type == "rating":
                    raw = str(1 + (i * 7 + day.day) % 5)
                elif q.type == "choice":
                    raw = q.options[(i * 3 + day.day) % len(q.options)]
                else:
                    raw = answer_text(q.id, i, day)
                await answer(rig.svc.db, agenda, U0 + i, day, q.id, raw, now=now)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%"


async def expected_lines(db: Database, agenda: Agenda, day: date) -> list[str]:
    """The figures' lines as /rekap must show them, counted here from the stored answers."""
    questions = questions_of(agenda)
    groups = {
        int(r[0]): str(r[1]) for r in await db.fetchall("SELECT user_id, grp FROM participants")
    }
    rows = await db.fetchall(
        "SELECT user_id, question_id, value FROM reflection_answers WHERE day = ?",
        (day.isoformat(),),
    )
    answered: dict[int, set[str]] = {}
    values: dict[str, list[str]] = {}
    for uid, qid, value in rows:
        answered.setdefault(int(uid), set()).add(str(qid))
        values.setdefault(str(qid), []).append(str(value))
    every = {q.id for q in questions}
    finished = {u for u, got in answered.items() if got >= every}
    started = set(answered) - finished
    registered = Counter(groups.values())
    done = Counter(groups[u] for u in finished)
    lines = [
        f"Selesai mengisi: {len(finished)} dari {len(groups)} peserta terdaftar "
        f"({pct(len(finished), len(groups))})",
        f"Belum selesai: {len(started)} · belum memulai: {len(groups) - len(answered)}",
    ]
    for label in ("Kelompok 1", "Kelompok 2", "Kelompok 10", ""):
        name = label or "(tanpa kelompok)"
        lines.append(
            f"{name}: {done[label]}/{registered[label]} ({pct(done[label], registered[label])})"
        )
    for q in questions:
        given = values.get(q.id, [])
        if q.type == "rating":
            ratings = [int(v) for v in given]
            mean = f"{sum(ratings) / len(ratings):.2f}".replace(".", ",")
            lines.append(f"Rata-rata {mean} dari 5 ({len(ratings)} jawaban)")
            tally = Counter(ratings)
            lines.append(" · ".join(f"{n}★ {tally[n]}" for n in (5, 4, 3, 2, 1)))
        elif q.type == "choice":
            tally_c = Counter(given)
            lines += [f"{o}: {tally_c[o]}" for o in q.options]
    return lines


def assert_png(photo: SentMessage) -> None:
    """A sendPhoto whose upload is a PNG that Pillow and matplotlib read back."""
    assert photo.method == "sendPhoto", photo.describe()
    data = photo.document
    assert data is not None and data.startswith(PNG_MAGIC), (data or b"")[:16]
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "PNG"
        width, height = img.size
        img.verify()
    assert width >= 600 and height >= 600, (width, height)
    pixels = matplotlib.image.imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (height, width)


def is_recap(m: SentMessage) -> bool:
    return "Rekap refleksi" in m.text or "Reflection figures" in m.text


async def test_rekap_figures_equal_a_direct_count_and_the_chart_is_a_png(
    fake: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, people())
    # 02.00 on day 2: day 1's reflection is still open (until the briefing), day 2's too
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 02:00"))) as rig:
        await seed_answers(rig)
        agenda = rig.svc.agenda.current
        assert agenda is not None
        admin = rig.user(ADMIN_ID, "Panitia")

        # no argument: the reflection still open, day 1's
        await admin.send("/rekap")
        text = await admin.reply_where(is_recap, timeout=30)
        assert "hari ke-1" in text.plain_text and "Kamis, 15 Mei 2025" in text.plain_text
        for line in await expected_lines(rig.svc.db, agenda, D1):
            assert line in text.plain_text, (line, text.plain_text)
        photo = await admin.reply_where(lambda m: m.method == "sendPhoto", timeout=60)
        assert_png(photo)
        assert "hari ke-1" in photo.plain_text

        # the chart is drawn off the event loop (in a worker thread)
        import bot.recap_chart

        threads: list[int] = []
        real_render = bot.recap_chart.render_chart

        def spy(lang: str, figures: object) -> bytes:
            threads.append(threading.get_ident())
            return real_render(lang, figures)  # type: ignore[arg-type]

        monkeypatch.setattr(bot.recap_chart, "render_chart", spy)
        # a day by number, and "kemarin" (today is day 2)
        await admin.send("/rekap 2")
        text = await admin.reply_where(is_recap, timeout=30)
        assert "hari ke-2" in text.plain_text
        for line in await expected_lines(rig.svc.db, agenda, D2):
            assert line in text.plain_text, (line, text.plain_text)
        assert_png(await admin.reply_where(lambda m: m.method == "sendPhoto", timeout=60))
        assert threads and threading.get_ident() not in threads, threads
        await admin.send("/rekap kemarin")
        text = await admin.reply_where(is_recap, timeout=30)
        assert "hari ke-1" in text.plain_text
        await admin.reply_where(lambda m: m.method == "sendPhoto", timeout=60)

        # the English alias, in English for an English-speaking organiser
        await admin.send("/bahasa")
        choose = await admin.reply_where(lambda m: has_button(m, "lang:en"))
        await admin.press(choose, "lang:en")  # handled before the next command (per person)
        await admin.send("/summary 1")
        text = await admin.reply_where(is_recap, timeout=30)
        assert "Reflection figures, day 1" in text.plain_text
        assert "By group" in text.plain_text
        assert_png(await admin.reply_where(lambda m: m.method == "sendPhoto", timeout=60))

        # never a participant's own words
        await settle(rig)
        words = [
            answer_text(q, i, d)
            for q in ("lesson", "action")
            for i in range(PEOPLE)
            for d in (D1, D2)
        ]
        for m in fake.messages_to(ADMIN_ID):
            assert not [w for w in words if w in m.text], m.describe()


async def test_rekap_refuses_bad_days_and_draws_nothing_without_participants(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/rekap")  # the roster is imported, nobody has registered
    empty = await admin.reply_where(is_recap, timeout=30)
    assert "Selesai mengisi: 0 dari 0 peserta terdaftar (–)" in empty.plain_text
    assert "Belum ada peserta yang terdaftar." in empty.plain_text
    await admin.send("/rekap 9")
    refused = await admin.next_reply(timeout=30)
    assert "tidak ada hari ke-9" in refused.text
    await admin.send("/rekap entah")
    refused = await admin.next_reply(timeout=30)
    assert "Saya tidak mengerti “entah”" in refused.text
    await admin.send("/rekap 2025-06-01")
    refused = await admin.next_reply(timeout=30)
    assert "bukan hari retret" in refused.text
    await settle(rig, admin)
    assert not [m for m in rig.fake.messages_to(ADMIN_ID) if m.method == "sendPhoto"]


async def test_rekap_is_for_organisers_in_private_or_their_group_only(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    relax_chat_limits(fake)
    settings = make_settings(tmp_path, fake, organizer_chat_id=ORGANISERS)
    await register_many(settings, fake, people())
    fake.group(ORGANISERS)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 21:00"))) as rig:
        await seed_answers(rig, (D1,))
        member = fake.user(U0, f"Peserta {U0}")
        admin = rig.user(ADMIN_ID, "Panitia")

        # a participant: exactly the unknown-command reply, for both names
        await member.send("/rekap")
        refused = await member.next_reply(timeout=30)
        assert (
            refused.text == "Perintah /rekap tidak dikenal. Ketik /bantuan untuk daftar perintah."
        )
        await member.send("/summary 1")
        refused = await member.next_reply(timeout=30)
        assert refused.text.startswith("Perintah /summary tidak dikenal.")

        # an ordinary group: nothing of the figures, even from an organiser
        await fake.group_message(OTHER_GROUP, admin, "/rekap")
        await fake.group_message(OTHER_GROUP, admin, "/rekap@retret_test_bot 1")
        # a participant in the organisers' group: refused there
        await fake.group_message(ORGANISERS, member, "/rekap")
        # the organiser in the organisers' group: figures and chart
        await fake.group_message(ORGANISERS, admin, "/rekap")
        await fake.wait_for(lambda m: m.chat_id == ORGANISERS and is_recap(m), timeout=30)
        photos = await fake.wait_for(
            lambda m: m.chat_id == ORGANISERS and m.method == "sendPhoto", timeout=60
        )
        assert_png(photos[0])
        await settle(rig, admin)
        await settle(rig, member)

    assert [m.chat_id for m in fake.sent if m.method == "sendPhoto"] == [ORGANISERS]
    recaps = [m.chat_id for m in fake.sent if is_recap(m)]
    assert recaps == [ORGANISERS], recaps
    in_org = [m.text for m in fake.messages_to(ORGANISERS)]
    assert any("Perintah /rekap tidak dikenal" in x for x in in_org), in_org


def test_a_chart_of_many_groups_stays_within_telegrams_photo_size() -> None:
    from bot.agenda_io import DEFAULT_QUESTIONS
    from bot.recap import ChoiceFigures, GroupRate, RatingFigures, Recap
    from bot.recap_chart import MAX_GROUPS, render_chart, shown_groups

    groups = tuple(GroupRate(f"Kelompok {i}", i % 25, 25) for i in range(1, 401))
    rating, value = DEFAULT_QUESTIONS[0], DEFAULT_QUESTIONS[3]
    r = Recap(
        day=D1,
        number=1,
        registered=10_000,
        finished=sum(g.finished for g in groups),
        started=0,
        groups=groups,
        ratings=(RatingFigures(rating, (1, 2, 3, 4, 5)),),
        choices=(ChoiceFigures(value, tuple((o, 1) for o in value.options)),),
    )
    shown = shown_groups(r)
    assert len(shown) == MAX_GROUPS
    assert max(g.finished for g in shown) <= min(
        g.finished for g in groups if g not in shown
    )  # the lowest shares are the ones kept
    with Image.open(io.BytesIO(render_chart("id", r))) as img:
        width, height = img.size
    assert width + height <= 10_000 and height / width <= 20, (width, height)
