"""What the Today screen shows (pure): today's session with each exercise's dose and the reason for its last
change, or a rest day with what comes next; the phase, the week and the streak.

Training days: a phase asks for ``sessions_per_week`` sessions in each Monday-Sunday week. Today is a rest day
when this week's sessions are done, when a session was done today already, or when yesterday had one and the
sessions left still fit in the days left with a rest between them. The streak counts whole weeks on plan; a week
with a flare pauses it (neither counts nor breaks it). Days are local ``date``s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.core.programme.model import Programme, apply_doses, dose_text
from coach.core.programme.progression import Decision, ProgrammeState
from coach.core.programme.tracker import week_of
from coach.core.routines.model import Routine, StrengthStep


@dataclass(frozen=True)
class DoseLine:
    exercise: str
    text: str  # "Side plank from the knees: 2 × 20 s hold"
    reason: str  # why it is this dose now ("" before any decision)


@dataclass(frozen=True)
class TodayPlan:
    phase_title: str
    phase_text: str
    phase_number: int  # 1-based
    phases_total: int
    week: int
    streak_weeks: int
    sessions_this_week: int
    sessions_per_week: int
    routine: Routine | None  # today's session with the doses applied; None on a rest day
    doses: tuple[DoseLine, ...]
    rest_reason: str  # why today is a rest day ("" on a training day)
    next_text: str  # what comes next, on a rest day
    running: bool  # the return-to-run phase


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def streak(days_trained: list[date], flare_days: list[date], per_week: int, today: date, started: date) -> int:
    """Whole weeks on plan before this one (back from last week): a week with ``per_week`` sessions counts, a week
    with a flare pauses the streak, any other week ends it."""
    per_monday: dict[date, int] = {}  # sessions in each Monday-Sunday week (one pass: years of history stay fast)
    for d in days_trained:
        if d >= started:
            per_monday[_week_start(d)] = per_monday.get(_week_start(d), 0) + 1
    flare_weeks = {_week_start(d) for d in flare_days}
    count, week = 0, _week_start(today) - timedelta(days=7)
    while week >= _week_start(started):
        n = per_monday.get(week, 0)
        flare = week in flare_weeks
        if n >= per_week:
            count += 1
        elif not flare:
            break
        week -= timedelta(days=7)
    return count


def plan_today(
    programme: Programme,
    state: ProgrammeState,
    routines: dict[str, Routine],
    days_trained: list[date],
    decisions: list[Decision],
    today: date,
) -> TodayPlan:
    """Today's plan. ``days_trained``: the days with a session (any routine, from the history); ``decisions``:
    the dose decisions so far, oldest first (the last one per exercise gives its reason)."""
    phase = programme.phases[state.phase]
    week_start = _week_start(today)
    this_week = sum(1 for d in days_trained if week_start <= d <= today)
    left = max(0, phase.sessions_per_week - this_week)
    days_left = 6 - today.weekday()  # after today
    rest = ""
    if today in days_trained:
        rest = "You trained today. Rest and let it settle: tomorrow morning, say how it feels."
    elif left == 0:
        rest = f"This week's {phase.sessions_per_week} sessions are done. Rest: your tissues adapt between sessions."
    elif (today - timedelta(days=1)) in days_trained and left <= (days_left + 1) // 2:
        rest = "You trained yesterday: a rest day in between helps the tissues adapt."
    available = [rid for rid in phase.routines if rid in routines]
    routine = None
    if not rest and available:
        base = routines[available[state.sessions_in_phase % len(available)]]
        routine = apply_doses(base, programme, state.doses)
    last_reason = {d.exercise: d.reason for d in decisions}
    shown = routine or (routines[available[state.sessions_in_phase % len(available)]] if available else None)
    lines: list[DoseLine] = []
    for step in shown.steps if shown else ():
        if (
            isinstance(step, StrengthStep)
            and (ladder := programme.ladder(step.exercise))
            and step.exercise in state.doses
            and all(line.exercise != step.exercise for line in lines)
        ):
            lines.append(
                DoseLine(
                    step.exercise, dose_text(ladder, state.doses[step.exercise]), last_reason.get(step.exercise, "")
                )
            )
    nxt = ""
    if rest:
        if left == 0 or days_left == 0:
            nxt = f"Next: “{shown.title if shown else phase.title}” next week."
        else:
            nxt = (
                f"Next: “{shown.title if shown else phase.title}”, {left} more session{'s' if left != 1 else ''} "
                "this week."
            )
    per = phase.sessions_per_week
    return TodayPlan(
        phase.title,
        phase.text,
        state.phase + 1,
        len(programme.phases),
        week_of(state, today),
        streak(days_trained, list(state.flares), per, today, state.started),
        this_week,
        per,
        routine,
        tuple(lines),
        rest,
        nxt,
        phase.running,
    )
