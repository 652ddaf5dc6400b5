"""/rekap's figures (issue 9, item 3): how many finished a day's reflection, overall and by
group, the average rating with its distribution, and how often each option was chosen. One
function computes them (`recap`) for the chat and the Mini App alike; `recap_text` words
them. Figures only: never a participant's own answers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from bot.agenda import default_day, parse_day_arg
from bot.models import Agenda, ReflectionQuestion
from bot.reflections import RATINGS, open_day, questions_of
from bot.texts import t
from bot.timefmt import fmt_date
from db import Database
from db.recap import day_counts

__all__ = [
    "ChoiceFigures",
    "GroupRate",
    "RatingFigures",
    "Recap",
    "fmt_number",
    "fmt_percent",
    "question_label",
    "recap",
    "recap_day",
    "recap_text",
]


@dataclass(frozen=True)
class GroupRate:
    """Finished reflections out of the registered participants of one group ('' for none)."""

    label: str
    finished: int
    registered: int


@dataclass(frozen=True)
class RatingFigures:
    """The answers to one rating question: `counts[i]` chose rating i + 1."""

    question: ReflectionQuestion
    counts: tuple[int, ...]

    @property
    def answers(self) -> int:
        """How many gave a rating."""
        return sum(self.counts)

    @property
    def average(self) -> float | None:
        """The mean rating (None without any)."""
        n = self.answers
        return sum((i + 1) * c for i, c in enumerate(self.counts)) / n if n else None


@dataclass(frozen=True)
class ChoiceFigures:
    """How often each option of a choice question was chosen: the question's options in
    order (zeros included), then any stored value the question no longer offers."""

    question: ReflectionQuestion
    counts: tuple[tuple[str, int], ...]

    @property
    def answers(self) -> int:
        """How many chose an option."""
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class Recap:
    """Everything /rekap shows for one event day."""

    day: date
    number: int  # 1-based day of the event
    registered: int
    finished: int
    started: int  # began but not finished
    groups: tuple[GroupRate, ...]
    ratings: tuple[RatingFigures, ...]
    choices: tuple[ChoiceFigures, ...]


def _natural(label: str) -> list[object]:
    """Sort key: "Kelompok 2" before "Kelompok 10"; the empty label last."""
    parts: list[object] = [0 if label else 1]
    parts += [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", label)]
    return parts


async def recap(db: Database, agenda: Agenda, day: date) -> Recap:
    """The figures of `day`'s reflections, from the stored answers."""
    counts = await day_counts(db, day.isoformat())
    groups = tuple(
        GroupRate(label, counts.finished.get(label, 0), n)
        for label, n in sorted(counts.registered.items(), key=lambda kv: _natural(kv[0]))
    )
    ratings: list[RatingFigures] = []
    choices: list[ChoiceFigures] = []
    for q in questions_of(agenda):
        chosen = {v: n for (qid, _, v), n in counts.chosen.items() if qid == q.id}
        if q.type == "rating":
            ratings.append(RatingFigures(q, tuple(chosen.get(str(r), 0) for r in _scale())))
        elif q.type == "choice":
            others = sorted(v for v in chosen if v not in q.options)
            choices.append(
                ChoiceFigures(q, tuple((o, chosen.get(o, 0)) for o in (*q.options, *others)))
            )
    days = agenda.days()
    return Recap(
        day=day,
        number=days.index(day) + 1 if day in days else 0,
        registered=sum(counts.registered.values()),
        finished=sum(counts.finished.values()),
        started=sum(counts.started.values()),
        groups=groups,
        ratings=tuple(ratings),
        choices=tuple(choices),
    )


def _scale() -> range:
    return range(1, RATINGS + 1)


def recap_day(agenda: Agenda, arg: str | None, now: datetime) -> date | None:
    """The day /rekap [day] means: the day named (`kemarin`, a day number, a date: raises the
    agenda's BadDayArg or NoSuchDay), else the day whose reflection is open now (after
    midnight, the evening's until the morning briefing), else today or the nearest event day.
    None without any event day; a named day may lie outside the event."""
    days = agenda.days()
    if arg:
        return parse_day_arg(arg, days, now.date())
    return open_day(agenda, now) or default_day(days, now.date())


# ---------------------------------------------------------------------------- the words


def fmt_number(value: float, lang: str, decimals: int = 1) -> str:
    """`4,25` in Indonesian, `4.25` in English."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "id" else text


def fmt_percent(part: int, whole: int, lang: str) -> str:
    """`62,5%` of a whole, `–` of nothing."""
    return fmt_number(100 * part / whole, lang) + "%" if whole else "–"


def question_label(lang: str, q: ReflectionQuestion) -> str:
    """A question's text in a language (plain, not escaped)."""
    return q.text.get(lang) or q.text.get("id") or q.id


def recap_text(lang: str, r: Recap) -> str:
    """The figures as one message (HTML)."""
    parts = [
        t(lang, "rekap.head", n=r.number, date=fmt_date(r.day, lang)),
        t(
            lang,
            "rekap.response",
            finished=r.finished,
            registered=r.registered,
            rate=fmt_percent(r.finished, r.registered, lang),
            started=r.started,
            not_started=r.registered - r.finished - r.started,
        ),
    ]
    if r.registered == 0:
        parts.append(t(lang, "rekap.nobody"))
        return "\n\n".join(parts)
    lines = [t(lang, "rekap.by_group")]
    lines += [
        t(
            lang,
            "rekap.group_line",
            group=escape(g.label) if g.label else t(lang, "rekap.no_group"),
            finished=g.finished,
            registered=g.registered,
            rate=fmt_percent(g.finished, g.registered, lang),
        )
        for g in r.groups
    ]
    parts.append("\n".join(lines))
    for rating in r.ratings:
        head = f"<b>{escape(question_label(lang, rating.question))}</b>"
        if rating.average is None:
            parts.append(head + "\n" + t(lang, "rekap.no_answers"))
            continue
        distribution = " · ".join(
            t(lang, "rekap.rating_count", rating=i + 1, count=c)
            for i, c in reversed(list(enumerate(rating.counts)))
        )
        average = t(
            lang,
            "rekap.average",
            average=fmt_number(rating.average, lang, 2),
            max=RATINGS,
            count=rating.answers,
        )
        parts.append(f"{head}\n{average}\n{distribution}")
    for choice in r.choices:
        head = f"<b>{escape(question_label(lang, choice.question))}</b>"
        if not choice.answers:
            parts.append(head + "\n" + t(lang, "rekap.no_answers"))
            continue
        lines = [head] + [
            t(lang, "rekap.choice_line", option=escape(o), count=n) for o, n in choice.counts
        ]
        parts.append("\n".join(lines))
    parts.append(t(lang, "rekap.privacy"))
    return "\n\n".join(parts)
