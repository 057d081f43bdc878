"""Value types the session engine hands out: cues for sound/voice and a snapshot of its state."""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.errors import CoachError
from coach.core.record import SetRecord
from coach.core.routines.model import Routine, Step, StrengthStep
from coach.core.session.plan import Phase, Segment, next_label

CUE_KINDS = ("start", "countdown", "switch_side", "ready", "set_done", "rep", "step", "pelvic_drop", "finished")


class SessionError(CoachError, ValueError):
    """Bad input to the session engine (e.g. a pain score outside 0-10)."""


@dataclass(frozen=True)
class Cue:
    """Something the player should announce. ``kind`` is one of ``CUE_KINDS``; ``value`` carries the
    countdown second (3, 2, 1), the rep count, or the rounded peak drop in degrees."""

    kind: str
    text: str
    value: int | None = None


@dataclass(frozen=True)
class SessionState:
    """Snapshot of the engine. Times in seconds of active (unpaused) time.

    ``set_number`` is 1-based (0 when the step has no sets); during READY it is the set about to start,
    during a REST between sets the set just done. ``remaining_s``/``phase_total_s`` are None for untimed
    phases (WORK, IDLE, FINISHED). ``drops_left``/``drops_right`` count pelvic-drop flags in the current
    step, by stance side. ``last_set``: the set (or roll side) recorded last in this step, what a rest shows
    as just done; ``amend_reps``: the reps of the finished rep set + / − would now correct (None: nothing to
    correct).
    """

    phase: Phase
    step_index: int
    steps_total: int
    step: Step | None
    side: str | None
    side_index: int
    sides_total: int
    set_number: int
    sets_total: int
    reps_done: int
    reps_target: int | None
    partial_reps: int
    hold_target_s: float | None
    elapsed_s: float
    remaining_s: float | None
    phase_total_s: float | None
    paused: bool
    next_label: str
    drops_left: int
    drops_right: int
    last_set: SetRecord | None = None
    amend_reps: int | None = None

    @property
    def amendable(self) -> bool:
        return self.amend_reps is not None


def check_pain(value: int | None, what: str) -> int | None:
    """Validate a 0-10 pain score (None = not given)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise SessionError(f"{what} must be a whole number from 0 to 10, got {value!r}")
    return value


def make_state(
    routine: Routine,
    plan: list[Segment],
    idx: int,
    *,
    reps: int,
    partials: int,
    elapsed: float,
    paused: bool,
    drops: dict[str, int],
    last_set: SetRecord | None = None,
    amend_reps: int | None = None,
) -> SessionState:
    """Snapshot at plan index ``idx`` (-1 = IDLE, len(plan) = FINISHED)."""
    seg = plan[idx] if 0 <= idx < len(plan) else None
    phase = seg.phase if seg else Phase.IDLE if idx < 0 else Phase.FINISHED
    step = routine.steps[seg.step_index] if seg else None
    strength = step if isinstance(step, StrengthStep) else None
    total = seg.duration_s if seg else None
    side, side_index = (seg.side, seg.side_index) if seg else (None, 0)
    return SessionState(
        phase=phase,
        step_index=seg.step_index if seg else (-1 if idx < 0 else len(routine.steps)),
        steps_total=len(routine.steps),
        step=step,
        side=side,
        side_index=side_index,
        sides_total=seg.sides_total if seg else 0,
        set_number=seg.set_number if seg else 0,
        sets_total=seg.sets_total if seg else 0,
        reps_done=reps,
        reps_target=strength.reps if strength else None,
        partial_reps=partials,
        hold_target_s=None if strength is None or strength.hold_seconds is None else float(strength.hold_seconds),
        elapsed_s=elapsed,
        remaining_s=None if total is None else max(0.0, total - elapsed),
        phase_total_s=total,
        paused=paused,
        next_label=next_label(routine, plan, idx),
        drops_left=drops["left"],
        drops_right=drops["right"],
        last_set=last_set,
        amend_reps=amend_reps,
    )
