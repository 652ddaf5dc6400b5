"""Telegram Mini App `initData`: the only way a web page proves who opened it (issue 11, item 2).

Telegram signs the query string it hands the page (https://core.telegram.org/bots/webapps,
"Validating data received via the Mini App"): every field but `hash`, as sorted `key=value`
lines joined by newlines, HMAC-SHA256'd with the key HMAC-SHA256(key="WebAppData",
msg=bot_token). Pure functions: the caller passes the wall-clock time (never the rehearsal
clock: a rehearsal that starts in May 2025 must not make today's signature look ancient).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

__all__ = [
    "MAX_AGE",
    "InitData",
    "InvalidInitData",
    "WebAppUser",
    "data_check_string",
    "sign_init_data",
    "verify_init_data",
]

MAX_AGE = 24 * 3600  # seconds an initData stays good (issue 11: no older than 24 hours)
FUTURE_SKEW = 300  # seconds a signature may lie ahead of our clock (clocks drift)
MAX_LENGTH = 8192  # Telegram's initData is a few hundred bytes; anything huge is not it


class InvalidInitData(Exception):
    """The initData is not Telegram's, not this bot's, too old, or incomplete; `reason` says
    which (for the log, never for the page: a forger learns nothing)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class WebAppUser:
    """The Telegram user who opened the page."""

    id: int
    first_name: str
    language_code: str | None = None


@dataclass(frozen=True)
class InitData:
    """A verified initData."""

    user: WebAppUser
    auth_date: int
    fields: dict[str, str]


def _secret(token: str) -> bytes:
    return hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    """Every field but `hash`, as `key=value` lines in key order."""
    return "\n".join(f"{k}={v}" for k, v in sorted(fields.items()) if k != "hash")


def _signature(fields: dict[str, str], token: str) -> str:
    return hmac.new(_secret(token), data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def sign_init_data(fields: dict[str, str], token: str) -> str:
    """The initData query string Telegram would give a page for these fields (tests and the
    benchmark stand in for Telegram with it)."""
    signed = {k: v for k, v in fields.items() if k != "hash"}
    signed["hash"] = _signature(signed, token)
    return urlencode(signed)


def verify_init_data(raw: str, token: str, *, now: float, max_age: int = MAX_AGE) -> InitData:
    """The initData's user, if `raw` is signed with this bot's token, no older than `max_age`
    seconds at wall-clock time `now`, and complete; else InvalidInitData."""
    if not raw or len(raw) > MAX_LENGTH:
        raise InvalidInitData("empty or oversized")
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidInitData("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData("a field given twice")
    given = fields.get("hash")
    if not given:
        raise InvalidInitData("no hash")
    # Constant time: a forger learns nothing from how long the refusal took.
    if not hmac.compare_digest(_signature(fields, token).encode(), given.lower().encode()):
        raise InvalidInitData("wrong hash")
    # Signed, so the rest is Telegram's word; still check it is all there.
    auth = fields.get("auth_date", "")
    if not auth.isdigit():
        raise InvalidInitData("no auth_date")
    auth_date = int(auth)
    if now - auth_date > max_age:
        raise InvalidInitData("auth_date too old")
    if auth_date - now > FUTURE_SKEW:
        raise InvalidInitData("auth_date in the future")
    try:
        user = json.loads(fields["user"])
        user_id = user["id"]
    except (KeyError, ValueError, TypeError):
        raise InvalidInitData("no user") from None
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise InvalidInitData("no user")
    code = user.get("language_code")
    return InitData(
        user=WebAppUser(
            id=user_id,
            first_name=str(user.get("first_name", "")),
            language_code=code if isinstance(code, str) else None,
        ),
        auth_date=auth_date,
        fields=fields,
    )
