"""The end-of-set summary of a ``MovementAnalyzer``: counts, rep sides, pelvic-drop events and
peaks (degrees), and whether the pelvis was measured at all ("not measured" is never "no drop":
``pelvic_measured_frames`` = 0 comes with a ``pelvic_reason``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.core.analysis.results import AnalysisSummary

if TYPE_CHECKING:
    from coach.core.analysis.analyzer import MovementAnalyzer


def build_summary(an: MovementAnalyzer) -> AnalysisSummary:
    drops = tuple(an.drops)
    by_side = {"left": 0, "right": 0}
    for e in drops:
        by_side[e.side] += 1
    peaks: dict[str, float | None] = (
        dict(an.pelvic.peak_by_side) if an.pelvic is not None else {"left": None, "right": None}
    )
    peaks = {k: None if v is None else round(v, 2) for k, v in peaks.items()}
    asym: float | None = None
    per_rep = {
        s: [r.peak_drop_deg for r in an.reps if r.side == s and r.peak_drop_deg is not None] for s in ("left", "right")
    }
    if per_rep["left"] and per_rep["right"]:
        asym = round(sum(per_rep["left"]) / len(per_rep["left"]) - sum(per_rep["right"]) / len(per_rep["right"]), 2)
    elif peaks["left"] is not None and peaks["right"] is not None:
        asym = round(peaks["left"] - peaks["right"], 2)
    measured = an.pelvic.measured_frames if an.pelvic is not None else 0
    return AnalysisSummary(
        exercise=an.exercise,
        reps=len(an.reps),
        partial_reps=len(an.partials),
        rep_times_s=tuple(round(r.t_s, 3) for r in an.reps),
        reps_by_side=an.book.by_side(),
        pelvic_drop_events=drops,
        drops_by_side=by_side,
        peak_by_side=peaks,
        asymmetry_deg=asym,
        frames=an.frames,
        frames_with_pose=an.frames_with_pose,
        hold_s=round(an.hold_s, 2),
        rep_sides=tuple(r.side for r in an.reps),
        pelvic_measured_frames=measured,
        rep_peak_drop_deg=tuple(r.peak_drop_deg for r in an.reps) if an.pelvic is not None else (),
        pelvic_stance_frames=an.stance_frames if an.pelvic is not None else 0,
        pelvic_reason=pelvic_reason(an, measured),
        normalised_input=an.frames_with_pose > 0 and an.normalised_frames >= 0.9 * an.frames_with_pose,
        camera_moved_s=tuple(round(x, 2) for x in an.camera.started_s),
        camera_moving_frames=an.camera.frames_moving,
    )


def pelvic_reason(an: MovementAnalyzer, measured: int) -> str | None:
    """Why the pelvis was never measured, in plain words (None when it was)."""
    if an.pelvic is None:
        return "not judged for this exercise"
    if measured:
        return None
    if an.frames_with_pose == 0:
        return "no person seen"
    if an.side_frames >= 0.5 * an.frames_with_pose:
        return "side view: the pelvis can't be judged from the side"
    if an.stance_frames == 0:
        return "never stood on one leg"
    return "not measured"
