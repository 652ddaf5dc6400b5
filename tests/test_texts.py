"""Every text exists in Indonesian and English with the same placeholders."""

from __future__ import annotations

import string
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from bot.texts import TEXTS, t
from bot.timefmt import fmt_date, fmt_minutes, fmt_time, zone_abbr


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_have_the_text_with_the_same_placeholders(key: str) -> None:
    entry = TEXTS[key]
    assert set(entry) == {"id", "en"}, key
    assert entry["id"].strip() and entry["en"].strip()
    assert _fields(entry["id"]) == _fields(entry["en"]), key


def test_missing_key_is_a_loud_error() -> None:
    with pytest.raises(KeyError):
        t("id", "no.such.key")


def test_times_and_dates_are_written_the_indonesian_and_english_way() -> None:
    jkt = ZoneInfo("Asia/Jakarta")
    assert fmt_time(time(8, 0), "id", jkt) == "08.00 WIB"
    assert fmt_time(time(8, 0), "en", jkt) == "08:00 WIB"
    assert fmt_date(date(2025, 5, 15), "id") == "Kamis, 15 Mei 2025"
    assert fmt_date(date(2025, 5, 15), "en") == "Thursday, 15 May 2025"
    assert zone_abbr(ZoneInfo("Asia/Makassar")) == "WITA"
    assert zone_abbr(ZoneInfo("Asia/Jayapura")) == "WIT"
    assert fmt_minutes(70, "id") == "1 jam 10 menit"
    assert fmt_minutes(5, "en") == "5 min"
