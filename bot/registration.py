"""Who may register, and binding a NIP to a Telegram account (SPEC §7)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.attempts import TooManyAttempts, failed, guard, revealed
from bot.nip import NipError, nip_masked, validate_nip
from bot.settings import Settings
from db import Database
from db.participants import AlreadyBound, Participant, get_participant_by_nip, register
from db.roster import get_entry, get_invite_nip

__all__ = [
    "Candidate",
    "InviteOnly",
    "NipError",
    "NipTaken",
    "NotOnRoster",
    "TooManyAttempts",
    "candidate_for_invite",
    "candidate_for_nip",
    "confirm",
]


class NotOnRoster(LookupError):
    """Roster mode, and the NIP is not on the roster."""

    def __init__(self, nip: str) -> None:
        super().__init__("NIP not on roster")
        self.nip = nip


class InviteOnly(Exception):
    """Invite mode: only the printed one-tap invite codes register; a typed NIP is not used."""

    def __init__(self) -> None:
        super().__init__("registration by invite code only")


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
    db: Database,
    settings: Settings,
    raw: str,
    *,
    user_id: int,
    fallback_name: str,
    at: float,
) -> Candidate:
    """Validate a typed NIP and look it up, within the account's attempt limit (bot/attempts.py).

    Raises InviteOnly (invite mode), TooManyAttempts (nothing looked up), NipError,
    NotOnRoster or NipTaken (each counted as a failure). A roster identity shown for
    confirmation counts too, once per identity.
    """
    if settings.registration_mode == "invite":
        raise InviteOnly
    await guard(db, user_id, "nip", at=at)
    try:
        candidate = await _lookup(db, settings, validate_nip(raw), user_id, fallback_name)
    except NipError:
        await failed(db, user_id, "nip", at=at)
        raise
    except (NotOnRoster, NipTaken) as exc:
        await failed(db, user_id, "nip", detail=nip_masked(exc.nip), at=at)
        raise
    if candidate.verified:
        await revealed(db, user_id, "nip", candidate.nip, detail=nip_masked(candidate.nip), at=at)
    return candidate


async def candidate_for_invite(
    db: Database, settings: Settings, code: str, *, user_id: int, at: float
) -> Candidate | None:
    """The roster entry behind a deep-link code, or None when the code is unknown.

    Within the same attempt limit as a typed NIP: raises TooManyAttempts (nothing looked
    up); an unknown code counts as a failure, and so does NipTaken.
    """
    await guard(db, user_id, "nip", at=at)
    nip = await get_invite_nip(db, code)
    if nip is None:
        await failed(db, user_id, "nip", at=at)
        return None
    try:
        return await _lookup(db, settings, nip, user_id, "")
    except (NotOnRoster, NipTaken) as exc:
        await failed(db, user_id, "nip", detail=nip_masked(exc.nip), at=at)
        raise


async def _lookup(
    db: Database, settings: Settings, nip: str, user_id: int, fallback_name: str
) -> Candidate:
    """Who a valid NIP says the user is; raises NotOnRoster or NipTaken."""
    entry = await get_entry(db, nip)
    if entry is None and settings.registration_mode != "open":
        raise NotOnRoster(nip)
    holder = await get_participant_by_nip(db, nip)
    if holder is not None and holder.user_id != user_id:
        raise NipTaken(nip, holder.name, holder.user_id)
    if entry is None:
        return Candidate(nip, fallback_name, "", "", "", verified=False)
    return Candidate(nip, entry.name, entry.position, entry.unit, entry.group, verified=True)


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
