"""Keyboards as plain rows of (label, callback_data) turned into Telegram markup."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

__all__ = ["markup"]


def markup(rows: Sequence[Sequence[Sequence[str]]] | None) -> InlineKeyboardMarkup | None:
    """Rows of (label, callback_data) as an inline keyboard; None for no rows."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b[0], callback_data=b[1]) for b in row] for row in rows if row]
    )
