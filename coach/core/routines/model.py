"""Routine and step dataclasses (parsed and validated by ``loader``).

Durations are in seconds. ``Routine.estimated_seconds`` is computed from the steps, never typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Level = Literal["beginner", "intermediate", "advanced"]

REP_SECONDS = 3.0  # assumed time per rep when estimating a routine's duration
READY_SECONDS = 5.0  # "get into position" lead-in before each side of a strength step
CHANGEOVER_SECONDS = 5.0  # announced changeover: between the sides of a roll, before hold sets after the first


@dataclass(frozen=True)
class RollStep:
    title: str
    target: str  # key in targets.ROLL_TARGETS, e.g. "tfl"
    seconds_per_side: int
    per_side: bool
    illustration: str  # path relative to the assets folder
    cues: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    kind: Literal["roll"] = "roll"

    @property
    def sides(self) -> tuple[str | None, ...]:
        return ("left", "right") if self.per_side else (None,)

    @property
    def estimated_seconds(self) -> float:
        return float(self.seconds_per_side * len(self.sides)) + CHANGEOVER_SECONDS * (len(self.sides) - 1)


@dataclass(frozen=True)
class StrengthStep:
    title: str
    exercise: str  # key in coach.core.exercises.EXERCISES
    sets: int
    reps: int | None  # exactly one of reps / hold_seconds is set
    hold_seconds: int | None
    per_side: bool
    rest_seconds: int
    view: str  # camera view the tracker needs: "front", "side" or "any"
    illustration: str
    tempo: str = ""
    cues: tuple[str, ...] = ()
    faults: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()  # keys of routines.equipment.EQUIPMENT this step needs
    kind: Literal["strength"] = "strength"

    @property
    def sides(self) -> tuple[str | None, ...]:
        return ("left", "right") if self.per_side else (None,)

    @property
    def estimated_seconds(self) -> float:
        work = self.hold_seconds if self.hold_seconds is not None else (self.reps or 0) * REP_SECONDS
        n_sets = self.sets * len(self.sides)
        changeovers = (self.sets - 1) * len(self.sides) * CHANGEOVER_SECONDS if self.hold_seconds is not None else 0.0
        return READY_SECONDS * len(self.sides) + n_sets * work + max(0, n_sets - 1) * self.rest_seconds + changeovers


@dataclass(frozen=True)
class RestStep:
    seconds: int
    title: str = "Rest"
    text: str = ""
    illustration: str = "illustrations/rest.svg"
    kind: Literal["rest"] = "rest"

    @property
    def estimated_seconds(self) -> float:
        return float(self.seconds)


@dataclass(frozen=True)
class EducationStep:
    title: str
    text: str
    illustration: str
    seconds: int = 20  # reading time
    kind: Literal["education"] = "education"

    @property
    def estimated_seconds(self) -> float:
        return float(self.seconds)


Step = RollStep | StrengthStep | RestStep | EducationStep


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    summary: str
    level: Level
    steps: tuple[Step, ...]
    source: Path | None = None
    bundled: bool = False
    tags: tuple[str, ...] = field(default=())
    why: str = ""  # why this routine helps, in plain words (optional in the file)

    @property
    def estimated_seconds(self) -> float:
        return sum(s.estimated_seconds for s in self.steps)

    @property
    def estimated_minutes(self) -> int:
        """The estimate in whole minutes, rounded up (at least 1): what the library and the CLI show."""
        return max(1, math.ceil(self.estimated_seconds / 60))

    @property
    def equipment(self) -> tuple[str, ...]:
        """Every piece of kit the steps need (``EQUIPMENT`` keys), in the order they are first needed."""
        seen: list[str] = []
        for s in self.steps:
            kit = ("foam_roller",) if isinstance(s, RollStep) else s.equipment if isinstance(s, StrengthStep) else ()
            seen.extend(k for k in kit if k not in seen)
        return tuple(seen)

    @property
    def roll_targets(self) -> tuple[str, ...]:
        seen: list[str] = []
        for s in self.steps:
            if isinstance(s, RollStep) and s.target not in seen:
                seen.append(s.target)
        return tuple(seen)
