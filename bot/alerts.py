"""Alerts to the organisers, queued in the outbox: the chat's and the Mini App's alike (a
check-in code guessed too often on the page is reported as in the chat)."""

from __future__ import annotations

from html import escape

from bot.attempts import WINDOW, Lockout
from bot.services import Services
from bot.texts import t
from bot.timefmt import fmt_time
from db.outbox import NewMessage, enqueue

__all__ = ["alert_organisers", "hold_time", "queue_alert", "report_lockout"]


def hold_time(svc: Services, held: Lockout, lang: str) -> str:
    """When a held account may try again, in the event's zone: `10.45 WIB`."""
    agenda = svc.agenda.current
    return fmt_time(held.until, lang, agenda.event.tz if agenda is not None else held.until.tzinfo)


async def report_lockout(svc: Services, held: Lockout, **values: object) -> None:
    """Alert the organisers of an account that spent its attempts, once per window.

    For NIPs the alert holds the account id and masked NIPs only; for check-in codes,
    `values` adds the session's title and the participant's name.
    """
    if not held.report:
        return
    lang = svc.settings.default_language
    key = f"attempts:{held.purpose}:{held.scope}:{held.user_id}:{int(held.until.timestamp())}"
    common: dict[str, object] = {
        "user_id": held.user_id,
        "count": held.count,
        "minutes": WINDOW // 60,
        "time": hold_time(svc, held, lang),
    }
    if held.purpose == "nip":
        nips = ", ".join(f"<code>{escape(n)}</code>" for n in held.tried) or "-"
        await alert_organisers(svc, key, "attempts.nip_admin", nips=nips, **common)
    else:
        await alert_organisers(svc, key, "attempts.checkin_admin", **common, **values)


async def alert_organisers(svc: Services, key: str, text_key: str, **values: object) -> None:
    """Queue a message to the organisers' chat (or, without one, to each organiser)."""
    text = t(svc.settings.default_language, text_key, **values)
    await queue_alert(svc, key, text)


async def queue_alert(
    svc: Services, key: str, text: str, keyboard: list[list[tuple[str, str]]] | None = None
) -> None:
    """Queue `text` (with buttons) to the organisers' chat, or to each organiser; `key`
    makes it once only."""
    settings = svc.settings
    targets = (
        [settings.organizer_chat_id]
        if settings.organizer_chat_id is not None
        else sorted(settings.admin_ids)
    )
    payload: dict[str, object] = {"text": text}
    if keyboard:
        payload["keyboard"] = [[list(b) for b in row] for row in keyboard]
    messages = [
        NewMessage(
            key=f"alert:{key}:{chat}", purpose="alert", item=key, chat_id=chat, payload=payload
        )
        for chat in targets
    ]
    if messages:
        await enqueue(svc.db, messages, at=svc.clock.timestamp())
        if svc.outbox is not None:
            svc.outbox.wake()
