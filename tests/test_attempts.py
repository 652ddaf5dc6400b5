"""The attempt limiter (bot/attempts.py) on a real database: counting, the wait, reporting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.attempts import LIMIT, WINDOW, TooManyAttempts, failed, guard, lockout, revealed
from db import Database

T0 = datetime(2025, 5, 15, 3, 0, 0, tzinfo=UTC).timestamp()  # 10.00 WIB
USER = 4242


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh database with every migration applied."""
    database = await Database.open(tmp_path / "attempts.db")
    try:
        yield database
    finally:
        await database.close()


async def test_five_failures_are_answered_and_the_sixth_waits_until_the_first_leaves(
    db: Database,
) -> None:
    for n in range(LIMIT):
        await guard(db, USER, "nip", at=T0 + 30 + n)
        await failed(db, USER, "nip", detail=f"****{n:04d}", at=T0 + 30 + n)
    with pytest.raises(TooManyAttempts) as caught:
        await guard(db, USER, "nip", at=T0 + 60)
    held = caught.value.lockout
    # The first failure (10.00.30) leaves the window at 10.15.30: told 10.16, never too early.
    assert held.until == datetime(2025, 5, 15, 3, 16, tzinfo=UTC)
    assert held.count == LIMIT
    assert held.tried == ("****0000", "****0001", "****0002", "****0003", "****0004")
    await guard(db, USER, "nip", at=held.until.timestamp())  # free again at the time told


async def test_the_window_slides(db: Database) -> None:
    for n in range(LIMIT - 1):
        await failed(db, USER, "nip", at=T0 + n)
    await failed(db, USER, "nip", at=T0 + WINDOW - 60)  # 10.14
    held = await lockout(db, USER, "nip", at=T0 + WINDOW - 59)
    assert held is not None and held.until == datetime(2025, 5, 15, 3, 15, tzinfo=UTC)
    # At 10.15 the four early failures have left; the one of 10.14 still counts.
    assert await lockout(db, USER, "nip", at=T0 + WINDOW) is None
    for n in range(LIMIT - 1):
        await failed(db, USER, "nip", at=T0 + WINDOW + n)
    again = await lockout(db, USER, "nip", at=T0 + WINDOW + 10)
    assert again is not None and again.until == datetime(2025, 5, 15, 3, 29, tzinfo=UTC)


async def test_accounts_purposes_and_sessions_are_counted_apart(db: Database) -> None:
    for n in range(LIMIT):
        await failed(db, USER, "checkin_code", scope="d1-apel", at=T0 + n)
    assert await lockout(db, USER, "checkin_code", scope="d1-apel", at=T0 + 10) is not None
    assert await lockout(db, USER, "checkin_code", scope="d2-apel", at=T0 + 10) is None
    assert await lockout(db, USER, "nip", at=T0 + 10) is None
    assert await lockout(db, USER + 1, "checkin_code", scope="d1-apel", at=T0 + 10) is None


async def test_each_new_identity_revealed_counts_once(db: Database) -> None:
    assert await revealed(db, USER, "nip", "198507142010011003", at=T0)
    for n in range(10):
        assert not await revealed(db, USER, "nip", "198507142010011003", at=T0 + 1 + n)
    assert await lockout(db, USER, "nip", at=T0 + 20) is None
    for n in range(LIMIT - 1):
        assert await revealed(db, USER, "nip", f"19690312199403100{n}", at=T0 + 30 + n)
    held = await lockout(db, USER, "nip", at=T0 + 40)
    assert held is not None and held.count == LIMIT


async def test_the_organisers_are_told_once_per_window(db: Database) -> None:
    for n in range(LIMIT):
        await failed(db, USER, "nip", at=T0 + n)
    first = await lockout(db, USER, "nip", at=T0 + 10)
    again = await lockout(db, USER, "nip", at=T0 + 20)
    assert first is not None and first.report
    assert again is not None and not again.report
    # Free at 10.15; five more failures by 10.15.05 hold it again, within 15 minutes of the
    # report (10.00.10): not reported again.
    for n in range(LIMIT):
        await failed(db, USER, "nip", at=T0 + WINDOW + n)
    held = await lockout(db, USER, "nip", at=T0 + WINDOW + 5)
    assert held is not None and not held.report
    # A hold after the report has left the window is reported again.
    for n in range(LIMIT):
        await failed(db, USER, "nip", at=T0 + 2 * WINDOW + 20 + n)
    later = await lockout(db, USER, "nip", at=T0 + 2 * WINDOW + 30)
    assert later is not None and later.report


async def test_the_count_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "restart.db"
    first = await Database.open(path)
    try:
        for n in range(LIMIT):
            await failed(first, USER, "nip", at=T0 + n)
    finally:
        await first.close()
    second = await Database.open(path)
    try:
        with pytest.raises(TooManyAttempts):
            await guard(second, USER, "nip", at=T0 + 60)
    finally:
        await second.close()


async def test_old_attempts_are_forgotten(db: Database) -> None:
    for n in range(LIMIT):
        await failed(db, USER, "nip", at=T0 + n)
    await failed(db, USER, "nip", at=T0 + 3 * WINDOW)
    row = await db.fetchone("SELECT COUNT(*) FROM attempts WHERE user_id = ?", (USER,))
    assert row is not None and row[0] == 1
