"""A first end-to-end pass: start, register, agenda."""

from __future__ import annotations

from tests.conftest import BUDI, Rig


async def test_new_user_registers_with_roster_nip_and_sees_own_agenda(rig: Rig) -> None:
    u = rig.user(1001, "Budi")
    await u.send("/start")
    welcome = await u.next_reply()
    assert "Selamat datang" in welcome.text
    await rig.register(u, BUDI)
    agenda = u.inbox[-1]
    assert "Kamis, 15 Mei 2025" in agenda.text
