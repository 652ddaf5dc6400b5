"""Command line: run, import-agenda, import-roster, preview, invites, check (SPEC §4)."""

from __future__ import annotations

import argparse
import asyncio
import html
import io
import logging
import os
import re
import secrets
import signal
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from telegram.error import InvalidToken, NetworkError

from bot.agenda_io import load_agenda_file, sample_agenda
from bot.changes import import_agenda
from bot.clock import Clock
from bot.imports import event_today
from bot.logs import setup_logging
from bot.models import Agenda, RosterEntry
from bot.problems import render_problems, source_of
from bot.roster import load_roster_file
from bot.schedule import RESERVED_KINDS, plan
from bot.settings import Settings, SettingsError, load_settings
from bot.spreadsheet import spreadsheet_safe
from bot.texts import t
from db import Database, DatabaseUnavailable, SchemaError
from db.agenda import load_agenda
from db.participants import list_participants
from db.roster import invites, list_roster, roster_size, set_invite, upsert_roster

__all__ = ["main", "qr_filenames"]

log = logging.getLogger("bot")

EXIT_OK, EXIT_BAD_INPUT = 0, 2
EXIT_BROKEN_PIPE = 1  # what Python itself exits with on EPIPE


class BadInput(Exception):
    """A one-line reason to exit with status 2."""


def _setup_logging(settings: Settings) -> None:
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    setup_logging(settings.log_level, [token.strip()])


async def _run(settings: Settings, rehearse_from: str | None, speed: float | None) -> None:
    from bot.app import running

    updates: dict[str, object] = {}
    if rehearse_from:
        updates["rehearse_from"] = rehearse_from
    if speed:
        updates["rehearse_speed"] = speed
    if updates:
        settings = load_settings(**{**settings.model_dump(), **updates})
    settings.token  # noqa: B018 - fail early with the one-line message
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with running(settings):
        await stop.wait()


def _print_problems(problems: Sequence[object], filename: str, lang: str) -> None:
    from bot.models import Problem

    probs = [p for p in problems if isinstance(p, Problem)]
    print(t(lang, "cli.refused", count=len(probs)))
    for line in render_problems(probs, lang, source=source_of(filename)):
        print(f"  - {line}")


async def _import_agenda(settings: Settings, path: Path) -> None:
    lang = settings.default_language
    if not path.exists():
        raise BadInput(t(lang, "cli.no_file", path=path))
    db = await Database.open(settings.database_path)
    try:
        current = await load_agenda(db)
        loaded, problems = load_agenda_file(
            path,
            event=current.event if current else None,
            schedule=current.schedule if current else None,
            questions=current.questions if current else None,
            today=event_today(Clock(), settings.rehearse_from),
        )
        if loaded is None:
            _print_problems(problems, path.name, lang)
            raise BadInput(t(lang, "cli.refused", count=len(problems)).rstrip(":"))
        result = await import_agenda(db, Clock(), loaded, source=str(path), default_lang=lang)
        print(t(lang, "cli.agenda_imported", **result.__dict__))
    finally:
        await db.close()


async def _import_roster(settings: Settings, path: Path) -> None:
    lang = settings.default_language
    if not path.exists():
        raise BadInput(t(lang, "cli.no_file", path=path))
    entries, problems = load_roster_file(path, today=event_today(Clock(), settings.rehearse_from))
    if problems:
        _print_problems(problems, path.name, lang)
        raise BadInput(t(lang, "cli.refused", count=len(problems)).rstrip(":"))
    db = await Database.open(settings.database_path)
    try:
        counts = await upsert_roster(db, entries, at=Clock().timestamp())
        total = await roster_size(db)
        print(t(lang, "cli.roster_imported", **counts.__dict__, total=total))
    finally:
        await db.close()


async def _preview(settings: Settings, day: date | None) -> None:
    from bot.render import at_send_time
    from jobs.scheduler import messages_for

    lang = settings.default_language
    db = await Database.open(settings.database_path)
    try:
        agenda = await _agenda_in_force(db, settings)
        people = await list_participants(db, active_only=True)
        tz = agenda.event.tz
        items = [
            p for p in plan(agenda, include_reserved=True) if day is None or p.due.date() == day
        ]
        if not items:
            print(t(lang, "cli.preview_none"))
        for item in items:
            when = item.due.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            if item.kind in RESERVED_KINDS:
                count, first = len(people), t(lang, f"kind.{item.kind}")
            else:
                rows = messages_for(agenda, item, people, default_lang=lang)
                sample = (
                    at_send_time(rows[0].payload, item.due.timestamp())
                    if rows
                    else _guest_text(agenda, item, lang)
                )
                count, first = len(rows), _first_line(str(sample))
            print(
                t(
                    lang,
                    "cli.preview_line",
                    time=when,
                    kind=t(lang, f"kind.{item.kind}"),
                    audience=count,
                    text=first,
                )
            )
    finally:
        await db.close()


def _guest_text(agenda: object, item: object, lang: str) -> str:
    """What the message would say to someone in its audience, when nobody has registered yet."""
    from bot.models import Agenda
    from bot.render import at_send_time, briefing, reminder
    from bot.schedule import Planned

    assert isinstance(agenda, Agenda) and isinstance(item, Planned)
    if item.kind == "briefing":
        return briefing(lang, agenda, agenda.sessions, date.fromisoformat(item.item), "…")[0]
    assert item.session is not None and item.lead is not None
    text = reminder(lang, item.session, agenda.event.tz)[0]
    starts = item.session.start_at(agenda.event.tz).timestamp()
    payload = {"text": text, "starts_at": starts, "lead": item.lead, "lang": lang}
    return at_send_time(payload, item.due.timestamp())


def _first_line(message: str) -> str:
    """The first line of an HTML message as a reader sees it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", message).split("\n", 1)[0])[:90]


# A bot's username as Telegram allows it; a deep link's start payload (Bot API, /start).
BOT_USERNAME = re.compile(r"@?[A-Za-z0-9_]{5,32}")
START_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
# How the invite QR codes are made and saved; tests re-render with the same options.
QR_MAKE: dict[str, Any] = {"error": "m"}
QR_SAVE: dict[str, Any] = {"kind": "png", "scale": 10, "border": 4}


def _new_code() -> str:
    """A fresh deep-link code: 16 URL-safe characters, a valid start payload."""
    code = secrets.token_urlsafe(12)
    assert START_PAYLOAD.fullmatch(code), code
    return code


async def _invites(settings: Settings, username: str, qr_dir: Path | None) -> None:
    """Print a deep link per roster entry, creating codes on first use; optionally QR cards.

    Codes are kept across runs, so links already printed stay valid; a stored code that is not
    a valid start payload (it could never work) is replaced.
    """
    lang = settings.default_language
    if not BOT_USERNAME.fullmatch(username):
        raise BadInput(t(lang, "cli.bad_bot", bot=repr(username)))
    bot = username.lstrip("@")
    cards: list[tuple[RosterEntry, str]] = []
    db = await Database.open(settings.database_path)
    try:
        codes = await invites(db)
        for entry in await list_roster(db):
            code = codes.get(entry.nip)
            if code is None or not START_PAYLOAD.fullmatch(code):
                code = _new_code()
                await set_invite(db, entry.nip, code)
            link = f"https://t.me/{bot}?start={code}"
            cards.append((entry, link))
            # tab-separated, to paste into a spreadsheet: no cell may start a formula
            print(f"{spreadsheet_safe(entry.name)}\t{spreadsheet_safe(entry.unit)}\t{link}")
    finally:
        await db.close()
    if not cards:
        print(t(lang, "cli.invites_none"), file=sys.stderr)
    if qr_dir is not None:
        try:
            index = _write_qr_cards(qr_dir, cards, lang)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise BadInput(t(lang, "cli.qr_dir_bad", dir=qr_dir, reason=reason)) from exc
        # stderr: stdout stays the link lines only, fit for `> links.tsv`.
        print(t(lang, "cli.qr_written", count=len(cards), dir=qr_dir, index=index), file=sys.stderr)


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Siti Aminah, M.Pd." -> "siti-aminah-m-pd"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-") or "peserta"


def qr_filenames(entries: Sequence[RosterEntry]) -> list[str]:
    """`<last 4 of NIP>-<slug of name>.png` per entry, in order; a repeat gets -2, -3, ..."""
    used: set[str] = set()
    names = []
    for entry in entries:
        stem = f"{entry.nip[-4:]}-{_slug(entry.name)}"
        name, n = f"{stem}.png", 1
        while name in used:
            n += 1
            name = f"{stem}-{n}.png"
        used.add(name)
        names.append(name)
    return names


_CARDS_PER_PAGE = 9  # 3 x 3 cards of 63 x 90 mm on A4 with 10 mm margins

_PAGE_CSS = """\
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: Arial, Helvetica, sans-serif; color: #000; }
.page { display: grid; grid-template-columns: repeat(3, 63mm); grid-auto-rows: 90mm;
  width: 189mm; break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.card { border: 1px dashed #888; padding: 4mm 3mm; text-align: center; overflow: hidden;
  display: flex; flex-direction: column; align-items: center;
  break-inside: avoid; page-break-inside: avoid; }
.name { font-weight: bold; font-size: 11pt; line-height: 1.2; }
.unit { font-size: 8.5pt; line-height: 1.2; margin-top: 1mm; }
.group { font-size: 9pt; font-weight: bold; margin-top: 1mm; }
.card img { width: 44mm; height: 44mm; margin-top: auto; image-rendering: pixelated; }
.scan { font-size: 8pt; }
.link { font-family: "Courier New", monospace; font-size: 6.5pt; word-break: break-all;
  margin-top: 1mm; margin-bottom: auto; }
@media screen { body { padding: 10mm; background: #eee; }
  .page { background: #fff; margin-bottom: 10mm; } }
"""


def _write_qr_cards(folder: Path, cards: Sequence[tuple[RosterEntry, str]], lang: str) -> Path:
    """One PNG per card plus a printable A4 `index.html` in folder; the index's path."""
    import segno  # only the CLI needs it

    folder.mkdir(parents=True, exist_ok=True)
    files = qr_filenames([entry for entry, _ in cards])
    blocks: list[str] = []
    for (entry, link), filename in zip(cards, files, strict=True):
        segno.make_qr(link, **QR_MAKE).save(str(folder / filename), **QR_SAVE)
        name = html.escape(entry.name)
        blocks.append(
            '<div class="card">'
            f'<div class="name">{name}</div>'
            f'<div class="unit">{html.escape(entry.unit)}</div>'
            f'<div class="group">{html.escape(entry.group)}</div>'
            f'<img src="{html.escape(filename)}" alt="QR {name}">'
            f'<div class="scan">{html.escape(t(lang, "cli.qr_scan"))}</div>'
            f'<div class="link">{html.escape(link)}</div>'
            "</div>"
        )
    pages = [
        '<section class="page">\n' + "\n".join(blocks[i : i + _CARDS_PER_PAGE]) + "\n</section>"
        for i in range(0, len(blocks), _CARDS_PER_PAGE)
    ]
    title = html.escape(t(lang, "cli.qr_title"))
    index = folder / "index.html"
    index.write_text(
        f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>\n{_PAGE_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(pages)
        + "\n</body>\n</html>\n",
        encoding="utf-8",
    )
    return index


async def _agenda_in_force(db: Database, settings: Settings) -> Agenda:
    """The database's agenda, else what `run` would load: EVENT_FILE or the built-in sample."""
    agenda = await load_agenda(db)
    if agenda is not None:
        return agenda
    if settings.event_file is not None:
        return _event_file(settings)
    return sample_agenda()


def _event_file(settings: Settings) -> Agenda:
    """EVENT_FILE's agenda, valid; else BadInput naming EVENT_FILE (problems printed first)."""
    assert settings.event_file is not None
    path = Path(settings.event_file)
    if not path.is_file():
        raise BadInput(t(settings.default_language, "cli.event_file_missing", path=path))
    loaded, problems = load_agenda_file(path, today=event_today(Clock(), settings.rehearse_from))
    if loaded is None:
        _print_problems(problems, path.name, settings.default_language)
        raise BadInput(f"EVENT_FILE: {path}")
    return loaded


async def _check(settings: Settings) -> None:
    """Settings `run` needs (BOT_TOKEN; EVENT_FILE, when set, even if the database already
    holds an agenda), then the database and the agenda in force; the first problem found is
    BadInput."""
    lang = settings.default_language
    try:
        settings.token  # noqa: B018 - raises when unset
    except SettingsError:
        raise BadInput(t(lang, "cli.check_no_token")) from None
    from_file = _event_file(settings) if settings.event_file is not None else None
    db = await Database.open(settings.database_path)
    try:
        schema = await db.schema_version()
        agenda = await load_agenda(db) or from_file or sample_agenda()
        print(t(lang, "cli.check_ok", schema=schema, sessions=len(agenda.sessions)))
    finally:
        await db.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Retret Bot")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run the bot (long polling)")
    run.add_argument("--rehearse-from", help="start the event clock at this local time")
    run.add_argument("--speed", type=float, help="rehearsal clock speed")
    sub.add_parser("import-agenda", help="replace the agenda (YAML, CSV, XLSX)").add_argument(
        "file", type=Path
    )
    sub.add_parser("import-roster", help="upsert the roster by NIP (CSV, XLSX)").add_argument(
        "file", type=Path
    )
    preview = sub.add_parser("preview", help="every automatic message, in time order")
    preview.add_argument("--date", type=date.fromisoformat, help="only this day (YYYY-MM-DD)")
    inv = sub.add_parser("invites", help="one-tap registration links for the roster")
    inv.add_argument("--bot", required=True, help="the bot's username")
    inv.add_argument(
        "--qr", type=Path, metavar="DIR", help="also write a QR code PNG per entry and index.html"
    )
    sub.add_parser("check", help="validate settings, database and agenda")
    return parser


def _silence_stdout() -> None:
    """Send whatever stdout still holds, and anything printed later, to devnull."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (tests capture it)
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives to exit
    finally:
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; 0 on success, 2 on bad input with a one-line reason."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        _setup_logging(settings)
        command = args.command or "run"
        if command == "run":
            asyncio.run(
                _run(settings, getattr(args, "rehearse_from", None), getattr(args, "speed", None))
            )
        elif command == "import-agenda":
            asyncio.run(_import_agenda(settings, args.file))
        elif command == "import-roster":
            asyncio.run(_import_roster(settings, args.file))
        elif command == "preview":
            asyncio.run(_preview(settings, args.date))
        elif command == "invites":
            asyncio.run(_invites(settings, args.bot, args.qr))
        elif command == "check":
            asyncio.run(_check(settings))
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
    except BrokenPipeError:
        # The reader left (`python -m bot preview | head`): stop quietly, as Python's docs advise
        # (library/signal.html, "Note on SIGPIPE"): point stdout at devnull so that the flush at
        # exit does not fail again.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (SettingsError, BadInput, DatabaseUnavailable, SchemaError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except InvalidToken:
        print(
            "error: BOT_TOKEN: Telegram rejected the token (check it with @BotFather)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except NetworkError as exc:  # at start-up only: once running, PTB retries by itself
        print(
            f"error: TELEGRAM_BASE_URL: cannot reach the Bot API ({exc.message})", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
