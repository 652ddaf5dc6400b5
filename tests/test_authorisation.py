"""Authorisation matrix (issue 10, item 5; grown from issue 8's organisers-only table).

Every command, in its Indonesian and its English name, and every kind of button, from six
places: someone unregistered, a participant and an organiser, each in their private chat; an
organiser and a participant in an ordinary group; an organiser in the organisers' group
(ORGANIZER_CHAT_ID). Each cell names the kind of reply the bot must give; a kind is
recognised by the text key the bot writes it with (its marker, taken from bot.texts.t, never
a string written here). The database is compared before and after every cell: a refusal
changes nothing, an action changes only the tables its kind names.

The table is complete by construction: `test_the_table_covers_every_handler` reads the
commands and button patterns registered in the real Application and fails on any that is
missing here, so every new command joins the table.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from dataclasses import dataclass
from datetime import timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.app import build_application
from bot.broadcasts import Audience, Composed, schedule
from bot.clock import Clock
from bot.texts import LANGUAGES, t
from bot.throttle import GroupThrottle
from db.conversations import clear_conversation
from handlers.common import ADMIN_COMMANDS, ORGANISERS_BUTTONS
from tests.conftest import (
    ADMIN_ID,
    Rig,
    at,
    make_settings,
    relax_chat_limits,
    start_rig,
)
from tests.fakebot import FakeTelegram, FakeUser, SentMessage
from tests.helpers import register_many, settle

STRANGER = 5301  # never registered
PARTICIPANT = 5302  # registered
VICTIM = 5303  # registered; an organisers' button names them

# The columns, in the order the cells of a row are written.
ROLES = (
    "unregistered",
    "participant",
    "organiser",
    "organiser in a group",
    "participant in a group",
    "organiser in the organisers' group",
)
ORGANISERS_GROUP = -1_002_999_000_001  # ORGANIZER_CHAT_ID


@dataclass(frozen=True)
class Kind:
    """A kind of reply, recognised by the text key (one of `keys`) it is written with.

    via: "message" (a message or an edit in the chat the person acted in), "file" (a document
    or photo there, by its caption) or "answer" (the button's own answer, a toast).
    writes: the tables the action may change; a refusal changes none and sends nothing else.
    """

    keys: tuple[str, ...]
    via: str = "message"
    writes: frozenset[str] = frozenset()
    refusal: bool = False


def _kind(*keys: str, via: str = "message", writes: str = "", refusal: bool = False) -> Kind:
    return Kind(keys, via, frozenset(writes.split()), refusal)


KINDS: dict[str, Kind] = {
    # refusals: nothing changes, nothing else is sent
    "unknown-command": _kind("fallback.unknown_command", refusal=True),
    "private-only": _kind("fallback.group", refusal=True),
    "register-first": _kind("reg.needed", refusal=True),
    "stale-button": _kind("fallback.stale_button", via="answer", refusal=True),
    # answers for everyone
    "welcome": _kind("start.welcome", writes="conversations"),
    "welcome-back": _kind("start.welcome_back"),
    "organiser-welcome": _kind("start.organiser"),
    "choose-language": _kind("lang.choose"),
    "registration": _kind("lang.choose", writes="conversations"),
    "already-registered": _kind("reg.already"),
    "language-set": _kind("lang.set", "lang.unchanged", writes="users"),
    "agenda": _kind("agenda.header"),
    "details": _kind("agenda.details_header"),
    "now": _kind("now.current"),
    "calendar-file": _kind("calendar.caption", via="file"),
    "news": _kind("news.none"),
    "help": _kind("help.text"),
    "nothing-to-cancel": _kind("cancel.nothing"),
    # participants'
    "checkin-none-open": _kind("checkin.nothing_open"),
    "checkin-closed": _kind("checkin.closed"),
    "reflection": _kind("refl.intro", writes="conversations"),
    "reflection-answer": _kind(
        "refl.question_head", writes="reflections reflection_answers conversations"
    ),
    "reflection-question": _kind("refl.question_head", writes="conversations"),
    "reminders": _kind("reminders.state"),
    "reminders-set": _kind("reminders.state", writes="participants"),
    "profile": _kind("privacy.profile"),
    "forget-ask": _kind("privacy.forget_ask"),
    "forget-nothing": _kind("privacy.forget_nothing"),
    "forget-kept": _kind("privacy.forget_kept"),
    "question-prompt": _kind("question.prompt", writes="conversations"),
    # organisers'
    "attendance-report": _kind("attendance.code", writes="checkin_codes"),
    "reschedule-overlap": _kind("admin.overlap", writes="conversations"),
    "status": _kind("status.text"),
    "announce-compose": _kind("bc.ask_message", writes="conversations"),
    "participants-summary": _kind("peserta.summary"),
    "participants-missing": _kind("peserta.missing_header"),
    "participants-inactive": _kind("peserta.nobody_inactive"),
    "recap": _kind("rekap.head"),
    "export-file": _kind("export.caption", via="file"),
    "import-ask": _kind("import.ask", writes="conversations"),
    "question-unknown": _kind("question.unknown"),
    "unbound": _kind("reg.unbound", writes="participants"),
    "nudged": _kind("attendance.nudged", writes="outbox"),
    "announcement-cancelled": _kind(
        "bc.cancelled", "bc.cancelled_no_draft", writes="announcements"
    ),
    "delivery-not-running": _kind("bc.not_running", via="answer"),
}

# Shorthands for the table.
UNKNOWN, GROUP, FIRST, STALE = "unknown-command", "private-only", "register-first", "stale-button"

# Command names (as registered: Indonesian, English) → the words after the command, and the
# kind of reply per role (ROLES order). Organisers' commands carry arguments that work for an
# organiser, so a refusal is the sender's, not the input's. Every group cell runs in a group
# of its own: a group's pointer limit (one a person per 5 minutes) does not enter.
COMMANDS: list[tuple[tuple[str, ...], str, tuple[str, str, str, str, str, str]]] = [
    (("start",), "", ("welcome", "welcome-back", "organiser-welcome", GROUP, GROUP, GROUP)),
    (
        ("daftar", "register"),
        "",
        ("registration", "already-registered", "registration", GROUP, GROUP, GROUP),
    ),
    (("agenda", "jadwal"), "", ("agenda", "agenda", "agenda", GROUP, GROUP, GROUP)),
    (("besok", "tomorrow"), "", ("agenda", "agenda", "agenda", GROUP, GROUP, GROUP)),
    (("sekarang", "now"), "", ("now", "now", "now", GROUP, GROUP, GROUP)),
    (
        ("kalender", "calendar"),
        "",
        ("calendar-file", "calendar-file", "calendar-file", GROUP, GROUP, GROUP),
    ),
    (("hadir", "checkin"), "", (FIRST, "checkin-none-open", FIRST, GROUP, GROUP, GROUP)),
    (("refleksi", "reflect"), "", (FIRST, "reflection", FIRST, GROUP, GROUP, GROUP)),
    (("pengingat", "reminders"), "", (FIRST, "reminders", FIRST, GROUP, GROUP, GROUP)),
    (("pengumuman", "news"), "", ("news", "news", "news", GROUP, GROUP, GROUP)),
    (("profil", "me"), "", (FIRST, "profile", FIRST, GROUP, GROUP, GROUP)),
    (
        ("bahasa", "language"),
        "",
        ("choose-language", "choose-language", "choose-language", GROUP, GROUP, GROUP),
    ),
    (
        ("hapusdata", "forget"),
        "",
        ("forget-nothing", "forget-ask", "forget-nothing", GROUP, GROUP, GROUP),
    ),
    (("tanya", "ask"), "", (FIRST, "question-prompt", FIRST, GROUP, GROUP, GROUP)),
    (("bantuan", "help"), "", ("help", "help", "help", GROUP, GROUP, GROUP)),
    (
        ("batal", "cancel"),
        "",
        ("nothing-to-cancel", "nothing-to-cancel", "nothing-to-cancel", GROUP, GROUP, GROUP),
    ),
    (
        ("kehadiran", "attendance"),
        "d1-pembukaan",
        (UNKNOWN, UNKNOWN, "attendance-report", GROUP, UNKNOWN, "attendance-report"),
    ),
    (
        ("ubah", "reschedule"),
        "d2-outbound 16.00",
        (UNKNOWN, UNKNOWN, "reschedule-overlap", GROUP, UNKNOWN, "reschedule-overlap"),
    ),
    (("status",), "", (UNKNOWN, UNKNOWN, "status", GROUP, UNKNOWN, "status")),
    (("umumkan", "broadcast"), "", (UNKNOWN, UNKNOWN, "announce-compose", GROUP, UNKNOWN, GROUP)),
    (
        ("peserta", "participants"),
        "",
        (UNKNOWN, UNKNOWN, "participants-summary", GROUP, UNKNOWN, "participants-summary"),
    ),
    (("rekap", "summary"), "1", (UNKNOWN, UNKNOWN, "recap", GROUP, UNKNOWN, "recap")),
    # the export answers "unknown" in any group, to its organisers too (handlers/export.py)
    (("ekspor", "export"), "", (UNKNOWN, UNKNOWN, "export-file", UNKNOWN, UNKNOWN, UNKNOWN)),
    (("impor", "import"), "", (UNKNOWN, UNKNOWN, "import-ask", GROUP, UNKNOWN, GROUP)),
    (
        ("jawab", "reply"),
        "1 Silakan ke meja panitia.",
        (UNKNOWN, UNKNOWN, "question-unknown", GROUP, UNKNOWN, "question-unknown"),
    ),
]

# Button data (one or more a registered pattern) → the kind of reply per role. The bot puts
# no button in an ordinary group, and only organisers' buttons in the organisers' group: one
# pressed anywhere else is forged, and nothing is acted on. Organisers' buttons
# (handlers.common.ORGANISERS_BUTTONS) refused to someone else are logged with the user id.
BUTTONS: list[tuple[str, tuple[str, str, str, str, str, str]]] = [
    ("day:2025-05-16", ("agenda", "agenda", "agenda", STALE, STALE, STALE)),
    ("detail:2025-05-15", ("details", "details", "details", STALE, STALE, STALE)),
    ("menu:today", ("agenda", "agenda", "agenda", STALE, STALE, STALE)),
    ("menu:now", ("now", "now", "now", STALE, STALE, STALE)),
    ("menu:tomorrow", ("agenda", "agenda", "agenda", STALE, STALE, STALE)),
    ("menu:help", ("help", "help", "help", STALE, STALE, STALE)),
    ("menu:register", ("registration", "already-registered", "registration", STALE, STALE, STALE)),
    ("lang:en", ("language-set", "language-set", "language-set", STALE, STALE, STALE)),
    ("lang:id", ("language-set", "language-set", "language-set", STALE, STALE, STALE)),
    ("reg:yes", (STALE, STALE, STALE, STALE, STALE, STALE)),  # no registration under way
    ("reg:no", (STALE, STALE, STALE, STALE, STALE, STALE)),
    (f"unbind:{VICTIM}", (STALE, STALE, "unbound", STALE, STALE, "unbound")),
    ("hadir:d1-pembukaan", (FIRST, "checkin-closed", FIRST, STALE, STALE, STALE)),
    ("nudge:d1-pembukaan", (STALE, STALE, "nudged", STALE, STALE, "nudged")),
    ("ubah:yes", (STALE, STALE, STALE, STALE, STALE, STALE)),  # no move waiting for it
    ("ubah:no", (STALE, STALE, STALE, STALE, STALE, STALE)),
    ("bc:all", (STALE, STALE, STALE, STALE, STALE, STALE)),  # no announcement being composed
    ("bc:pre", (STALE, STALE, STALE, STALE, STALE, STALE)),
    ("bc:now", (STALE, STALE, STALE, STALE, STALE, STALE)),
    ("bc:m:g:0", (STALE, STALE, STALE, STALE, STALE, STALE)),
    ("bc:x:1", (STALE, STALE, "announcement-cancelled", STALE, STALE, "announcement-cancelled")),
    ("bc:stop:1", (STALE, STALE, "delivery-not-running", STALE, STALE, "delivery-not-running")),
    ("pst:s:0", (STALE, STALE, "participants-summary", STALE, STALE, "participants-summary")),
    ("pst:u:0", (STALE, STALE, "participants-missing", STALE, STALE, "participants-missing")),
    ("pst:i:0", (STALE, STALE, "participants-inactive", STALE, STALE, "participants-inactive")),
    ("rem:off", (STALE, "reminders-set", STALE, STALE, STALE, STALE)),
    ("rem:on", (STALE, "reminders-set", STALE, STALE, STALE, STALE)),
    ("refl:s:2025-05-15", (STALE, "reflection", STALE, STALE, STALE, STALE)),
    ("refl:a:2025-05-15:rating:3", (STALE, "reflection-answer", STALE, STALE, STALE, STALE)),
    ("refl:e:2025-05-15:rating", (STALE, "reflection-question", STALE, STALE, STALE, STALE)),
    # the confirmation's token is the registration's time: a forged one deletes nothing
    ("forget:yes:1", (STALE, STALE, STALE, STALE, STALE, STALE)),
    ("forget:no", ("forget-kept", "forget-kept", "forget-kept", STALE, STALE, STALE)),
    ("zz:forged", (STALE, STALE, STALE, STALE, STALE, STALE)),  # no pattern: the catch-all
]


def markers(key: str) -> list[re.Pattern[str]]:
    """What a reply written with `key` shows, whatever fills it: in each language, the text
    as the reader sees it (tags gone, entities read), each placeholder standing for anything."""
    found = []
    for lang in LANGUAGES:
        pieces = re.split(r"\{[^{}]*\}", re.sub(r"<[^<>]*>", "", t(lang, key)))
        found.append(re.compile(".*?".join(re.escape(unescape(p)) for p in pieces), re.S))
    return found


def literal(marker: re.Pattern[str]) -> str:
    """The fixed text of a marker (what it asks for besides its placeholders)."""
    return re.sub(r"\\(.)", r"\1", marker.pattern.replace(".*?", ""), flags=re.S)


@dataclass
class Seen:
    """What one action brought: the messages and edits in the chat it was made in, the
    button's answer, the tables that changed."""

    messages: list[SentMessage]
    answer: str | None
    changed: set[str]

    def describe(self) -> str:
        lines = [m.describe()[:200] for m in self.messages]
        return f"answer={self.answer!r} changed={sorted(self.changed)} sent={lines}"


def fits(kind: Kind, seen: Seen) -> bool:
    """Whether what was seen is a reply of this kind (and, for a refusal, nothing more)."""
    if kind.via == "answer":
        texts = [seen.answer or ""]
    elif kind.via == "file":
        texts = [m.plain_text for m in seen.messages if m.method in ("sendDocument", "sendPhoto")]
    else:
        texts = [
            m.plain_text for m in seen.messages if m.method in ("sendMessage", "editMessageText")
        ]
    shown = any(m.search(text) for key in kind.keys for m in markers(key) for text in texts)
    if kind.refusal:
        alone = seen.messages == [] if kind.via == "answer" else len(seen.messages) == 1
        shown = shown and alone and not seen.changed
    return shown and seen.changed <= kind.writes


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    with closing(sqlite3.connect(db)) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"'), key=repr) for n in names}


def warned(caplog: pytest.LogCaptureFixture, user_id: int, what: str) -> bool:
    """Whether a WARNING names this user and what they tried."""
    return any(
        r.levelno == logging.WARNING
        and str(user_id) in r.getMessage()
        and what[:20] in r.getMessage()
        for r in caplog.records
    )


@pytest.fixture
async def armed(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[Rig]:
    """The bot at 09.00 on day 1 (the opening ceremony's check-in just closed), two
    participants, and a scheduled announcement (id 1) an organisers' button could cancel."""
    relax_chat_limits(fake)  # the table is about who gets what, not about pacing
    settings = make_settings(tmp_path, fake, organizer_chat_id=ORGANISERS_GROUP)
    people = [(PARTICIPANT, "Camat", "Kelompok 1"), (VICTIM, "Lurah", "Kelompok 2")]
    await register_many(settings, fake, people)
    async with start_rig(fake, settings, Clock(start=at("2025-05-15 09:00"))) as rig:
        svc = rig.svc
        await schedule(
            svc.db,
            svc.clock,
            author=ADMIN_ID,
            chat_id=ADMIN_ID,
            lang="id",
            message=Composed("text", "Apel malam dimajukan."),
            audience=Audience(),
            send_at=svc.local_now() + timedelta(hours=3),
        )
        await settle(rig)
        yield rig


class Table:
    """Runs the cells one at a time against one bot and keeps what went wrong."""

    def __init__(self, rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
        self.rig, self.fake, self.caplog = rig, rig.fake, caplog
        self.db = rig.settings.database_path
        self.people = {
            "unregistered": rig.user(STRANGER, "Tamu"),
            "participant": rig.fake.user(PARTICIPANT),
            "organiser": rig.user(ADMIN_ID, "Panitia"),
        }
        self.cells = 0
        self.last: dict[str, list[tuple[Any, ...]]] | None = None  # the database as last read
        self.wrong: list[str] = []

    async def introduce(self) -> None:
        """Each person's /start records them (a users row); after that a refusal may change
        nothing at all."""
        for who in self.people.values():
            await who.send("/start")
            await who.send("/penanda_0")
            await who.reply_where(lambda m: "/penanda_0" in m.text)
            await clear_conversation(self.rig.svc.db, who.id)

    async def cell(self, role: str, action: str, expected: str) -> None:
        """Do `action` (a command line, or button data) as `role`; compare with `expected`."""
        self.cells += 1
        who = self.people[role.split()[0]]
        in_group = "group" in role
        chat = -1_003_000_000_000 - self.cells if in_group else who.id
        if role.endswith("organisers' group"):
            chat = ORGANISERS_GROUP
            # one group for the column: its pointer limit (tested in test_edits_groups.py)
            # starts afresh for each cell
            self.rig.svc.group_replies = GroupThrottle()
        before = self.last if self.last is not None else snapshot(self.db)
        start = len(self.fake.sent)
        query = None
        if action.startswith("/"):
            if in_group:
                await self.fake.group_message(chat, who, action)
            else:
                await who.send(action)
        elif in_group:
            query = self.fake.group_press(chat, who, action)
        else:
            query = await who.press_raw(action)
        # Updates of one person are handled in order: the answer to this private marker
        # means the action before it has been handled and everything it sends was sent.
        mark = f"/penanda_{self.cells}"
        await who.send(mark)
        await who.reply_where(lambda m: mark in m.text)
        after = snapshot(self.db)
        seen = Seen(
            [m for m in self.fake.sent[start:] if m.chat_id == chat and mark not in m.text],
            self.fake.callback_answers.get(query, {}).get("text") if query else None,
            {name for name in before if before[name] != after[name]},
        )
        if not fits(KINDS[expected], seen):
            self.wrong.append(f"{role} · {action}: expected {expected}, got {seen.describe()}")
        elif KINDS[expected].refusal and who.id != ADMIN_ID and not self._logged(who, action):
            self.wrong.append(f"{role} · {action}: refused but not logged with the user id")
        # The next cell starts afresh, and from the database as it is now.
        self.last = after if not seen.changed else None
        await clear_conversation(self.rig.svc.db, who.id)
        if "outbox" in KINDS[expected].writes and self.rig.svc.outbox is not None:
            await self.rig.svc.outbox.drain()  # its rows go from pending to sent now, not later

    def _logged(self, who: FakeUser, action: str) -> bool:
        """An organisers' command or button refused to someone else is logged."""
        if action.startswith("/"):
            name = action.split()[0][1:]
            return name not in ADMIN_COMMANDS or warned(self.caplog, who.id, action.split()[0])
        if not action.startswith(ORGANISERS_BUTTONS):
            return True
        return warned(self.caplog, who.id, action)


@pytest.mark.parametrize("role", ROLES)
async def test_the_matrix(armed: Rig, caplog: pytest.LogCaptureFixture, role: str) -> None:
    """One column of both tables against one bot: a bot a column, so the columns run side by
    side and what one person does (an organiser cancelling announcement #1) changes nothing
    another one sees."""
    caplog.set_level(logging.INFO)
    table = Table(armed, caplog)
    await table.introduce()
    column = ROLES.index(role)
    for names, args, kinds in COMMANDS:
        for name in names:
            await table.cell(role, f"/{name} {args}".strip(), kinds[column])
    for data, button_kinds in BUTTONS:
        await table.cell(role, data, button_kinds[column])
    assert table.wrong == [], f"{len(table.wrong)} of {table.cells} cells:\n" + "\n".join(
        table.wrong
    )


def test_the_table_covers_every_handler(fake: FakeTelegram, tmp_path: Path) -> None:
    """Every command and every button pattern of the real Application is in the tables, and
    every button row reaches the handler it is there for."""
    app = build_application(make_settings(tmp_path, fake))
    handlers = [h for group in sorted(app.handlers) for h in app.handlers[group]]
    registered = {c for h in handlers if isinstance(h, CommandHandler) for c in h.commands}
    in_table = {name for names, _, _ in COMMANDS for name in names}
    assert registered - in_table == set(), "commands missing from the authorisation matrix"
    assert in_table - registered == set(), "commands in the matrix the bot does not have"

    buttons = [h for h in handlers if isinstance(h, CallbackQueryHandler)]

    def first(data: str) -> CallbackQueryHandler[Any, Any]:
        return next(h for h in buttons if h.pattern is None or h.pattern.match(data))

    reached = {id(first(data)) for data, _ in BUTTONS}
    missing = [
        str(h.pattern.pattern if h.pattern is not None else "(any other button)")
        for h in buttons
        if id(h) not in reached
    ]
    assert missing == [], "button patterns missing from the authorisation matrix"


def test_the_table_names_every_organisers_command() -> None:
    """What handlers.common treats as organisers' commands is refused to the others here."""
    for names, _, kinds in COMMANDS:
        for name in names:
            refused = kinds[0] == kinds[1] == UNKNOWN
            assert refused == (name in ADMIN_COMMANDS), name


def test_every_kind_has_a_marker() -> None:
    """Each kind is recognisable: its keys exist and their markers are not trivially short."""
    for name, kind in KINDS.items():
        for key in kind.keys:
            assert all(len(literal(m).strip()) >= 5 for m in markers(key)), (name, key)
    used = {k for _, _, kinds in COMMANDS for k in kinds} | {
        k for _, kinds in BUTTONS for k in kinds if k is not None
    }
    assert used <= set(KINDS), used - set(KINDS)


async def test_help_names_the_announcements(rig: Rig) -> None:
    participant, admin = rig.user(5304, "Peserta"), rig.user(ADMIN_ID, "Panitia")
    await participant.send("/bantuan")
    shown = await participant.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
    assert "/pengumuman" in shown.plain_text and "/umumkan" not in shown.plain_text
    await admin.send("/bantuan")
    shown = await admin.reply_where(lambda m: "Yang bisa saya lakukan" in m.text)
    assert "/umumkan" in shown.plain_text and "/pengumuman" in shown.plain_text
