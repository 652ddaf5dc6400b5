"""The built-in sample event, true to the hour (issue 7 item 9): Pemkot Malang's retreat,
Kamis–Sabtu 15–17 Mei 2025, laid out around the prayer times of Malang in mid-May."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path

import pytest

from bot.agenda_io import load_agenda_file, sample_agenda
from bot.models import Session
from bot.schedule import plan
from tests.conftest import ROSTER, roster_rows
from tests.test_cli import SAMPLE, TOKEN, cli

Window = tuple[time, time]

# Malang, mid-May 2025 (WIB), rounded to the quarter hour the committee would plan with: from
# the adhan to the end of the congregational prayer. On Friday the men's Jumat prayer (khutbah
# and prayer) takes Dzuhur's place and runs longer.
PRAYERS: dict[str, Window] = {
    "Subuh": (time(4, 15), time(4, 45)),
    "Dzuhur": (time(11, 30), time(12, 0)),
    "Ashar": (time(14, 50), time(15, 15)),
    "Maghrib": (time(17, 20), time(17, 45)),
    "Isya": (time(18, 30), time(18, 50)),
}
JUMAT: Window = (time(11, 30), time(12, 30))
FRIDAY = 4  # date.weekday()


def prayer_windows(day: date) -> dict[str, Window]:
    """The day's prayer windows: Jumat instead of Dzuhur on a Friday."""
    if day.weekday() != FRIDAY:
        return dict(PRAYERS)
    return {
        ("Jumat" if name == "Dzuhur" else name): (JUMAT if name == "Dzuhur" else window)
        for name, window in PRAYERS.items()
    }


def makes_room_for_prayer(s: Session) -> bool:
    """A prayer slot or an ISHOMA (istirahat, sholat, makan): a break or meal that says so."""
    title = s.title.casefold()
    return s.kind in ("break", "meal") and ("sholat" in title or "ishoma" in title)


def overlaps(s: Session, window: Window) -> bool:
    """Whether the session runs into the window (both half-open: an end may meet a start)."""
    return s.start < window[1] and window[0] < s.end


def prayer_clashes(sessions: Iterable[Session]) -> list[str]:
    """`id × prayer` for every session, other than a prayer slot, that runs into a prayer."""
    return [
        f"{s.id} × {name}"
        for s in sessions
        if not makes_room_for_prayer(s)
        for name, window in prayer_windows(s.date).items()
        if overlaps(s, window)
    ]


def prayer_at(moment: datetime) -> str | None:
    """The prayer under way at this local moment, if any."""
    for name, (start, end) in prayer_windows(moment.date()).items():
        if start <= moment.time() < end:
            return name
    return None


def minutes(start: time, end: time) -> int:
    """Whole minutes from `start` to `end` on the same day."""
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def on(day: date) -> list[Session]:
    """The sample's sessions on `day`, in time order."""
    return sorted((s for s in sample_agenda().sessions if s.date == day), key=lambda s: s.start)


def the(session_id: str) -> Session:
    """The sample's session with this id."""
    return next(s for s in sample_agenda().sessions if s.id == session_id)


THU, FRI, SAT = date(2025, 5, 15), date(2025, 5, 16), date(2025, 5, 17)


# ---------------------------------------------------------------- the rule itself


def test_the_rule_sees_a_session_across_a_prayer_and_lets_ishoma_through() -> None:
    across = Session("x", THU, time(17, 0), time(17, 45), "Jalan Sore", kind="activity")
    ishoma = Session("y", THU, time(17, 15), time(19, 0), "ISHOMA Malam", kind="meal")
    meets = Session("z", THU, time(14, 0), time(14, 50), "Sesi Pleno")
    friday = Session("f", FRI, time(12, 0), time(12, 45), "Sesi Pleno")
    assert prayer_clashes([across, ishoma, meets, friday]) == ["x × Maghrib", "f × Jumat"]
    assert "Dzuhur" not in prayer_windows(FRI) and "Jumat" not in prayer_windows(THU)
    assert prayer_at(datetime(2025, 5, 16, 12, 15)) == "Jumat"
    assert prayer_at(datetime(2025, 5, 15, 18, 50)) is None  # a window's end is outside it


# ---------------------------------------------------------------- the sample


@pytest.mark.slow
def test_the_sample_passes_check(tmp_path: Path) -> None:
    agenda, problems = load_agenda_file(SAMPLE, today=date(2025, 5, 1))
    assert problems == [] and agenda is not None
    assert agenda.days() == [THU, FRI, SAT]
    assert [d.strftime("%A") for d in agenda.days()] == ["Thursday", "Friday", "Saturday"]
    result = cli(tmp_path, "check", BOT_TOKEN=TOKEN, EVENT_FILE=str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_no_session_runs_into_a_prayer_but_the_prayer_slots_and_ishoma() -> None:
    assert prayer_clashes(sample_agenda().sessions) == []


def test_no_automatic_message_buzzes_in_the_middle_of_a_prayer() -> None:
    agenda = sample_agenda()
    tz = agenda.event.tz
    during = [
        f"{p.key} × {prayer}"
        for p in plan(agenda, include_reserved=True)
        if (prayer := prayer_at(p.due.astimezone(tz))) is not None
    ]
    assert during == []


def test_every_prayer_within_the_days_programme_has_its_slot() -> None:
    for day in (THU, FRI, SAT):
        sessions = on(day)
        first, last = sessions[0].start, max(s.end for s in sessions)
        for name, window in prayer_windows(day).items():
            if window[1] <= first or window[0] >= last:
                continue  # at home: before arrival or after departure
            slots = [s for s in sessions if makes_room_for_prayer(s) and overlaps(s, window)]
            assert slots, f"{day}: no slot for {name}"
            assert any(s.start <= window[0] and window[1] <= s.end for s in slots), (
                f"{day}: {name} {window} is not inside {[s.id for s in slots]}"
            )


def test_subuh_comes_before_the_morning_assembly_and_the_briefing_after_subuh() -> None:
    briefing = sample_agenda().schedule.morning_briefing
    assert briefing is not None
    subuh = PRAYERS["Subuh"]
    assert briefing >= subuh[1], f"the briefing at {briefing} falls in Subuh {subuh}"
    for day in (FRI, SAT):
        apel = next(s for s in on(day) if s.kind == "assembly")
        assert apel.start == time(5, 30)
        slot = next(s for s in on(day) if "subuh" in s.title.casefold())
        assert slot.end <= apel.start and briefing < apel.start
        assert slot.start <= subuh[0] and subuh[1] <= slot.end


def test_friday_breakouts_end_by_a_quarter_past_eleven_for_jumat() -> None:
    breakouts = [s for s in on(FRI) if s.id.startswith("d2-breakout-")]
    assert len(breakouts) == 3
    assert all(s.end <= time(11, 15) for s in breakouts), [(s.id, s.end) for s in breakouts]
    jumat = the("d2-ishoma-jumat")
    assert "Jumat" in jumat.title and jumat.start <= time(11, 15) and jumat.end >= JUMAT[1]


def test_the_closing_ceremony_is_in_the_field_before_dzuhur_after_packing() -> None:
    closing = the("d3-penutupan")
    assert closing.kind == "ceremony" and "Lapangan" in closing.location
    # over before the adhan: people pray Dzuhur and go home, nobody stands in the field at noon
    assert closing.end <= PRAYERS["Dzuhur"][0], f"the closing ends at {closing.end}"
    assert "PDH" in closing.description
    packing = the("d3-checkout")
    assert "PDH" in packing.description
    assert packing.end <= closing.start
    assert minutes(packing.start, packing.end) >= 30, "too little time to pack and change"


def test_the_last_day_ends_before_noon_with_departure() -> None:
    last = on(SAT)[-1]
    assert last.end < time(12, 0), f"{last.id} ends at {last.end}"
    assert "pemulangan" in last.title.casefold()
    assert max(s.end for s in on(SAT)) == last.end


def test_speakers_are_plausible_for_a_city_and_the_sekda_is_not_also_a_speaker() -> None:
    sessions = sample_agenda().sessions
    lurah = next(s for s in sessions if s.audience == ("Lurah",))
    assert "desa" not in lurah.speaker.casefold()  # Malang city has kelurahan, not desa
    assert any(r["position"] == "Sekda" for r in roster_rows()), ROSTER
    for s in sessions:
        assert "sekretaris daerah kota" not in s.speaker.casefold(), f"{s.id}: {s.speaker}"
        assert "sekda" not in s.speaker.casefold(), f"{s.id}: {s.speaker}"
