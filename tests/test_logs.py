"""The log redactor: no token and no NIP, however the NIP was typed (SPEC §11)."""

from __future__ import annotations

import logging
import sys

import pytest

from bot.logs import Redactor

NIP = "198507142010011003"
MASKED = "**************1003"
TOKEN = "123456:AAFakeTokenForTests_abcdefghijklmnop"


def redact(text: str) -> str:
    """The text as the redactor leaves it."""
    return Redactor([TOKEN]).redact(text)


# Separators between the digits a participant might type: every Unicode space, dots,
# hyphens and dashes, line breaks, tabs, invisible spaces.
SEPARATORS = [
    " ",
    "  ",  # double space
    "\u00a0",  # no-break space
    "\u2009",  # thin space
    "\u202f",  # narrow no-break space
    "\u2002",  # en space
    "\u3000",  # ideographic space
    "\u200b",  # zero-width space
    ".",
    ". ",
    "-",
    " - ",
    "\u2010",  # hyphen
    "\u2011",  # non-breaking hyphen
    "\u2013",  # en dash
    "\u2212",  # minus sign
    "\n",
    "\r\n",
    "\t",
]


@pytest.mark.parametrize("sep", SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_a_nip_typed_with_any_separator_is_masked(sep: str) -> None:
    typed = sep.join([NIP[:8], NIP[8:14], NIP[14], NIP[15:]])
    assert redact(f"text={typed} from user 4242") == f"text={MASKED} from user 4242"
    every_digit = sep.join(NIP)
    assert redact(f"<{every_digit}>") == f"<{MASKED}>"


@pytest.mark.parametrize("sep", SEPARATORS, ids=[repr(s) for s in SEPARATORS])
def test_a_nip_is_masked_in_a_repr_or_json_of_the_message(sep: str) -> None:
    import json

    typed = sep.join([NIP[:8], NIP[8:14], NIP[14], NIP[15:]])
    for shown in (repr(typed), json.dumps(typed), json.dumps(typed, ensure_ascii=False)):
        clean = redact(f"Processing update {{'text': {shown}, 'date': 1747274400}}")
        assert NIP[:8] not in clean and NIP[-9:-4] not in clean, clean
        assert MASKED in clean, clean
        assert "1747274400" in clean  # the message date is an ordinary number


def test_an_escape_beyond_unicode_does_not_break_the_filter() -> None:
    assert redact("\\UFFFFFFFF 1985071420100110\\U0010FFFF03") == "\\UFFFFFFFF " + MASKED


def test_an_escape_just_before_a_nip_does_not_hide_it() -> None:
    # "\u2009" ends in digits: they must not be counted into the NIP that follows.
    for shown in (repr("\u2009" + NIP), repr("\u3000" + NIP), repr("\u2003" + NIP + "\u2003")):
        assert NIP not in redact(shown), shown
        assert MASKED in redact(shown), shown


def test_mistyped_nips_of_sixteen_to_twenty_digits_are_masked_too() -> None:
    assert redact("1985071420100110030") == "**************0030"  # one digit too many
    assert redact("19850714 20100110 0") == "**************1100"  # one too few
    assert redact("1985 0714\u00a02010 0110\n03 1") == "**************0031"  # 19, spaced
    assert redact("'19850714\\u2009201001\\u2009100'") == "'**************1100'"  # 17


def test_with_dots_or_dashes_only_eighteen_digits_are_taken_for_a_nip() -> None:
    # so that two dates side by side (16 digits) stay readable
    assert redact("1985.0714.2010.0110.03") == MASKED
    for text in ("1985.0714.2010.0110.0", "event 2025-05-15 – 2025-05-17", "2025-05-15 2025-05-17"):
        assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "2025-05-16 04:30:00,123 DEBUG bot: sent 4 of 150",
        "user 4242 in chat -1001234567890 (update_id 123456789)",
        "'date': 1747274400, 'message_id': 5, 'id': 7654321098",
        "reminder d1-pembukaan at 2025-05-15T08:30:00+07:00",
        "127.0.0.1:8081 version 22.0.1",
        "0812-3456-7890",  # a phone number
        "123456789012345",  # 15 digits
        "123456789012345678901",  # 21 digits
        "1234 5678 9012 345",  # 15 digits in groups
        "2025-05-16 04:30 2025-05-17 05:30 item",  # two date-times: 12 digits, then 12
    ],
)
def test_ordinary_numbers_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_the_token_is_replaced() -> None:
    assert redact(f"POST https://api.telegram.org/bot{TOKEN}/getMe") == (
        "POST https://api.telegram.org/bot<token>/getMe"
    )


def test_the_filter_redacts_arguments_tracebacks_and_stack_info() -> None:
    redactor = Redactor([TOKEN])
    try:
        raise ValueError(f"bad NIP 19850714\u00a0201001\u00a01\u00a0003 with {TOKEN}")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "bot",
        logging.DEBUG,
        __file__,
        1,
        "text %r from %s",
        ("19850714\u2009201001\u20091\u2009003", 4242),
        exc_info,
        sinfo="Stack (most recent call last):\n  nip = '19850714.201001.1.003'",
    )
    assert redactor.filter(record)
    out = logging.Formatter().format(record)
    assert "text '" + MASKED + "' from 4242" in out
    assert TOKEN not in out
    assert "201001" not in out, out
