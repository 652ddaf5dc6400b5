"""Keyboards as plain rows of (label, callback_data) turned into Telegram markup; a
(label, url, "web_app") button opens the Mini App."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

__all__ = ["WEB_APP", "markup", "web_app_button"]

WEB_APP = "web_app"  # the third item of a button that opens the Mini App at its url


def web_app_button(label: str, url: str) -> tuple[str, str, str]:
    """A button that opens the Mini App (Telegram allows these in private chats only)."""
    return (label, url, WEB_APP)


def _button(b: Sequence[str]) -> InlineKeyboardButton:
    if len(b) == 3 and b[2] == WEB_APP:
        return InlineKeyboardButton(b[0], web_app=WebAppInfo(b[1]))
    return InlineKeyboardButton(b[0], callback_data=b[1])


def markup(rows: Sequence[Sequence[Sequence[str]]] | None) -> InlineKeyboardMarkup | None:
    """Rows of (label, callback_data) as an inline keyboard; None for no rows."""
    if not rows:
        return None
    return InlineKeyboardMarkup([[_button(b) for b in row] for row in rows if row])
