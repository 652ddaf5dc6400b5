"""Command line: run, import-agenda, import-roster, preview, invites, check, export, backup
(SPEC §4; backup: issue 10)."""

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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NoReturn

from telegram.error import InvalidToken, NetworkError

from bot.agenda import day_index
from bot.agenda_io import load_agenda_file, sample_agenda
from bot.attendance import Report, nudge_messages
from bot.changes import AgendaChange, change_notices, import_agenda
from bot.chunks import cut_words, plain_text
from bot.clock import Clock
from bot.imports import event_today
from bot.logs import setup_logging
from bot.models import Agenda, RosterEntry, Session
from bot.problems import render_problems, source_of
from bot.reflections import journal_parts, questions_of, reflection_messages
from bot.render import at_send_time, briefing, reminder
from bot.roster import load_roster_file
from bot.schedule import RESERVED_KINDS, Planned, plan
from bot.settings import (
    Settings,
    SettingsError,
    load_settings,
    message_language,
    webhook_secret,
)
from bot.spreadsheet import spreadsheet_safe
from bot.texts import LANGUAGES, t
from bot.texts.cli import ARGPARSE
from bot.timefmt import fmt_date, fmt_time, zone_abbr
from db import Database, DatabaseUnavailable, SchemaError
from db.agenda import load_agenda
from db.participants import Participant, list_participants
from db.reflections import Answer
from db.roster import invites, list_roster, roster_size, set_invite, upsert_roster

__all__ = ["PREVIEW_WIDTH", "cut", "main", "qr_filenames"]

log = logging.getLogger("bot")

EXIT_OK, EXIT_BAD_INPUT = 0, 2
EXIT_BROKEN_PIPE = 1  # what Python itself exits with on EPIPE


class BadInput(Exception):
    """A one-line reason to exit with status 2."""


def _setup_logging(settings: Settings, level: str) -> None:
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    setup_logging(level, [token.strip()])


async def _run(
    settings: Settings,
    rehearse_from: str | None,
    speed: float | None,
    lang: str,
    webhook: bool = False,
) -> None:
    from bot.app import running

    updates: dict[str, object] = {}
    if rehearse_from:
        updates["rehearse_from"] = rehearse_from
    if speed:
        updates["rehearse_speed"] = speed
    if updates:
        settings = load_settings(lang=lang, **{**settings.model_dump(), **updates})
    try:
        settings.token  # noqa: B018 - fail early with the one-line message
    except SettingsError:
        raise BadInput(t(lang, "cli.check_no_token")) from None
    if webhook and not settings.webhook_url:
        raise BadInput(t(lang, "webhook.no_url"))
    if settings.webhook_url:  # webhook mode: `--webhook`, or WEBHOOK_URL alone
        webhook_secret(settings, lang)
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


async def _import_agenda(settings: Settings, path: Path, lang: str) -> None:
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
        result = await import_agenda(
            db, Clock(), loaded, source=str(path), default_lang=settings.default_language
        )
        print(t(lang, "cli.agenda_imported", **result.__dict__))
    finally:
        await db.close()


async def _import_roster(settings: Settings, path: Path, lang: str) -> None:
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


# A preview line's width in characters (`preview --help` says so); `--full` prints all.
PREVIEW_WIDTH = 100


async def _preview(settings: Settings, day: date | None, lang: str, full: bool) -> None:
    """Every automatic message in time order, as a template in `lang` ("Bapak/Ibu {nama}" for
    the recipient's name), then one example of each message sent when needed."""
    from jobs.scheduler import recipients_of  # the bot's own rule of who gets what

    # the placeholder is a text of its own: {{nama}} in the texts, so that it is not filled in
    name = t(lang, "cli.preview_name").format()
    db = await Database.open(settings.database_path)
    try:
        agenda = await _agenda_in_force(db, settings, lang)
        people = await list_participants(db, active_only=True)
        tz = agenda.event.tz
        items = [
            p
            for p in plan(agenda, include_reserved=True)
            if day is None or p.due.astimezone(tz).date() == day
        ]
        # the reflection's messages depend on stored answers: built now, by the sending code
        reflection = {
            item.key: await _reflection_preview(db, agenda, item, people, lang, name)
            for item in items
            if item.kind in RESERVED_KINDS
        }
    finally:
        await db.close()
    if not items:
        print(t(lang, "cli.preview_none"))
        return
    print(t(lang, "cli.preview_legend", zone=zone_abbr(tz)))
    days = agenda.days()
    shown: date | None = None
    for item in items:
        local = item.due.astimezone(tz)
        if local.date() != shown:
            shown = local.date()
            heading = fmt_date(shown, lang)
            if shown in days:
                heading = t(
                    lang,
                    "cli.preview_day",
                    date=heading,
                    n=day_index(days, shown),
                    total=len(days),
                )
            print(f"\n{heading}")
        if item.kind in RESERVED_KINDS:
            audience, text = reflection[item.key]
        else:
            audience = len(recipients_of(item, people))
            text = _template(agenda, item, lang, name)
        line = t(
            lang,
            "cli.preview_line",
            time=fmt_time(local, lang),
            kind=t(lang, _preview_kind(item)),
            audience=audience,
            text="",
        )
        _print_message(line, text, full)
    example = _example_session(agenda, {i.due.astimezone(tz).date() for i in items})
    if example is not None:
        print("\n" + t(lang, "cli.preview_on_demand", title=example.in_lang(lang, "title")))
        for kind, text in _on_demand(agenda, example, lang, name):
            line = t(lang, "cli.preview_example", kind=t(lang, kind), text="")
            _print_message(line, text, full)


def _preview_kind(item: Planned) -> str:
    """The text key naming a planned message's kind; an assembly's reminder is its own."""
    if item.kind == "reminder" and item.session is not None and item.session.kind == "assembly":
        return "cli.kind.assembly"
    if item.kind in RESERVED_KINDS:
        return f"kind.{item.kind}"
    return f"cli.kind.{item.kind}"


def _template(agenda: Agenda, item: Planned, lang: str, name: str) -> str:
    """A planned message as the bot renders it (bot.render, at send time), in `lang`, with
    `name` for the recipient's; the briefing holds the whole day, every audience's sessions."""
    if item.kind == "briefing":
        return briefing(lang, agenda, agenda.sessions, date.fromisoformat(item.item), name)[0]
    assert item.session is not None and item.lead is not None
    text = reminder(lang, item.session, agenda.event.tz)[0]
    starts = item.session.start_at(agenda.event.tz).timestamp()
    payload = {"text": text, "starts_at": starts, "lead": item.lead, "lang": lang}
    return at_send_time(payload, item.due.timestamp())


def _someone(name: str, lang: str) -> Participant:
    """A participant standing for every recipient: `name` as their name, reading `lang`."""
    return Participant(
        user_id=0,
        chat_id=0,
        nip="",
        name=name,
        position="",
        unit="",
        group="",
        verified=True,
        status="active",
        reminders=True,
        language=lang,
        registered_at=0.0,
    )


async def _reflection_preview(
    db: Database,
    agenda: Agenda,
    item: Planned,
    people: Sequence[Participant],
    lang: str,
    name: str,
) -> tuple[int, str]:
    """(recipients, text) of a reflection prompt, nudge or journal, both from the code that
    sends them (bot.reflections): the recipients as it would choose them now (the prompt and
    nudge skip those who have finished the day), the text for `name`; the journal with a
    placeholder for each answer, never anyone's own."""
    messages = await reflection_messages(db, agenda, item, people, default_lang=lang)
    recipients = len({m.user_id for m in messages})
    if item.kind == "journal":
        day = agenda.days()[0].isoformat() if agenda.days() else item.item
        shown = t(lang, "export.preview_answer")
        sample = [
            Answer(0, day, q.id, q.type, "4" if q.type == "rating" else shown, 0.0, 0.0)
            for q in questions_of(agenda)
        ]
        return recipients, journal_parts(lang, agenda, sample, name)[0]
    mine = await reflection_messages(db, agenda, item, [_someone(name, lang)], default_lang=lang)
    return recipients, str(mine[0].payload["text"])


def _example_session(agenda: Agenda, days: set[date]) -> Session | None:
    """The session the on-demand examples use: the first on `days` for everyone that takes
    attendance, else the first for everyone, else the first."""
    mine = sorted((s for s in agenda.sessions if s.date in days), key=lambda s: (s.date, s.start))
    for_all = [s for s in mine if s.is_for(None, None)]
    return next((s for s in for_all if s.takes_attendance), None) or next(
        iter(for_all or mine), None
    )


def _on_demand(agenda: Agenda, s: Session, lang: str, name: str) -> list[tuple[str, str]]:
    """(kind key, text) of each message sent when needed, for session `s`, built by the code
    that sends them: a change notice (`s` moved by half an hour) and a check-in nudge."""
    tz = agenda.event.tz
    someone = _someone(name, lang)
    start = s.start_at(tz)
    shift = timedelta(minutes=30 if s.end < time(23, 30) else -30)
    moved = replace(
        s, start=(start + shift).time(), end=(datetime.combine(s.date, s.end) + shift).time()
    )
    notices = change_notices(
        agenda,
        [AgendaChange("moved", s, moved)],
        [someone],
        now=start,
        version=0,
        default_lang=lang,
    )
    report = Report(session=s, expected=1, present=0, missing={"": [someone]})
    nudges = nudge_messages(report, 0, default_lang=lang)
    return [
        ("cli.kind.change", str(notices[0].payload["text"])),
        ("cli.kind.checkin_nudge", str(nudges[0].payload["text"])),
    ]


def _print_message(line: str, message: str, full: bool) -> None:
    """`line` then the message: on the same line, cut at PREVIEW_WIDTH; or, with `full`,
    whole, line by line below it."""
    lines = _plain(message)
    if full:
        print(line.rstrip())
        for text in lines:
            print(f"    {text}" if text.strip() else "")
        print()
    else:
        print(cut(line + " / ".join(text.strip() for text in lines if text.strip())))


def _plain(message: str) -> list[str]:
    """The lines of an HTML message as a reader sees them: tags dropped, entities decoded."""
    return plain_text(message).split("\n")


def cut(line: str, width: int = PREVIEW_WIDTH) -> str:
    """The line, or as many of its words as fit in `width` characters followed by "…"."""
    return cut_words(line, width)


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


async def _invites(settings: Settings, username: str, qr_dir: Path | None, lang: str) -> None:
    """Print a deep link per roster entry, creating codes on first use; optionally QR cards.

    Codes are kept across runs, so links already printed stay valid; a stored code that is not
    a valid start payload (it could never work) is replaced.
    """
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


async def _agenda_in_force(db: Database, settings: Settings, lang: str) -> Agenda:
    """The database's agenda, else what `run` would load: EVENT_FILE or the built-in sample."""
    agenda = await load_agenda(db)
    if agenda is not None:
        return agenda
    if settings.event_file is not None:
        return _event_file(settings, lang)
    return sample_agenda()


def _event_file(settings: Settings, lang: str) -> Agenda:
    """EVENT_FILE's agenda, valid; else BadInput naming EVENT_FILE (problems printed first)."""
    assert settings.event_file is not None
    path = Path(settings.event_file)
    if not path.is_file():
        raise BadInput(t(lang, "cli.event_file_missing", path=path))
    loaded, problems = load_agenda_file(path, today=event_today(Clock(), settings.rehearse_from))
    if loaded is None:
        _print_problems(problems, path.name, lang)
        raise BadInput(f"EVENT_FILE: {path}")
    return loaded


def _size(size: int, lang: str) -> str:
    """A file's size in KB, thousands grouped as `lang` writes them (1.234 KB / 1,234 KB)."""
    text = f"{-(-size // 1024):,} KB"
    return text.replace(",", ".") if lang == "id" else text


async def _backup(settings: Settings, path: Path, force: bool, lang: str) -> None:
    """A copy of the database (SQLite's online backup API, safe while the bot runs), checked."""
    from bot.backup import BackupProblem, take_backup

    try:
        taken = await take_backup(Path(settings.database_path), path, force=force)
    except BackupProblem as problem:
        raise BadInput(t(lang, problem.key, **problem.values)) from None
    print(
        t(
            lang,
            "cli.backup_written",
            path=taken.path,
            size=_size(taken.size, lang),
            schema=taken.checked.schema,
            participants=taken.checked.participants,
        )
    )


async def _purge(settings: Settings, before: date, yes: bool, lang: str) -> None:
    """Remove a finished event's personal data (bot.privacy.purge_check says when), after
    showing the counts and, unless --yes, asking; then VACUUM and empty the WAL."""
    from bot.privacy import PurgeRefused, purge, purge_check, purge_counts

    db = await Database.open(settings.database_path)
    try:
        agenda = await load_agenda(db)
        try:  # the wall clock: a rehearsal (REHEARSE_FROM) never makes an event finished
            end = purge_check(agenda, before, datetime.now(UTC), lang)
        except PurgeRefused as refused:
            raise BadInput(t(lang, refused.key, **refused.values)) from None
        assert agenda is not None
        last, name = fmt_date(end.date(), lang), agenda.event.name
        print(t(lang, "privacy.cli_plan", event=name, last=last))
        for kind, count in (await purge_counts(db)).items():
            label = t(lang, f"privacy.kind.{kind}")
            print(t(lang, "privacy.cli_line", label=label, count=count))
        if not yes:
            sys.stdout.flush()
            answer = sys.stdin.readline() if _ask(lang) else ""
            if not answer.endswith("\n"):  # nothing typed (end of input): end the line
                print()
            if answer.strip().casefold() not in ("ya", "y", "yes"):
                print(t(lang, "privacy.cli_aborted"))
                return
        counts, size, emptied = await purge(db)
        print(t(lang, "privacy.cli_removed", event=name))
        for kind, count in counts.items():
            label = t(lang, f"privacy.kind.{kind}")
            print(t(lang, "privacy.cli_line", label=label, count=count))
        done = "privacy.cli_vacuumed" if emptied else "privacy.cli_wal_busy"
        print(t(lang, done, size=_size(size, lang)))
    finally:
        await db.close()


def _ask(lang: str) -> bool:
    """Print the purge's question (no newline); False when no one can answer (no terminal
    and nothing piped in)."""
    print(t(lang, "privacy.cli_confirm"), end="", flush=True)
    return sys.stdin is not None and not sys.stdin.closed


async def _check_backup(path: Path, lang: str) -> None:
    """A backup file opens, passes PRAGMA integrity_check, and has a schema this bot knows."""
    from bot.backup import BackupProblem, verify_backup

    try:
        checked = await verify_backup(path)
    except BackupProblem as problem:
        raise BadInput(t(lang, problem.key, **problem.values)) from None
    print(
        t(
            lang,
            "cli.backup_ok",
            path=path,
            schema=checked.schema,
            participants=checked.participants,
        )
    )


async def _check(settings: Settings, lang: str) -> None:
    """Settings `run` needs (BOT_TOKEN; EVENT_FILE, when set, even if the database already
    holds an agenda), then the database and the agenda in force; the first problem found is
    BadInput."""
    try:
        settings.token  # noqa: B018 - raises when unset
    except SettingsError:
        raise BadInput(t(lang, "cli.check_no_token")) from None
    if settings.webhook_url:  # what `run` would refuse in webhook mode
        webhook_secret(settings, lang)
    from_file = _event_file(settings, lang) if settings.event_file is not None else None
    db = await Database.open(settings.database_path)
    try:
        schema = await db.schema_version()
        agenda = await load_agenda(db) or from_file or sample_agenda()
        print(t(lang, "cli.check_ok", schema=schema, sessions=len(agenda.sessions)))
    finally:
        await db.close()


async def _export(settings: Settings, path: Path, lang: str) -> None:
    """The whole event's data as one XLSX file (bot.export), headers in `lang`."""
    from bot.export import gather_and_build

    if path.suffix.lower() != ".xlsx":
        raise BadInput(t(lang, "export.not_xlsx", path=path))
    db = await Database.open(settings.database_path)
    try:
        agenda = await _agenda_in_force(db, settings, lang)
        content, counts = await gather_and_build(db, agenda, lang)
    finally:
        await db.close()
    try:  # every NIP and name: a new file is its owner's only (0600), like a backup
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
            fh.write(content)
    except OSError as exc:
        raise BadInput(t(lang, "export.cannot_write", path=path, reason=exc.strerror)) from None
    print(t(lang, "export.written", path=path, **counts))


def _iso_date(lang: str) -> Callable[[str], date]:
    """argparse's type for a YYYY-MM-DD option, refusing others in `lang`."""

    def parse(value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise argparse.ArgumentTypeError(t(lang, "cli.bad_date", value=value)) from None

    return parse


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors say "kesalahan:" / "error:" like every other."""

    lang = "id"

    def error(self, message: str) -> NoReturn:
        """Usage, then the one-line reason; exit status 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, t(self.lang, "cli.error", message=message) + "\n")


def _parser(lang: str) -> argparse.ArgumentParser:
    """The command line, its help in `lang`; `--lang` and `-v` also after the command."""
    _Parser.lang = lang
    common = _Parser(add_help=False)
    common.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t(lang, "cli.help.lang")
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help=t(lang, "cli.help.verbose"),
    )
    parser = _Parser(
        prog="python -m bot", description=t(lang, "cli.help.description"), parents=[common]
    )
    sub = parser.add_subparsers(
        dest="command",
        title=t(lang, "cli.help.commands"),
        metavar=t(lang, "cli.help.command"),
        parser_class=_Parser,
    )

    def command(name: str, key: str, **kwargs: Any) -> argparse.ArgumentParser:
        text = t(lang, key)
        return sub.add_parser(name, help=text, description=text, parents=[common], **kwargs)

    run = command("run", "cli.help.run")
    run.add_argument("--rehearse-from", help=t(lang, "cli.help.rehearse_from"))
    run.add_argument("--speed", type=float, help=t(lang, "cli.help.speed"))
    run.add_argument("--webhook", action="store_true", help=t(lang, "cli.help.webhook"))
    for name in ("import-agenda", "import-roster"):
        imp = command(name, f"cli.help.{name.replace('-', '_')}")
        imp.add_argument(
            "file", type=Path, metavar=t(lang, "cli.help.file_meta"), help=t(lang, "cli.help.file")
        )
    preview = sub.add_parser(
        "preview",
        help=t(lang, "cli.help.preview"),
        description=t(lang, "cli.help.preview_description", width=PREVIEW_WIDTH),
        add_help=True,
    )
    preview.add_argument(
        "--date",
        type=_iso_date(lang),
        metavar=t(lang, "cli.help.date_meta"),
        help=t(lang, "cli.help.date"),
    )
    preview.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=t(lang, "cli.help.preview_lang"),
    )
    preview.add_argument("--full", action="store_true", help=t(lang, "cli.help.full"))
    preview.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help=t(lang, "cli.help.verbose"),
    )
    inv = command("invites", "cli.help.invites")
    inv.add_argument("--bot", required=True, help=t(lang, "cli.help.bot"))
    inv.add_argument(
        "--qr", type=Path, metavar=t(lang, "cli.help.qr_meta"), help=t(lang, "cli.help.qr")
    )
    check = command("check", "cli.help.check")
    check.add_argument(
        "--backup",
        type=Path,
        metavar=t(lang, "cli.help.file_meta"),
        help=t(lang, "cli.help.check_backup"),
    )
    export = command("export", "export.help")
    export.add_argument(
        "file", type=Path, metavar=t(lang, "cli.help.file_meta"), help=t(lang, "export.help_file")
    )
    backup = command("backup", "cli.help.backup")
    backup.add_argument(
        "file",
        type=Path,
        metavar=t(lang, "cli.help.file_meta"),
        help=t(lang, "cli.help.backup_file"),
    )
    backup.add_argument("--force", action="store_true", help=t(lang, "cli.help.force"))
    purge = command("purge", "privacy.cli_help")
    purge.add_argument(
        "--before",
        type=_iso_date(lang),
        required=True,
        metavar=t(lang, "cli.help.date_meta"),
        help=t(lang, "privacy.cli_help_before"),
    )
    purge.add_argument("--yes", action="store_true", help=t(lang, "privacy.cli_help_yes"))
    return parser


def _language_asked(argv: Sequence[str]) -> str | None:
    """The value of a valid `--lang` among the arguments, if any (last one wins)."""
    asked = None
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            asked = value
    return asked


@contextmanager
def _argparse_speaks(lang: str) -> Iterator[None]:
    """argparse's own words (usage, headings, errors) in `lang`: argparse looks each up
    through gettext when it uses it, so its lookup is pointed at our texts meanwhile."""
    original = argparse._  # type: ignore[attr-defined]

    def translate(message: Any) -> Any:  # argparse also asks for None (a missing description)
        key = ARGPARSE.get(message) if isinstance(message, str) else None
        return t(lang, key) if key else original(message)

    argparse._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def _parse(argv: Sequence[str]) -> tuple[argparse.Namespace, str]:
    """The arguments, and the language the command line speaks: `--lang`, else
    DEFAULT_LANGUAGE (read even when another setting is broken), else Indonesian."""
    lang = _language_asked(argv) or message_language()
    with _argparse_speaks(lang):
        args = _parser(lang).parse_args(argv)
    return args, lang


def _silence_stdout() -> None:
    """Send whatever stdout still holds, and anything printed later, to devnull."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file (tests capture it)
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives to exit
    finally:
        os.close(devnull)


# What db.Database.open says (in English, for the log) when it cannot serve: its parts.
_DB_UNAVAILABLE = re.compile(r"DATABASE_PATH: cannot (?:open|use) (?P<path>.*?): (?P<detail>.*)")
_DB_NEWER = re.compile(r"database (?P<path>.*) has schema (?P<found>\d+), .* up to (?P<known>\d+)")


def _database_problem(exc: Exception, lang: str) -> str:
    """A database that cannot be opened or is newer than this bot, said in `lang`."""
    text = str(exc)
    if isinstance(exc, SchemaError) and (newer := _DB_NEWER.fullmatch(text)):
        return t(lang, "cli.database_newer", **newer.groupdict())
    if isinstance(exc, DatabaseUnavailable) and (bad := _DB_UNAVAILABLE.fullmatch(text)):
        return t(lang, "cli.database_unavailable", **bad.groupdict())
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; 0 on success, 2 on bad input with a one-line reason, in the
    command line's language."""
    args, lang = _parse(sys.argv[1:] if argv is None else argv)
    try:
        settings = load_settings(lang=lang)
        command = args.command or "run"
        # `run` writes its log here; any other command prints its result, and only problems
        # (warnings and worse) from the log, unless asked for every line with -v.
        verbose = command == "run" or getattr(args, "verbose", False)
        _setup_logging(settings, settings.log_level if verbose else "WARNING")
        if command == "run":
            asyncio.run(
                _run(
                    settings,
                    getattr(args, "rehearse_from", None),
                    getattr(args, "speed", None),
                    lang,
                    getattr(args, "webhook", False),
                )
            )
        elif command == "import-agenda":
            asyncio.run(_import_agenda(settings, args.file, lang))
        elif command == "import-roster":
            asyncio.run(_import_roster(settings, args.file, lang))
        elif command == "preview":
            asyncio.run(_preview(settings, args.date, lang, args.full))
        elif command == "invites":
            asyncio.run(_invites(settings, args.bot, args.qr, lang))
        elif command == "check" and args.backup is not None:
            asyncio.run(_check_backup(args.backup, lang))
        elif command == "check":
            asyncio.run(_check(settings, lang))
        elif command == "backup":
            asyncio.run(_backup(settings, args.file, args.force, lang))
        elif command == "export":
            asyncio.run(_export(settings, args.file, lang))
        elif command == "purge":
            asyncio.run(_purge(settings, args.before, args.yes, lang))
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
    except BrokenPipeError:
        # The reader left (`python -m bot preview | head`): stop quietly, as Python's docs advise
        # (library/signal.html, "Note on SIGPIPE"): point stdout at devnull so that the flush at
        # exit does not fail again.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (SettingsError, BadInput) as exc:
        print(t(lang, "cli.error", message=exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except (DatabaseUnavailable, SchemaError) as exc:
        print(t(lang, "cli.error", message=_database_problem(exc, lang)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except InvalidToken:
        print(t(lang, "cli.error", message=t(lang, "cli.bad_token")), file=sys.stderr)
        return EXIT_BAD_INPUT
    except NetworkError as exc:  # at start-up only: once running, PTB retries by itself
        reason = t(lang, "cli.no_bot_api", reason=exc.message)
        print(t(lang, "cli.error", message=reason), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
