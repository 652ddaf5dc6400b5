"""/peserta's figures: the roster against the registrations, by position and by group, and
the lists of who has not registered and who is inactive, in pages (issue 8, item 4)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.salutation import sort_name
from db import Database
from db.overview import Person, inactive_people, off_roster_count, roster_registrations

__all__ = ["PAGE_SIZE", "Overview", "Tally", "overview", "page_of"]

# Names a page of the lists: short enough to read on a phone.
PAGE_SIZE = 15


@dataclass(frozen=True)
class Tally:
    """Registered out of the roster's `total` for one position or group ('' for none)."""

    label: str
    registered: int
    total: int


@dataclass(frozen=True)
class Overview:
    """Everything /peserta shows."""

    roster: int
    registered: int  # of the roster
    off_roster: int  # registered without being on the roster (open mode)
    by_position: list[Tally]
    by_group: list[Tally]
    not_registered: list[Person]
    inactive: list[Person]


def _natural(label: str) -> list[object]:
    """Sort key: "Kelompok 2" before "Kelompok 10"; the empty label last."""
    parts: list[object] = [0 if label else 1]
    parts += [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", label)]
    return parts


def _by_name(person: Person) -> tuple[str, str]:
    """Sort key: the name without titles and degrees ("Dr." and "Drs." do not come first)."""
    return sort_name(person.name), person.name


def _tallies(people: Sequence[Person], key: str) -> list[Tally]:
    totals: dict[str, list[int]] = {}
    for person in people:
        entry = totals.setdefault(getattr(person, key), [0, 0])
        entry[0] += person.registered
        entry[1] += 1
    return [
        Tally(label, r, n)
        for label, (r, n) in sorted(totals.items(), key=lambda kv: _natural(kv[0]))
    ]


async def overview(db: Database) -> Overview:
    """The figures and lists, read in one go."""
    people = await roster_registrations(db)
    return Overview(
        roster=len(people),
        registered=sum(1 for p in people if p.registered),
        off_roster=await off_roster_count(db),
        by_position=_tallies(people, "position"),
        by_group=_tallies(people, "group"),
        not_registered=sorted((p for p in people if not p.registered), key=_by_name),
        inactive=sorted(await inactive_people(db), key=_by_name),
    )


def page_of(
    items: Sequence[Person], page: int, size: int = PAGE_SIZE
) -> tuple[list[Person], int, int]:
    """(the people on page `page`, that page number clamped to 0..pages-1, the number of pages)."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 0), pages - 1)
    return list(items[page * size : (page + 1) * size]), page, pages
