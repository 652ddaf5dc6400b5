"""SQLite storage: one connection, WAL, numbered migrations; no Telegram in here."""

from db.database import Database, DatabaseUnavailable, SchemaError

__all__ = ["Database", "DatabaseUnavailable", "SchemaError"]
