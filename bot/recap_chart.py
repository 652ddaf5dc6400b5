"""/rekap's chart: the day's figures as one PNG (matplotlib, Agg backend, no display).

Rendering takes most of a second of CPU, so `draw_chart` runs it off the event loop, in one
thread kept for charts: a fresh pool thread each time would leave matplotlib's memory in
another allocator arena per thread (measured: RSS kept growing with asyncio.to_thread, and
levelled off with one thread). It uses matplotlib's object-oriented API (a `Figure` with its
own Agg canvas, no pyplot and so no global figure state), and a lock keeps two renderings
apart for any other caller, as matplotlib is not documented to be thread-safe. matplotlib is
imported on the first chart only: a bot that never draws one does not carry it in memory.
"""

from __future__ import annotations

import asyncio
import io
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from bot.recap import GroupRate, RatingFigures, Recap, fmt_number, fmt_percent, question_label
from bot.reflections import RATINGS
from bot.texts import t
from bot.timefmt import fmt_date

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["MAX_GROUPS", "PNG_MAGIC", "draw_chart", "render_chart", "shown_groups"]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_LOCK = threading.Lock()
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rekap-chart")
_WIDTH = 8.0  # inches; at 100 dpi an 800-pixel picture, sharp on a phone
_DPI = 100
MAX_GROUPS = 40  # bars in the groups' panel
_BLUE, _GREEN, _ORANGE, _GREY = "#1f6fb2", "#2e9d5b", "#e08a1e", "#d9d9d9"


def _wrap(text: str, width: int = 70) -> str:
    """Long lines broken at spaces (existing line breaks kept)."""
    return "\n".join("\n".join(textwrap.wrap(line, width)) or line for line in text.split("\n"))


def shown_groups(r: Recap) -> tuple[GroupRate, ...]:
    """The groups the chart has room for: all of them up to MAX_GROUPS, else the MAX_GROUPS
    with the lowest share finished (those to follow up), in their usual order. Telegram
    refuses a photo taller than about 10,000 pixels, some 270 bars."""
    if len(r.groups) <= MAX_GROUPS:
        return r.groups
    lowest = sorted(r.groups, key=lambda g: g.finished / g.registered if g.registered else 0.0)
    keep = {id(g) for g in lowest[:MAX_GROUPS]}
    return tuple(g for g in r.groups if id(g) in keep)


def _groups(ax: Axes, lang: str, r: Recap) -> None:
    """Share of each group that finished, as horizontal bars with `finished/registered`."""
    groups = shown_groups(r)
    labels = [g.label or t(lang, "rekap.no_group") for g in groups]
    shares = [100 * g.finished / g.registered if g.registered else 0.0 for g in groups]
    rows = list(range(len(labels)))
    ax.barh(rows, [100.0] * len(rows), color=_GREY, height=0.6)
    ax.barh(rows, shares, color=_BLUE, height=0.6)
    ax.set_yticks(rows, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(t(lang, "rekap.chart_percent"))
    for row, g in zip(rows, groups, strict=True):
        text = f"{g.finished}/{g.registered} ({fmt_percent(g.finished, g.registered, lang)})"
        ax.text(101, row, text, va="center", fontsize=9)
    title = t(
        lang,
        "rekap.chart_groups",
        finished=r.finished,
        registered=r.registered,
        rate=fmt_percent(r.finished, r.registered, lang),
    )
    if len(groups) < len(r.groups):
        title += "\n" + t(lang, "rekap.chart_lowest", shown=len(groups), total=len(r.groups))
    ax.set_title(title, loc="left", fontsize=11)


def _bars(ax: Axes, labels: list[str], counts: list[int], color: str, title: str) -> None:
    """Vertical bars with their counts on top."""
    from matplotlib.ticker import MaxNLocator

    spots = list(range(len(labels)))
    ax.bar(spots, counts, color=color, width=0.6)
    ax.set_xticks(spots, labels)
    top = max(counts, default=0)
    ax.set_ylim(0, max(1, top) * 1.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for x, n in zip(spots, counts, strict=True):
        ax.text(x, n, str(n), ha="center", va="bottom", fontsize=9)
    ax.set_title(_wrap(title), loc="left", fontsize=11)


def _hbars(ax: Axes, labels: list[str], counts: list[int], color: str, title: str) -> None:
    """Horizontal bars (long option names read better sideways) with their counts."""
    from matplotlib.ticker import MaxNLocator

    rows = list(range(len(labels)))
    ax.barh(rows, counts, color=color, height=0.6)
    ax.set_yticks(rows, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, max(1, max(counts, default=0)) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for row, n in zip(rows, counts, strict=True):
        ax.text(n, row, f" {n}", va="center", fontsize=9)
    ax.set_title(_wrap(title), loc="left", fontsize=11)


def _average(lang: str, rating: RatingFigures) -> str:
    """The mean rating line under a rating panel's title."""
    if rating.average is None:
        return t(lang, "rekap.no_answers")
    return t(
        lang,
        "rekap.chart_average",
        average=fmt_number(rating.average, lang, 2),
        max=RATINGS,
        count=rating.answers,
    )


def render_chart(lang: str, r: Recap) -> bytes:
    """The chart of a day's figures as PNG bytes: finished by group, each rating question's
    distribution and each choice question's counts, one panel each."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # panel heights in inches: a bar row needs about 0.35"
    heights = [1.4 + 0.35 * max(1, len(shown_groups(r)))]
    heights += [2.6] * len(r.ratings)
    heights += [1.2 + 0.35 * max(1, len(c.counts)) for c in r.choices]
    with _LOCK:
        fig = Figure(figsize=(_WIDTH, sum(heights) + 0.8), dpi=_DPI, layout="constrained")
        FigureCanvasAgg(fig)
        fig.suptitle(
            t(lang, "rekap.chart_title", n=r.number, date=fmt_date(r.day, lang)),
            fontsize=13,
            fontweight="bold",
        )
        axes = fig.subplots(len(heights), 1, squeeze=False, height_ratios=heights)[:, 0]
        _groups(axes[0], lang, r)
        i = 1
        for rating in r.ratings:
            title = question_label(lang, rating.question) + "\n" + _average(lang, rating)
            labels = [str(n) for n in range(1, RATINGS + 1)]
            _bars(axes[i], labels, list(rating.counts), _ORANGE, title)
            i += 1
        for choice in r.choices:
            labels = [_wrap(o, 28) for o, _ in choice.counts]
            counts = [n for _, n in choice.counts]
            _hbars(axes[i], labels, counts, _GREEN, question_label(lang, choice.question))
            i += 1
        for ax in axes:
            ax.spines[["top", "right"]].set_visible(False)
        out = io.BytesIO()
        fig.savefig(out, format="png")
    return out.getvalue()


async def draw_chart(lang: str, r: Recap) -> bytes:
    """`render_chart` in the chart thread, so the event loop keeps answering meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(_WORKER, render_chart, lang, r)
