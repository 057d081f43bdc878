"""MovementAnalyzer: one object per set; feed it every pose frame, read counts, flags and guidance.

Input per frame: a (33, 4) landmark array (normalised x, y, z, visibility; see
``coach.core.landmarks``) or None, and a time in seconds from a monotonic clock. ``aspect`` =
image width / height, used to put x and y in the same unit before measuring angles.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.core.errors import CoachError

from . import framing as fr
from . import signals as sg
from .geometry import Frame, is_empty
from .pelvic import PelvicDropDetector
from .reps import RepCounter
from .reps import RestBaseline
from .smoothing import Ema
from .results import AnalysisConfig, AnalysisSummary, AnalysisUpdate, RepEvent
from .specs import SPECS
from .swap import SwapFilter
from .view import ViewClassifier

LEVEL_FEET = 0.12  # body units: ankles this level while standing tall = both feet down
LOST_RESET_S = 3.0  # nobody in view this long: the start position must be found again
_TOL = {"hip_drop": (0.08, True), "hinge": (0.10, True), "abduction": (4.0, False),
        "bridge": (5.0, False), "band_steps": (0.12, False)}


class AnalysisError(CoachError):
    """Bad arguments to the analyzer (unknown exercise, side or aspect)."""


class MovementAnalyzer:
    def __init__(self, exercise: str, *, side: str = "auto", aspect: float = 1.0, config: AnalysisConfig = AnalysisConfig()):
        if exercise not in SPECS:
            raise AnalysisError(f"Unknown exercise {exercise!r}; known: {', '.join(sorted(SPECS))}")
        if side not in ("left", "right", "auto"):
            raise AnalysisError(f"side must be 'left', 'right' or 'auto', not {side!r}")
        if not (isinstance(aspect, (int, float)) and 0.1 <= aspect <= 10):
            raise AnalysisError(f"aspect (width / height) must be between 0.1 and 10, not {aspect!r}")
        self.exercise = exercise
        self.spec = sp = SPECS[exercise]
        self.side = None if side == "auto" else side
        self.aspect = float(aspect)
        self.config = config
        self.swap = SwapFilter()
        self.unit = Ema(0.05, reset_s=1.0)
        self.units: deque[float] = deque(maxlen=3)
        self.view = ViewClassifier()
        self.stance = sg.StanceTracker(sp.stance_rule or "lower")
        self.counter = RepCounter(sp.enter, sp.exit, sp.full, sp.min_rep_s) if sp.mode != "hold" else None
        tol, ratio = _TOL.get(sp.signal, (0.1, False))
        self.rest = RestBaseline(config.settle_s, tol, ratio)
        self.pelvic = PelvicDropDetector(config) if sp.pelvic_drop else None
        self.offset0: float | None = None
        self.side_at_peak: str | None = None
        self.peak_seen = -1.0
        self.moving = False  # the movement signal is past the rep-exit level
        self.frames = 0
        self.frames_with_pose = 0
        self.last_pose_t: float | None = None
        self.last_t: float | None = None
        self.reps: list[RepEvent] = []
        self.partials: list[RepEvent] = []
        self.drops: list = []
        self.hold_s = 0.0

    # ---- per frame -------------------------------------------------------------------------
    def update(self, landmarks: np.ndarray | None, t_s: float) -> AnalysisUpdate:
        t = float(t_s)
        dt = 0.0 if self.last_t is None else min(max(t - self.last_t, 0.0), 0.5)
        self.last_t = t
        self.frames += 1
        if is_empty(landmarks):
            if self.last_pose_t is not None and t - self.last_pose_t > LOST_RESET_S:
                self._lost()
            return self._idle(t, fr.NO_PERSON)
        self.frames_with_pose += 1
        self.last_pose_t = t
        lm = self.swap.apply(landmarks, t)
        f = Frame(lm, self.aspect)
        view = self.view.update(f, t)
        sp = self.spec
        guidance, blocking = fr.framing(f, sp, view, self.aspect)
        unit = f.scale(sp.stance_rule if sp.signal == "hip_drop" and sp.unilateral else None)
        if not (blocking or unit < 1e-4):
            # body size changes only with distance: median of 3 frames, then a short EMA
            if self.unit.value is not None and abs(unit / self.unit.value - 1.0) > 0.15:
                self.units.clear()  # a jump (a new detection): start over instead of lagging
                self.unit.reset()
            self.units.append(unit)
            unit = self.unit.update(sorted(self.units)[len(self.units) // 2], t)
        if blocking or unit < 1e-4:
            return self._idle(t, guidance or fr.NO_PERSON, view)
        sp = self.spec
        offset = sg.ankle_offset(f, unit)
        at_rest = sg.lying(f) if sp.posture == "lying" else sg.standing(f)
        counting = self.counter is not None and self.counter.down
        raw = self._raw(f, unit)
        d = None
        if self.counter is not None:
            self.rest.feed(raw, t, at_rest, not counting)
            d = self.rest.d(raw)
            self.moving = d is not None and d > sp.exit
        if at_rest and not counting and not self.moving and abs(offset) < LEVEL_FEET:
            self.stance.single = False  # standing tall on level feet: both feet are down again
        if at_rest and not self.stance.single and not counting:
            self.offset0 = offset if self.offset0 is None else self.offset0 + 0.1 * (offset - self.offset0)
            self.stance.calibrate(self.offset0)
        stance = None
        if sp.stance_rule:  # the side is decided as the foot leaves the floor, then held for the rep
            stance = self.stance.update(offset, hold=counting or self.moving)
        new_reps: list[RepEvent] = []
        new_partials: list[RepEvent] = []
        holding = None
        if self.counter is not None:
            if d is not None and self.counter.down and d >= self.peak_seen:
                self.peak_seen = d
                self.side_at_peak = self._moving_side(f) if sp.side_means == "moving" else stance
            res = self.counter.update(d, t)
            if res is not None:
                ev = self._rep_event(res)
                (new_reps if ev.full else new_partials).append(ev)
                (self.reps if ev.full else self.partials).append(ev)
            if self.rest.value is None and guidance is None:
                guidance = fr.GET_READY
        else:
            holding = self._hold(f, view, stance, dt)
            if sp.signal == "plank" and holding is not None and sg.plank_sag(f) > 12.0 and guidance is None:
                guidance = fr.PLANK_SAG
        new_drops = self._pelvis(f, view, stance, t)
        tilt = flag = None
        calibrating = False
        if self.pelvic is not None:
            tilt, flag = self.pelvic.level, self.pelvic.flag()
            calibrating = view == "front" and not self.pelvic.calibrated
            if calibrating and guidance is None:
                guidance = fr.CALIBRATE
        return AnalysisUpdate(t, len(self.reps), self._by_side(), tuple(new_reps), tuple(new_partials), tuple(new_drops),
                              view, guidance, None if tilt is None else round(tilt, 2), flag, calibrating, holding)

    def _raw(self, f: Frame, unit: float) -> float | None:
        s = self.spec.signal
        if s == "hip_drop":
            pick = self.spec.stance_rule if self.spec.unilateral else None
            return sg.hip_height(f, pick, unit)
        if s == "hinge":
            return sg.torso_height(f, unit)
        if s == "abduction":
            return sg.legs_angle(f)
        if s == "bridge":
            return sg.bridge_angle(f)
        if s == "band_steps":
            return sg.ankle_separation(f, unit)
        return None

    def _moving_side(self, f: Frame) -> str:
        return "left" if sg.leg_from_vertical(f, "left") >= sg.leg_from_vertical(f, "right") else "right"

    def _rep_event(self, res) -> RepEvent:
        sp = self.spec
        side = (self.side or self.side_at_peak) if sp.unilateral else None
        peak_drop = None
        if self.pelvic is not None:
            peak_drop = self.pelvic.take_rep_peak(side)
            if peak_drop is not None:
                peak_drop = round(peak_drop, 2)
        self.peak_seen = -1.0
        return RepEvent(res.t_end, side, round(min(1.0, max(0.0, res.peak / sp.full)), 3), res.full, peak_drop)

    def _hold(self, f: Frame, view: str, stance: str | None, dt: float) -> bool:
        sp = self.spec
        if sp.signal == "balance":
            ok = self.stance.single and sg.standing(f, both=False)
        else:  # side plank: body horizontal and hips not sagging badly
            ok = sg.lying(f) and sg.plank_sag(f) < 25.0
        if ok:
            self.hold_s += dt
        return ok

    def _pelvis(self, f: Frame, view: str, stance: str | None, t: float) -> list:
        p = self.pelvic
        if p is None:
            return []
        in_rep = self.counter is not None and (self.counter.down or self.moving)
        if view != "front":
            p.interrupt_calibration()
            ev = p.measure(None, None, t, in_rep)
        else:
            tilt = f.tilt_lr()
            if not self.stance.single and not in_rep and sg.standing(f):
                p.calibrate(tilt, t)
            else:
                p.interrupt_calibration()
            ev = p.measure(tilt if self.stance.single else None, stance, t, in_rep)
        self.drops.extend(ev)
        return ev

    def _idle(self, t: float, guidance: str, view: str | None = None) -> AnalysisUpdate:
        if self.counter is not None:
            self.counter.update(None, t)
        drops: list = []
        if self.pelvic is not None:
            if self.last_pose_t is None or t - self.last_pose_t > 0.5:
                self.pelvic.interrupt_calibration()  # short dropouts do not restart calibration
            drops = self.pelvic.measure(None, None, t, self.counter is not None and self.counter.down)
            self.drops.extend(drops)
        return AnalysisUpdate(t, len(self.reps), self._by_side(), (), (), tuple(drops), view or self.view.view,
                              guidance, None, None, self.pelvic is not None and not self.pelvic.calibrated,
                              False if self.spec.mode == "hold" else None)

    def _lost(self) -> None:
        self.rest.reset()
        self.swap.reset()
        self.view.reset()
        self.unit.reset()
        self.units.clear()
        self.offset0 = None
        if self.counter is not None:
            self.counter.reset()

    def _by_side(self) -> dict:
        if not self.spec.unilateral:
            return {}
        out = {"left": 0, "right": 0}
        for r in self.reps:
            if r.side in out:
                out[r.side] += 1
        return out

    # ---- end of set ------------------------------------------------------------------------
    def summary(self) -> AnalysisSummary:
        if self.pelvic is not None:
            self.drops.extend(self.pelvic.flush())
        drops = tuple(self.drops)
        by_side = {"left": 0, "right": 0}
        for e in drops:
            by_side[e.side] += 1
        peaks = dict(self.pelvic.peak_by_side) if self.pelvic is not None else {"left": None, "right": None}
        peaks = {k: None if v is None else round(v, 2) for k, v in peaks.items()}
        asym = None
        per_rep = {s: [r.peak_drop_deg for r in self.reps if r.side == s and r.peak_drop_deg is not None] for s in ("left", "right")}
        if per_rep["left"] and per_rep["right"]:
            asym = round(sum(per_rep["left"]) / len(per_rep["left"]) - sum(per_rep["right"]) / len(per_rep["right"]), 2)
        elif peaks["left"] is not None and peaks["right"] is not None:
            asym = round(peaks["left"] - peaks["right"], 2)
        return AnalysisSummary(
            exercise=self.exercise, reps=len(self.reps), partial_reps=len(self.partials),
            rep_times_s=tuple(round(r.t_s, 3) for r in self.reps), reps_by_side=self._by_side(),
            pelvic_drop_events=drops, drops_by_side=by_side, peak_by_side=peaks, asymmetry_deg=asym,
            frames=self.frames, frames_with_pose=self.frames_with_pose, hold_s=round(self.hold_s, 2),
        )
