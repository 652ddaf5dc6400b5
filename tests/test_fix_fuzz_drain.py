"""Found by the fuzz test: `OutboxWorker.drain()` returned while a message was claimed
("sending" in the database) but not yet counted as under way: the worker claims a row, then
waits for room in the send budget, and only then counted it. `settle()` and the CLI rely on
drain() meaning "every queued message has reached Telegram"."""

from __future__ import annotations

import asyncio

import pytest

from bot.budget import SendBudget
from db.outbox import NewMessage, enqueue
from tests.conftest import Rig
from tests.helpers import wait_until


class HeldBudget(SendBudget):
    """A send budget with no room until `gate` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    async def wait_for_room(self) -> None:
        await self.gate.wait()


async def test_drain_waits_for_a_message_claimed_but_waiting_for_the_budget(rig: Rig) -> None:
    outbox = rig.svc.outbox
    assert outbox is not None
    user = rig.user(8801)
    budget = HeldBudget()
    outbox._budget = budget  # the whole bot is at its rate: sends wait for room
    db = rig.svc.db
    at = rig.clock.timestamp()
    message = NewMessage(key="t:drain", purpose="test", item="1", chat_id=user.id, payload={})
    message.payload["text"] = "Halo"
    await enqueue(db, [message], at=at)
    outbox.wake()

    async def claimed() -> bool:
        row = await db.fetchone("SELECT status FROM outbox WHERE key = 't:drain'")
        return row is not None and row[0] == "sending"

    await wait_until(claimed, what="the worker claimed the message")
    # Claimed, not sent: drain() must not say the outbox is empty (the bound only ends the
    # wait; before the fix drain() returned at once).
    with pytest.raises(TimeoutError):
        await outbox.drain(timeout=0.5)
    budget.gate.set()
    await outbox.drain()
    row = await db.fetchone("SELECT status FROM outbox WHERE key = 't:drain'")
    assert row is not None and row[0] == "sent"
    assert [m.text for m in user.inbox] == ["Halo"]


async def test_drain_waits_for_a_message_whose_claim_is_committed_but_not_yet_seen(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found again by the fuzz test (an 'alert' left 'sending' after settle): the claim's
    commit happens on the database's thread, and drain() could look before the worker had
    resumed to count the row as under way — neither pending nor under way, so "empty"."""
    import jobs.outbox

    outbox = rig.svc.outbox
    assert outbox is not None
    user = rig.user(8802)
    committed, resume = asyncio.Event(), asyncio.Event()
    real_claim = jobs.outbox.mark_sending

    async def slow_to_resume(*args: object, **kwargs: object) -> bool:
        claimed = await real_claim(*args, **kwargs)  # type: ignore[arg-type]
        committed.set()
        await resume.wait()  # the worker's task not yet resumed after the commit
        return claimed

    monkeypatch.setattr(jobs.outbox, "mark_sending", slow_to_resume)
    message = NewMessage(key="t:claim", purpose="test", item="1", chat_id=user.id, payload={})
    message.payload["text"] = "Halo"
    await enqueue(rig.svc.db, [message], at=rig.clock.timestamp())
    outbox.wake()
    await asyncio.wait_for(committed.wait(), timeout=10)
    with pytest.raises(TimeoutError):  # before the fix drain() returned at once
        await outbox.drain(timeout=0.5)
    resume.set()
    await outbox.drain()
    assert [m.text for m in user.inbox] == ["Halo"]


async def test_a_message_whose_text_was_wiped_meanwhile_is_skipped_not_crashed_on(
    rig: Rig,
) -> None:
    """/hapusdata wipes the text of a person's messages that are under way; one of them
    coming back for a retry (a flood wait, a time-out, a restart) had nothing to send and hit
    an assertion, staying 'sending' for good. It is skipped instead."""
    outbox = rig.svc.outbox
    assert outbox is not None
    user = rig.user(8803)
    message = NewMessage(key="t:wiped", purpose="test", item="1", chat_id=user.id, payload={})
    message.payload["text"] = "Halo"
    db = rig.svc.db
    await enqueue(db, [message], at=rig.clock.timestamp())
    await db.execute("UPDATE outbox SET payload_json = '{}' WHERE key = 't:wiped'")
    outbox.wake()
    await outbox.drain()
    row = await db.fetchone("SELECT status, error FROM outbox WHERE key = 't:wiped'")
    assert row is not None and (row[0], row[1]) == ("skipped", "removed")
    assert user.inbox == []
