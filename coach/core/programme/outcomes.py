"""What the progression engine reads: a session's outcome per exercise, and the next-morning check.

Built from the history's ``SessionRecord``s (``outcome_from_record``) so the engine never sees the store. Pain is
0-10 (None: not rated). Form comes from the camera: the reps with no pelvic-drop flag, out of the reps it
measured; None when the camera didn't measure that exercise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from coach.core.record import SessionRecord, SetRecord

Compared = Literal["same", "better", "worse"]


@dataclass(frozen=True)
class MorningCheck:
    """How the knee or hip is the morning after a session: ``pain`` 0-10 and/or compared with usual."""

    day: date
    pain: int | None = None
    compared: Compared | None = None


@dataclass(frozen=True)
class ExerciseOutcome:
    exercise: str
    sets_planned: int
    sets_done: int  # finished, not cut short
    amount_done: int  # reps, or hold seconds, in all
    reps_level: int | None = None  # camera: reps with the hips level (no pelvic-drop flag)
    reps_measured: int | None = None  # camera: reps it counted; None = form not measured


@dataclass(frozen=True)
class SessionOutcome:
    day: date
    pain_before: int | None
    pain_after: int | None
    exercises: dict[str, ExerciseOutcome] = field(default_factory=dict)
    morning: MorningCheck | None = None
    session_id: str = ""


def local_day(unix_s: float) -> date:
    return datetime.fromtimestamp(unix_s).date()


def outcome_from_record(
    r: SessionRecord, planned: dict[str, int] | None = None, morning: MorningCheck | None = None
) -> SessionOutcome:
    """One session's outcome. ``planned``: sets per exercise in the routine as played (sets × sides); without it,
    the sets recorded count as planned."""
    per: dict[str, list[SetRecord]] = {}
    for s in r.sets:
        if s.kind == "strength":
            per.setdefault(s.exercise, []).append(s)
    out: dict[str, ExerciseOutcome] = {}
    for ex, sets in per.items():
        amount = sum(s.achieved_reps if s.target_reps is not None else int(round(s.achieved_hold_s)) for s in sets)
        camera = [s for s in sets if s.source == "camera" and s.target_reps is not None]
        measured = sum(s.achieved_reps for s in camera) if camera else None
        level = None if measured is None else max(0, measured - sum(len(s.pelvic_drops) for s in camera))
        out[ex] = ExerciseOutcome(
            ex, (planned or {}).get(ex, len(sets)), sum(1 for s in sets if not s.skipped), amount, level, measured
        )
    return SessionOutcome(local_day(r.started_at), r.pain_before, r.pain_after, out, morning, r.id)
