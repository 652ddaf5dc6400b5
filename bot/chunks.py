"""Telegram's message limit: HTML text split (or cut) into messages of at most 4,096 characters.

Telegram counts a message's length after parsing its HTML (tags do not count, `&amp;` is one
character). We count the same text in UTF-16 code units, which is never less than what
Telegram counts, so a piece we call short enough is. Pieces break at a line end if one fits,
else at a space, else anywhere (never inside a tag or an `&…;` entity), and each piece is
valid HTML on its own: tags open at a break are closed before it and opened again after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from html import unescape
from itertools import accumulate

__all__ = [
    "ELLIPSIS",
    "LIMIT",
    "cut_html",
    "cut_words",
    "html_length",
    "plain_text",
    "split_html",
]

LIMIT = 4096  # Telegram's limit on a message's text
ELLIPSIS = "…"

_TAG = r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\s*>"
_ENTITY = r"&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});"
_MARKUP = re.compile(f"{_TAG}|{_ENTITY}")
_SPACE = re.compile("[\n ]")  # where a piece may end
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


@dataclass(frozen=True, slots=True)
class _Tag:
    opens: bool
    name: str  # lower case
    raw: str  # as written


class _Tokens:
    """The text as tokens: one character, one `&…;` entity or one tag each, with the
    running length of the text before each (in UTF-16 units)."""

    def __init__(self, text: str) -> None:
        raws: list[str] = []
        sizes: list[int] = []
        self.tags: dict[int, _Tag] = {}
        self.breaks: dict[str, list[int]] = {"\n": [], " ": []}
        pos = 0
        for m in [*_MARKUP.finditer(text), None]:
            segment = text[pos : m.start() if m else len(text)]
            base = len(raws)
            raws.extend(segment)
            sizes.extend([1] * len(segment))
            for wide in _ASTRAL.finditer(segment):
                sizes[base + wide.start()] = 2
            for space in _SPACE.finditer(segment):
                self.breaks[space.group(0)].append(base + space.start())
            if m is None:
                break
            raw = m.group(0)
            if m.group("name") is None:
                sizes.append(_units(unescape(raw)))
            else:
                self.tags[len(raws)] = _Tag(not m.group("close"), m.group("name").lower(), raw)
                sizes.append(0)
            raws.append(raw)
            pos = m.end()
        self.raws = raws
        self.before = [0, *accumulate(sizes)]  # before[i]: text length of tokens[:i]
        self.tag_at = sorted(self.tags)

    def __len__(self) -> int:
        return len(self.raws)

    def last(self, sep: str, start: int, end: int) -> int | None:
        """The index of the last `sep` character in (start, end), if any."""
        found = self.breaks[sep]
        k = bisect_left(found, end) - 1
        return found[k] if k >= 0 and found[k] > start else None

    def walk(self, stack: list[_Tag], start: int, end: int) -> list[_Tag]:
        """The tags open after tokens[start:end], `stack` being open before them."""
        stack = list(stack)
        for i in self.tag_at[bisect_left(self.tag_at, start) : bisect_left(self.tag_at, end)]:
            tag = self.tags[i]
            if tag.opens:
                stack.append(tag)
            else:
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k].name == tag.name:
                        del stack[k]
                        break
        return stack

    def has_text(self, start: int, end: int) -> bool:
        """Whether tokens[start:end] hold anything but tags and whitespace."""
        return any(i not in self.tags and not self.raws[i].isspace() for i in range(start, end))


def plain_text(text: str) -> str:
    """The text of HTML `text` as a reader sees it: tags left out, entities decoded."""
    return _MARKUP.sub(lambda m: "" if m.group("name") else unescape(m.group(0)), text)


def html_length(text: str) -> int:
    """The length of HTML `text` as this module measures it: its text without tags, entities
    decoded, in UTF-16 code units."""
    return _units(plain_text(text))


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_OPENING, _CLOSING = _Tag(True, "", ""), _Tag(False, "", "")


def _break(tokens: _Tokens, start: int, end: int) -> tuple[int, int]:
    """Where the piece tokens[start:…] that must end by `end` ends, and where the next begins:
    at the last line end, else the last space (which belongs to neither), else at `end`. Tags
    opened just before the break, and closed just after it, are in neither piece: the stack of
    open tags carries them over."""
    cut = resume = end
    for sep in ("\n", " "):
        found = tokens.last(sep, start, end)
        if found is not None:
            cut, resume = found, found + 1
            break
    while cut > start and tokens.tags.get(cut - 1, _CLOSING).opens:
        cut -= 1
    while resume < len(tokens) and not tokens.tags.get(resume, _OPENING).opens:
        resume += 1
    return cut, resume


def split_html(text: str, limit: int = LIMIT) -> list[str]:
    """HTML `text` as pieces of at most `limit` characters of text each (see the module's
    doc), in order; pieces with nothing but whitespace are left out."""
    if limit < 2:  # one character may take two UTF-16 units
        raise ValueError("limit must be at least 2")
    if _units(text) <= limit:  # tags and entities only add to the length: it fits
        return [text] if plain_text(text).strip() else []
    tokens = _Tokens(text)
    pieces: list[str] = []
    stack: list[_Tag] = []  # tags open where the current piece starts
    start, n = 0, len(tokens)
    while start < n:
        end = bisect_right(tokens.before, tokens.before[start] + limit) - 1
        end = max(end, start + 1)  # a token longer than `limit` (a bogus entity) goes alone
        cut, resume = (n, n) if end >= n else _break(tokens, start, end)
        open_at_cut = tokens.walk(stack, start, cut)
        if tokens.has_text(start, cut):
            pieces.append(
                "".join(tag.raw for tag in stack)
                + "".join(tokens.raws[start:cut])
                + "".join(f"</{tag.name}>" for tag in reversed(open_at_cut))
            )
        stack = tokens.walk(open_at_cut, cut, resume)
        start = resume
    return pieces


def cut_html(text: str, limit: int = LIMIT, ellipsis: str = ELLIPSIS) -> str:
    """HTML `text` as it is if it fits in `limit` characters, else its first piece (as
    split_html makes them) followed by `ellipsis`: for an edit, which cannot be split.
    `limit` must leave room for the ellipsis and two more units."""
    if html_length(text) <= limit:
        return text
    pieces = split_html(text, limit - _units(ellipsis))
    return (pieces[0] if pieces else "") + ellipsis


def cut_words(line: str, width: int) -> str:
    """The line, or as many of its words as fit in `width` characters followed by "…" (a
    preview line, a button's label)."""
    if len(line) <= width:
        return line
    head = line[: width - 1]
    split = not (line[width - 1].isspace() or head[-1].isspace())
    if split and " " in head.strip():  # a word would be split: leave it out whole
        head = head[: head.rfind(" ")]
    return head.rstrip(" /·,;:.") + "…"  # no separator or full stop just before the "…"
