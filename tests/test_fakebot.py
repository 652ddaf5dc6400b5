"""Tests of the fake Bot API server: raw HTTP with httpx, then the real PTB stack against it."""

from __future__ import annotations

import asyncio
import html
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fakebot import FakeTelegram, SentMessage
from tests.helpers import wait_until

# The longest long poll the fake serves. A poll that ends sooner was ended by something
# (an update, a shutdown): a statement about what woke it, not about speed.
POLL_TIMEOUT = 10


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    """A started fake server."""
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    """A plain HTTP client."""
    async with httpx.AsyncClient(timeout=15) as http:
        yield http


async def call(
    client: httpx.AsyncClient,
    fake: FakeTelegram,
    method: str,
    files: dict[str, Any] | None = None,
    **params: Any,
) -> tuple[int, dict[str, Any]]:
    """Post a Bot API call the way PTB does (form fields, non-strings as JSON)."""
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    url = f"{fake.base_url}{fake.token}/{method}"
    response = await client.post(url, data=data, files=files)
    return response.status_code, response.json()


async def test_long_poll_returns_the_update_and_offset_confirms_it(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    user = fake.user(1001, "Ani")
    poll = asyncio.create_task(call(client, fake, "getUpdates", offset=0, timeout=POLL_TIMEOUT))
    await wait_until(lambda: fake.stats["getUpdates"] == 1, what="the poll reached the fake")
    assert not poll.done()
    started = time.monotonic()
    sent = await user.send("/agenda@retret_test_bot besok")
    status, body = await poll
    assert time.monotonic() - started < POLL_TIMEOUT  # woken by the update, not timed out
    assert status == 200
    assert body["ok"] is True
    [update] = body["result"]
    assert update["update_id"] == 1
    message = update["message"]
    assert message == sent
    assert message["chat"] == {"id": 1001, "type": "private", "first_name": "Ani"}
    assert message["from"]["language_code"] == "id"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 23}]
    assert fake.pending_updates == 1

    status, body = await call(client, fake, "getUpdates", offset=2, timeout=0)
    assert (status, body) == (200, {"ok": True, "result": []})
    assert fake.pending_updates == 0
    assert fake.tokens_seen == {fake.token}


async def test_bad_html_is_refused_and_good_html_is_parsed(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    fake.user(1)
    for bad in ("<b>bold", "a < b", "Tom & Jerry", "<b><i>x</b></i>", "<div>x</div>"):
        status, body = await call(
            client, fake, "sendMessage", chat_id=1, text=bad, parse_mode="HTML"
        )
        assert status == 400, bad
        assert body["description"].startswith("Bad Request: can't parse entities: "), body
    assert fake.stats["400"] == 5
    assert fake.sent == []

    text = (
        f'<b>Sesi &amp; {html.escape("<Ruang 1>")}</b> <a href="https://x.id/?a=1&amp;b=2">peta</a>'
    )
    status, body = await call(client, fake, "sendMessage", chat_id=1, text=text, parse_mode="HTML")
    assert status == 200, body
    result = body["result"]
    assert result["text"] == "Sesi & <Ruang 1> peta"
    assert result["entities"] == [
        {"type": "bold", "offset": 0, "length": 16},
        {"type": "text_link", "offset": 17, "length": 4, "url": "https://x.id/?a=1&b=2"},
    ]
    assert result["from"]["id"] == fake.bot_id
    [sent] = fake.sent
    assert sent.text == text
    assert sent.plain_text == "Sesi & <Ruang 1> peta"

    status, body = await call(client, fake, "sendMessage", chat_id=1, text="x" * 4097)
    assert (status, body["description"]) == (400, "Bad Request: message is too long")
    status, body = await call(
        client, fake, "sendMessage", chat_id=1, text="<b> </b>", parse_mode="HTML"
    )
    assert (status, body["description"]) == (400, "Bad Request: message text is empty")
    status, body = await call(client, fake, "sendMessage", chat_id=2, text="hi")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")


async def test_more_than_thirty_sends_a_second_get_429(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    for uid in range(1, 32):
        fake.user(uid)
    results = await asyncio.gather(
        *(call(client, fake, "sendMessage", chat_id=uid, text="halo") for uid in range(1, 32))
    )
    limited = [body for status, body in results if status == 429]
    assert limited
    assert {body["parameters"]["retry_after"] for body in limited} == {1}
    assert len(fake.sent) == 31 - len(limited) <= 30
    assert fake.stats["429"] == len(limited)


async def test_fourth_quick_send_to_one_chat_gets_429(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    fake.user(5)
    statuses = []
    for i in range(4):
        status, body = await call(client, fake, "sendMessage", chat_id=5, text=f"m{i}")
        statuses.append(status)
    assert statuses == [200, 200, 200, 429]
    assert body["parameters"] == {"retry_after": 1}
    assert body["description"] == "Too Many Requests: retry after 1"
    assert [m.message_id for m in fake.messages_to(5)] == [1, 2, 3]


async def test_block_fail_next_and_forced_retry_after(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    fake.user(7)
    fake.user(8)
    fake.block(7)
    status, body = await call(client, fake, "sendMessage", chat_id=7, text="hai")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")

    fake.fail_next(1)
    status, body = await call(client, fake, "sendMessage", chat_id=8, text="hai")
    assert (status, body["error_code"], body["description"]) == (502, 502, "Bad Gateway")
    fake.force_retry_after(1, seconds=3)
    status, body = await call(client, fake, "sendMessage", chat_id=8, text="hai")
    assert (status, body["parameters"]) == (429, {"retry_after": 3})
    status, _ = await call(client, fake, "sendMessage", chat_id=8, text="hai")
    assert status == 200
    assert (fake.stats["403"], fake.stats["5xx"], fake.stats["429"]) == (1, 1, 1)
    assert [m for m, _ in fake.calls] == ["sendMessage"] * 4


async def test_buttons_edits_commands_and_files(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    fake.user(9)
    markup = {"inline_keyboard": [[{"text": "Ya", "callback_data": "x" * 65}]]}
    status, body = await call(client, fake, "sendMessage", chat_id=9, text="?", reply_markup=markup)
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")
    markup = {"inline_keyboard": [[{"text": "Ya 👍", "callback_data": "ans:yes"}]]}
    status, body = await call(client, fake, "sendMessage", chat_id=9, text="?", reply_markup=markup)
    assert status == 200
    assert body["result"]["reply_markup"] == markup
    assert fake.sent[-1].button("Ya") == "ans:yes"

    edit = {"chat_id": 9, "message_id": 1, "text": "?", "reply_markup": markup}
    status, body = await call(client, fake, "editMessageText", **edit)
    assert status == 400
    assert body["description"].startswith("Bad Request: message is not modified")
    status, body = await call(client, fake, "editMessageText", chat_id=9, message_id=1, text="!")
    assert status == 200
    assert "reply_markup" not in body["result"]
    assert fake.sent[-1].method == "editMessageText"
    assert fake.sent[-1].message_id == 1
    status, body = await call(client, fake, "editMessageText", chat_id=9, message_id=99, text="!")
    assert (status, body["description"]) == (400, "Bad Request: message to edit not found")

    commands = [{"command": "agenda", "description": "Jadwal"}]
    scope = {"type": "chat", "chat_id": 9}
    assert (await call(client, fake, "setMyCommands", commands=commands))[0] == 200
    assert (
        await call(
            client, fake, "setMyCommands", commands=commands, scope=scope, language_code="en"
        )
    )[0] == 200
    assert fake.commands[("default", "")] == commands
    assert fake.commands[('{"chat_id": 9, "type": "chat"}', "en")] == commands
    bad = [{"command": "Agenda", "description": "x"}]
    status, body = await call(client, fake, "setMyCommands", commands=bad)
    assert (status, body["description"]) == (400, "Bad Request: BOT_COMMAND_INVALID")

    files = {"document": ("rekap.csv", b"a,b\n1,2\n", "text/csv")}
    status, body = await call(client, fake, "sendDocument", files=files, chat_id=9, caption="123")
    assert status == 200, body
    document = body["result"]["document"]
    assert document["file_name"] == "rekap.csv"
    assert body["result"]["caption"] == "123"
    assert fake.sent[-1].document == b"a,b\n1,2\n"
    status, body = await call(client, fake, "getFile", file_id=document["file_id"])
    download = await client.get(f"{fake.base_file_url}{fake.token}/{body['result']['file_path']}")
    assert download.content == b"a,b\n1,2\n"


async def test_group_messages_and_a_helpful_timeout(
    fake: FakeTelegram, client: httpx.AsyncClient
) -> None:
    user = fake.user(3, "Citra")
    status, body = await call(client, fake, "sendMessage", chat_id=-100, text="halo")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    await fake.group_message(-100, user, "/rekap@retret_test_bot 2")
    status, body = await call(client, fake, "getUpdates", timeout=0)
    message = body["result"][0]["message"]
    assert message["chat"]["type"] == "group"
    assert message["from"]["id"] == 3
    assert message["entities"][0]["length"] == len("/rekap@retret_test_bot")
    status, _ = await call(client, fake, "sendMessage", chat_id=-100, text="ok")
    assert status == 200

    await call(client, fake, "sendMessage", chat_id=3, text="<i>x", parse_mode="HTML")
    with pytest.raises(AssertionError, match="can't parse entities") as info:
        await user.next_reply(timeout=0.05)
    assert "sendMessage chat=-100 id=2: 'ok'" in str(info.value)


async def test_stop_does_not_hang_on_an_open_long_poll(client: httpx.AsyncClient) -> None:
    server = FakeTelegram()
    await server.start()
    poll = asyncio.create_task(call(client, server, "getUpdates", timeout=POLL_TIMEOUT))
    await wait_until(lambda: server.stats["getUpdates"] == 1, what="the poll reached the fake")
    started = time.monotonic()
    await server.stop()
    assert time.monotonic() - started < POLL_TIMEOUT  # the open poll did not hold it up
    status, body = await poll
    assert (status, body["result"]) == (200, [])


async def test_real_ptb_application_round_trip(
    fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")

    async def ping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Reply pong with a button."""
        assert update.effective_message is not None
        button = InlineKeyboardButton("Tekan", callback_data="press:1")
        await update.effective_message.reply_text(
            "pong", reply_markup=InlineKeyboardMarkup([[button]])
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer the query and edit its message."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text(f"<b>edited</b> {query.data}", parse_mode="HTML")

    async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Download the document and reply with its length."""
        assert update.effective_message is not None
        doc = update.effective_message.document
        assert doc is not None
        data = await (await doc.get_file()).download_as_bytearray()
        await update.effective_message.reply_text(f"{len(data)} bytes")

    app = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.base_url)
        .base_file_url(fake.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("ping", ping))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(MessageHandler(filters.Document.ALL, document))
    errors: list[object] = []

    async def record_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Keep handler errors, which PTB would only log."""
        errors.append(context.error)

    app.add_error_handler(record_error)
    user = fake.user(4242, "Budi")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            await user.send("/ping")
            reply = await user.next_reply(timeout=5)
            assert (reply.method, reply.text) == ("sendMessage", "pong")

            query_id = await user.press(reply, reply.button("Tekan"))
            edited = await user.next_reply(timeout=5)
            assert (edited.method, edited.message_id) == ("editMessageText", reply.message_id)
            assert edited.plain_text == "edited press:1"
            assert edited.reply_markup is None
            assert query_id in fake.callback_answers

            await user.send_document(b"x" * 1234, "catatan.txt", "text/plain")
            answer: SentMessage = await user.next_reply(timeout=5)
            assert answer.text == "1234 bytes"
        finally:
            await app.updater.stop()
            await app.stop()
    assert errors == []
    assert fake.stats["getMe"] == 1
    assert fake.pending_updates == 0
    assert fake.stats["400"] == fake.stats["5xx"] == fake.stats["429"] == 0
