"""Per-rep bookkeeping: which side a rep belongs to and whether it is the drill's kind of rep.

``RepBook`` collects one small evidence tuple per frame while a rep is under way (from the rep
counter's start to its end) and turns a finished ``RepResult`` into a ``RepEvent``:
- side: for stance-sided drills the sign of the weight-bearing evidence summed over the rep (see
  ``stance``), each frame weighted by its depth (the leg under load at the bottom decides), so one
  odd frame or a left/right label swap near the top cannot flip it; with weak evidence in the rep,
  the leg it began on. Split squats are named after the rear leg (the knee that drops toward the
  floor), the convention of the labelled clips; hip abduction after the moving leg at the peak;
- a single-leg squat counts single-leg reps only: a rep with under a quarter of its loaded frames
  plainly on one leg (a two-footed squat), or a lunge (the free knee and foot both near the floor
  for most of its bottom, or for at least ``SPLIT_SHARE`` of its loaded frames a split stance: facing
  the camera, the free knee at the floor, or the foot taken as the stance foot far above the other
  in the image, i.e. both feet down one far behind the other, as a front view shows a long step
  back; a frame showing both at once has the legs' labels swapped and is not counted as either) is
  kept as a partial with a note, not counted (step-downs and
  hinges are not checked: their free foot may hang level with the stance foot for much of the rep);
- a rep first seen already deep counts only if the way down was seen too (in the set's first
  frames, replayed: standing up from a crouch while getting into position is no rep at all; right
  after a rep ended: a one-frame dip split that rep in two);
- a rep on the other leg than the set's (``side`` given) is not counted either: its note says
  "that was the right leg".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from coach.core import landmarks as L
from coach.core.analysis.geometry import Frame
from coach.core.analysis.results import RepEvent
from coach.core.analysis.specs import ExerciseSpec

from . import signals as sg

if TYPE_CHECKING:
    from coach.core.analysis.pelvic import PelvicDropDetector
    from coach.core.analysis.reps import RepResult
    from coach.core.analysis.stance import StanceTracker

Evidence = tuple[float, bool | None, str | None, tuple[float, float, bool] | None, str | None, float]
"""A frame's (stance evidence, one leg?, moving side, (free knee, free foot heights, front or back view?),
tracker's stance, its mean)."""

SINGLE_LEG_ONLY = {"single_leg_squat", "step_down", "single_leg_deadlift"}
MIN_SEEN = 5  # loaded frames with the feet in view needed to judge one leg vs two
MIN_SINGLE_SHARE = 0.25  # share of a rep's loaded frames (past half the full depth) plainly on one leg
LUNGE_KNEE = 0.3  # free knee below this share of the hip height at the bottom ...
LUNGE_FOOT = 0.15  # ... and the free foot too (most of the bottom): a lunge, not a single-leg squat
KNEE_DOWN = 0.12  # facing the camera, the free knee this low: at the floor (a lunge's rear knee)
SPLIT_FOOT = 0.6  # the "stance" ankle this share of the hip height above the other: both feet down, far apart
SPLIT_SHARE = 0.15  # share of a rep's loaded frames like either: a lunge (a single-leg squat shows none)
MIN_DESCENT = 0.25  # a rep first seen already deep counts once it goes this much (of full) deeper
RESUME_S = 0.3  # a rep starting deep this soon after one ended is that rep resumed, not a new one
SURE = 0.25  # mean evidence (body units) needed to overrule the set's side
OTHER = {"left": "right", "right": "left"}


def per_axis_frame(lm: np.ndarray, tol: float = 1e-3) -> int:
    """1 if this frame's x and y each span exactly 0..1 (a per-axis-normalised landmark file)."""
    xy = lm[:, :2]
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    return int(bool((np.abs(lo) <= tol).all() and (np.abs(hi - 1.0) <= tol).all()))


def front_foot(f: Frame, unit: float, view: str) -> float:
    """> 0 when the left foot is the front one, in body units. Side-on: along the way the nose
    points (nose ahead of the ears); facing the camera: the front foot is nearer, so lower in the image."""
    if view == "side":
        facing = 1.0 if f.x[L.NOSE] >= 0.5 * (f.x[L.LEFT_EAR] + f.x[L.RIGHT_EAR]) else -1.0
        return facing * (f.x[L.LEFT_ANKLE] - f.x[L.RIGHT_ANKLE]) / unit
    return (f.y[L.LEFT_ANKLE] - f.y[L.RIGHT_ANKLE]) / unit


class RepBook:
    def __init__(self, spec: ExerciseSpec, side: str | None):
        self.spec = spec
        self.side = side
        self.reps: list[RepEvent] = []
        self.partials: list[RepEvent] = []
        self.replaying = False  # set by the analyzer while it replays the frames before the rest level
        self.last_end = float("-inf")  # when the last rep (or partial) ended
        self._reset()

    def _reset(self) -> None:
        self.score = 0.0
        self.n = 0
        self.n_single = 0
        self.n_deep = 0
        self.n_lunge = 0  # loaded frames with the free knee and foot near the floor
        self.n_split = 0  # loaded frames in a split stance: the free knee at the floor, or the feet far apart
        self.peak = -1.0
        self.peak_ev: Evidence | None = None
        self.d_start = 0.0
        self.from_replay = False  # the rep began in the frames replayed once the rest level was known
        self.start_side: str | None = None
        self.start_mean = 0.0

    def evidence(
        self,
        f: Frame,
        unit: float,
        stance: StanceTracker,
        single: bool,
        view: str,
        model_f: Frame | None = None,
        feet_assumed: bool = False,
    ) -> Evidence:
        """(stance evidence, one leg?, moving side, free knee/foot height shares, tracker's stance, its
        last-second mean evidence) for this frame. ``feet_assumed``: the ankles are hidden and taken
        where last seen, so this frame cannot tell one leg from two (None).
        ``model_f``: the frame as the model labelled it, before the swap filter."""
        sp = self.spec
        moving = knee = None
        if sp.key == "split_squat":
            # both feet stay down, so nothing moves to tell the legs apart: the front foot carries
            # the load. Side-on the model swaps the ankles' labels in runs longer than the swap
            # filter's memory; its own labels, summed over the rep, are the steadier vote.
            return front_foot(model_f or f, unit, view), single, None, None, None, 0.0
        if sp.side_means == "moving":
            moving = "left" if sg.leg_from_vertical(f, "left") >= sg.leg_from_vertical(f, "right") else "right"
        if sp.key == "single_leg_squat" and single and stance.stance:  # (a step-down's free foot goes low)
            knee = (*sg.free_leg_heights(f, stance.stance), view != "side")
        one_leg = None if feet_assumed else stance.one_leg_now
        return stance.score, one_leg, moving, knee, stance.stance if single else None, stance.mean or 0.0

    def track(self, d: float | None, ev: Evidence, was_down: bool, down: bool, t: float) -> None:
        if d is None:
            return
        if down and not was_down:
            self._reset()
            self.d_start = d
            # begun in the replayed frames, or right after a rep ended (a one-frame dip split a rep)
            self.from_replay = self.replaying or t - self.last_end < RESUME_S
            self.start_side, self.start_mean = ev[4], ev[5]  # the leg under the body as the rep began
        if down or was_down:
            self.score += ev[0] * max(d, 0.0)  # frames under load (deeper) weigh more
            self.n += 1
            if d >= 0.5 * self.spec.full and ev[1] is not None:  # the loaded part of the rep, feet seen
                self.n_deep += 1
                self.n_single += ev[1]
                legs = ev[3]
                if legs is not None:
                    self.n_lunge += legs[0] < LUNGE_KNEE and legs[1] < LUNGE_FOOT
                    far, down = legs[1] < -SPLIT_FOOT, legs[2] and legs[0] < KNEE_DOWN
                    self.n_split += far != down  # both at once: the legs' labels are swapped, not a lunge
            if d >= self.peak:
                self.peak, self.peak_ev = d, ev

    def finish(self, res: RepResult, pelvic: PelvicDropDetector | None) -> RepEvent | None:
        """The event of a finished rep (None: not a rep at all)."""
        sp = self.spec
        full = res.full
        note = None
        self.last_end = res.t_end
        if self.from_replay and self.d_start > 1.5 * sp.enter and res.peak - self.d_start < MIN_DESCENT * sp.full:
            self._reset()  # first seen already deep and only rising: getting into position
            return None
        side = None
        if sp.unilateral:
            if sp.side_means == "moving":
                side = self.peak_ev[2] if self.peak_ev else None
            elif self.n:
                side = "left" if self.score > 0 else "right"
                if sp.key == "split_squat":
                    side = OTHER[side]
            sure = bool(self.n) and abs(self.score) / (self.n * max(self.peak, 1e-6)) >= SURE
            if not sure and self.start_side is not None and abs(self.start_mean) >= SURE:
                side, sure = self.start_side, True  # weak evidence in the rep: the leg it began on
            if full and sp.key == "single_leg_squat":
                judged = self.n_deep >= MIN_SEEN  # too few loaded frames with the feet seen: benefit of the doubt
                lunge = judged and (self.n_lunge >= 0.5 * self.n_deep or self.n_split >= SPLIT_SHARE * self.n_deep)
                if judged and self.n_single < MIN_SINGLE_SHARE * self.n_deep:
                    full, note = False, "not a single-leg rep"
                elif lunge:
                    full, note = False, "that was a lunge (both feet carried the load)"
            if self.side is not None:
                if full and side is not None and side != self.side and sure:
                    full, note = False, f"that was the {side} leg"
                side = self.side if full else side
        peak_drop = None
        if pelvic is not None:
            peak_drop = pelvic.take_rep_peak(side)
            if peak_drop is not None:
                peak_drop = round(peak_drop, 2)
        ev = RepEvent(res.t_end, side, round(min(1.0, max(0.0, res.peak / sp.full)), 3), full, peak_drop, note)
        (self.reps if full else self.partials).append(ev)
        self._reset()
        return ev

    def by_side(self) -> dict[str, int]:
        if not self.spec.unilateral:
            return {}
        out = {"left": 0, "right": 0}
        for r in self.reps:
            if r.side in out:
                out[r.side] += 1
        return out
