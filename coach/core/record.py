"""Immutable records of what happened in a session; the store persists exactly these.

Times: ``*_at`` fields are wall-clock Unix seconds (UTC); ``t_s`` fields are seconds since the
start of the set they belong to. Sides are "left", "right" or None (bilateral).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Side = Literal["left", "right"]
Status = Literal["in_progress", "completed", "interrupted"]


@dataclass(frozen=True)
class PelvicDropEvent:
    """A flagged contralateral pelvic drop.

    ``side`` is the *stance* (supporting) leg, i.e. the side the drill is working; the pelvis
    dropped on the other, unsupported side. ``peak_deg`` is the peak drop in degrees relative to
    the standing baseline. ``t_s``: seconds since the set began; ``coach analyze`` gives when the drop
    started, a live session when the flag was raised (a moment later, once the drop was confirmed).
    """

    side: Side
    peak_deg: float
    t_s: float


@dataclass(frozen=True)
class SetRecord:
    """One completed (or cut-short) set of one strength exercise, or one timed roll."""

    step_index: int  # 0-based index of the step in the routine
    kind: str  # "strength" or "roll"
    exercise: str  # exercise key, or the roll target for roll steps
    side: Side | None
    set_number: int  # 1-based
    target_reps: int | None = None
    achieved_reps: int = 0
    partial_reps: int = 0
    target_hold_s: float | None = None
    achieved_hold_s: float = 0.0
    pelvic_drops: tuple[PelvicDropEvent, ...] = ()
    started_at: float = 0.0
    ended_at: float = 0.0
    source: Literal["camera", "manual", "timer"] = "manual"
    skipped: bool = False
    peak_drop_deg: float | None = None  # largest pelvic drop measured in the set (deg, flagged or not)


def plan_order(s: SetRecord) -> tuple[int, int, int]:
    """Sort key putting sets in the order the routine plays them: by step, left before right, set 1 first
    (whatever order they were saved or done again in)."""
    return s.step_index, {None: 0, "left": 1, "right": 2}.get(s.side, 3), s.set_number


@dataclass(frozen=True)
class SessionRecord:
    """A whole session: header plus the sets completed so far."""

    id: str  # uuid4 hex
    routine_id: str
    routine_title: str
    started_at: float
    ended_at: float | None = None
    pain_before: int | None = None  # 0-10
    pain_after: int | None = None  # 0-10
    notes: str = ""
    status: Status = "in_progress"
    steps_total: int = 0
    steps_done: int = 0
    camera_used: bool = False
    sets_planned: int = 0  # sets and roll sides in the routine (0: not known, records from before store v4)
    sets: tuple[SetRecord, ...] = field(default=())

    @property
    def duration_s(self) -> float | None:
        return None if self.ended_at is None else max(0.0, self.ended_at - self.started_at)

    @property
    def sets_done(self) -> int:
        """Sets and roll sides finished (not skipped): each is recorded once, a redo replacing it."""
        return sum(1 for s in self.sets if not s.skipped)

    @property
    def completion(self) -> float:
        """Share of the planned sets and roll sides finished, 0..1 (older records: share of steps done)."""
        if self.sets_planned > 0:
            return min(1.0, self.sets_done / self.sets_planned)
        return 0.0 if self.steps_total <= 0 else min(1.0, self.steps_done / self.steps_total)

    @property
    def total_reps(self) -> int:
        return sum(s.achieved_reps for s in self.sets)

    def peak_drop_by_side(self) -> dict[str, float | None]:
        """Largest pelvic drop measured per stance side (degrees): set peaks (every rep, flagged or not) and
        flags; None where it was never measured."""
        out: dict[str, float | None] = {"left": None, "right": None}
        for s in self.sets:
            found = [(e.side, e.peak_deg) for e in s.pelvic_drops]
            if s.peak_drop_deg is not None and s.side in out:
                found.append((s.side, s.peak_drop_deg))
            for side, deg in found:
                prev = out[side]
                out[side] = deg if prev is None else max(prev, deg)
        return out

    @property
    def drop_measured(self) -> bool:
        """True if the camera measured the pelvis in any set (a peak or a flag): only then does "no flags" mean
        the hips stayed level. False: camera off, side view, or no single-leg rep seen ("not measured")."""
        return any(s.peak_drop_deg is not None or s.pelvic_drops for s in self.sets)

    def drops_by_side(self) -> dict[str, int]:
        out = {"left": 0, "right": 0}
        for s in self.sets:
            for e in s.pelvic_drops:
                out[e.side] += 1
        return out
