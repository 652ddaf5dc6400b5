"""Plain lines for a malformed setting, instead of pydantic's own words (SPEC §3)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "setting.admin_ids": {
        "id": "harus berupa daftar angka (ID Telegram), dipisahkan koma, mis. 12345,67890",
        "en": "must be a list of numbers (Telegram IDs) separated by commas, e.g. 12345,67890",
    },
    "setting.integer": {
        "id": "harus berupa bilangan bulat, mis. -1001234567890",
        "en": "must be a whole number, e.g. -1001234567890",
    },
    "setting.rate": {
        "id": "harus berupa angka lebih dari 0, paling besar {max}",
        "en": "must be a number above 0, at most {max}",
    },
    "setting.language": {"id": "harus id atau en", "en": "must be id or en"},
    "setting.mode": {
        "id": "harus salah satu dari: {values}",
        "en": "must be one of: {values}",
    },
    "setting.log_level": {
        "id": "harus DEBUG, INFO, WARNING, ERROR atau CRITICAL",
        "en": "must be DEBUG, INFO, WARNING, ERROR or CRITICAL",
    },
    "setting.datetime": {
        "id": "harus berupa tanggal dan jam, mis. 2025-05-15 04:25",
        "en": "must be a date and time, e.g. 2025-05-15 04:25",
    },
    "setting.path": {"id": "harus berupa path berkas", "en": "must be a file path"},
    "setting.other": {"id": "tidak valid ({detail})", "en": "is not valid ({detail})"},
}
