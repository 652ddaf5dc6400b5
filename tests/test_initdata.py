"""Mini App initData verification (issue 11, item 2): the documented HMAC scheme, refusals."""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import quote

import pytest

from bot.initdata import (
    MAX_AGE,
    InvalidInitData,
    data_check_string,
    sign_init_data,
    verify_init_data,
)

TOKEN = "123456:ABC-this-bot"
OTHER = "654321:XYZ-another-bot"
NOW = 1_764_370_000.0  # a wall-clock moment (late 2025)
USER = {"id": 5001, "first_name": "Budi", "language_code": "id"}


def fields(**changes: object) -> dict[str, str]:
    base: dict[str, str] = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(USER, separators=(",", ":")),
        "auth_date": str(int(NOW) - 60),
    }
    for k, v in changes.items():
        if v is None:
            base.pop(k, None)
        else:
            base[k] = str(v)
    return base


def test_signature_follows_telegrams_documented_scheme_by_hand() -> None:
    f = fields()
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{k}={f[k]}" for k in sorted(f))
    expected = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    raw = "&".join(f"{k}={quote(v, safe='')}" for k, v in f.items()) + f"&hash={expected}"
    got = verify_init_data(raw, TOKEN, now=NOW)
    assert got.user.id == 5001
    assert got.user.first_name == "Budi"
    assert got.user.language_code == "id"
    assert data_check_string({**f, "hash": "x"}) == check


def test_signed_init_data_round_trips() -> None:
    got = verify_init_data(sign_init_data(fields(), TOKEN), TOKEN, now=NOW)
    assert got.auth_date == int(NOW) - 60


def _refused(raw: str, reason: str, now: float = NOW) -> None:
    with pytest.raises(InvalidInitData) as caught:
        verify_init_data(raw, TOKEN, now=now)
    assert caught.value.reason == reason


def test_wrong_hash_is_refused() -> None:
    raw = sign_init_data(fields(), TOKEN)
    tampered = raw.replace("5001", "5002")  # someone else's id, the old signature
    _refused(tampered, "wrong hash")
    _refused(raw[:-4] + "0000", "wrong hash")


def test_another_bots_token_is_refused() -> None:
    _refused(sign_init_data(fields(), OTHER), "wrong hash")


def test_old_auth_date_is_refused() -> None:
    old = fields(auth_date=int(NOW) - MAX_AGE - 1)
    _refused(sign_init_data(old, TOKEN), "auth_date too old")
    fresh_enough = fields(auth_date=int(NOW) - MAX_AGE + 5)
    assert verify_init_data(sign_init_data(fresh_enough, TOKEN), TOKEN, now=NOW).user.id == 5001


def test_far_future_auth_date_is_refused() -> None:
    _refused(sign_init_data(fields(auth_date=int(NOW) + 3600), TOKEN), "auth_date in the future")


@pytest.mark.parametrize(
    ("missing", "reason"),
    [("auth_date", "no auth_date"), ("user", "no user")],
)
def test_a_missing_field_is_refused(missing: str, reason: str) -> None:
    _refused(sign_init_data(fields(**{missing: None}), TOKEN), reason)


def test_missing_hash_and_garbage_are_refused() -> None:
    raw = sign_init_data(fields(), TOKEN)
    _refused(raw.split("&hash=")[0], "no hash")
    _refused("", "empty or oversized")
    _refused("x" * 10_000, "empty or oversized")
    _refused("no-equals-sign", "not a query string")
    _refused(raw + "&auth_date=1", "a field given twice")


@pytest.mark.parametrize("user", ['{"first_name":"x"}', "not json", '{"id":"5001"}', "[1]"])
def test_a_user_without_a_numeric_id_is_refused(user: str) -> None:
    _refused(sign_init_data(fields(user=user), TOKEN), "no user")
