"""Settings from the environment and `.env` (SPEC §3)."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.texts import t

__all__ = [
    "DEFAULT_WEBHOOK_PORT",
    "Settings",
    "SettingsError",
    "load_settings",
    "message_language",
    "webhook_secret",
]

DEFAULT_WEBHOOK_PORT = 8443
# What Telegram accepts as setWebhook's secret_token.
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the variable."""


class Settings(BaseSettings):
    """Every setting of the bot; tests construct it directly."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    database_path: Path = Path("data/retret.db")
    event_file: Path | None = None
    default_language: Literal["id", "en"] = "id"
    registration_mode: Literal["roster", "invite", "open"] = "roster"
    organizer_chat_id: int | None = None
    send_rate: float = Field(default=25.0, gt=0, le=1000)
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_base_file_url: str = "https://api.telegram.org/file/bot"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_port: int | None = Field(default=None, ge=1, le=65535)  # None: DEFAULT_WEBHOOK_PORT
    webhook_listen: str = "127.0.0.1"  # behind a reverse proxy on the same host
    rehearse_from: datetime | None = None
    rehearse_speed: float = Field(default=1.0, gt=0, le=100_000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    webapp_url: str | None = None  # the Mini App's public https address (issue 11)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept `1,2,3` as well as a list."""
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator(
        "event_file",
        "organizer_chat_id",
        "webhook_url",
        "webhook_secret",
        "webhook_port",
        "rehearse_from",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """An empty variable means unset."""
        return None if value == "" else value

    @field_validator("webapp_url", mode="before")
    @classmethod
    def _webapp_https(cls, value: object) -> object:
        """Empty means unset; else a full https address (Telegram opens Mini Apps over
        https only)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip()
        if urlsplit(text).scheme != "https" or not urlsplit(text).hostname:
            raise ValueError("not a full https URL")
        return text

    @field_validator("webhook_url")
    @classmethod
    def _full_url(cls, value: str | None) -> str | None:
        """An http(s) address with a host (Telegram itself insists on https)."""
        if value is not None:
            parts = urlsplit(value.strip())
            if parts.scheme not in ("https", "http") or not parts.hostname:
                raise ValueError("not a full http(s) URL")
            return value.strip()
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        """1–256 characters A-Z a-z 0-9 _ -, as Telegram's secret_token."""
        if value is not None and not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("not a valid secret token")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        """Accept `info` as well as `INFO`."""
        return value.upper() if isinstance(value, str) else value

    @property
    def token(self) -> str:
        """The bot token; raises SettingsError when it is not set."""
        if self.bot_token is None or not self.bot_token.get_secret_value().strip():
            raise SettingsError("BOT_TOKEN is not set: put the token from @BotFather in .env")
        return self.bot_token.get_secret_value().strip()

    def is_admin(self, user_id: int | None) -> bool:
        """Whether this Telegram user is an organiser."""
        return user_id is not None and user_id in self.admin_ids


# What each setting must look like, as a text key (and its values) in bot/texts/settings.py.
_EXPECTED: dict[str, tuple[str, dict[str, object]]] = {
    "admin_ids": ("setting.admin_ids", {}),
    "organizer_chat_id": ("setting.integer", {}),
    "webhook_port": ("setting.port", {}),
    "webhook_url": ("setting.webhook_url", {}),
    "webhook_secret": ("setting.webhook_secret", {}),
    "send_rate": ("setting.rate", {"max": 1000}),
    "rehearse_speed": ("setting.rate", {"max": 100_000}),
    "default_language": ("setting.language", {}),
    "registration_mode": ("setting.mode", {"values": "roster, invite, open"}),
    "log_level": ("setting.log_level", {}),
    "rehearse_from": ("setting.datetime", {}),
    "database_path": ("setting.path", {}),
    "event_file": ("setting.path", {}),
    "webapp_url": ("webapp.setting_url", {}),
}


def message_language(overrides: dict[str, object] | None = None) -> str:
    """The language to complain in: DEFAULT_LANGUAGE if it is itself readable, else id."""
    raw = (overrides or {}).get("default_language") or os.environ.get("DEFAULT_LANGUAGE")
    if raw is None and Path(".env").is_file():
        raw = dotenv_values(".env").get("DEFAULT_LANGUAGE")
    return "en" if str(raw or "").strip().lower() == "en" else "id"


def load_settings(*, lang: str | None = None, **overrides: object) -> Settings:
    """Read settings; a bad one becomes a SettingsError: one plain line naming the variable
    and what it must look like, in `lang` (the command line's --lang) or DEFAULT_LANGUAGE."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        key, values = _EXPECTED.get(field, ("setting.other", {}))
        lang = lang or message_language(overrides)
        detail = t(lang, key, **values, detail=first["msg"])
        raise SettingsError(f"{field.upper() or 'settings'}: {detail}") from None


def webhook_secret(settings: Settings, lang: str) -> str:
    """WEBHOOK_SECRET, which webhook mode requires; SettingsError in `lang` when unset."""
    if settings.webhook_secret is None:
        raise SettingsError(t(lang, "webhook.no_secret"))
    return settings.webhook_secret.get_secret_value()
