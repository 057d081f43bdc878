"""The report's programme facts (pure): the phase and week, adherence against the programme's plan, the current
doses and the last dose decision per exercise with its reason.

Adherence counts whole Monday-Sunday weeks inside the report's range and on the programme: planned is the
phase's sessions a week; done is the days with a session that finished at least one set (as the programme
counts training days). Days are local ``date``s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.core.exercises import EXERCISES
from coach.core.programme.model import Programme, dose_text
from coach.core.programme.progression import Decision, ProgrammeState
from coach.core.programme.tracker import week_of
from coach.core.report.drops import week_start


@dataclass(frozen=True)
class Adherence:
    done: int  # training days in the counted weeks
    planned: int | None  # None: no programme, nothing was planned
    weeks: int  # whole weeks counted
    meaning: str  # what "planned" and "done" mean here, in words
    this_week_done: int = 0  # the week still running (not counted above)
    this_week_planned: int | None = None

    @property
    def percent(self) -> int | None:
        return None if not self.planned else round(100 * self.done / self.planned)


@dataclass(frozen=True)
class DecisionLine:
    day: date
    exercise: str  # display name
    action: str  # "progress", "hold" or "regress"
    dose: str  # the dose for next time, in words
    reason: str


def exercise_name(key: str) -> str:
    info = EXERCISES.get(key)
    return info.name if info else key


def _per_week(programme: Programme, state: ProgrammeState, monday: date) -> int:
    """Sessions a week asked for in the week of ``monday``: the current phase from the week it started, the phase
    before it earlier (phases move one at a time)."""
    phase = state.phase if monday >= week_start(state.phase_started) else max(0, state.phase - 1)
    return programme.phases[phase].sessions_per_week


def adherence(
    days_trained: set[date], first: date, last: date, today: date, prog: tuple[Programme, ProgrammeState] | None
) -> Adherence:
    """Sessions done against planned over the whole weeks of ``first``..``last`` (and, apart, this week)."""
    start = first if prog is None else max(first, prog[1].started)
    monday = week_start(start) if start.weekday() == 0 else week_start(start) + timedelta(days=7)
    weeks: list[date] = []
    while monday + timedelta(days=6) <= last and monday + timedelta(days=6) < today:
        weeks.append(monday)
        monday += timedelta(days=7)
    done = sum(1 for d in days_trained if any(w <= d < w + timedelta(days=7) for w in weeks))
    current = week_start(today)
    running = first <= today <= last  # this week is still running: shown apart, not counted
    now_done = sum(1 for d in days_trained if current <= d <= today) if running else 0
    if prog is None:
        meaning = "No programme was set up, so nothing was planned: done counts the days with a session."
        return Adherence(done, None, len(weeks), meaning, now_done, None)
    programme, state = prog
    planned = sum(_per_week(programme, state, w) for w in weeks)
    meaning = (
        f"Planned: the programme's sessions a week ({programme.phases[state.phase].sessions_per_week} in the "
        f"current phase) over the {len(weeks)} whole Monday–Sunday week{'s' if len(weeks) != 1 else ''} in this "
        f"range since the programme started ({state.started:%d %b %Y}). Done: days with a session "
        "(at least one set finished)."
    )
    return Adherence(
        done, planned, len(weeks), meaning, now_done, _per_week(programme, state, current) if running else None
    )


def phase_line(programme: Programme, state: ProgrammeState, today: date) -> str:
    phase = programme.phases[state.phase]
    return (
        f"{programme.title} — phase {state.phase + 1} of {len(programme.phases)}: {phase.title}, "
        f"week {week_of(state, today)} of the programme"
    )


def dose_lines(
    programme: Programme, state: ProgrammeState, decisions: list[Decision], done: set[str]
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(exercise name, dose in words, reason for its last change or "") for every exercise on a ladder that was
    done (``done``: exercise keys) or has a decision, in the ladder order; and the names of the others (not
    started yet)."""
    last = {d.exercise: d.reason for d in decisions}
    out, idle = [], []
    for lad in programme.ladders:
        dose = state.doses.get(lad.exercise)
        if dose is None:
            continue
        if lad.exercise in done or lad.exercise in last:
            out.append((exercise_name(lad.exercise), dose_text(lad, dose), last.get(lad.exercise, "")))
        else:
            idle.append(exercise_name(lad.exercise))
    return out, idle


def last_decisions(programme: Programme | None, decisions: list[Decision], until: date) -> list[DecisionLine]:
    """The latest decision per exercise made on or before ``until``, newest first."""
    latest: dict[str, Decision] = {}
    for d in decisions:
        if d.day <= until:
            latest[d.exercise] = d
    out = []
    for d in sorted(latest.values(), key=lambda d: d.day, reverse=True):
        lad = programme.ladder(d.exercise) if programme else None
        dose = dose_text(lad, d.dose) if lad else f"{d.dose.sets} × {d.dose.amount}"
        out.append(DecisionLine(d.day, exercise_name(d.exercise), d.action, dose, d.reason))
    return out
