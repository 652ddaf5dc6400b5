"""Retret Bot: a Telegram bot that carries the communication of a training retreat."""

import os

# PTB 22 warns on every duration unless told to use timedelta (see shared/PTB-NOTES.md).
os.environ.setdefault("PTB_TIMEDELTA", "1")
