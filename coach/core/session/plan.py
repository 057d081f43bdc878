"""A routine unrolled into the flat list of phases the session engine plays (no Qt, no clock).

Strength step: per side (left then right when ``per_side``) a READY lead-in of
``routine.READY_SECONDS``, then its sets (WORK for reps, untimed; HOLD for holds, timed), with a REST
of ``rest_seconds`` between consecutive sets, across sides too, but none after the very last set. A hold
set after the first of a side gets its own READY too (a changeover), so it never starts the instant a rest ends.
Roll step: one ROLL of ``seconds_per_side`` per side; between the sides a READY changeover of
``routine.CHANGEOVER_SECONDS``.
Rest step: one REST. Education step: one EDUCATION of its reading ``seconds``. Durations in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from coach.core.record import SetRecord
from coach.core.routines.model import (
    CHANGEOVER_SECONDS,
    READY_SECONDS,
    EducationStep,
    RestStep,
    RollStep,
    Routine,
    Step,
    StrengthStep,
)
from coach.core.session.sets import SetKey, SetProgress


class Phase(str, Enum):
    IDLE = "idle"
    READY = "ready"  # "get into position" countdown: before a strength side or hold set, between roll sides
    ROLL = "roll"  # a timed roll of one side
    WORK = "work"  # a rep set: untimed, waits for reps
    HOLD = "hold"  # a timed hold set
    REST = "rest"
    EDUCATION = "education"
    FINISHED = "finished"


@dataclass(frozen=True)
class Segment:
    """One phase of the plan. ``set_number`` is 1-based (0: the step has no sets); for a READY it is the
    set about to start, for a REST between sets the set just done. ``duration_s`` None = untimed."""

    phase: Phase
    step_index: int
    side: str | None
    side_index: int
    sides_total: int
    set_number: int
    sets_total: int
    duration_s: float | None
    last_of_step: bool = False

    @property
    def is_set(self) -> bool:
        return self.phase in (Phase.WORK, Phase.HOLD)


def _strength(i: int, step: StrengthStep) -> list[Segment]:
    sides = step.sides
    phase = Phase.HOLD if step.hold_seconds is not None else Phase.WORK
    dur = float(step.hold_seconds) if step.hold_seconds is not None else None
    out: list[Segment] = []
    for si, side in enumerate(sides):
        common: dict[str, Any] = dict(
            step_index=i, side=side, side_index=si, sides_total=len(sides), sets_total=step.sets
        )
        out.append(Segment(Phase.READY, set_number=1, duration_s=READY_SECONDS, **common))
        for n in range(1, step.sets + 1):
            if n > 1 and phase == Phase.HOLD:
                out.append(Segment(Phase.READY, set_number=n, duration_s=CHANGEOVER_SECONDS, **common))
            out.append(Segment(phase, set_number=n, duration_s=dur, **common))
            last = si == len(sides) - 1 and n == step.sets
            if not last and step.rest_seconds > 0:
                out.append(Segment(Phase.REST, set_number=n, duration_s=float(step.rest_seconds), **common))
    return out


def _roll(i: int, step: RollStep) -> list[Segment]:
    n, out = len(step.sides), []
    for si, side in enumerate(step.sides):
        if si:
            out.append(Segment(Phase.READY, i, side, si, n, 0, 0, CHANGEOVER_SECONDS))
        out.append(Segment(Phase.ROLL, i, side, si, n, 0, 0, float(step.seconds_per_side)))
    return out


def _single(i: int, step: Step) -> Segment:
    if isinstance(step, RestStep):
        return Segment(Phase.REST, i, None, 0, 1, 0, 0, float(step.seconds))
    if isinstance(step, EducationStep):
        return Segment(Phase.EDUCATION, i, None, 0, 1, 0, 0, float(step.seconds))
    raise TypeError(f"unknown step type {type(step).__name__}")


def build_plan(routine: Routine) -> list[Segment]:
    """Every phase of the routine in playing order; the last segment of each step is flagged."""
    plan: list[Segment] = []
    for i, step in enumerate(routine.steps):
        segs = (
            _strength(i, step)
            if isinstance(step, StrengthStep)
            else _roll(i, step)
            if isinstance(step, RollStep)
            else [_single(i, step)]
        )
        segs[-1] = replace(segs[-1], last_of_step=True)
        plan.extend(segs)
    return plan


def _fmt_s(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s} s" if s < 60 else f"{s // 60} min" if s % 60 == 0 else f"{s // 60} min {s % 60} s"


def step_label(step: Step) -> str:
    """Short name of a step for previews: its title, or "Rest 60 s"."""
    if isinstance(step, RestStep):
        return f"{step.title} {_fmt_s(step.seconds)}" if step.title == "Rest" else step.title
    return step.title


def next_label(routine: Routine, plan: list[Segment], index: int) -> str:
    """Plain preview of what comes after ``plan[index]``: the next set of this step, else the next step."""
    if index < 0:
        return f"Next: {step_label(routine.steps[0])}" if routine.steps else "Next: done"
    if index >= len(plan):
        return ""
    cur = plan[index]
    start = index if cur.phase == Phase.READY else index + 1
    for seg in plan[start:]:
        if seg.step_index != cur.step_index:
            return f"Next: {step_label(routine.steps[seg.step_index])}"
        if seg.phase == Phase.ROLL and seg is not cur:  # the other side of this roll
            return f"Next: {seg.side} side"
        if seg.is_set:
            where = f"{seg.side} side, " if seg.side else ""
            return f"Next: {where}set {seg.set_number} of {seg.sets_total}"
    return "Next: done"


def set_record(
    step: Step, seg: Segment, *, side: str | None, progress: SetProgress, done_s: float, ended_at: float, skipped: bool
) -> SetRecord:
    """The record of one set (or one side of a roll) of ``step``; ``done_s`` = active seconds spent in it."""
    p = progress
    common: dict[str, Any] = dict(
        step_index=seg.step_index, side=side, started_at=p.started_at, ended_at=ended_at, skipped=skipped
    )
    if isinstance(step, RollStep):
        half = float(step.seconds_per_side)
        return SetRecord(
            kind="roll",
            exercise=step.target,
            set_number=1,
            target_hold_s=half,
            achieved_hold_s=round(min(half, done_s), 2),
            source="timer",
            **common,
        )
    assert isinstance(step, StrengthStep)
    hold = None if step.hold_seconds is None else float(step.hold_seconds)
    peak = None if p.peak_drop_deg is None else round(p.peak_drop_deg, 2)
    return SetRecord(
        kind="strength",
        exercise=step.exercise,
        set_number=seg.set_number,
        target_reps=step.reps,
        achieved_reps=p.reps,
        partial_reps=p.partials,
        target_hold_s=hold,
        achieved_hold_s=0.0 if hold is None else round(min(hold, done_s), 2),
        pelvic_drops=tuple(p.drops),
        peak_drop_deg=peak,
        source="timer" if hold is not None else "camera" if p.camera_reps else "manual",
        **common,
    )


def planned_keys(plan: list[Segment]) -> list[SetKey]:
    """The key (step, kind, side, set number) of every set and roll side the plan holds, in order: what a
    finished session has recorded (``session_log.key`` of its records)."""
    out: list[SetKey] = []
    for seg in plan:
        if seg.phase == Phase.ROLL:
            out.append((seg.step_index, "roll", seg.side, 1))
        elif seg.is_set:
            out.append((seg.step_index, "strength", seg.side, seg.set_number))
    return out
