"""A malformed setting is one plain line in DEFAULT_LANGUAGE naming the variable and what it
must look like, never pydantic's own words (issue 7, item 8, part)."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"admin_ids": "abc"},
            "ADMIN_IDS: harus berupa daftar angka (ID Telegram), dipisahkan koma, mis. 12345,67890",
        ),
        ({"send_rate": "cepat"}, "SEND_RATE: harus berupa angka lebih dari 0, paling besar 1000"),
        ({"default_language": "fr"}, "DEFAULT_LANGUAGE: harus id atau en"),
        (
            {"registration_mode": "bebas"},
            "REGISTRATION_MODE: harus salah satu dari: roster, invite, open",
        ),
        (
            {"rehearse_from": "besok pagi"},
            "REHEARSE_FROM: harus berupa tanggal dan jam, mis. 2025-05-15 04:25",
        ),
        (
            {"organizer_chat_id": "grup panitia"},
            "ORGANIZER_CHAT_ID: harus berupa bilangan bulat, mis. -1001234567890",
        ),
        (
            {"default_language": "en", "send_rate": "fast"},
            "SEND_RATE: must be a number above 0, at most 1000",
        ),
    ],
)
def test_a_bad_setting_is_one_plain_line(values: dict[str, object], expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, **values)
    assert str(caught.value) == expected
