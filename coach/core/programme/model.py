"""A recovery programme over weeks: phases with their routines and the criteria to move on, and dose ladders.

A phase lists routine ids (from the routine library), how many sessions a week it asks for, and when it may
move on (``MoveOn``). A ``Ladder`` says how one strength exercise's dose grows: its variations from easiest to
hardest (e.g. side plank from the knees, side plank, side plank with a top-leg lift), the amount (reps, or hold
seconds) each variation starts at and tops out at, and the sets. A ``Dose`` is a point on a ladder. Doses
replace the sets, reps or hold seconds (and the title, for a variation) of the routines' steps for that
exercise (``apply_doses``). Days are ``datetime.date`` in the user's local calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from coach.core.exercises import count_word
from coach.core.routines.model import Routine, Step, StrengthStep

Unit = Literal["reps", "seconds"]


@dataclass(frozen=True)
class MoveOn:
    """When a phase may hand over to the next: at least ``min_weeks`` in it, ``min_sessions`` done in it, and no
    flare (pain above the limit, or a worse next morning) in the last 7 days."""

    min_weeks: int = 2
    min_sessions: int = 5


@dataclass(frozen=True)
class ProgrammePhase:
    key: str
    title: str
    text: str  # what this phase is for, in plain words
    routines: tuple[str, ...]  # routine ids, played in turn
    sessions_per_week: int = 3
    move_on: MoveOn = field(default_factory=MoveOn)
    running: bool = False  # the return-to-run phase: runs are part of it


@dataclass(frozen=True)
class Ladder:
    """How one exercise's dose grows. ``start`` and ``top`` are reps (or hold seconds) per set."""

    exercise: str
    variations: tuple[str, ...]  # step titles, easiest first
    unit: Unit
    start: int
    top: int
    sets: int

    def first(self) -> Dose:
        return Dose(self.exercise, 0, self.start, self.sets)


@dataclass(frozen=True)
class Dose:
    """A point on a ladder: ``variation`` (index into ``Ladder.variations``), ``amount`` (reps or hold seconds
    per set) and ``sets``."""

    exercise: str
    variation: int
    amount: int
    sets: int

    @property
    def volume(self) -> int:
        return self.amount * self.sets


def dose_text(ladder: Ladder, dose: Dose) -> str:
    """E.g. "Side plank: 3 × 20 s hold" or "Step-down: 3 × 12 reps"."""
    name = ladder.variations[min(dose.variation, len(ladder.variations) - 1)]
    amount = f"{dose.amount} {count_word(ladder.exercise)}" if ladder.unit == "reps" else f"{dose.amount} s hold"
    return f"{name}: {dose.sets} × {amount}"


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    summary: str
    phases: tuple[ProgrammePhase, ...]
    ladders: tuple[Ladder, ...]
    source: Path | None = None
    bundled: bool = False

    def ladder(self, exercise: str) -> Ladder | None:
        return next((lad for lad in self.ladders if lad.exercise == exercise), None)

    def first_doses(self) -> dict[str, Dose]:
        return {lad.exercise: lad.first() for lad in self.ladders}


def apply_doses(routine: Routine, programme: Programme, doses: dict[str, Dose]) -> Routine:
    """``routine`` with each strength step on a ladder set to its dose: sets, reps or hold seconds, and the
    variation's title. Steps whose exercise has no ladder (or whose unit doesn't match) stay as they are."""
    steps: list[Step] = []
    for step in routine.steps:
        if not isinstance(step, StrengthStep):  # no ladder
            steps.append(step)
            continue
        ladder = programme.ladder(step.exercise)
        dose = doses.get(step.exercise) if ladder is not None else None
        if ladder is None or dose is None or (ladder.unit == "reps") != (step.reps is not None):
            steps.append(step)
            continue
        title = ladder.variations[min(dose.variation, len(ladder.variations) - 1)]
        if ladder.unit == "reps":
            steps.append(replace(step, title=title, sets=dose.sets, reps=dose.amount))
        else:
            steps.append(replace(step, title=title, sets=dose.sets, hold_seconds=dose.amount))
    return replace(routine, steps=tuple(steps))
