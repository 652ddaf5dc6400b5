"""NIP validation and masking."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.nip import NipError, nip_masked, validate_nip

VALID = "198507142010011003"


def _error(raw: str, today: date | None = None) -> NipError:
    """The NipError validate_nip raises for `raw`."""
    with pytest.raises(NipError) as caught:
        validate_nip(raw, today=today)
    return caught.value


def test_valid_nip_is_returned_unchanged() -> None:
    assert validate_nip(VALID) == VALID


def test_spaces_and_other_whitespace_are_removed() -> None:
    assert validate_nip("19850714 201001 1 003") == VALID
    assert validate_nip(" 19850714\t201001\n1003 ") == VALID


@pytest.mark.parametrize(
    "space",
    ["  ", "\u00a0", "\u2009", "\u202f", "\u2002", "\u3000", "\r\n"],
    ids=["double", "no-break", "thin", "narrow no-break", "en", "ideographic", "crlf"],
)
def test_every_unicode_space_is_a_space(space: str) -> None:
    # what a phone keyboard or a copy-paste puts between the groups (SPEC: spaces are ignored)
    assert validate_nip(space.join(["19850714", "201001", "1", "003"])) == VALID


@pytest.mark.parametrize(("sep", "chars"), [(".", "."), ("-", "-"), ("\u2013", "\u2013")])
def test_dots_and_dashes_are_refused_with_the_reason(sep: str, chars: str) -> None:
    error = _error(sep.join(["19850714", "201001", "1", "003"]))
    assert (error.code, error.params) == ("nip_not_digits", {"chars": chars})


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        ("19850714201001100A", "nip_not_digits", {"chars": "A"}),
        ("1985.0714-2010", "nip_not_digits", {"chars": ". -"}),
        ("١٩٨٥٠٧١٤٢٠١٠٠١١٠٠٣", "nip_not_digits", None),  # non-ASCII digits
        ("19850714201001100", "nip_length", {"length": 17}),
        ("1985071420100110031", "nip_length", {"length": 19}),
        ("", "nip_length", {"length": 0}),
        ("198513142010011003", "nip_birth_date", {"value": "19851314"}),
        ("198502302010011003", "nip_birth_date", {"value": "19850230"}),
        ("193907142010011003", "nip_birth_date", {"value": "19390714"}),
        ("201601012040011003", "nip_birth_date", {"value": "20160101"}),
        ("198507142010131003", "nip_start_date", {"value": "201013"}),
        ("198507142010001003", "nip_start_date", {"value": "201000"}),
        ("198507142003061003", "nip_start_too_early", {"birth": "1985-07-14", "start": "2003-06"}),
        ("198507142010013003", "nip_sex_digit", {"digit": "3"}),
        ("198507142010010003", "nip_sex_digit", {"digit": "0"}),
        ("198507142010011000", "nip_sequence", {"value": "000"}),
    ],
)
def test_each_rejection_has_its_code_and_params(
    raw: str, code: str, params: dict[str, Any] | None
) -> None:
    error = _error(raw)
    assert error.code == code
    if params is not None:
        assert error.params == params


def test_non_digits_are_reported_before_length() -> None:
    assert _error("12AB").code == "nip_not_digits"


def test_start_at_exactly_eighteen_is_accepted() -> None:
    assert validate_nip("198507142003071003") == "198507142003071003"


def test_start_in_the_future_is_rejected_only_when_today_is_given() -> None:
    nip = "198507142025061003"
    assert validate_nip(nip) == nip
    error = _error(nip, today=date(2025, 5, 15))
    assert (error.code, error.params) == ("nip_start_future", {"start": "2025-06"})
    assert validate_nip("198507142025051003", today=date(2025, 5, 15)) == "198507142025051003"


def test_nip_error_is_a_value_error_with_code_and_params() -> None:
    error = _error("123")
    assert isinstance(error, ValueError)
    assert error.params == {"length": 3}


def test_masked_nip_shows_only_the_last_four_digits() -> None:
    assert nip_masked(VALID) == "**************1003"
    assert nip_masked("1985 0714 2010 0110 03") == "**************1003"
    assert nip_masked("123") == "***"
