"""When the programme's sessions happen (pure): the training days and time the user chose, when a reminder is
due, and the sessions planned over the next weeks (for a calendar file).

Days of the week are 0 = Monday ... 6 = Sunday; times are local wall-clock ``time``s; datetimes are naive local
time. A reminder is due on a chosen day from the chosen time for ``LATE_HOURS`` hours (so an app started a little
late still reminds), once a day, and not on a day that already had a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coach.core.programme.model import Programme, apply_doses, dose_text
from coach.core.programme.progression import ProgrammeState
from coach.core.routines.model import Routine, StrengthStep

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_DAYS = frozenset({0, 2, 4})
DEFAULT_TIME = time(18, 0)
LATE_HOURS = 4  # a reminder missed by up to this many hours (app not running) is still shown


def parse_days(text: str) -> frozenset[int]:
    """ "0,2,4" -> {0, 2, 4}; anything that isn't a day number 0-6 is left out."""
    out = set()
    for part in str(text).replace(" ", "").split(","):
        if part.isdigit() and int(part) < 7:
            out.add(int(part))
    return frozenset(out)


def days_text(days: frozenset[int]) -> str:
    return ",".join(str(d) for d in sorted(days))


def parse_time(text: str) -> time | None:
    """ "18:30" -> 18:30; None when it isn't a time of day HH:MM."""
    try:
        hh, mm = str(text).strip().split(":")
        return time(int(hh), int(mm))
    except (ValueError, TypeError):
        return None


def days_words(days: frozenset[int]) -> str:
    """ "Monday, Wednesday and Friday" ("no days" when empty)."""
    names = [DAY_NAMES[d] for d in sorted(days)]
    if not names:
        return "no days"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class TrainingTimes:
    days: frozenset[int] = DEFAULT_DAYS
    at: time = DEFAULT_TIME

    def reminder_due(self, now: datetime, last_shown: date | None, trained_today: bool) -> bool:
        """True when a reminder should show now: a chosen day, at or up to ``LATE_HOURS`` after the time, not
        shown yet today and no session done today."""
        start = datetime.combine(now.date(), self.at)
        return (
            now.weekday() in self.days
            and start <= now < start + timedelta(hours=LATE_HOURS)
            and last_shown != now.date()
            and not trained_today
        )

    def next_reminder(self, now: datetime) -> datetime | None:
        """The next chosen day and time after ``now`` (None when no day is chosen)."""
        for ahead in range(8):
            day = now.date() + timedelta(days=ahead)
            at = datetime.combine(day, self.at)
            if day.weekday() in self.days and at > now:
                return at
        return None


def times_to_dict(times: TrainingTimes) -> dict[str, object]:
    return {"days": sorted(times.days), "at": times.at.strftime("%H:%M")}


def times_from_dict(data: object) -> TrainingTimes:
    """From the saved form; anything missing or unreadable keeps its default."""
    if not isinstance(data, dict):
        return TrainingTimes()
    raw = data.get("days")
    days = (
        frozenset(d for d in raw if isinstance(d, int) and not isinstance(d, bool) and 0 <= d < 7)
        if isinstance(raw, list)
        else DEFAULT_DAYS
    )
    return TrainingTimes(days, parse_time(str(data.get("at", ""))) or DEFAULT_TIME)


@dataclass(frozen=True)
class PlannedSession:
    day: date
    start: datetime  # naive local time
    routine: Routine  # with the doses of today applied
    doses: tuple[str, ...]  # "Side plank from the knees: 2 × 20 s hold", one per exercise on a ladder
    phase_title: str


def upcoming(
    programme: Programme,
    state: ProgrammeState,
    routines: dict[str, Routine],
    times: TrainingTimes,
    first_day: date,
    weeks: int,
) -> list[PlannedSession]:
    """The sessions on the chosen days from ``first_day`` for ``weeks`` weeks, as planned today: the current
    phase's routines in turn, at today's doses, at most the phase's sessions per (Monday-Sunday) week. Later
    doses and phases depend on how the sessions go, so a calendar made from this is a reminder, not a promise."""
    phase = programme.phases[state.phase]
    available = [rid for rid in phase.routines if rid in routines]
    if not available or not times.days or weeks < 1:
        return []
    out: list[PlannedSession] = []
    turn = state.sessions_in_phase
    per_week: dict[date, int] = {}
    for ahead in range(weeks * 7):
        day = first_day + timedelta(days=ahead)
        monday = day - timedelta(days=day.weekday())
        if day.weekday() not in times.days or per_week.get(monday, 0) >= phase.sessions_per_week:
            continue
        per_week[monday] = per_week.get(monday, 0) + 1
        routine = apply_doses(routines[available[turn % len(available)]], programme, state.doses)
        turn += 1
        lines: list[str] = []
        for step in routine.steps:
            if isinstance(step, StrengthStep) and (lad := programme.ladder(step.exercise)):
                dose = state.doses.get(step.exercise)
                text = dose_text(lad, dose) if dose else ""
                if text and text not in lines:
                    lines.append(text)
        out.append(PlannedSession(day, datetime.combine(day, times.at), routine, tuple(lines), phase.title))
    return out
