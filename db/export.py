"""What the XLSX export reads (issue 9, item 4): every table as typed rows, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from db.announcements import Announcement, Figures, _announcement, figures
from db.database import Database

__all__ = [
    "CheckIn",
    "Delivery",
    "PersonRow",
    "QuestionRow",
    "all_announcements",
    "check_ins",
    "deliveries",
    "people",
    "questions",
]


@dataclass(frozen=True)
class PersonRow:
    """A roster entry joined with its registration, or a registration off the roster."""

    nip: str
    name: str
    position: str
    unit: str
    group: str
    phone: str
    on_roster: bool
    user_id: int | None  # None: not registered
    registered_at: float | None
    language: str | None
    reminders: bool | None
    active: bool | None


@dataclass(frozen=True)
class CheckIn:
    """One check-in."""

    session_id: str
    user_id: int
    checked_at: float
    method: str


@dataclass(frozen=True)
class QuestionRow:
    """A participant's question with who asked and the answer."""

    id: int
    asked_at: float
    nip: str
    name: str
    unit: str
    group: str
    text: str
    status: str
    answer: str | None
    answerer_name: str | None
    answered_at: float | None


@dataclass(frozen=True)
class Delivery:
    """The outcomes of one message (purpose and item) over all its recipients."""

    purpose: str
    item: str
    total: int
    sent: int
    blocked: int
    failed: int
    expired: int
    stopped: int
    waiting: int
    uncertain: int
    first_created: float
    last_sent: float | None


async def people(db: Database) -> list[PersonRow]:
    """The roster joined with registrations (by name), then registrations off the roster."""
    rows = await db.fetchall(
        "SELECT r.nip, r.name, r.position, r.unit, r.grp, r.phone, 1 AS on_roster,"
        " p.user_id, p.registered_at, u.language, p.reminders, p.status"
        " FROM roster r LEFT JOIN participants p ON p.nip = r.nip"
        " LEFT JOIN users u ON u.user_id = p.user_id"
        " UNION ALL"
        " SELECT p.nip, p.name, p.position, p.unit, p.grp, '', 0, p.user_id, p.registered_at,"
        " u.language, p.reminders, p.status FROM participants p"
        " LEFT JOIN users u ON u.user_id = p.user_id"
        " WHERE NOT EXISTS (SELECT 1 FROM roster r WHERE r.nip = p.nip)"
        " ORDER BY 7 DESC, 2, 1"
    )
    return [
        PersonRow(
            nip=str(r[0]),
            name=str(r[1]),
            position=str(r[2]),
            unit=str(r[3]),
            group=str(r[4]),
            phone=str(r[5]),
            on_roster=bool(r[6]),
            user_id=None if r[7] is None else int(r[7]),
            registered_at=r[8],
            language=r[9],
            reminders=None if r[10] is None else bool(r[10]),
            active=None if r[11] is None else r[11] == "active",
        )
        for r in rows
    ]


async def check_ins(db: Database) -> list[CheckIn]:
    """Every check-in, in time order."""
    rows = await db.fetchall(
        "SELECT session_id, user_id, checked_at, method FROM attendance ORDER BY checked_at"
    )
    return [CheckIn(str(r[0]), int(r[1]), float(r[2]), str(r[3])) for r in rows]


async def all_announcements(db: Database) -> list[tuple[Announcement, Figures]]:
    """Every announcement, oldest first, with its delivery figures."""
    rows = await db.fetchall("SELECT * FROM announcements ORDER BY id")
    found = [_announcement(r) for r in rows]
    return [(a, await figures(db, a)) for a in found]


async def questions(db: Database) -> list[QuestionRow]:
    """Every question, oldest first, with who asked (their registration, else their first
    name) and the answer."""
    rows = await db.fetchall(
        "SELECT q.id, q.asked_at, COALESCE(p.nip, ''), COALESCE(p.name, u.first_name, ''),"
        " COALESCE(p.unit, ''), COALESCE(p.grp, ''), q.text, q.status, q.answer,"
        " q.answerer_name, q.answered_at FROM questions q"
        " LEFT JOIN participants p ON p.user_id = q.user_id"
        " LEFT JOIN users u ON u.user_id = q.user_id ORDER BY q.id"
    )
    return [
        QuestionRow(
            int(r[0]),
            float(r[1]),
            str(r[2]),
            str(r[3]),
            str(r[4]),
            str(r[5]),
            str(r[6]),
            str(r[7]),
            r[8],
            r[9],
            r[10],
        )
        for r in rows
    ]


async def deliveries(db: Database) -> list[Delivery]:
    """Outcomes per message (purpose and item), in the order they were first queued: sent;
    blocked (403, or skipped as the person blocked the bot); stopped (Stop pressed); expired
    (too late to be worth sending); failed (any other reason); waiting (still queued or under
    way); uncertain (a send timed out, so Telegram may have it twice)."""
    rows = await db.fetchall(
        "SELECT purpose, item, COUNT(*),"
        " SUM(status = 'sent'),"
        " SUM(status IN ('failed', 'skipped', 'expired')"
        "     AND (error LIKE 'forbidden%' OR error = 'blocked')),"
        " SUM(status IN ('failed', 'skipped') AND COALESCE(error, '') NOT LIKE 'forbidden%'"
        "     AND COALESCE(error, '') NOT IN ('blocked', 'stopped')),"
        " SUM(status = 'expired' AND COALESCE(error, '') NOT LIKE 'forbidden%'"
        "     AND COALESCE(error, '') NOT IN ('blocked', 'stopped')),"
        " SUM(status IN ('failed', 'skipped', 'expired') AND error = 'stopped'),"
        " SUM(status IN ('pending', 'sending')),"
        " SUM(uncertain), MIN(created_at), MAX(sent_at)"
        " FROM outbox GROUP BY purpose, item ORDER BY MIN(id)"
    )
    return [
        Delivery(
            str(r[0]),
            str(r[1]),
            int(r[2]),
            int(r[3]),
            int(r[4]),
            int(r[5]),
            int(r[6]),
            int(r[7]),
            int(r[8]),
            int(r[9]),
            float(r[10]),
            r[11],
        )
        for r in rows
    ]
