"""Who may register, and binding a NIP to a Telegram account (SPEC §7)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.nip import NipError, validate_nip
from bot.settings import Settings
from db import Database
from db.participants import AlreadyBound, Participant, get_participant_by_nip, register
from db.roster import get_entry, get_invite_nip

__all__ = [
    "Candidate",
    "NipError",
    "NipTaken",
    "NotOnRoster",
    "candidate_for_invite",
    "candidate_for_nip",
    "confirm",
]


class NotOnRoster(LookupError):
    """Roster mode, and the NIP is not on the roster."""

    def __init__(self, nip: str) -> None:
        super().__init__("NIP not on roster")
        self.nip = nip


class NipTaken(Exception):
    """The NIP is already bound to another Telegram account."""

    def __init__(self, nip: str, name: str, bound_to: int) -> None:
        super().__init__("NIP bound to another account")
        self.nip = nip
        self.name = name
        self.bound_to = bound_to


@dataclass(frozen=True)
class Candidate:
    """Who a NIP says the user is, shown for confirmation before anything is stored."""

    nip: str
    name: str
    position: str
    unit: str
    group: str
    verified: bool


async def candidate_for_nip(
    db: Database, settings: Settings, raw: str, *, user_id: int, fallback_name: str
) -> Candidate:
    """Validate a typed NIP and look it up; raises NipError, NotOnRoster or NipTaken."""
    nip = validate_nip(raw)
    entry = await get_entry(db, nip)
    if entry is None and settings.registration_mode == "roster":
        raise NotOnRoster(nip)
    holder = await get_participant_by_nip(db, nip)
    if holder is not None and holder.user_id != user_id:
        raise NipTaken(nip, holder.name, holder.user_id)
    if entry is None:
        return Candidate(nip, fallback_name, "", "", "", verified=False)
    return Candidate(nip, entry.name, entry.position, entry.unit, entry.group, verified=True)


async def candidate_for_invite(
    db: Database, settings: Settings, code: str, *, user_id: int
) -> Candidate | None:
    """The roster entry behind a deep-link code, or None when the code is unknown."""
    nip = await get_invite_nip(db, code)
    if nip is None:
        return None
    return await candidate_for_nip(db, settings, nip, user_id=user_id, fallback_name="")


async def confirm(
    db: Database, candidate: Candidate, *, user_id: int, language: str, at: float
) -> Participant:
    """Store the registration; raises NipTaken if another account won the race."""
    try:
        return await register(
            db,
            user_id=user_id,
            nip=candidate.nip,
            name=candidate.name,
            position=candidate.position,
            unit=candidate.unit,
            group=candidate.group,
            verified=candidate.verified,
            language=language,
            at=at,
        )
    except AlreadyBound as exc:
        raise NipTaken(candidate.nip, candidate.name, exc.other_user_id) from None
