"""Simulated people following a programme for weeks, on an injected calendar (for tests and bench/programme_sim.py).

A persona answers, for a session on a given day in a given week: the pain after it, whether every set was done,
the form the camera saw, and the next morning's check. ``simulate`` plays the programme: on each training day it
checks the phase, applies the doses to the phase's next routine, "does" it as the persona would, and feeds the
outcome (with the next morning's check) to the progression engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from coach.core.programme.model import Programme, apply_doses
from coach.core.programme.outcomes import ExerciseOutcome, MorningCheck, SessionOutcome
from coach.core.programme.progression import Decision, ProgrammeState, apply_session, check_phase
from coach.core.programme.rules import Rules
from coach.core.routines.model import Routine, StrengthStep

TRAINING_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday


@dataclass(frozen=True)
class Day:
    """What the persona reports for one session: pain after (None = not rated), sets done share, form, morning."""

    pain: int | None = 2
    all_sets: bool = True
    level_share: float | None = 1.0  # share of camera-measured reps with level hips (None: camera off)
    morning_pain: int | None = 1
    compared: str | None = "same"


Persona = Callable[[int, int], Day]  # (week 1.., session index in the week) -> Day


def steady(week: int, n: int) -> Day:
    return Day()


def flare_in_week_3(week: int, n: int) -> Day:
    if week == 3 and n == 1:
        return Day(pain=6, morning_pain=5, compared="worse")
    if week == 3 and n == 2:
        return Day(pain=5, morning_pain=3, compared="worse")
    return Day()


def never_rates(week: int, n: int) -> Day:
    return Day(pain=None, morning_pain=None, compared=None)


def sloppy_form(week: int, n: int) -> Day:
    return Day(level_share=0.6)


@dataclass
class Log:
    """What happened, day by day: the phase, the doses after each session, every decision."""

    phases: dict[date, int] = field(default_factory=dict)
    doses: dict[date, dict] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    phase_reasons: list[tuple[date, str]] = field(default_factory=list)


def _outcome(routine: Routine, day: date, d: Day) -> SessionOutcome:
    exercises: dict[str, ExerciseOutcome] = {}
    for step in routine.steps:
        if not isinstance(step, StrengthStep):
            continue
        planned = step.sets * len(step.sides)
        done = planned if d.all_sets else planned - 1
        amount = (step.reps or step.hold_seconds or 0) * done
        measured = None if d.level_share is None or step.reps is None else (step.reps or 0) * done
        level = None if measured is None else int(round(measured * d.level_share))
        prev = exercises.get(step.exercise)
        if prev is not None:  # the same exercise twice in a routine: add up
            planned, done, amount = prev.sets_planned + planned, prev.sets_done + done, prev.amount_done + amount
        exercises[step.exercise] = ExerciseOutcome(step.exercise, planned, done, amount, level, measured)
    morning = MorningCheck(day + timedelta(days=1), d.morning_pain, d.compared)  # type: ignore[arg-type]
    return SessionOutcome(day, 2 if d.pain is not None else None, d.pain, exercises, morning)


def simulate(
    programme: Programme,
    routines: dict[str, Routine],
    persona: Persona,
    *,
    weeks: int = 8,
    start: date = date(2026, 1, 5),
    rules: Rules = Rules(),
    baseline: int | None = 1,
) -> Log:
    state = ProgrammeState.begin(programme, start, baseline)
    log = Log()
    turn = 0
    for week in range(1, weeks + 1):
        for n, weekday in enumerate(TRAINING_DAYS):
            day = start + timedelta(days=7 * (week - 1) + weekday)
            state, pd = check_phase(programme, state, day)
            if pd.action != "hold":
                log.phase_reasons.append((day, pd.reason))
            phase = programme.phases[state.phase]
            if n >= phase.sessions_per_week:
                continue
            routine = apply_doses(routines[phase.routines[turn % len(phase.routines)]], programme, state.doses)
            turn += 1
            state, decisions = apply_session(programme, state, _outcome(routine, day, persona(week, n)), rules)
            log.phases[day] = state.phase
            log.doses[day] = dict(state.doses)
            log.decisions.extend(decisions)
    return log
