"""Command line: run, import-agenda, import-roster, preview, invites, check (SPEC §4)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import secrets
import signal
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.agenda_io import load_agenda_file, sample_agenda
from bot.changes import import_agenda
from bot.clock import Clock
from bot.models import Agenda
from bot.problems import render_problems, source_of
from bot.roster import load_roster_file
from bot.schedule import RESERVED_KINDS, plan
from bot.settings import Settings, SettingsError, load_settings
from bot.texts import t
from db import Database, DatabaseUnavailable, SchemaError
from db.agenda import load_agenda
from db.participants import list_participants
from db.roster import invites, list_roster, roster_size, set_invite, upsert_roster

__all__ = ["main"]

log = logging.getLogger("bot")

EXIT_OK, EXIT_BAD_INPUT = 0, 2


class BadInput(Exception):
    """A one-line reason to exit with status 2."""


def _setup_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


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
    entries, problems = load_roster_file(path)
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
                sample = rows[0].payload["text"] if rows else _guest_text(agenda, item, lang)
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
    from bot.render import briefing, reminder
    from bot.schedule import Planned

    assert isinstance(agenda, Agenda) and isinstance(item, Planned)
    if item.kind == "briefing":
        return briefing(lang, agenda, agenda.sessions, date.fromisoformat(item.item), "…")[0]
    assert item.session is not None and item.lead is not None
    return reminder(lang, item.session, item.lead, agenda.event.tz)[0]


def _first_line(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).split("\n", 1)[0].replace("&amp;", "&")[:90]


async def _invites(settings: Settings, username: str) -> None:
    """Print a deep link per roster entry, creating codes on first use."""
    db = await Database.open(settings.database_path)
    try:
        codes = await invites(db)
        for entry in await list_roster(db):
            code = codes.get(entry.nip)
            if code is None:
                code = secrets.token_urlsafe(12)
                await set_invite(db, entry.nip, code)
            print(f"{entry.name}\t{entry.unit}\thttps://t.me/{username.lstrip('@')}?start={code}")
    finally:
        await db.close()


async def _agenda_in_force(db: Database, settings: Settings) -> Agenda:
    """The database's agenda, else what `run` would load: EVENT_FILE or the built-in sample."""
    agenda = await load_agenda(db)
    if agenda is not None:
        return agenda
    if settings.event_file is not None:
        path = Path(settings.event_file)
        loaded, problems = load_agenda_file(path)
        if loaded is None:
            _print_problems(problems, path.name, settings.default_language)
            raise BadInput(f"EVENT_FILE: {path}")
        return loaded
    return sample_agenda()


async def _check(settings: Settings) -> None:
    lang = settings.default_language
    db = await Database.open(settings.database_path)
    try:
        schema = await db.schema_version()
        agenda = await _agenda_in_force(db, settings)
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
    sub.add_parser("check", help="validate settings, database and agenda")
    return parser


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
            asyncio.run(_invites(settings, args.bot))
        elif command == "check":
            asyncio.run(_check(settings))
    except (SettingsError, BadInput, DatabaseUnavailable, SchemaError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
