"""Shared by the session and store tests: a fake clock and routines built directly (no TOML)."""

from __future__ import annotations

from coach.core.routines.model import EducationStep, RestStep, RollStep, Routine, StrengthStep
from coach.core.session import SessionEngine

WALL0 = 1_700_000_000.0  # wall clock at fake time 0 (Unix seconds)


class FakeClock:
    """Monotonic seconds that only move when told; ``wall()`` follows it from WALL0."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t

    def wall(self) -> float:
        return WALL0 + self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def strength(
    title="Single-leg squat", exercise="single_leg_squat", sets=3, reps=8, hold=None, per_side=True, rest=30
) -> StrengthStep:
    return StrengthStep(
        title=title,
        exercise=exercise,
        sets=sets,
        reps=None if hold else reps,
        hold_seconds=hold,
        per_side=per_side,
        rest_seconds=rest,
        view="front",
        illustration="illustrations/x.svg",
    )


def roll(title="Roll the TFL", target="tfl", seconds=60, per_side=True) -> RollStep:
    return RollStep(
        title=title,
        target=target,
        seconds_per_side=seconds,
        per_side=per_side,
        illustration="illustrations/roll_tfl.svg",
    )


def education(seconds=20) -> EducationStep:
    return EducationStep(
        title="Why we don't roll the band", text="...", illustration="illustrations/e.svg", seconds=seconds
    )


def routine(*steps, rid="lateral-hip-reset", title="Quick lateral-hip reset") -> Routine:
    return Routine(id=rid, title=title, summary="", level="beginner", steps=tuple(steps))


def bundled_style() -> Routine:
    """Shaped like a bundled routine: education, two rolls, a hold, a rest, two rep exercises."""
    return routine(
        education(20),
        roll("Roll the TFL", "tfl", 45),
        roll("Roll the glutes", "glute_max", 60, per_side=False),
        strength("Side plank", "side_plank", sets=2, hold=20, rest=20),
        RestStep(seconds=30),
        strength("Step-down", "step_down", sets=2, reps=6, rest=30),
        strength("Squat", "squat", sets=2, reps=10, per_side=False, rest=45),
    )


def engine(r: Routine, clock: FakeClock, sets: list | None = None, **kw) -> SessionEngine:
    return SessionEngine(r, clock=clock, wall=clock.wall, on_set=None if sets is None else sets.append, **kw)


def kinds(cues) -> list[str]:
    return [c.kind for c in cues]
