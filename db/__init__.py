"""SQLite storage: one connection, WAL, numbered migrations; no Telegram in here."""

from db.database import Database

__all__ = ["Database"]
