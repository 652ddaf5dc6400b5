"""An organisers' command that does not exist yet is logged as such, not as an intrusion
(issue 6, item 11)."""

from __future__ import annotations

import logging

import pytest

from handlers import common
from tests.conftest import ADMIN_ID, Rig


def records(caplog: pytest.LogCaptureFixture, needle: str) -> list[logging.LogRecord]:
    """Log records of handlers.common whose message mentions `needle`."""
    return [r for r in caplog.records if r.name == "handlers.common" and needle in r.getMessage()]


async def test_an_organiser_typing_a_missing_command_is_not_called_an_intruder(
    rig: Rig, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an organisers' command planned but not written (every listed one may exist by now)
    monkeypatch.setattr(common, "ADMIN_COMMANDS", common.ADMIN_COMMANDS | {"arsip"})
    caplog.set_level(logging.INFO, logger="handlers.common")
    admin = rig.user(ADMIN_ID, "Panitia")
    await admin.send("/arsip")
    answer = await admin.next_reply()
    assert "/arsip" in answer.text and "tidak dikenal" in answer.text
    logged = records(caplog, "/arsip")
    assert [r.levelno for r in logged] == [logging.INFO], [r.getMessage() for r in logged]
    assert "not implemented yet" in logged[0].getMessage()
    assert str(ADMIN_ID) in logged[0].getMessage()


async def test_someone_else_trying_an_organisers_command_is_a_warning(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="handlers.common")
    user = rig.user(5201, "Orang")
    for command in ("/peserta", "/status"):
        await user.send(command)
        answer = await user.next_reply()
        assert "tidak dikenal" in answer.text
        logged = records(caplog, command)
        assert [r.levelno for r in logged] == [logging.WARNING], [r.getMessage() for r in logged]
        assert "tried by user 5201" in logged[0].getMessage()
