"""The typed callback context: handlers and jobs reach the running bot's parts through it."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.services import Services

__all__ = ["BotData", "RetretApp", "RetretContext"]


class BotData:
    """`bot_data`: the services, set at start-up."""

    def __init__(self) -> None:
        self.services: Services | None = None


class RetretContext(
    CallbackContext[ExtBot[dict[str, Any]], dict[Any, Any], dict[Any, Any], BotData]
):
    """The callback context, with typed access to the running bot's parts."""

    @property
    def svc(self) -> Services:
        """The services; start-up sets them before any update is processed."""
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not started")
        return services


RetretApp = Application[
    ExtBot[dict[str, Any]],
    RetretContext,
    dict[Any, Any],
    dict[Any, Any],
    BotData,
    JobQueue[RetretContext],
]
