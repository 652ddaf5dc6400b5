"""The schedule plan and the clock, as pure logic."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.agenda import BadDayArg, NoSuchDay, default_day, now_and_next, own_sessions, parse_day_arg
from bot.agenda_io import sample_agenda
from bot.clock import Clock
from bot.schedule import plan, reminder_leads
from tests.conftest import at


def test_plan_has_one_briefing_a_day_and_reminders_by_the_rules() -> None:
    agenda = sample_agenda()
    items = plan(agenda)
    briefings = [p for p in items if p.kind == "briefing"]
    assert [p.due for p in briefings] == [at(f"2025-05-{d} 04:50") for d in (15, 16, 17)]
    assert all(p.expires == p.due.replace(hour=12, minute=0) for p in briefings)
    by_session = {p.session.id: p for p in items if p.kind == "reminder" and p.session}
    apel = by_session["d2-apel-pagi"]
    assert apel.due == at("2025-05-16 05:00") and apel.expires == at("2025-05-16 05:30")
    # meals and breaks are silent unless asked; explicit remind lists are honoured
    assert "d2-ishoma-jumat" not in by_session
    kemendagri = [p for p in items if p.item == "d2-kemendagri"]
    assert sorted(p.lead for p in kemendagri if p.lead is not None) == [5, 30]
    assert items == sorted(items, key=lambda p: (p.due, p.key))
    assert not [p for p in items if p.kind in ("prompt", "nudge")]
    assert len([p for p in plan(agenda, include_reserved=True) if p.kind == "prompt"]) == 3


def test_a_moved_session_gets_new_reminder_keys() -> None:
    agenda = sample_agenda()
    s = next(x for x in agenda.sessions if x.id == "d2-kemendagri")
    moved = replace(
        agenda,
        sessions=tuple(
            replace(x, start=time(9, 0), end=time(11, 0)) if x.id == s.id else x
            for x in agenda.sessions
        ),
    )
    old = {p.key for p in plan(agenda) if p.item == s.id}
    new = {p.key for p in plan(moved) if p.item == s.id}
    assert old and new and not old & new
    assert reminder_leads(agenda, s) == (30, 5)


def test_own_agenda_and_day_questions() -> None:
    agenda = sample_agenda()
    camat = {s.id for s in own_sessions(agenda, "Camat", "Kelompok 4")}
    assert "d2-breakout-camat" in camat and "d2-breakout-lurah" not in camat
    assert "d2-diskusi-k4-k6" in camat and "d2-diskusi-k1-k3" not in camat
    days = agenda.days()
    assert default_day(days, days[0] - timedelta(days=3)) == days[0]
    assert default_day(days, days[-1] + timedelta(days=3)) == days[-1]
    assert parse_day_arg("besok", days, days[0]) == days[1]
    assert parse_day_arg("hari ke-3", days, days[0]) == days[2]
    with pytest.raises(NoSuchDay):
        parse_day_arg("9", days, days[0])
    with pytest.raises(BadDayArg):
        parse_day_arg("xyz", days, days[0])
    tz = agenda.event.tz
    current, nxt = now_and_next(list(agenda.sessions), at("2025-05-16 10:20"), tz)
    assert {s.id for s in current} == {"d2-breakout-camat", "d2-breakout-lurah", "d2-breakout-opd"}
    assert nxt is not None and nxt.id == "d2-ishoma-jumat"


def test_rehearsal_clock_starts_where_told_and_runs_at_its_speed() -> None:
    real = [1000.0]
    clock = Clock(start=at("2025-05-15 04:25"), speed=60, real=lambda: real[0])
    assert clock.now() == at("2025-05-15 04:25").astimezone(UTC)
    real[0] += 10  # ten real seconds are ten event minutes
    assert clock.now() == at("2025-05-15 04:35").astimezone(UTC)
    assert clock.real_delay(at("2025-05-15 04:45")) == pytest.approx(10.0)
    assert clock.rehearsing
    clock.jump(at("2025-05-16 05:00"))
    assert clock.now() == at("2025-05-16 05:00").astimezone(UTC)
    with pytest.raises(ValueError):
        Clock(start=datetime(2025, 5, 15, 4, 25))
