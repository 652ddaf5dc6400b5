"""Webhook mode's settings and start-up problems (issue 10, item 2); one plain line each, like
bot/texts/settings.py."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "cli.help.webhook": {
        "id": "terima pembaruan lewat webhook (WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_PORT) "
        "alih-alih long polling",
        "en": "receive updates by webhook (WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_PORT) "
        "instead of long polling",
    },
    "setting.webhook_secret": {
        "id": "harus 1–256 karakter A-Z, a-z, 0-9, _ atau -",
        "en": "must be 1–256 characters A-Z, a-z, 0-9, _ or -",
    },
    "setting.webhook_url": {
        "id": "harus berupa alamat lengkap, mis. https://bot.example.go.id/telegram",
        "en": "must be a full address, e.g. https://bot.example.go.id/telegram",
    },
    "setting.port": {
        "id": "harus berupa nomor port 1–65535, mis. 8443",
        "en": "must be a port number 1–65535, e.g. 8443",
    },
    "webhook.no_url": {
        "id": "WEBHOOK_URL belum diisi: mode webhook memerlukan alamat HTTPS yang dipanggil "
        "Telegram, mis. https://bot.example.go.id/telegram",
        "en": "WEBHOOK_URL is not set: webhook mode needs the HTTPS address Telegram calls, "
        "e.g. https://bot.example.go.id/telegram",
    },
    "webhook.no_secret": {
        "id": "WEBHOOK_SECRET belum diisi: mode webhook (WEBHOOK_URL) memerlukannya, "
        "1–256 karakter A-Z, a-z, 0-9, _ atau -",
        "en": "WEBHOOK_SECRET is not set: webhook mode (WEBHOOK_URL) needs it, "
        "1–256 characters A-Z, a-z, 0-9, _ or -",
    },
    "webhook.port_unusable": {
        "id": "WEBHOOK_PORT: port {port} di {listen} tidak dapat dipakai ({reason})",
        "en": "WEBHOOK_PORT: port {port} on {listen} cannot be used ({reason})",
    },
    "webhook.refused": {
        "id": "WEBHOOK_URL: Telegram menolak alamat webhook ({reason})",
        "en": "WEBHOOK_URL: Telegram refused the webhook address ({reason})",
    },
}
