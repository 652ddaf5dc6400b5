"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks."""

# The real bot (PTB's Application with base_url/base_file_url pointed here) long-polls it
# over HTTP, or, once it calls setWebhook, gets each update POSTed to its webhook URL with the
# secret header (getUpdates then answers 409, as Telegram does); simulated users queue updates,
# tests read what the bot sent. Telegram's limits
# are enforced: 429 with retry_after, 403 for blocked users, 400 for invalid HTML, over-long
# texts, bad button data and no-op edits.

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import aiohttp
from aiohttp import web

__all__ = ["FakeTelegram", "FakeUser", "SentMessage", "UploadedFile"]

# Methods that deliver or change a message: they are rate-limited and can be forced to fail.
SEND_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
    }
)

# Only these fields are JSON-decoded; text-like fields such as "text" stay strings.
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
        "menu_button",
        "media",
        "results",
        "reaction",
        "message_ids",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "max_connections",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "revoke_messages",
        "show_caption_above_media",
    }
)

_MAX_TEXT = 4096
_MAX_CAPTION = 1024
_MAX_UPLOAD = 50 * 1024 * 1024
_MAX_DOWNLOAD = 20 * 1024 * 1024
_MAX_POLL_TIMEOUT = 10.0
_WEBHOOK_RETRY = 0.1  # seconds before a refused webhook delivery is tried again
_WEBHOOK_TIMEOUT = 10.0
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_HISTORY_IN_DUMP = 12

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")
_BOT_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")
_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,8})|#[xX]([0-9A-Fa-f]{1,7}));")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_FAIL_DESCRIPTIONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
_TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


class _ApiError(Exception):
    """An error answer of the Bot API: error_code, description and optional retry_after."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        """Keep the answer's parts."""
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


class _HtmlError(Exception):
    """A Telegram HTML parse failure (becomes 400 "can't parse entities")."""


def _utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of character `index` in `text`, as Telegram reports parse errors."""
    return len(text[:index].encode("utf-8"))


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode the HTML character entity at text[i] into (character, end index), or None."""
    m = _ENTITY_RE.match(text, i)
    if m is None:
        return None
    if m.group(1):
        return _NAMED_ENTITIES[m.group(1)], m.end()
    code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), m.end()


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain text, entities) or raise _HtmlError like the Bot API."""
    out: list[str] = []
    pos16 = 0
    stack: list[tuple[str, int, dict[str, str]]] = []
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == "&":
            decoded = _decode_entity(text, i)
            if decoded is None:
                raise _HtmlError(
                    f"Unsupported HTML entity at byte offset {_byte_offset(text, i)}; "
                    'write "&amp;" for a literal "&" (the fake server is strict here)'
                )
            ch, i = decoded
            out.append(ch)
            pos16 += _utf16_len(ch)
            continue
        if c != "<":
            j = i
            while j < n and text[j] not in "<&":
                j += 1
            chunk = text[i:j]
            out.append(chunk)
            pos16 += _utf16_len(chunk)
            i = j
            continue
        begin = i
        if i + 1 < n and text[i + 1] == "/":
            if not stack:
                raise _HtmlError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
            i += 2
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            end_name = text[begin + 2 : i].lower()
            while i < n and text[i].isspace():
                i += 1
            if i >= n or text[i] != ">":
                raise _HtmlError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            i += 1
            tag, start16, attrs = stack.pop()
            if end_name and end_name != tag:
                raise _HtmlError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{tag}>", found "</{end_name}>"'
                )
            _close_entity(entities, tag, start16, pos16 - start16, attrs)
            continue
        i += 1
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise _HtmlError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        tag = text[begin + 1 : i].lower()
        if tag not in _HTML_TAGS:
            raise _HtmlError(
                f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        attrs, i = _parse_attributes(text, i, tag, begin)
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise _HtmlError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        if tag == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise _HtmlError(
                f"Custom emoji identifier expected at byte offset {_byte_offset(text, begin)}"
            )
        stack.append((tag, pos16, attrs))
    if stack:
        raise _HtmlError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _parse_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Read the attributes of a start tag from text[i]; return them and the index after '>'."""
    n = len(text)
    attrs: dict[str, str] = {}
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise _HtmlError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] == ">":
            return attrs, i + 1
        name_start = i
        while i < n and not text[i].isspace() and text[i] not in "=>":
            i += 1
        name = text[name_start:i].lower()
        if not name:
            raise _HtmlError(
                f'Empty attribute name in the tag "{tag}" '
                f"at byte offset {_byte_offset(text, begin)}"
            )
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != "=":
            if tag == "blockquote" and name == "expandable":
                attrs[name] = ""
                continue
            raise _HtmlError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {_byte_offset(text, begin)}"
            )
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise _HtmlError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] in "'\"":
            quote = text[i]
            i += 1
            value: list[str] = []
            while i < n and text[i] != quote:
                if text[i] == "&" and (decoded := _decode_entity(text, i)) is not None:
                    value.append(decoded[0])
                    i = decoded[1]
                    continue
                value.append(text[i])
                i += 1
            if i >= n:
                raise _HtmlError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
            i += 1
            attrs[name] = "".join(value)
        else:
            value_start = i
            while i < n and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            if i < n and not text[i].isspace() and text[i] != ">":
                raise _HtmlError(
                    f"Unexpected end of name token at byte offset {_byte_offset(text, value_start)}"
                )
            attrs[name] = text[value_start:i].lower()


def _close_entity(
    entities: list[dict[str, Any]], tag: str, offset: int, length: int, attrs: dict[str, str]
) -> None:
    """Append the entity for a closed tag (if non-empty) to `entities`."""
    if length <= 0:
        return
    kind = _HTML_TAGS[tag]
    entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
    if tag == "a":
        href = attrs.get("href", "")
        if not href:
            return
        if re.fullmatch(r"tg://user\?id=\d+", href):
            entity = {"type": "text_mention", "offset": offset, "length": length}
            entity["user"] = {"id": int(href.split("=", 1)[1] or 0), "is_bot": False}
            entity["user"]["first_name"] = "User"
        else:
            entity["url"] = href
    elif tag == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif tag == "tg-emoji":
        entity["custom_emoji_id"] = attrs["emoji-id"]
    elif tag == "code" and attrs.get("class", "").startswith("language-"):
        entity["language"] = attrs["class"][len("language-") :]
    elif tag == "pre":
        # <pre><code class="language-x">…</code></pre> becomes one pre entity with a language.
        for inner in entities:
            if (
                inner["type"] == "code"
                and inner["offset"] == offset
                and inner["length"] == length
                and "language" in inner
            ):
                entity["language"] = inner["language"]
                entities.remove(inner)
                break
    entities.append(entity)


def _strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace as Telegram does, shifting and clipping the entities."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = _utf16_len(text[: len(text) - len(text.lstrip())])
    total = _utf16_len(stripped)
    result: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes

    def __repr__(self) -> str:
        """Short form for call dumps, without the bytes."""
        return f"UploadedFile({self.filename!r}, {self.content_type!r}, {len(self.data)} bytes)"


@dataclass
class SentMessage:
    """One message the bot sent or edited, as the fake server accepted it."""

    method: str
    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    document: bytes | None
    filename: str | None
    at: float
    params: dict[str, Any] = field(repr=False)
    message: dict[str, Any] = field(repr=False)
    wall: float = 0.0  # time.time() when accepted: compare with an event clock's real_when

    @property
    def plain_text(self) -> str:
        """The text (or caption) as the user sees it: HTML parsed, entities removed."""
        return str(self.message.get("text", self.message.get("caption", "")))

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback_data or url) of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        result: list[tuple[str, str]] = []
        for row in rows:
            for button in row:
                value = button.get("callback_data", button.get("url", ""))
                result.append((str(button.get("text", "")), str(value)))
        return result

    def button(self, text_substring: str) -> str:
        """callback_data (or url) of the first button whose text contains `text_substring`."""
        for text, value in self.buttons:
            if text_substring in text:
                return value
        raise AssertionError(
            f"no button containing {text_substring!r} on message {self.message_id} "
            f"in chat {self.chat_id}; buttons: {self.buttons!r}"
        )

    def describe(self) -> str:
        """One line for failure dumps."""
        text = self.text if len(self.text) <= 160 else self.text[:157] + "..."
        extra = f" buttons={self.buttons!r}" if self.buttons else ""
        if self.filename:
            extra += f" file={self.filename!r}"
        return f"{self.method} chat={self.chat_id} id={self.message_id}: {text!r}{extra}"


@dataclass
class _Stored:
    """The current state of a message in a chat."""

    message: dict[str, Any]
    from_bot: bool
    raw_text: str = ""
    parse_mode: str | None = None


@dataclass
class _StoredFile:
    """A file known to the fake server by file_id."""

    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str


def _is_inline(markup: dict[str, Any] | None) -> bool:
    """Whether `markup` is a non-empty inline keyboard."""
    return bool(markup and markup.get("inline_keyboard"))


class FakeUser:
    """A simulated Telegram user in a private chat with the bot (chat id == user id)."""

    def __init__(
        self,
        fake: FakeTelegram,
        user_id: int,
        first_name: str,
        language_code: str | None,
        username: str | None,
    ) -> None:
        """Use FakeTelegram.user() rather than this."""
        self._fake = fake
        self.id = user_id
        self.first_name = first_name
        self.language_code = language_code
        self.username = username
        self._cursor = 0

    def __repr__(self) -> str:
        """Short form for dumps."""
        return f"FakeUser({self.id}, {self.first_name!r})"

    def as_user(self) -> dict[str, Any]:
        """The User object of this user."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username is not None:
            user["username"] = self.username
        if self.language_code is not None:
            user["language_code"] = self.language_code
        return user

    def as_chat(self) -> dict[str, Any]:
        """The private Chat object with this user."""
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username is not None:
            chat["username"] = self.username
        return chat

    @property
    def inbox(self) -> list[SentMessage]:
        """Messages the bot sent (or edited) in this user's chat, in order."""
        return self._fake.messages_to(self.id)

    def _mark(self) -> None:
        """Remember where the inbox stood when the user acted, for next_reply()."""
        self._cursor = len(self._fake._by_chat.get(self.id, ()))

    async def _post(self, extra: dict[str, Any]) -> dict[str, Any]:
        """Queue a message update from this user in the private chat."""
        self._mark()
        return self._fake._user_message(self.as_chat(), self, extra)

    async def send(
        self,
        text: str,
        entities: list[dict[str, Any]] | None = None,
        *,
        reply_to: SentMessage | None = None,
    ) -> dict[str, Any]:
        """Send a text message; a leading /command gets its bot_command entity. `entities`:
        formatting the user typed (bold, italic, links: Telegram's MessageEntity dicts);
        `reply_to`: a bot message this one replies to."""
        fields = self._fake._text_fields(text)
        if entities:
            fields["entities"] = [*fields.get("entities", []), *entities]
        if reply_to is not None:
            fields["reply_to_message"] = self._fake._replied(reply_to)
        return await self._post(fields)

    async def start(self, payload: str | None = None) -> dict[str, Any]:
        """Send "/start" or "/start PAYLOAD" (a deep link)."""
        return await self.send("/start" if payload is None else f"/start {payload}")

    async def press(self, message: SentMessage, data: str) -> str:
        """Press the inline button with callback `data` on a bot message; return the query id."""
        if data not in {value for _, value in message.buttons}:
            raise AssertionError(
                f"message {message.message_id} has no button with callback_data {data!r}; "
                f"buttons: {message.buttons!r} (use press_raw for forged data)"
            )
        stored = self._fake._messages.get((message.chat_id, message.message_id))
        msg = stored.message if stored is not None else message.message
        self._mark()
        return self._fake._callback_query(self, msg, data)

    async def press_raw(self, data: str, message_id: int | None = None) -> str:
        """Send a callback query with arbitrary data, on the last bot message or `message_id`."""
        fake = self._fake
        if message_id is None:
            inbox = fake._by_chat.get(self.id, [])
            message_id = inbox[-1].message_id if inbox else 999_999
        stored = fake._messages.get((self.id, message_id))
        if stored is not None:
            msg = stored.message
        else:
            msg = {
                "message_id": message_id,
                "from": fake.bot_user,
                "chat": self.as_chat(),
                "date": int(time.time()) - 60,
                "text": "?",
            }
        self._mark()
        return fake._callback_query(self, msg, data)

    async def send_sticker(self, emoji: str = "👍") -> dict[str, Any]:
        """Send a sticker."""
        f = self._fake._store_file(b"RIFF\x00\x00\x00\x00WEBP", "sticker.webp", "image/webp")
        sticker = {
            "file_id": f.file_id,
            "file_unique_id": f.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": len(f.content),
        }
        return await self._post({"sticker": sticker})

    async def send_photo(
        self,
        content: bytes = _TINY_PNG,
        caption: str | None = None,
        caption_entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Send a photo (stored, so getFile works)."""
        f = self._fake._store_file(content, None, "image/jpeg")
        size = {
            "file_id": f.file_id,
            "file_unique_id": f.file_unique_id,
            "width": 1,
            "height": 1,
            "file_size": len(content),
        }
        extra: dict[str, Any] = {"photo": [size]}
        if caption is not None:
            extra.update(self._fake._text_fields(caption, key="caption"))
            if caption_entities:
                extra["caption_entities"] = caption_entities
        return await self._post(extra)

    async def send_voice(
        self, content: bytes = b"OggS\x00voice", duration: int = 3
    ) -> dict[str, Any]:
        """Send a voice note (stored, so getFile works)."""
        f = self._fake._store_file(content, None, "audio/ogg")
        voice = {
            "file_id": f.file_id,
            "file_unique_id": f.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(content),
        }
        return await self._post({"voice": voice})

    async def send_location(self, latitude: float, longitude: float) -> dict[str, Any]:
        """Send a location."""
        return await self._post({"location": {"latitude": latitude, "longitude": longitude}})

    async def send_contact(self, phone_number: str) -> dict[str, Any]:
        """Share this user's own contact."""
        contact = {"phone_number": phone_number, "first_name": self.first_name, "user_id": self.id}
        return await self._post({"contact": contact})

    async def send_document(
        self,
        content: bytes,
        filename: str,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
    ) -> dict[str, Any]:
        """Send a file; the bot can getFile and download it through base_file_url."""
        f = self._fake._store_file(content, filename, mime_type)
        document = {
            "file_id": f.file_id,
            "file_unique_id": f.file_unique_id,
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        extra: dict[str, Any] = {"document": document}
        if caption is not None:
            extra.update(self._fake._text_fields(caption, key="caption"))
        return await self._post(extra)

    async def send_fields(self, extra: dict[str, Any]) -> dict[str, Any]:
        """Send a message of any kind: `extra` holds its content fields (poll, dice, venue,
        video_note, text with hand-made entities…), as Telegram would deliver them."""
        return await self._post(extra)

    async def edit(self, message: dict[str, Any], new_text: str) -> dict[str, Any]:
        """Edit a message this user sent earlier (an edited_message update)."""
        self._mark()
        return self._fake._edited_message(message, new_text)

    async def forward(self, text: str, origin_name: str = "Orang Lain") -> dict[str, Any]:
        """Forward a text message written by someone else (forward_origin of type "user")."""
        origin = {
            "type": "user",
            "sender_user": {"id": 555_000_111, "is_bot": False, "first_name": origin_name},
            "date": int(time.time()) - 3600,
        }
        extra = self._fake._text_fields(text, commands=False)
        extra["forward_origin"] = origin
        return await self._post(extra)

    async def wait_for(
        self,
        predicate: Callable[[SentMessage], bool] | None = None,
        *,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[SentMessage]:
        """Wait until `count` messages to this chat satisfy `predicate` (any if None)."""
        pred = predicate or (lambda _m: True)
        return await self._fake.wait_for(
            lambda m: m.chat_id == self.id and pred(m), count=count, timeout=timeout
        )

    async def reply_where(
        self,
        predicate: Callable[[SentMessage], bool],
        timeout: float = 10.0,
    ) -> SentMessage:
        """The first bot message after this user's last action (or the last reply taken)
        that satisfies `predicate`; the ones before it are passed over."""
        while True:
            message = await self.next_reply(timeout=timeout)
            if predicate(message):
                return message

    async def next_reply(self, timeout: float = 10.0) -> SentMessage:
        """The next bot message (or edit) to this chat after this user's last action."""
        fake = self._fake
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            inbox = fake._by_chat.get(self.id, [])
            if len(inbox) > self._cursor:
                self._cursor += 1
                return inbox[self._cursor - 1]
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(
                    f"{self!r} got no reply within {timeout}s "
                    f"(inbox has {len(inbox)} message(s), waiting for #{self._cursor + 1})\n"
                    + fake.dump()
                )
            await fake._wait_sent(remaining)


class FakeTelegram:
    """A fake Bot API server: long polling, sending, editing, files, commands and limits."""

    token: str = "123456:TEST-TOKEN"
    bot_first_name: str = "Retret Test Bot"

    def __init__(
        self,
        *,
        bot_id: int = 7000001,
        bot_username: str = "retret_test_bot",
        global_rate: float = 30.0,
        per_chat_rate: float = 1.0,
        per_chat_burst: int = 3,
    ) -> None:
        """Configure the bot identity and Telegram's limits; call start() to serve."""
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.global_rate = global_rate
        self.per_chat_rate = per_chat_rate
        self.per_chat_burst = per_chat_burst
        self.sent: list[SentMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[tuple[str, int, str]] = []
        self.stats: collections.Counter[str] = collections.Counter()
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.deleted: list[tuple[int, int]] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.tokens_seen: set[str] = set()
        self.internal_errors: list[BaseException] = []
        self.webhook_url: str = ""
        self.webhook_secret: str = ""
        # Every webhook POST: (update_id, HTTP status; 0 when no answer came), and the failures.
        self.webhook_deliveries: list[tuple[int, int]] = []
        self.webhook_errors: list[str] = []
        self._webhook_allowed: list[str] | None = None
        self._webhook_wake = asyncio.Event()
        self._deliverer: asyncio.Task[None] | None = None
        self._users: dict[int, FakeUser] = {}
        self._groups: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._by_chat: dict[int, list[SentMessage]] = {}
        self._messages: dict[tuple[int, int], _Stored] = {}
        self._next_message_id: dict[int, int] = {}
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._updates: collections.deque[dict[str, Any]] = collections.deque()
        self._next_update_id = 1
        self._queries: dict[str, bool] = {}
        self._global_window: collections.deque[float] = collections.deque()
        self._buckets: dict[int, tuple[float, float]] = {}
        self._fail: list[tuple[int, int, frozenset[str] | None]] = []
        self._retry_after: list[tuple[int, int, int | None]] = []
        self._lose: list[tuple[int, int, frozenset[str] | None, float]] = []
        self._delay = 0.0
        self._poll_generation = 0
        self._update_event = asyncio.Event()
        self._sent_event = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        handlers: dict[str, Callable[[str, dict[str, Any]], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getMyCommands": self._get_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "getFile": self._get_file,
            "getChat": self._get_chat,
            "setChatMenuButton": self._true,
            "setMyDescription": self._true,
            "setMyShortDescription": self._true,
            "setMyName": self._true,
            "close": self._true,
            "logOut": self._true,
        }
        self._handlers = {name.lower(): handler for name, handler in handlers.items()}
        self._canonical = {name.lower(): name for name in handlers}

    # ----------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Start serving on 127.0.0.1 on a free port."""
        app = web.Application(client_max_size=_MAX_UPLOAD + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._closing = False
        # handler_cancellation: a client that gives up on a long poll cancels our wait too.
        runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=0.5, access_log=None
        )
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Wake open long polls and shut the server down."""
        self._closing = True
        self._wake_pollers()
        await self._stop_delivering()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> FakeTelegram:
        """Start the server."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop the server."""
        await self.stop()

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._port is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """Bot API base URL for PTB (it appends the token, then "/method")."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """File download base URL for PTB."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot's User object."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    @property
    def last_update_id(self) -> int:
        """The id of the newest update queued (0 before the first)."""
        return self._next_update_id - 1

    @property
    def pending_updates(self) -> int:
        """Updates queued but not yet confirmed by getUpdates."""
        return len(self._updates)

    @property
    def unanswered_queries(self) -> list[str]:
        """Ids of callback queries the bot has not answered (the user's button still spins)."""
        return [query_id for query_id, answered in self._queries.items() if not answered]

    # ----------------------------------------------------------------- test controls

    def user(
        self,
        user_id: int,
        first_name: str = "Peserta",
        *,
        language_code: str | None = "id",
        username: str | None = None,
    ) -> FakeUser:
        """Create (or return the existing) simulated user; their private chat then exists."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        if user_id <= 0:
            raise ValueError("user ids are positive")
        created = FakeUser(self, user_id, first_name, language_code, username)
        self._users[user_id] = created
        return created

    def block(self, user_id: int) -> None:
        """From now on, sends to this user answer 403 "bot was blocked by the user"."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user unblocked the bot again."""
        self._blocked.discard(user_id)

    def membership_update(self, user_id: int, blocked: bool) -> dict[str, Any]:
        """Telegram's my_chat_member update when a user blocks (or unblocks) the bot; the
        block itself takes effect too."""
        if blocked:
            self.block(user_id)
        else:
            self.unblock(user_id)
        user = self._users[user_id]
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        now = int(time.time())
        bot_member = {"user": self.bot_user}

        def member(status: str) -> dict[str, Any]:
            return {
                **bot_member,
                "status": status,
                **({"until_date": 0} if status == "kicked" else {}),
            }

        return self._push_update(
            "my_chat_member",
            {
                "chat": user.as_chat(),
                "from": user.as_user(),
                "date": now,
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            },
        )

    def fail_next(
        self,
        n: int,
        status: int = 502,
        methods: set[str] | None = None,
        *,
        process: bool = False,
        hang: float = 0.0,
    ) -> None:
        """The next `n` send calls (or calls of `methods`) answer `status` (5xx).

        With `process=True` the call is carried out first (the message is delivered) and
        then the answer is lost: the fake waits `hang` seconds (a client whose read timeout is
        shorter gives up: PTB's TimedOut) and answers `status`.
        """
        methods_set = frozenset(methods) if methods is not None else None
        if process:
            self._lose.append((n, status, methods_set, hang))
        else:
            self._fail.append((n, status, methods_set))

    def force_retry_after(self, n: int, seconds: int = 1, *, chat_id: int | None = None) -> None:
        """The next `n` send calls (to `chat_id`, or any chat) answer 429 with retry_after."""
        self._retry_after.append((n, seconds, chat_id))

    def expire_query(self, query_id: str) -> None:
        """Answering this callback query gets 400 "query is too old…" (the bot answered late)."""
        self._queries[query_id] = True

    def set_delay(self, seconds: float) -> None:
        """Delay every send response by `seconds` (simulated latency)."""
        self._delay = seconds

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """Messages the bot sent or edited in `chat_id`, in order."""
        return list(self._by_chat.get(chat_id, ()))

    async def wait_for(
        self,
        predicate: Callable[[SentMessage], bool],
        *,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[SentMessage]:
        """Wait until `count` sent messages satisfy `predicate`; return all that do."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        matches: list[SentMessage] = []
        scanned = 0
        while True:
            new = self.sent[scanned:]
            scanned += len(new)
            matches.extend(m for m in new if predicate(m))
            if len(matches) >= count:
                return matches
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {count} matching message(s), "
                    f"found {len(matches)}\n" + self.dump()
                )
            await self._wait_sent(remaining)

    async def group_message(
        self,
        chat_id: int,
        user: FakeUser,
        text: str,
        *,
        title: str = "Grup Retret",
        reply_to: SentMessage | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from `user` in group `chat_id` (negative), as a reply to the
        bot message `reply_to` if given; the group then exists."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        chat = self.group(chat_id, title=title)
        extra = self._text_fields(text)
        if reply_to is not None:
            extra["reply_to_message"] = self._replied(reply_to)
        return self._user_message(chat, user, extra)

    def group_fields(
        self, chat_id: int, user: FakeUser, extra: dict[str, Any], *, title: str = "Grup Retret"
    ) -> dict[str, Any]:
        """Queue a message of any kind (`extra`: its content fields) from `user` in group
        `chat_id` (negative); the group then exists."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        return self._user_message(self.group(chat_id, title=title), user, extra)

    def channel_post(
        self, chat_id: int, text: str, *, title: str = "Kanal Retret", edited: bool = False
    ) -> dict[str, Any]:
        """Queue a channel_post (or edited_channel_post) in channel `chat_id`: no sender,
        the chat is the author, as Telegram delivers posts of a channel the bot is in."""
        chat = {"id": chat_id, "type": "channel", "title": title}
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat_id),
            "sender_chat": chat,
            "chat": chat,
            "date": int(time.time()),
            **self._text_fields(text),
        }
        if edited:
            message["edit_date"] = int(time.time())
        return self._push_update("edited_channel_post" if edited else "channel_post", message)

    def raw_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update of any kind (inline_query, poll, message_reaction…) as given."""
        return self._push_update(kind, payload)

    def group_press(self, chat_id: int, user: FakeUser, data: str) -> str:
        """A callback query from `user` on a bot message in group `chat_id` (negative) with
        any data (forged: no such button need exist there); returns the query id."""
        message = {
            "message_id": 999_999,
            "from": self.bot_user,
            "chat": self.group(chat_id),
            "date": int(time.time()) - 60,
            "text": "?",
        }
        return self._callback_query(user, message, data)

    def group(self, chat_id: int, *, title: str = "Grup Retret") -> dict[str, Any]:
        """The group chat `chat_id` (negative), created if new: the bot can then write there."""
        chat_type = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
        return self._groups.setdefault(chat_id, {"id": chat_id, "type": chat_type, "title": title})

    def _replied(self, message: SentMessage) -> dict[str, Any]:
        """The Message object a reply quotes: the bot message as it stands now."""
        stored = self._messages.get((message.chat_id, message.message_id))
        return dict(stored.message if stored is not None else message.message)

    def dump(self) -> str:
        """Recent sent messages and API errors, for failure messages."""
        shown = min(len(self.sent), _HISTORY_IN_DUMP)
        lines = [f"last {shown} of {len(self.sent)} message(s) sent by the bot:"]
        lines += ["  " + m.describe() for m in self.sent[-_HISTORY_IN_DUMP:]] or ["  (none)"]
        if self.errors:
            lines.append(f"last API errors (of {len(self.errors)}):")
            lines += [f"  {m} -> {c} {d}" for m, c, d in self.errors[-_HISTORY_IN_DUMP:]]
        if self.internal_errors:
            lines.append(f"FAKE SERVER BUGS: {self.internal_errors!r}")
        return "\n".join(lines)

    # ----------------------------------------------------------------- updates

    def _push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update and wake the long poll."""
        update = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        self._updates.append(update)
        self._wake_pollers()
        self._webhook_wake.set()
        return update

    def _wake_pollers(self) -> None:
        """Wake every waiting getUpdates."""
        self._update_event.set()
        self._update_event = asyncio.Event()

    async def _wait_sent(self, seconds: float) -> None:
        """Wait until the bot sends something or `seconds` pass."""
        event = self._sent_event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)

    def _new_message_id(self, chat_id: int) -> int:
        """Next message id in a chat (shared by user and bot messages, as in Telegram)."""
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
        return self._next_message_id[chat_id]

    def _text_fields(
        self, text: str, *, key: str = "text", commands: bool = True
    ) -> dict[str, Any]:
        """`text` (or caption) plus the bot_command entity of a leading /command."""
        fields: dict[str, Any] = {key: text}
        m = _COMMAND_RE.match(text) if commands else None
        if m is not None:
            fields["entities" if key == "text" else "caption_entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(m.group(0))}
            ]
        return fields

    def _user_message(
        self, chat: dict[str, Any], user: FakeUser, extra: dict[str, Any]
    ) -> dict[str, Any]:
        """Store a message from a user and queue it as a "message" update."""
        message = {
            "message_id": self._new_message_id(chat["id"]),
            "from": user.as_user(),
            "chat": dict(chat),
            "date": int(time.time()),
            **extra,
        }
        self._messages[(chat["id"], message["message_id"])] = _Stored(message, from_bot=False)
        self._push_update("message", message)
        return message

    def _edited_message(self, message: dict[str, Any], new_text: str) -> dict[str, Any]:
        """Queue an edited_message update for a user's earlier message."""
        edited = {k: v for k, v in message.items() if k not in ("text", "entities")}
        edited.update(self._text_fields(new_text))
        edited["edit_date"] = int(time.time())
        key = (message["chat"]["id"], message["message_id"])
        if key in self._messages:
            self._messages[key].message = edited
        self._push_update("edited_message", edited)
        return edited

    def _callback_query(self, user: FakeUser, message: dict[str, Any], data: str) -> str:
        """Queue a callback_query update and return its id."""
        query_id = str(4_000_000_000_000 + self._next_update_id)
        self._queries[query_id] = False
        chat_id = int(message["chat"]["id"])
        self._push_update(
            "callback_query",
            {
                "id": query_id,
                "from": user.as_user(),
                "message": message,
                "chat_instance": str(-(abs(chat_id) * 7919 + self.bot_id)),
                "data": data,
            },
        )
        return query_id

    def _store_file(
        self, content: bytes, file_name: str | None, mime_type: str | None
    ) -> _StoredFile:
        """Keep `content` under a new file_id so getFile and downloads work."""
        n = len(self._files) + 1
        folder = "photos" if mime_type and mime_type.startswith("image/") else "documents"
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        stored = _StoredFile(
            file_id=f"BQACAgFAKE{n:06d}{self.bot_id}",
            file_unique_id=f"AgADfake{n:06d}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"{folder}/file_{n}{suffix}",
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    # ----------------------------------------------------------------- HTTP

    async def _read_params(self, request: web.Request) -> dict[str, Any]:
        """Decode query string plus form, multipart or JSON body into typed params."""
        raw: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise _ApiError(400, "Bad Request: request body must be a JSON object")
            raw.update(body)
        elif request.can_read_body:
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    raw[name] = UploadedFile(value.filename, value.content_type, value.file.read())
                else:
                    raw[name] = value
        params: dict[str, Any] = {}
        for name, value in raw.items():
            params[name] = self._decode_value(name, value)
        return params

    @staticmethod
    def _decode_value(name: str, value: Any) -> Any:
        """Decode one parameter: JSON fields, ints and bools; everything else stays as sent."""
        if not isinstance(value, str):
            return value
        if name in _JSON_FIELDS:
            try:
                return json.loads(value)
            except ValueError:
                raise _ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
        if name in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
            return int(value)
        if name in _BOOL_FIELDS and value in ("true", "false", "True", "False"):
            return value.lower() == "true"
        return value

    async def _handle_api(self, request: web.Request) -> web.Response:
        """Serve one Bot API call."""
        self.tokens_seen.add(request.match_info["token"])
        method = request.match_info["method"]
        method = self._canonical.get(method.lower(), method)
        try:
            params = await self._read_params(request)
        except _ApiError as err:
            self.calls.append((method, {}))
            return self._error_response(method, err)
        self.calls.append((method, params))
        self.stats[method] += 1
        handler = self._handlers.get(method.lower())
        try:
            if handler is None:
                raise _ApiError(404, "Not Found")
            if method in SEND_METHODS and self._delay > 0:
                await asyncio.sleep(self._delay)
            self._check_forced(method, params)
            lost = self._take_lost_answer(method)
            result = await handler(method, params)
            if lost is not None:  # done, but the answer never reaches the bot
                status, hang = lost
                if hang > 0:
                    await asyncio.sleep(hang)
                raise _ApiError(status, _FAIL_DESCRIPTIONS.get(status, HTTPStatus(status).phrase))
        except _ApiError as err:
            return self._error_response(method, err)
        except Exception as exc:  # a bug in the fake: make it loud in dumps and stats
            self.internal_errors.append(exc)
            return self._error_response(method, _ApiError(500, f"Internal fake error: {exc!r}"))
        return web.json_response({"ok": True, "result": result})

    def _error_response(self, method: str, err: _ApiError) -> web.Response:
        """Record an error in stats and answer it the way Telegram does."""
        self.stats["5xx" if err.code >= 500 else str(err.code)] += 1
        self.errors.append((method, err.code, err.description))
        body: dict[str, Any] = {
            "ok": False,
            "error_code": err.code,
            "description": err.description,
        }
        if err.retry_after is not None:
            body["parameters"] = {"retry_after": err.retry_after}
        return web.json_response(body, status=err.code)

    async def _handle_file(self, request: web.Request) -> web.Response:
        """Serve a file download (GET /file/bot<token>/<file_path>)."""
        self.tokens_seen.add(request.match_info["token"])
        stored = self._files_by_path.get(request.match_info["path"])
        self.stats["download"] += 1
        if stored is None:
            self.stats["404"] += 1
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.Response(
            body=stored.content, content_type=stored.mime_type or "application/octet-stream"
        )

    # ----------------------------------------------------------------- checks

    def _check_forced(self, method: str, params: dict[str, Any]) -> None:
        """Apply fail_next() and force_retry_after() to this call."""
        for index, (n, status, methods) in enumerate(self._fail):
            matches = method in methods if methods is not None else method in SEND_METHODS
            if matches:
                self._fail[index] = (n - 1, status, methods)
                if n <= 1:
                    del self._fail[index]
                raise _ApiError(status, _FAIL_DESCRIPTIONS.get(status, HTTPStatus(status).phrase))
        if method not in SEND_METHODS:
            return
        chat_id = params.get("chat_id")
        for index, (n, seconds, only_chat) in enumerate(self._retry_after):
            if only_chat is not None and only_chat != chat_id:
                continue
            if n <= 1:
                del self._retry_after[index]
            else:
                self._retry_after[index] = (n - 1, seconds, only_chat)
            raise _ApiError(429, f"Too Many Requests: retry after {seconds}", seconds)

    def _take_lost_answer(self, method: str) -> tuple[int, float] | None:
        """The (status, hang) of a fail_next(process=True) fault this call meets, if any."""
        for index, (n, status, methods, hang) in enumerate(self._lose):
            matches = method in methods if methods is not None else method in SEND_METHODS
            if matches:
                self._lose[index] = (n - 1, status, methods, hang)
                if n <= 1:
                    del self._lose[index]
                return status, hang
        return None

    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        """The chat a call addresses: 403 if blocked, 400 if unknown."""
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(chat_id, int):
            if chat_id in self._blocked:
                raise _ApiError(403, "Forbidden: bot was blocked by the user")
            if chat_id in self._users:
                return self._users[chat_id].as_chat()
            if chat_id in self._groups:
                return dict(self._groups[chat_id])
        raise _ApiError(400, "Bad Request: chat not found")

    def _check_rate(self, chat_id: int) -> None:
        """Raise 429 if a send to `chat_id` now would exceed a limit (nothing is consumed)."""
        now = time.monotonic()
        window = self._global_window
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= self.global_rate:
            raise _ApiError(429, "Too Many Requests: retry after 1", 1)
        tokens = self._tokens(chat_id, now)
        if tokens < 1.0:
            wait = max(1, math.ceil((1.0 - tokens) / self.per_chat_rate))
            raise _ApiError(429, f"Too Many Requests: retry after {wait}", wait)

    def _tokens(self, chat_id: int, now: float) -> float:
        """Tokens in the chat's bucket at `now`."""
        tokens, last = self._buckets.get(chat_id, (float(self.per_chat_burst), now))
        return min(float(self.per_chat_burst), tokens + (now - last) * self.per_chat_rate)

    def _consume(self, chat_id: int) -> None:
        """Count an accepted send against the global window and the chat's bucket."""
        now = time.monotonic()
        self._global_window.append(now)
        self._buckets[chat_id] = (self._tokens(chat_id, now) - 1.0, now)

    def _prepare_send(self, params: dict[str, Any]) -> dict[str, Any]:
        """Blocked, chat-not-found and rate-limit checks of a send; returns the chat."""
        chat = self._chat(params)
        self._check_rate(chat["id"])
        return chat

    @staticmethod
    def _formatted(
        params: dict[str, Any], key: str, limit: int, *, required: bool
    ) -> tuple[str, list[dict[str, Any]]]:
        """Validate and parse the text or caption `key`: (plain text, entities)."""
        raw = params.get(key)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            raw = str(raw)
        entity_key = "entities" if key == "text" else "caption_entities"
        parse_mode = params.get("parse_mode")
        if parse_mode and str(parse_mode).lower() not in ("html", "markdown", "markdownv2"):
            raise _ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r}")
        if parse_mode and str(parse_mode).lower() == "html":
            try:
                plain, entities = parse_html(raw)
            except _HtmlError as err:
                raise _ApiError(400, f"Bad Request: can't parse entities: {err}") from None
        else:
            # Markdown modes are passed through unparsed (the project uses HTML).
            plain = raw
            given = params.get(entity_key)
            entities = list(given) if isinstance(given, list) else []
        plain, entities = _strip_text(plain, entities)
        if not plain:
            if required:
                raise _ApiError(400, "Bad Request: message text is empty")
            return "", []
        if len(plain) > limit:
            if key == "text":
                raise _ApiError(400, "Bad Request: message is too long")
            raise _ApiError(400, "Bad Request: message caption is too long")
        return plain, entities

    @staticmethod
    def _check_markup(params: dict[str, Any]) -> dict[str, Any] | None:
        """Validate reply_markup; return it parsed (or None)."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        if rows is None:
            return markup
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array of Array')
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                    raise _ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
                if "callback_data" in button:
                    data = str(button["callback_data"]).encode("utf-8")
                    if not 1 <= len(data) <= 64:
                        raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                elif "url" in button:
                    if not re.match(r"(https?|tg)://\S+$", str(button["url"])):
                        raise _ApiError(400, "Bad Request: BUTTON_URL_INVALID")
                elif not any(
                    k in button
                    for k in (
                        "web_app",
                        "login_url",
                        "switch_inline_query",
                        "switch_inline_query_current_chat",
                        "switch_inline_query_chosen_chat",
                        "copy_text",
                        "callback_game",
                        "pay",
                    )
                ):
                    raise _ApiError(400, "Bad Request: can't parse inline keyboard button")
        return markup

    def _check_reply_to(self, chat_id: int, params: dict[str, Any]) -> None:
        """400 if the message being replied to does not exist (unless allowed)."""
        reply = params.get("reply_parameters")
        message_id = reply.get("message_id") if isinstance(reply, dict) else None
        allow = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply, dict):
            allow = allow or bool(reply.get("allow_sending_without_reply"))
        if message_id is None:
            message_id = params.get("reply_to_message_id")
        if message_id is not None and not allow and (chat_id, message_id) not in self._messages:
            raise _ApiError(400, "Bad Request: message to be replied not found")

    def _bot_message(
        self,
        chat: dict[str, Any],
        fields: dict[str, Any],
        markup: dict[str, Any] | None,
    ) -> dict[str, Any]:
        """A new Message object from the bot in `chat`."""
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat["id"]),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            **fields,
        }
        if _is_inline(markup):
            message["reply_markup"] = markup
        return message

    def _record(
        self,
        method: str,
        params: dict[str, Any],
        message: dict[str, Any],
        markup: dict[str, Any] | None,
        *,
        raw_text: str,
        document: bytes | None = None,
        filename: str | None = None,
    ) -> SentMessage:
        """Count an accepted send and append it to `sent`."""
        chat_id = int(message["chat"]["id"])
        self._consume(chat_id)
        parse_mode = params.get("parse_mode")
        sent = SentMessage(
            method=method,
            chat_id=chat_id,
            message_id=int(message["message_id"]),
            text=raw_text,
            parse_mode=str(parse_mode) if parse_mode else None,
            reply_markup=markup,
            document=document,
            filename=filename,
            at=time.monotonic(),
            params=params,
            message=message,
            wall=time.time(),
        )
        self.sent.append(sent)
        self._by_chat.setdefault(chat_id, []).append(sent)
        self.stats["sent"] += 1
        self._sent_event.set()
        self._sent_event = asyncio.Event()
        return sent

    # ----------------------------------------------------------------- methods

    async def _true(self, method: str, params: dict[str, Any]) -> bool:
        """Methods that just answer True."""
        return True

    async def _get_me(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """getMe."""
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, method: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """getUpdates: confirm by offset, then long-poll up to `timeout` seconds."""
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset", 0)
        offset = offset if isinstance(offset, int) else 0
        limit = params.get("limit", 100)
        limit = min(max(limit, 1), 100) if isinstance(limit, int) else 100
        try:
            timeout = min(max(float(params.get("timeout", 0)), 0.0), _MAX_POLL_TIMEOUT)
        except ValueError:
            timeout = 0.0
        if offset > 0:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        elif offset < 0:
            while len(self._updates) > -offset:
                self._updates.popleft()
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list) and allowed:
            kept = [u for u in self._updates if any(k in u for k in allowed)]
            self._updates = collections.deque(kept)
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_pollers()  # an older poll still waiting is terminated (409), as in Telegram
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._updates and not self._closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            event = self._update_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
        return list(self._updates)[:limit]

    async def _delete_webhook(self, method: str, params: dict[str, Any]) -> bool:
        """deleteWebhook (optionally dropping pending updates): delivery stops, what is still
        pending waits for getUpdates."""
        self.webhook_url = ""
        self.webhook_secret = ""
        self._webhook_allowed = None
        if self._deliverer is not None and self._deliverer is not asyncio.current_task():
            await self._stop_delivering()
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _set_webhook(self, method: str, params: dict[str, Any]) -> bool:
        """setWebhook: from now on every update is POSTed to `url` with `secret_token` in the
        X-Telegram-Bot-Api-Secret-Token header, one at a time, in order, retried until the
        bot answers 2xx; getUpdates answers 409."""
        url = str(params.get("url", ""))
        if not url:
            return await self._delete_webhook(method, params)
        if not url.startswith(("http://", "https://")):
            raise _ApiError(400, "Bad Request: bad webhook: Failed to resolve host")
        secret = str(params.get("secret_token", ""))
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise _ApiError(400, "Bad Request: secret token contains unallowed characters")
        self.webhook_url = url
        self.webhook_secret = secret
        allowed = params.get("allowed_updates")
        self._webhook_allowed = allowed if isinstance(allowed, list) and allowed else None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        if self._deliverer is None or self._deliverer.done():
            self._deliverer = asyncio.create_task(self._deliver())
        self._webhook_wake.set()
        return True

    async def _get_webhook_info(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """getWebhookInfo."""
        info: dict[str, Any] = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook_errors and self.webhook_url:
            info["last_error_message"] = self.webhook_errors[-1]
        if self._webhook_allowed is not None:
            info["allowed_updates"] = list(self._webhook_allowed)
        return info

    async def _deliver(self) -> None:
        """The webhook delivery: POST the oldest pending update until the bot takes it."""
        async with aiohttp.ClientSession() as session:
            while self.webhook_url and not self._closing:
                allowed = self._webhook_allowed
                while allowed and self._updates and not any(k in self._updates[0] for k in allowed):
                    self._updates.popleft()  # a kind the bot did not ask for
                if not self._updates:
                    self._webhook_wake.clear()
                    await self._webhook_wake.wait()
                    continue
                update = self._updates[0]
                if await self._post_update(session, update):
                    if self._updates and self._updates[0] is update:
                        self._updates.popleft()
                else:
                    await asyncio.sleep(_WEBHOOK_RETRY)  # Telegram, too, tries again later

    async def _post_update(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> bool:
        """One POST of `update` to the webhook, as Telegram sends it; whether it was taken."""
        headers = {"Content-Type": "application/json"}
        if self.webhook_secret:
            headers[SECRET_HEADER] = self.webhook_secret
        timeout = aiohttp.ClientTimeout(total=_WEBHOOK_TIMEOUT)
        try:
            async with session.post(
                self.webhook_url, data=json.dumps(update), headers=headers, timeout=timeout
            ) as response:
                await response.read()
                status = response.status
                error = f"Wrong response from the webhook: {status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            status, error = 0, f"Connection failed: {exc!r}"
        self.webhook_deliveries.append((update["update_id"], status))
        if 200 <= status < 300:
            return True
        self.webhook_errors.append(error)
        return False

    async def _stop_delivering(self) -> None:
        """Stop the webhook delivery (at stop and at deleteWebhook)."""
        task, self._deliverer = self._deliverer, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
        """(scope type or JSON of the scope, language_code or "")."""
        scope = params.get("scope")
        if not isinstance(scope, dict) or not scope:
            scope_key = "default"
        elif set(scope) == {"type"}:
            scope_key = str(scope["type"])
        else:
            scope_key = json.dumps(scope, sort_keys=True)
        return scope_key, str(params.get("language_code") or "")

    async def _set_my_commands(self, method: str, params: dict[str, Any]) -> bool:
        """setMyCommands: validated and stored by scope and language."""
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            name = str(command.get("command", "")) if isinstance(command, dict) else ""
            if not _BOT_COMMAND_NAME_RE.fullmatch(name):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            description = str(command.get("description", "")).strip()
            if not 1 <= len(description) <= 256:
                raise _ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._commands_key(params)] = [
            {"command": str(c["command"]), "description": str(c["description"])} for c in commands
        ]
        return True

    async def _delete_my_commands(self, method: str, params: dict[str, Any]) -> bool:
        """deleteMyCommands."""
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _get_my_commands(self, method: str, params: dict[str, Any]) -> list[dict[str, str]]:
        """getMyCommands."""
        return self.commands.get(self._commands_key(params), [])

    async def _send_message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """sendMessage."""
        chat = self._prepare_send(params)
        plain, entities = self._formatted(params, "text", _MAX_TEXT, required=True)
        markup = self._check_markup(params)
        self._check_reply_to(chat["id"], params)
        fields: dict[str, Any] = {"text": plain}
        if entities:
            fields["entities"] = entities
        message = self._bot_message(chat, fields, markup)
        raw = str(params.get("text", ""))
        self._messages[(chat["id"], message["message_id"])] = _Stored(
            message, True, raw, params.get("parse_mode")
        )
        self._record(method, params, message, markup, raw_text=raw)
        return message

    def _editable(self, params: dict[str, Any]) -> tuple[dict[str, Any], _Stored] | None:
        """Checks shared by edits: the chat and the bot's message (None for inline messages)."""
        if params.get("inline_message_id") and params.get("chat_id") is None:
            return None
        chat = self._prepare_send(params)
        message_id = params.get("message_id")
        if message_id is None:
            raise _ApiError(400, "Bad Request: message identifier is not specified")
        stored = self._messages.get((chat["id"], message_id))
        if stored is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if not stored.from_bot:
            raise _ApiError(400, "Bad Request: message can't be edited")
        return chat, stored

    def _apply_edit(
        self,
        method: str,
        params: dict[str, Any],
        stored: _Stored,
        changes: dict[str, Any],
        markup: dict[str, Any] | None,
        raw_text: str,
    ) -> dict[str, Any]:
        """Apply an edit unless it changes nothing; record it and return the new Message."""
        old = stored.message
        new = {k: v for k, v in old.items() if k not in ("reply_markup", "edit_date")}
        for key, value in changes.items():
            if value:
                new[key] = value
            else:
                new.pop(key, None)
        if _is_inline(markup):
            new["reply_markup"] = markup
        unchanged = {k: v for k, v in old.items() if k != "edit_date"}
        if new == unchanged:
            raise _ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        new["edit_date"] = int(time.time())
        stored.message = new
        stored.raw_text = raw_text
        if "parse_mode" in params or method != "editMessageReplyMarkup":
            stored.parse_mode = params.get("parse_mode")
        recorded = dict(params)
        if method == "editMessageReplyMarkup" and stored.parse_mode:
            recorded.setdefault("parse_mode", stored.parse_mode)
        self._record(method, recorded, new, markup, raw_text=raw_text)
        return new

    async def _edit_message_text(self, method: str, params: dict[str, Any]) -> Any:
        """editMessageText (a missing reply_markup removes the keyboard, as in Telegram)."""
        target = self._editable(params)
        if target is None:
            return True
        _, stored = target
        if "text" not in stored.message:
            raise _ApiError(400, "Bad Request: there is no text in the message to edit")
        plain, entities = self._formatted(params, "text", _MAX_TEXT, required=True)
        markup = self._check_markup(params)
        changes = {"text": plain, "entities": entities}
        return self._apply_edit(
            method, params, stored, changes, markup, str(params.get("text", ""))
        )

    async def _edit_message_caption(self, method: str, params: dict[str, Any]) -> Any:
        """editMessageCaption."""
        target = self._editable(params)
        if target is None:
            return True
        _, stored = target
        if "text" in stored.message:
            raise _ApiError(400, "Bad Request: there is no caption in the message to edit")
        plain, entities = self._formatted(params, "caption", _MAX_CAPTION, required=False)
        markup = self._check_markup(params)
        changes = {"caption": plain, "caption_entities": entities}
        return self._apply_edit(
            method, params, stored, changes, markup, str(params.get("caption", ""))
        )

    async def _edit_message_reply_markup(self, method: str, params: dict[str, Any]) -> Any:
        """editMessageReplyMarkup (no reply_markup removes the keyboard)."""
        target = self._editable(params)
        if target is None:
            return True
        _, stored = target
        markup = self._check_markup(params)
        if markup is not None and "inline_keyboard" not in markup:
            raise _ApiError(400, "Bad Request: inline keyboard expected")
        return self._apply_edit(method, params, stored, {}, markup, stored.raw_text)

    def _input_file(self, params: dict[str, Any], key: str, default_mime: str) -> _StoredFile:
        """The upload, attach:// reference or file_id in `key`, as a stored file."""
        value = params.get(key)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value[len("attach://") :])
        if isinstance(value, UploadedFile):
            if len(value.data) > _MAX_UPLOAD:
                raise _ApiError(413, "Request Entity Too Large")
            if not value.data:
                raise _ApiError(400, "Bad Request: file must be non-empty")
            mime = value.content_type
            if not mime or mime == "application/octet-stream":
                mime = default_mime
            return self._store_file(value.data, value.filename, mime)
        if isinstance(value, str) and value:
            stored = self._files.get(value)
            if stored is None:
                if value.startswith(("http://", "https://")):
                    raise _ApiError(400, "Bad Request: failed to get HTTP URL content")
                raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            return stored
        raise _ApiError(400, f"Bad Request: there is no {key} in the request")

    def _caption_fields(self, params: dict[str, Any]) -> dict[str, Any]:
        """Validated caption fields of a media message."""
        plain, entities = self._formatted(params, "caption", _MAX_CAPTION, required=False)
        fields: dict[str, Any] = {}
        if plain:
            fields["caption"] = plain
        if entities:
            fields["caption_entities"] = entities
        return fields

    async def _send_document(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """sendDocument (multipart upload or file_id)."""
        return self._send_media(method, params, "document", "application/octet-stream")

    async def _send_photo(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """sendPhoto (the bytes must look like an image)."""
        return self._send_media(method, params, "photo", "image/jpeg")

    def _send_media(
        self, method: str, params: dict[str, Any], key: str, default_mime: str
    ) -> dict[str, Any]:
        """Shared body of sendDocument and sendPhoto."""
        chat = self._prepare_send(params)
        file = self._input_file(params, key, default_mime)
        content = file.content
        if key == "photo" and not content.startswith(_IMAGE_MAGIC) and content[8:12] != b"WEBP":
            raise _ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        fields = self._caption_fields(params)
        markup = self._check_markup(params)
        self._check_reply_to(chat["id"], params)
        ids = {"file_id": file.file_id, "file_unique_id": file.file_unique_id}
        if key == "photo":
            fields["photo"] = [{**ids, "width": 800, "height": 600, "file_size": len(content)}]
        else:
            fields["document"] = {
                **ids,
                "file_name": file.file_name or "document",
                "mime_type": file.mime_type or default_mime,
                "file_size": len(content),
            }
        message = self._bot_message(chat, fields, markup)
        raw = str(params.get("caption", ""))
        self._messages[(chat["id"], message["message_id"])] = _Stored(
            message, True, raw, params.get("parse_mode")
        )
        self._record(
            method, params, message, markup, raw_text=raw, document=content, filename=file.file_name
        )
        return message

    def _source(self, params: dict[str, Any]) -> _Stored:
        """The message a copy or forward takes from from_chat_id/message_id."""
        from_chat, message_id = params.get("from_chat_id"), params.get("message_id")
        stored = None
        if isinstance(from_chat, int) and isinstance(message_id, int):
            stored = self._messages.get((from_chat, message_id))
        if stored is None:
            raise _ApiError(400, "Bad Request: message to copy not found")
        return stored

    async def _copy_message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """copyMessage: returns a MessageId."""
        chat = self._prepare_send(params)
        source = self._source(params).message
        markup = self._check_markup(params)
        fields = {
            k: v
            for k, v in source.items()
            if k not in ("message_id", "from", "chat", "date", "reply_markup", "edit_date")
            and not k.startswith("forward")
        }
        if "caption" in params:
            fields.pop("caption", None)
            fields.pop("caption_entities", None)
            fields.update(self._caption_fields(params))
        message = self._bot_message(chat, fields, markup)
        text = str(message.get("text", message.get("caption", "")))
        self._messages[(chat["id"], message["message_id"])] = _Stored(message, True, text)
        self._record(method, params, message, markup, raw_text=text)
        return {"message_id": message["message_id"]}

    async def _forward_message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """forwardMessage."""
        chat = self._prepare_send(params)
        source = self._source(params).message
        fields = {
            k: v
            for k, v in source.items()
            if k not in ("message_id", "from", "chat", "date", "reply_markup", "edit_date")
        }
        sender = source.get("from", self.bot_user)
        fields.setdefault(
            "forward_origin", {"type": "user", "sender_user": sender, "date": source["date"]}
        )
        message = self._bot_message(chat, fields, None)
        text = str(message.get("text", message.get("caption", "")))
        self._messages[(chat["id"], message["message_id"])] = _Stored(message, True, text)
        self._record(method, params, message, None, raw_text=text)
        return message

    async def _delete_message(self, method: str, params: dict[str, Any]) -> bool:
        """deleteMessage."""
        chat = self._chat(params)
        message_id = params.get("message_id")
        key = (int(chat["id"]), message_id if isinstance(message_id, int) else 0)
        if key not in self._messages:
            raise _ApiError(400, "Bad Request: message to delete not found")
        del self._messages[key]
        self.deleted.append(key)
        return True

    async def _answer_callback_query(self, method: str, params: dict[str, Any]) -> bool:
        """answerCallbackQuery: each query can be answered once."""
        query_id = str(params.get("callback_query_id", ""))
        if self._queries.get(query_id, True):
            raise _ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        if len(str(params.get("text", ""))) > 200:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._queries[query_id] = True
        self.callback_answers[query_id] = params
        return True

    async def _send_chat_action(self, method: str, params: dict[str, Any]) -> bool:
        """sendChatAction."""
        chat = self._chat(params)
        self.chat_actions.append((chat["id"], str(params.get("action", ""))))
        return True

    async def _get_file(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """getFile."""
        stored = self._files.get(str(params.get("file_id", "")))
        if stored is None:
            raise _ApiError(
                400, "Bad Request: wrong file_id or the file is temporarily unavailable"
            )
        if len(stored.content) > _MAX_DOWNLOAD:
            raise _ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    async def _get_chat(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """getChat (a ChatFullInfo with the required fields)."""
        chat = self._chat(params)
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }
