"""The language a person reads: one rule for the chat and the Mini App."""

from __future__ import annotations

from bot.texts import Lang, normalise_language
from db import Database
from db.participants import get_user

__all__ = ["reader_language"]


async def reader_language(
    db: Database, user_id: int, language_code: str | None, default: str
) -> Lang:
    """Their own choice (/bahasa, registration), else Telegram's `language_code`, else the
    default (DEFAULT_LANGUAGE)."""
    fallback = normalise_language(default)
    stored = await get_user(db, user_id)
    if stored is not None and stored.language:
        return normalise_language(stored.language, fallback)
    return normalise_language(language_code, fallback)
