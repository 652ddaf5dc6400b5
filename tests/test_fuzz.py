"""Fuzzing through the real app (issue 10, item 4; SPEC §11).

Hypothesis generates short sequences of updates (every message type, edited and forwarded
messages, group and channel posts, unknown and malformed commands, huge and odd Unicode,
forged and stale callback data, strangers writing in the middle of someone's conversation,
junk files named .xlsx/.csv/.yaml sent to /impor) and the real bot (long polling the fake Bot
API) handles them. After every example:

- no unhandled exception (nothing logged at ERROR, nothing in the `errors` table);
- no Bot API call refused with 400 (bad HTML, too long, bad buttons…): the fake is strict;
- every button press answered (no spinner left turning);
- `PRAGMA integrity_check` is ok, no foreign key is broken, and our own invariants hold
  (see `check_database`).

At the end /agenda still answers as it did before the fuzzing.

One bot serves every example: the hypothesis engine runs in a worker thread and hands each
example to the test's event loop, where the bot runs. The bot's state carries over from one
example to the next (a conversation begun in one example may be interrupted in the next),
which is the point; a failure's shrunk example is therefore printed with the state it met
(the bot's replies are in the dump). Examples: the "ci" profile (tests/conftest.py) runs
2,000, reproducibly, in four tests of 500 (each shard its own seed and its own bot, so that
xdist runs them side by side); `--hypothesis-profile=big` runs 20,000.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, note, seed, settings
from hypothesis import strategies as st

from bot.app import ORGANISER_MENU, PARTICIPANT_MENU
from bot.clock import Clock
from db.participants import get_participant, set_language
from tests.conftest import (
    ADMIN_ID,
    BUDI,
    Rig,
    at,
    enrol,
    make_settings,
    roster_rows,
    seed_roster,
    start_rig,
)
from tests.fakebot import FakeTelegram, FakeUser

T = TypeVar("T")

PARTICIPANT = 801  # registered (Budi Santoso)
NEWBIE = 802  # on nobody's list yet; may register during the fuzzing with a roster NIP
STRANGERS = (803, 804)
USERS = (ADMIN_ID, PARTICIPANT, NEWBIE, *STRANGERS)
GROUP = -4001
ORGANISERS_CHAT = -1001000000001  # a supergroup: the organisers' chat of the settings
CHANNEL = -1002000000002
BOT = "retret_test_bot"

NIPS = [row["nip"] for row in roster_rows()]
COMMANDS = sorted(
    {name for names, _ in PARTICIPANT_MENU + ORGANISER_MENU for name in names}
    | {"start", "hapusdata", "forget", "profil", "kalender"}
)
UNKNOWN_COMMANDS = ["", "x", "agendaa", "Agenda", "AGENDA", "daftar_", "123", "_", "a" * 64]
MENTIONS = ["", f"@{BOT}", "@Retret_Test_Bot", "@otherbot", "@", "@@", f"@{BOT}x"]
CALLBACK_PREFIXES = [
    "",
    "lang:",
    "reg:",
    "menu:",
    "unbind:",
    "day:",
    "detail:",
    "rem:",
    "bc:",
    "bc:m:",
    "bc:m:a:",
    "bc:t:",
    "bc:x:",
    "bc:stop:",
    "hadir:",
    "nudge:",
    "ubah:",
    "refl:s:",
    "refl:a:",
    "refl:e:",
    "pst:",
    "pst:s:",
    "pst:u:",
    "pst:i:",
]
CALLBACK_JUNK = [
    "yes",
    "no",
    "id",
    "en",
    "today",
    "now",
    "tomorrow",
    "help",
    "register",
    "on",
    "off",
    "all",
    "back",
    "chg",
    "later",
    "pre",
    "r",
    "0",
    "-1",
    "1",
    "99999999999999999999999",
    "2025-05-15",
    "2025-05-16",
    "2025-02-30",
    "d1-pembukaan",
    "d1-registrasi",
    "d1-pembukaan:1:801",
    "2025-05-15:rating:3",
    "2025-05-15:value:99",
    "2025-05-15:lesson",
    "u:0",
    "i:-3",
    "a:1",
    ":",
    "::",
    "%s",
    "{}",
    "<b>",
    "NaN",
    "1e309",
    "٣",
    "１",
]
ODD_TEXT = [
    "\u202eRTL override\u202c",
    "مرحبا بالعالم",
    "שלום",
    "a\u200bb\u200cc\u200dd\ufeff",
    "\u2066isolate\u2069",
    "👨‍👩‍👧‍👦🏳️‍🌈🇮🇩",
    "😀" * 30,
    "e\u0301\u0301\u0301\u0301",
    "Z̸̡̢̛̗̖̝̯̮̪̖͓̓̈́̍̇͆̍͋a̵͓̫̙̓l̵̢̩̗̔͒g̷o",
    "\x00",
    "NUL\x00inside",
    "\ud83d\ude00".encode("utf-16", "surrogatepass").decode("utf-16"),
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "</b>",
    "<",
    "&",
    "&amp;",
    "&#0;",
    "&lt;b&gt;",
    "a & b < c > d",
    "\"quoted\" 'single'",
    "\\n\\t",
    "\n\n\n",
    " \t ",
    "%s %d {0} {name}",
    "${jndi:ldap://x}",
    "'; DROP TABLE participants; --",
    "Robert'); DROP TABLE roster;--",
    "1985 0714 2010 0110 03",
    "198507142010011003",
    "19850714201001100",
    "1985071420100110033",
    "ya",
    "Ya",
    "tidak",
    "batal",
    "jadwal hari ini",
    "kapan makan siang?",
    "apa agenda besok",
    "\U0001f600\U0010ffff\U000e0001",
    "\uffff\ufffe",
    "𝕳𝖊𝖑𝖑𝖔",
    "ℌ",
    "İı",
    "ß",
]
LONG_CHARS = ["x", "é", "😀", "\u202e", "<", "&", " ", "\n", "a b"]

# Text made of HTML's special characters: whatever the bot quotes back must be escaped.
markup_st: st.SearchStrategy[str] = st.text(alphabet="<>&;#/\"'=abiu x", min_size=1, max_size=16)
text_st: st.SearchStrategy[str] = st.one_of(
    st.text(min_size=1, max_size=40),
    markup_st,
    st.sampled_from(ODD_TEXT),
    st.sampled_from(NIPS),
    st.lists(st.sampled_from(ODD_TEXT), min_size=2, max_size=5).map("".join),
    st.builds(lambda c, n: c * n, st.sampled_from(LONG_CHARS), st.integers(1000, 4300)),
)


def _command(name: str, mention: str, args: str) -> str:
    return f"/{name}{mention}" + (f" {args}" if args else "")


command_st: st.SearchStrategy[str] = st.builds(
    _command,
    st.one_of(st.sampled_from(COMMANDS), st.sampled_from(UNKNOWN_COMMANDS)),
    st.one_of(st.just(""), st.sampled_from(MENTIONS)),
    st.one_of(
        st.just(""),
        text_st,
        markup_st,
        st.sampled_from(["1", "0", "99", "d1-pembukaan 10:00", "--", "ya ya", "besok"]),
    ),
)
message_text_st = st.one_of(text_st, command_st)


def _callback(prefix: str, junk: str) -> str:
    data = (prefix + junk).encode("utf-8")[:64].decode("utf-8", errors="ignore")
    return data or "x"


callback_st: st.SearchStrategy[str] = st.builds(
    _callback,
    st.sampled_from(CALLBACK_PREFIXES),
    st.one_of(
        st.sampled_from(CALLBACK_JUNK),
        st.text(max_size=20),
        st.integers().map(str),
        st.lists(st.sampled_from(CALLBACK_JUNK), min_size=2, max_size=4).map(":".join),
    ),
)

# Files for /impor: junk bytes, broken archives, half-right CSV and YAML.
_roster_row = st.builds(
    lambda nip, name, pos, unit, grp: f"{nip},{name},{pos},{unit},{grp}",
    st.one_of(
        st.sampled_from(NIPS),
        st.from_regex(
            r"\A(19[6-9][0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])(19[89][0-9]|20[01][0-9])(0[1-9]|1[0-2])[12][0-9]{3}\Z"
        ),
    ),
    st.text(st.characters(exclude_characters=',\n\r"'), min_size=1, max_size=15),
    st.sampled_from(["Camat", "Lurah", "Kepala OPD", "<b>", ""]),
    st.text(st.characters(exclude_characters=',\n\r"'), max_size=10),
    st.sampled_from(["Kelompok 1", "", "<i>", "&"]),
)
file_bytes_st: st.SearchStrategy[bytes] = st.one_of(
    st.binary(min_size=1, max_size=200),
    st.binary(max_size=120).map(lambda b: b"PK\x03\x04" + b),
    st.binary(max_size=60).map(lambda b: b"\xef\xbb\xbfnip,name,position,unit,group\n" + b),
    st.lists(_roster_row, min_size=1, max_size=4).map(
        lambda rows: ("nip,name,position,unit,group\n" + "\n".join(rows)).encode("utf-8")
    ),
    st.sampled_from(
        [
            b"sessions: [",
            b"event: {name: x}\nsessions: []\n",
            b"- - - !!python/object:os.system\n",
            b"&a [*a, *a]",
            b"\x00" * 10,
            b"id,date,start,end,title,kind\nx,2025-13-40,25:00,xx,<b>,upacara\n",
        ]
    ),
    text_st.map(lambda s: s.encode("utf-8")),
)
filename_st = st.builds(
    lambda stem, ext: stem + ext,
    st.sampled_from(["agenda", "peserta", "roster", "", "a" * 200, "../../etc/passwd", "ü"]),
    st.sampled_from([".xlsx", ".csv", ".yaml", ".yml", ".txt", ".pdf", "", ".XLSX", ".csv.exe"]),
)

users_st = st.sampled_from(USERS)
private_kinds = st.sampled_from(
    [
        "sticker",
        "photo",
        "voice",
        "location",
        "contact",
        "poll",
        "dice",
        "venue",
        "video_note",
        "audio",
        "video",
        "animation",
    ]
)

action_st: st.SearchStrategy[tuple[Any, ...]] = st.one_of(
    st.tuples(st.just("text"), users_st, text_st),
    st.tuples(st.just("text"), users_st, command_st),
    st.tuples(st.just("text"), users_st, command_st),
    st.tuples(st.just("media"), users_st, private_kinds, st.one_of(st.none(), message_text_st)),
    st.tuples(
        st.just("file"),
        st.sampled_from([ADMIN_ID, ADMIN_ID, NEWBIE]),
        file_bytes_st,
        filename_st,
        st.sampled_from([None, "/impor", "/import", "/impor@otherbot", "/umumkan"]),
    ),
    st.tuples(st.just("edit"), users_st, message_text_st),
    st.tuples(st.just("forward"), users_st, message_text_st),
    st.tuples(st.just("press"), users_st, callback_st),
    st.tuples(st.just("stale"), users_st, st.integers(0, 50), st.integers(0, 7)),
    st.tuples(
        st.just("group"),
        st.sampled_from([GROUP, ORGANISERS_CHAT]),
        users_st,
        message_text_st,
        st.booleans(),
    ),
    st.tuples(
        st.just("group_media"),
        st.sampled_from([GROUP, ORGANISERS_CHAT]),
        users_st,
        private_kinds,
    ),
    st.tuples(st.just("channel"), message_text_st, st.booleans()),
    st.tuples(st.just("raw"), users_st, st.sampled_from(["inline_query", "poll", "reaction"])),
)
example_st = st.lists(action_st, min_size=1, max_size=5)


def _media_fields(fake: FakeTelegram, kind: str) -> dict[str, Any]:
    """Content fields of a message of `kind`, as Telegram delivers them."""
    f = fake._store_file(b"\x00junk\xff", f"{kind}.bin", "application/octet-stream")
    ids = {"file_id": f.file_id, "file_unique_id": f.file_unique_id}
    thumb = {**ids, "width": 90, "height": 90}
    return {
        "sticker": {
            "sticker": {
                **ids,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": "👍",
            }
        },
        "photo": {"photo": [{**ids, "width": 1, "height": 1}]},
        "voice": {"voice": {**ids, "duration": 3, "mime_type": "audio/ogg"}},
        "location": {"location": {"latitude": -7.98, "longitude": 112.63}},
        "contact": {"contact": {"phone_number": "+62 812 0000 0000", "first_name": "Orang"}},
        "poll": {
            "poll": {
                "id": "5001",
                "question": "Makan?",
                "options": [
                    {"persistent_id": "0", "text": "ya", "voter_count": 0},
                    {"persistent_id": "1", "text": "tidak", "voter_count": 0},
                ],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
                "allows_revoting": False,  # required since Bot API 9.6 (PTB 22.8)
                "members_only": False,  # required since Bot API 10.0
            }
        },
        "dice": {"dice": {"emoji": "🎲", "value": 6}},
        "venue": {
            "venue": {
                "location": {"latitude": -7.98, "longitude": 112.63},
                "title": "Poltekad",
                "address": "Malang",
            }
        },
        "video_note": {"video_note": {**ids, "length": 240, "duration": 2}},
        "audio": {"audio": {**ids, "duration": 60, "title": "<b>lagu</b>"}},
        "video": {"video": {**ids, "width": 640, "height": 480, "duration": 5}},
        "animation": {
            "animation": {**ids, "width": 320, "height": 240, "duration": 1, "thumbnail": thumb},
            "document": {**ids, "file_name": "a.gif.mp4", "mime_type": "video/mp4"},
        },
    }[kind]


def _expected(error: tuple[str, int, str]) -> bool:
    """API errors that are not faults: a flood wait, and a second tap on a list button that
    edits its message to what it already says ("message is not modified", which
    handlers.common.edit_query_message expects and passes over)."""
    method, code, description = error
    return code == 429 or (
        method.startswith("editMessage") and code == 400 and "not modified" in description
    )


class Harness:
    """Feeds examples to the running bot and checks what it did."""

    def __init__(self, rig: Rig, loop: asyncio.AbstractEventLoop) -> None:
        self.rig = rig
        self.fake = rig.fake
        self.loop = loop
        self.errors: list[logging.LogRecord] = []
        self.handled = 0
        self.first_update = self.fake._next_update_id
        self.last_sent: dict[int, dict[str, Any]] = {}
        self.examples = 0
        self.settle_time = self.check_time = 0.0
        self.started = loop.time()
        self.first_failure: tuple[int, float] | None = None
        processor: Any = rig.app.update_processor
        inner = processor.do_process_update

        async def counted(update: object, coroutine: Awaitable[Any]) -> None:
            try:
                await inner(update, coroutine)
            finally:
                self.handled += 1

        processor.do_process_update = counted

    def user(self, user_id: int) -> FakeUser:
        """The simulated user of an id (named, with a language, as in the roster)."""
        names = {ADMIN_ID: "Panitia", PARTICIPANT: "Budi", NEWBIE: "New <b>"}
        languages = {ADMIN_ID: "id", PARTICIPANT: "id", NEWBIE: "en", 803: None, 804: "ar"}
        return self.fake.user(
            user_id, names.get(user_id, "Orang & Asing"), language_code=languages[user_id]
        )

    def run(self, coroutine: Awaitable[T]) -> T:
        """Run a coroutine on the bot's loop from the hypothesis thread."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()  # type: ignore[arg-type]

    async def perform(self, action: tuple[Any, ...]) -> None:
        """Queue the update(s) of one action."""
        fake = self.fake
        kind = action[0]
        if kind == "text":
            user = self.user(action[1])
            self.last_sent[user.id] = await user.send(action[2])
        elif kind == "media":
            user = self.user(action[1])
            fields = _media_fields(fake, action[2])
            if action[3] is not None and action[2] in ("photo", "voice", "audio", "video"):
                fields.update(fake._text_fields(action[3], key="caption"))
            await user.send_fields(fields)
        elif kind == "file":
            user = self.user(action[1])
            await user.send_document(action[2], action[3], caption=action[4])
        elif kind == "edit":
            user = self.user(action[1])
            earlier = self.last_sent.get(user.id)
            if earlier is None:
                self.last_sent[user.id] = await user.send(action[2])
            else:
                self.last_sent[user.id] = await user.edit(earlier, action[2])
        elif kind == "forward":
            await self.user(action[1]).forward(action[2])
        elif kind == "press":
            await self.user(action[1]).press_raw(action[2])
        elif kind == "stale":
            user = self.user(action[1])
            with_buttons = [m for m in user.inbox if m.buttons]
            if not with_buttons:
                await user.press_raw("menu:today")
                return
            message = with_buttons[action[2] % len(with_buttons)]
            data = message.buttons[action[3] % len(message.buttons)][1]
            if data.startswith(("http://", "https://", "tg://")):
                return  # a link button: no update reaches the bot
            await user.press_raw(data, message.message_id)
        elif kind == "group":
            _, chat_id, user_id, text, as_reply = action
            bot_messages = fake.messages_to(chat_id)
            reply_to = bot_messages[-1] if as_reply and bot_messages else None
            await fake.group_message(chat_id, self.user(user_id), text, reply_to=reply_to)
        elif kind == "group_media":
            _, chat_id, user_id, media = action
            fake.group_fields(chat_id, self.user(user_id), _media_fields(fake, media))
        elif kind == "channel":
            fake.channel_post(CHANNEL, action[1], edited=action[2])
        elif kind == "raw":
            self._raw(self.user(action[1]), action[2])
        else:  # pragma: no cover - the strategy makes only the kinds above
            raise AssertionError(f"unknown action {action!r}")

    def _raw(self, user: FakeUser, kind: str) -> None:
        """Updates that are not messages: an inline query, a poll's state, a reaction."""
        if kind == "inline_query":
            self.fake.raw_update(
                "inline_query",
                {"id": "77", "from": user.as_user(), "query": "agenda <b>", "offset": ""},
            )
        elif kind == "poll":
            self.fake.raw_update("poll", _media_fields(self.fake, "poll")["poll"])
        else:
            self.fake.raw_update(
                "message_reaction",
                {
                    "chat": user.as_chat(),
                    "message_id": 1,
                    "user": user.as_user(),
                    "date": 1747270000,
                    "old_reaction": [],
                    "new_reaction": [{"type": "emoji", "emoji": "👍"}],
                },
            )

    async def settle(self, timeout: float = 30.0) -> None:
        """Wait until every queued update was handled and what it queued was sent."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.handled < self.fake._next_update_id - self.first_update:
            if loop.time() > deadline:
                raise AssertionError(
                    f"updates not handled within {timeout}s: "
                    f"{self.handled} of {self.fake._next_update_id - self.first_update}\n"
                    + self.fake.dump()
                )
            await asyncio.sleep(0.005)
        svc = self.rig.svc
        if svc.scheduler is not None:
            await svc.scheduler.run_due()
        if svc.outbox is not None:
            await svc.outbox.drain(timeout=timeout)

    async def example(self, actions: list[tuple[Any, ...]]) -> None:
        """One example: queue its updates, wait for the bot, check everything."""
        self.examples += 1
        try:
            await self._example(actions)
        except BaseException:
            if self.first_failure is None:
                self.first_failure = (self.examples, self.loop.time() - self.started)
                print(
                    f"fuzz: first failure at example #{self.examples}, "
                    f"{self.first_failure[1]:.1f}s after the first example"
                )
            raise

    async def _example(self, actions: list[tuple[Any, ...]]) -> None:
        api_errors = len(self.fake.errors)
        logged = len(self.errors)
        recorded = recorded_errors(self.rig.settings.database_path)
        for action in actions:
            await self.perform(action)
        started = self.loop.time()
        await self.settle()
        self.settle_time += self.loop.time() - started
        refused = [e for e in self.fake.errors[api_errors:] if not _expected(e)]
        assert not refused, f"the Bot API refused calls: {refused}\n{self.fake.dump()}"
        assert not self.fake.internal_errors, self.fake.dump()
        crashes = [r.getMessage() + f" {r.exc_info!r}" for r in self.errors[logged:]]
        assert not crashes, f"errors logged: {crashes}\n{self.fake.dump()}"
        new_errors = recorded_errors(self.rig.settings.database_path)[len(recorded) :]
        assert not new_errors, f"errors recorded for /status: {new_errors}\n{self.fake.dump()}"
        spinning = self.fake.unanswered_queries
        assert not spinning, f"button presses never answered: {spinning}\n{self.fake.dump()}"
        started = self.loop.time()
        check_database(self.rig.settings.database_path)
        self.check_time += self.loop.time() - started


def recorded_errors(path: Path) -> list[str]:
    """The errors the error handler recorded (for /status), oldest first."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [text for (text,) in db.execute("SELECT text FROM errors ORDER BY id")]
    finally:
        db.close()


def check_database(path: Path) -> None:
    """Integrity, foreign keys and the invariants of our own data."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return db.execute(sql).fetchall()

        assert rows("PRAGMA integrity_check") == [("ok",)]
        assert rows("PRAGMA foreign_key_check") == [], rows("PRAGMA foreign_key_check")
        invariants = {
            "two registrations for one NIP": (
                "SELECT nip FROM participants GROUP BY nip HAVING COUNT(*) > 1"
            ),
            "a registration for a NIP not on the roster (roster mode)": (
                "SELECT user_id, nip FROM participants WHERE nip NOT IN (SELECT nip FROM roster)"
            ),
            "a registration without its Telegram user": (
                "SELECT user_id FROM participants WHERE user_id NOT IN (SELECT user_id FROM users)"
            ),
            "an unverified registration (roster mode)": (
                "SELECT user_id FROM participants WHERE verified != 1"
            ),
            "an outbox row for someone the bot never met": (
                "SELECT id, purpose, user_id FROM outbox WHERE user_id IS NOT NULL"
                " AND user_id NOT IN (SELECT user_id FROM users)"
            ),
            "an outbox row for a participant that does not exist": (
                "SELECT id, purpose, user_id FROM outbox WHERE user_id IS NOT NULL"
                " AND user_id NOT IN (SELECT user_id FROM participants)"
                f" AND user_id NOT IN ({ADMIN_ID})"
            ),
            "a message left pending or half-sent": (
                "SELECT id, purpose, status FROM outbox WHERE status IN ('pending', 'sending')"
                " AND (expires_at IS NULL OR expires_at > updated_at)"
            ),
            "a conversation of someone the bot never met": (
                "SELECT user_id, flow FROM conversations"
                " WHERE user_id NOT IN (SELECT user_id FROM users)"
            ),
            "an attendance record of a non-participant": (
                "SELECT session_id, user_id FROM attendance"
                " WHERE user_id NOT IN (SELECT user_id FROM participants)"
            ),
            "an attendance record of an unknown session": (
                "SELECT session_id, user_id FROM attendance"
                " WHERE session_id NOT IN (SELECT id FROM sessions)"
            ),
            "a reflection answer of a non-participant": (
                "SELECT user_id, day FROM reflection_answers"
                " WHERE user_id NOT IN (SELECT user_id FROM participants)"
            ),
        }
        broken = {what: found for what, sql in invariants.items() if (found := rows(sql))}
        assert not broken, f"invariants broken: {broken}"
    finally:
        db.close()


class _Collect(logging.Handler):
    """Keeps every record at ERROR or above."""

    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


SHARDS = 4  # the examples in four tests of their own seed, so that xdist spreads them


@pytest.mark.parametrize("shard", range(SHARDS))
async def test_fuzz_updates_through_the_real_app(
    fake: FakeTelegram, tmp_path: Path, shard: int
) -> None:
    # Telegram's per-chat pace is tested elsewhere; here it would only slow the examples.
    fake.per_chat_rate = fake.global_rate = 1e6
    fake.per_chat_burst = 10**6
    fake.group(ORGANISERS_CHAT, title="Panitia Retret")
    settings_ = make_settings(tmp_path, fake, organizer_chat_id=ORGANISERS_CHAT)
    await seed_roster(settings_)
    clock = Clock(start=at("2025-05-15 09:00"))
    async with start_rig(fake, settings_, clock) as rig:
        participant = rig.user(PARTICIPANT, "Budi")
        await enrol(rig, participant, BUDI)
        harness = Harness(rig, asyncio.get_running_loop())
        collect = _Collect(harness.errors)
        logging.getLogger().addHandler(collect)
        try:
            await participant.send("/agenda")
            before = await participant.reply_where(lambda m: "📅" in m.text)
            agenda_before = rig.svc.agenda.require()

            @seed(shard)  # each shard its own examples, the same ones every run
            @settings(max_examples=-(-settings().max_examples // SHARDS))
            @given(example_st)
            def fuzz(actions: list[tuple[Any, ...]]) -> None:
                note(f"example #{harness.examples + 1} on a bot that has seen earlier ones")
                harness.run(harness.example(actions))

            started = asyncio.get_running_loop().time()
            try:
                await asyncio.to_thread(fuzz)
            finally:
                print(
                    f"fuzz: {harness.examples} examples, {harness.handled} updates in "
                    f"{asyncio.get_running_loop().time() - started:.1f}s "
                    f"(waiting for the bot {harness.settle_time:.1f}s, "
                    f"checking the database {harness.check_time:.1f}s)"
                )

            # Afterwards the bot still answers /agenda, as before (the agenda itself may only
            # have changed through an organiser's valid /ubah or /impor).
            await harness.settle()
            # The fuzzing may have switched the participant to English (/bahasa, lang:en):
            # back to Indonesian, the language of the first answer.
            await set_language(rig.svc.db, PARTICIPANT, "id")
            await participant.send("/agenda")
            after = await participant.reply_where(lambda m: "📅" in m.text, timeout=30)
            await rig.svc.agenda.refresh()
            still = await get_participant(rig.svc.db, PARTICIPANT)  # not unbound meanwhile
            if rig.svc.agenda.require() == agenda_before and still is not None:
                assert after.text == before.text
            assert not harness.errors, [r.getMessage() for r in harness.errors]
        finally:
            logging.getLogger().removeHandler(collect)
