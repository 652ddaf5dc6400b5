"""bot.chunks: HTML split to Telegram's limit, every piece valid and the text all there."""

from __future__ import annotations

import re
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.chunks import LIMIT, cut_html, html_length, split_html
from tests.fakebot import _utf16_len, parse_html

# Hypothesis's report of a failing example imports a module that warns; with warnings as
# errors that would hide the example behind an INTERNALERROR.
pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict:DeprecationWarning")


def styled(html: str) -> list[tuple[str, frozenset[str]]]:
    """Each character of the text Telegram shows (whitespace left out) with its formatting,
    as the fake Bot API parses it (which also proves the HTML valid: tags balanced)."""
    plain, entities = parse_html(html)
    out: list[tuple[str, frozenset[str]]] = []
    pos = 0
    for ch in plain:
        kinds = frozenset(
            e["type"] + (":" + e["url"] if "url" in e else "")
            for e in entities
            if e["offset"] <= pos < e["offset"] + e["length"]
        )
        if not ch.isspace():
            out.append((ch, kinds))
        pos += _utf16_len(ch)
    return out


def check(html: str, limit: int) -> list[str]:
    """Split `html` and check the pieces; return them."""
    pieces = split_html(html, limit)
    for piece in pieces:
        plain, _ = parse_html(piece)
        assert _utf16_len(plain) <= limit, (limit, piece)
        assert plain.strip(), f"a piece with no text: {piece!r}"
    assert [s for p in pieces for s in styled(p)] == styled(html)
    return pieces


# ------------------------------------------------------------------ generated HTML

_TEXT = st.text(alphabet='ab é&<>"\n😀', min_size=0, max_size=40).map(escape)


def _wrap(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["b", "i", "u", "code", 'a href="https://x.id/?a=1&amp;b=2"'])
    return st.tuples(tags, children).map(lambda tc: f"<{tc[0]}>{tc[1]}</{tc[0].split()[0]}>")


_HTML = st.recursive(
    _TEXT, lambda inner: st.lists(st.one_of(inner, _wrap(inner)), max_size=6).map("".join)
)


@settings(max_examples=200, deadline=None)
@given(html=_HTML, limit=st.integers(min_value=2, max_value=60))
def test_every_piece_fits_is_valid_and_together_they_say_everything(html: str, limit: int) -> None:
    check(html, limit)


@settings(max_examples=100, deadline=None)
@given(html=_HTML, limit=st.integers(min_value=3, max_value=60))
def test_a_cut_fits_and_is_a_valid_beginning_of_the_text(html: str, limit: int) -> None:
    cut = cut_html(html, limit)
    plain, _ = parse_html(cut)
    assert _utf16_len(plain) <= limit
    if html_length(html) <= limit:
        assert cut == html
    else:
        assert cut.endswith("…")
        shown = styled(cut)[:-1]  # less the ellipsis
        assert shown == styled(html)[: len(shown)]


# ------------------------------------------------------------------ examples


def test_short_text_is_one_piece_unchanged() -> None:
    assert split_html("<b>Halo</b> &amp; selamat") == ["<b>Halo</b> &amp; selamat"]
    assert split_html("") == []


def test_lines_break_at_line_ends_first() -> None:
    lines = [f"{i:02d} <b>Sesi</b> &amp; diskusi" for i in range(10)]  # 20 characters each
    pieces = check("\n".join(lines), 50)
    assert pieces == ["\n".join(lines[i : i + 2]) for i in range(0, 10, 2)]


def test_a_long_line_breaks_at_spaces_then_anywhere() -> None:
    assert check("aaaa bbbb cccc", 10) == ["aaaa bbbb", "cccc"]
    assert check("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_tags_open_at_a_break_are_closed_and_opened_again() -> None:
    link = '<a href="https://x.id/a?b=1&amp;c=2">'
    pieces = check(f"<b>{'a' * 6} {link}<i>{'b' * 6}</i></a></b>", 8)
    assert pieces == ["<b>aaaaaa</b>", f"<b>{link}<i>bbbbbb</i></a></b>"]


def test_entities_and_astral_characters_are_never_broken() -> None:
    pieces = check("&amp;" * 5 + "😀" * 3, 4)
    assert pieces == ["&amp;" * 4, "&amp;😀", "😀😀"]
    assert all(re.fullmatch(r"(&amp;|😀)+", p) for p in pieces)


def test_length_counts_text_not_tags_in_utf16_units() -> None:
    assert html_length('<b>a</b><a href="https://x">&amp;</a>😀') == 4


def test_a_day_of_sixty_sessions_fits_in_a_few_messages() -> None:
    line = "<b>08.00–09.00</b> Sesi panjang &amp; diskusi kelompok · 📍 <i>Aula Utama</i>"
    text = "\n".join(f"{i} {line}" for i in range(180))
    assert html_length(text) > 2 * LIMIT
    pieces = check(text, LIMIT)
    assert len(pieces) == 3
    assert all(p.startswith(tuple("0123456789")) for p in pieces)  # whole lines


@pytest.mark.parametrize("limit", [1, 0, -5])
def test_a_limit_below_two_is_refused(limit: int) -> None:
    with pytest.raises(ValueError):
        split_html("abc", limit)
