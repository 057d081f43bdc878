"""Result types of movement analysis (the contract in docs/ARCHITECTURE.md, "Movement analysis").

Times ``t_s`` are seconds on the clock the caller passes to ``MovementAnalyzer.update`` (for a
set, seconds since it began). Sides are the person's "left"/"right" (MediaPipe's left landmarks).
Angles are degrees in the image plane after x is multiplied by the aspect ratio.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.core.record import PelvicDropEvent

ViewName = Literal["front", "side", "unknown"]


@dataclass(frozen=True)
class AnalysisConfig:
    drop_deg: float = 5.0  # contralateral pelvic drop (deg) that raises a flag
    marked_deg: float = 8.0  # drop (deg) reported as "marked"
    min_drop_s: float = 0.15  # the drop must last this long to count
    calibration_s: float = 2.0  # both-feet standing time for the hip-line baseline
    settle_s: float = 0.15  # stable start posture (s) needed before reps count


@dataclass(frozen=True)
class RepEvent:
    t_s: float  # when the rep finished (back at the start position)
    side: str | None  # side the rep counts for (None for bilateral drills)
    depth: float  # peak range of motion as a share of the target range, capped at 1
    full: bool  # True: reached the target range and counted; False: partial, not counted
    peak_drop_deg: float | None = None  # largest pelvic drop during the rep (pelvic drills only)
    note: str | None = None  # why a rep was not counted, e.g. "that was the right leg", "not a single-leg rep"


@dataclass(frozen=True)
class AnalysisUpdate:
    t_s: float
    reps: int
    reps_by_side: dict[str, int]
    new_reps: tuple[RepEvent, ...]
    new_partials: tuple[RepEvent, ...]
    new_drops: tuple[PelvicDropEvent, ...]
    view: ViewName
    guidance: str | None
    pelvis_tilt_deg: float | None  # current drop toward the unsupported side vs the baseline
    pelvis_flag: Literal["ok", "drop", "marked"] | None
    calibrating: bool
    holding: bool | None = None  # hold drills: True while the hold position is held


@dataclass(frozen=True)
class AnalysisSummary:
    exercise: str
    reps: int
    partial_reps: int
    rep_times_s: tuple[float, ...]
    reps_by_side: dict[str, int]
    pelvic_drop_events: tuple[PelvicDropEvent, ...]
    drops_by_side: dict[str, int]
    peak_by_side: dict[str, float | None]  # side -> largest drop (deg) measured while standing on that leg, or None
    asymmetry_deg: float | None  # mean per-rep peak drop, left stance minus right stance
    frames: int
    frames_with_pose: int
    hold_s: float = 0.0  # hold drills: seconds spent in the hold position
    rep_sides: tuple[
        str | None, ...
    ] = ()  # stance side of each counted rep, in order (None entries for bilateral drills)
    pelvic_measured_frames: int = 0  # frames with a pelvic-drop measurement (0 = never measured)
    pelvic_stance_frames: int = 0  # frames standing on one leg in a front/back view (pelvic drills)
    pelvic_reason: str | None = None  # why the pelvis was not measured ("not judged for this exercise", ...)
    rep_peak_drop_deg: tuple[
        float | None, ...
    ] = ()  # largest pelvic drop (deg) of each counted rep, in order (None: not measured)
    normalised_input: bool = False  # landmarks looked per-axis normalised (each axis spanning 0..1 per frame)
    camera_moved_s: tuple[float, ...] = ()  # when the camera began to move (s); nothing counted or flagged meanwhile
    camera_moving_frames: int = 0  # frames seen while the camera moved
