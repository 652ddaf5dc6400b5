"""Every user-visible word, in Indonesian and English, looked up by key."""

from __future__ import annotations

from typing import Any, Literal

from bot.texts import (
    broadcasts,
    chat,
    cli,
    details,
    export,
    privacy,
    problems,
    questions,
    reflections,
    settings,
    tester,
    webapp,
    webhook,
)
from bot.texts import rekap as rekap_texts

__all__ = ["LANGUAGES", "TEXTS", "Lang", "normalise_language", "t"]

Lang = Literal["id", "en"]
LANGUAGES: tuple[Lang, ...] = ("id", "en")

TEXTS: dict[str, dict[str, str]] = {
    **chat.TEXTS,
    **problems.TEXTS,
    **settings.TEXTS,
    **details.TEXTS,
    **questions.TEXTS,
    **cli.TEXTS,
    **broadcasts.TEXTS,
    **reflections.TEXTS,
    **rekap_texts.TEXTS,
    **export.TEXTS,
    **webapp.TEXTS,
    **webhook.TEXTS,
    **privacy.TEXTS,
    **tester.TEXTS,
}


def normalise_language(code: str | None, default: Lang = "id") -> Lang:
    """Map a Telegram `language_code` (or a stored choice) to one of ours."""
    if code:
        code = code.lower()
        if code.startswith("en"):
            return "en"
        if code.startswith(("id", "in", "ms", "jv", "su")):
            return "id"
    return default


def t(lang: str, key: str, /, **values: Any) -> str:
    """The text for `key` in `lang` with its placeholders filled; a missing key is a bug."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry["id"]
    return text.format(**values) if values else text
