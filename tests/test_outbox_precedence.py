"""The outbox under load and faults (issue 6, items 5, 7 and 8): time-critical messages go
first, reminders say how long is really left when they go, a send that timed out is retried
and counted, and what cannot arrive in time is said in /status."""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from bot.render import MINUTES_MARK, at_send_time
from db.outbox import BULK, URGENT, NewMessage, counts, enqueue
from jobs.scheduler import at_risk
from tests.conftest import ADMIN_ID, Rig, at, make_settings, relax_chat_limits, start_rig
from tests.fakebot import FakeTelegram
from tests.helpers import is_reminder, register_many, wait_until

CAMAT = 7201


def test_reminder_text_is_worded_at_send_time() -> None:
    payload = {"text": f"Apel dimulai {MINUTES_MARK} lagi.", "starts_at": 3600.0, "lead": 30}
    assert (
        at_send_time({**payload, "lang": "id"}, 3600.0 - 30 * 60) == "Apel dimulai 30 menit lagi."
    )
    assert at_send_time({**payload, "lang": "id"}, 3600.0 - 12 * 60 - 5) == (
        "Apel dimulai 13 menit lagi."
    )
    assert at_send_time({**payload, "lang": "en"}, 3600.0 - 90) == "Apel dimulai 2 min lagi."
    # never more than the lead, even if sent early
    assert at_send_time({**payload, "lang": "id"}, 0.0) == "Apel dimulai 30 menit lagi."
    assert at_send_time({"text": "tanpa waktu"}, 0.0) == "tanpa waktu"


def test_at_risk_counts_those_the_queue_cannot_reach_in_time() -> None:
    # 10,000 people, a 5-minute reminder at 25/s: the last 2,500 cannot make it.
    assert at_risk(ahead=0, count=10_000, now=0.0, expires=300.0, rate=25.0) == 2_500
    assert at_risk(ahead=0, count=500, now=0.0, expires=300.0, rate=25.0) == 0
    assert at_risk(ahead=7_000, count=1_000, now=0.0, expires=300.0, rate=25.0) == 500


async def test_a_reminder_that_waited_in_the_queue_says_how_long_is_really_left(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(CAMAT, "Camat", "Kelompok 4")])
    # The assembly's 30-minute reminder falls due at 05:00; the clock runs a minute a second
    # and the chat sits out a 4 s flood wait: the reminder goes about 4 minutes late.
    fake.force_retry_after(1, seconds=4, chat_id=CAMAT)
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 04:59:58"), speed=60)):
        sent = (await fake.wait_for(is_reminder(CAMAT, "Apel Pagi"), timeout=20))[0]
    assert "30 menit lagi" not in sent.text
    minutes = int(sent.plain_text.split("dimulai ")[1].split(" menit")[0])
    assert 20 <= minutes <= 27, sent.plain_text


async def test_time_critical_messages_overtake_a_queued_broadcast(rig: Rig) -> None:
    relax_chat_limits(rig.fake)
    bulk = [
        NewMessage(
            key=f"bulk:{i}",
            purpose="broadcast",
            item="b1",
            chat_id=20_000 + i,
            payload={"text": f"Pengumuman {i}"},
            priority=BULK,
        )
        for i in range(300)
    ]
    for i in range(300):
        rig.fake.user(20_000 + i)
    await enqueue(rig.svc.db, bulk, at=rig.clock.timestamp())
    rig.svc.outbox.wake()  # type: ignore[union-attr]
    await rig.fake.wait_for(lambda m: m.text.startswith("Pengumuman"), count=10)
    urgent = rig.fake.user(CAMAT)
    await enqueue(
        rig.svc.db,
        [
            NewMessage(
                key="reminder:x:1",
                purpose="reminder",
                item="x",
                chat_id=urgent.id,
                payload={"text": "⏰ Segera"},
                priority=URGENT,
            )
        ],
        at=rig.clock.timestamp(),
    )
    rig.svc.outbox.wake()  # type: ignore[union-attr]
    await rig.fake.wait_for(lambda m: m.chat_id == CAMAT)
    await rig.svc.outbox.drain(timeout=60)  # type: ignore[union-attr]
    order = [m.chat_id for m in rig.fake.sent if m.method == "sendMessage"]
    position = order.index(CAMAT)
    # It went within the pass under way (at most one batch of 64), not after all 300.
    assert position < 10 + 64 + 10, position
    assert len(order) == 301


async def test_a_send_that_timed_out_is_retried_and_counted_as_possibly_delivered(
    rig: Rig,
) -> None:
    """Telegram delivers, the answer is lost (the client times out): one duplicate, and the
    figures say so rather than claim exactly-once."""
    outbox = rig.svc.outbox
    assert outbox is not None
    outbox.send_timeout = 0.5
    u = rig.fake.user(CAMAT)
    rig.fake.fail_next(1, status=502, methods={"sendMessage"}, process=True, hang=1.5)
    await enqueue(
        rig.svc.db,
        [NewMessage(key="t:1", purpose="alert", item="t", chat_id=u.id, payload={"text": "Tes"})],
        at=rig.clock.timestamp(),
    )
    outbox.wake()
    await rig.fake.wait_for(lambda m: m.chat_id == CAMAT and m.text == "Tes", count=2)
    await outbox.drain()
    assert len([m for m in u.inbox if m.text == "Tes"]) == 2  # one duplicate, no more
    assert await counts(rig.svc.db) == {"sent": 1, "uncertain": 1}
    assert outbox.stats["uncertain"] == 1


async def test_a_first_start_mid_event_writes_no_row_per_person_for_the_past(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, fake)
    await register_many(settings, fake, [(30_000 + i, "Lurah", "Kelompok 2") for i in range(20)])
    admin = fake.user(ADMIN_ID, "Panitia")
    async with start_rig(fake, settings, Clock(start=at("2025-05-16 12:00"))) as rig:
        db = rig.svc.db

        async def past_settled() -> bool:
            row = await db.fetchone(
                "SELECT COUNT(*) FROM dispatch WHERE status = 'pending' AND due_at <= ?",
                (rig.clock.timestamp(),),
            )
            return row is not None and row[0] == 0

        await wait_until(past_settled)
        expired = await db.fetchall(
            "SELECT recipients, before_start FROM dispatch WHERE status = 'expired'"
        )
        # never sendable (planned after their moment): recorded, for nobody
        assert len(expired) > 5 and all(r[0] == 0 and r[1] == 1 for r in expired)
        box = await counts(db)
        assert box.get("expired", 0) == 0  # nothing written per person for the past
        await admin.send("/status")
        report = await admin.reply_where(lambda m: "Status" in m.text)
        assert "Tidak sampai tepat waktu" not in report.plain_text  # not late: never due
        assert f"{len(expired)} terlewat sebelum bot berjalan" in report.plain_text


async def test_a_message_gets_eight_attempts_in_all_then_fails(rig: Rig) -> None:
    outbox = rig.svc.outbox
    assert outbox is not None
    outbox.backoff_base = 0.01
    u = rig.fake.user(CAMAT)
    rig.fake.fail_next(20, status=502, methods={"sendMessage"})
    await enqueue(
        rig.svc.db,
        [NewMessage(key="t:8", purpose="alert", item="t", chat_id=u.id, payload={"text": "Tes"})],
        at=rig.clock.timestamp(),
    )
    outbox.wake()

    async def failed() -> bool:
        return (await counts(rig.svc.db)).get("failed", 0) == 1

    await wait_until(failed, timeout=20)
    calls = [c for c in rig.fake.calls if c[0] == "sendMessage" and c[1].get("chat_id") == u.id]
    assert len(calls) == 8
    row = await rig.svc.db.fetchone("SELECT attempts FROM outbox WHERE key = 't:8'")
    assert row is not None and row[0] == 8
