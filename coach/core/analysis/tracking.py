"""Per-set tracking state behind ``MovementAnalyzer``: the body, the camera and the pelvis (no Qt, no cv2).

``BodyTracker`` holds everything the analyzer measures during one set (body unit, view, stance, rest level,
rep book, hold timer, pelvic-drop detector) and the steps that are not rep counting: undoing camera motion
(turns in degrees, see ``camera_motion``), assuming hidden feet where last seen (normalised image y),
pelvic tilt per frame, frames without a usable pose, and dropping everything when the person is lost or
changes. Times are seconds from a monotonic clock; ``aspect`` = image width / height. The per-frame
counting itself is in ``coach.core.analysis.analyzer``.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.core.analysis.camera_motion import CameraMotion, turned
from coach.core.analysis.geometry import Frame
from coach.core.analysis.holds import HoldTimer
from coach.core.analysis.level import CameraLevel, FeetLevel
from coach.core.analysis.pelvic import PelvicDropDetector
from coach.core.analysis.rep_rules import Evidence, RepBook
from coach.core.analysis.reps import RepCounter, RestBaseline
from coach.core.analysis.results import AnalysisConfig, AnalysisUpdate, ViewName
from coach.core.analysis.smoothing import Ema
from coach.core.analysis.specs import SPECS
from coach.core.analysis.stance import StanceTracker
from coach.core.analysis.swap import SwapFilter
from coach.core.analysis.view import ViewClassifier
from coach.core.errors import CoachError
from coach.core.record import PelvicDropEvent

from . import framing as fr
from . import signals as sg

LEGS_MEMORY_S = 3.0  # knees/ankles hidden this long at most: the feet are assumed where last seen
_TOL = {
    "hip_drop": (0.08, True),
    "hinge": (0.10, True),
    "abduction": (4.0, False),
    "bridge": (5.0, False),
    "band_steps": (0.12, False),
}
_LEG_PARTS = {"knees", "ankles"}


class AnalysisError(CoachError):
    """Bad arguments to the analyzer (unknown exercise, side or aspect)."""


class BodyTracker:
    """One set's tracking state and its non-counting steps (see the module docstring); used through
    ``MovementAnalyzer``."""

    def __init__(
        self, exercise: str, *, side: str = "auto", aspect: float = 1.0, config: AnalysisConfig = AnalysisConfig()
    ):
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
        self.stance = StanceTracker(sp.stance_rule or "lower")
        self.counter = RepCounter(sp.enter, sp.exit, sp.full, sp.min_rep_s) if sp.mode != "hold" else None
        self.book = RepBook(sp, self.side)
        tol, ratio = _TOL.get(sp.signal, (0.1, False))
        self.rest = RestBaseline(config.settle_s, tol, ratio)
        self.waiting: deque[tuple[float, float, Evidence]] = (
            deque()
        )  # (t, raw, evidence) before the rest level is known
        self.pelvic = PelvicDropDetector(config) if sp.pelvic_drop else None
        self.offset0: float | None = None
        self.legs: tuple[float, float, float] | None = None  # t, left / right ankle y last seen
        self.moving = False  # the movement signal is past the rep-exit level
        self.frames = self.frames_with_pose = self.stance_frames = self.side_frames = 0
        self.normalised_frames = 0
        self.last_pose_t: float | None = None
        self.last_t: float | None = None
        self.drops: list[PelvicDropEvent] = []
        self.holds = HoldTimer(sp.signal)
        self.recent_d: deque[tuple[float, float]] = deque()  # (t, d) over the last 0.2 s
        self.camera = CameraMotion()
        self.await_calibration = False  # the camera turned by an unknown angle: no pelvic angle until recalibrated
        self.roll = 0.0  # the camera's measured turn since the set began (degrees), undone on every frame
        self.level = CameraLevel()  # the camera's roll from the body standing on both feet (``level``)
        self.feet = FeetLevel()  # the ankles' offset standing on level feet

    reps = property(lambda self: self.book.reps)
    hold_s = property(lambda self: self.holds.hold_s)
    partials = property(lambda self: self.book.partials)

    def _camera(self, lm: np.ndarray, t: float, step: tuple[float, float] | None) -> bool:
        """True while the camera moves (see ``camera_motion``): nothing is counted or flagged. When it
        starts, everything measured against the old picture is dropped (rest level, body unit, feet,
        a rep under way); when it settles, the camera's turn (from the scenery, or from the body when
        the person kept still) is undone on every later frame, so the stance cues and the pelvic
        baseline (or the image horizontal, uncalibrated) hold; a turn that can't be measured stops
        the pelvic angle until a new two-foot calibration."""
        was = self.camera.moving
        if self.camera.update(lm, self.aspect, t, step):
            if not was:
                self._lost()
                self.moving = False
                self.recent_d.clear()
                if self.pelvic is not None:
                    self.pelvic.interrupt_calibration()
            return True
        if was:
            turn = self.camera.settled_turn(lm, self.aspect)
            if turn is not None:
                self.roll += turn
            elif self.pelvic is not None:
                self.pelvic.baseline, self.await_calibration = None, True
        return False

    def _level(self, lm: np.ndarray, f: Frame, unit: float, t: float, resting: bool) -> None:
        """Feed the camera-level estimate (``level.CameraLevel``) while the person stands on both feet
        (``resting``: at the rest position, not mid-rep, facing or away from the camera); on a new
        estimate the roll in use changes, and the standing ankle offset and the pelvic baseline (both
        measured in the picture as it was turned back so far) move with it, measured on this frame."""
        two_feet = resting and not self.stance.single and sg.standing(f)
        turn = self.level.update(f, unit, t, two_feet)
        if turn is None:
            return
        new = Frame(turned(lm, -turn, self.aspect), self.aspect)
        if self.offset0 is not None:
            self.offset0 += self.stance.offset(new, unit) - self.stance.offset(f, unit)
            self.feet.offset0 = self.offset0
            self.stance.calibrate(self.offset0)
        p = self.pelvic
        if p is not None:
            d = new.tilt_lr() - f.tilt_lr()
            if p.baseline is not None:
                p.baseline += d
            p.calib.items = deque((tc, x + d) for tc, x in p.calib.items)
        self.roll += turn

    def _assume_feet(self, f: Frame, view: str, t: float) -> bool:
        """Knees or ankles hidden for a moment (plates, a rack, the frame edge): for hip-height
        signals the feet are taken to be where they were last seen. True = go on counting."""
        if self.legs is None or t - self.legs[0] > LEGS_MEMORY_S or self.spec.signal not in ("hip_drop", "hinge"):
            return False
        missing = set(fr.missing_parts(f, self.spec, view, self.aspect))
        if not missing or not missing <= _LEG_PARTS:
            return False
        f.y[27], f.y[28] = self.legs[1], self.legs[2]
        return True

    def _pelvis(self, f: Frame, view: str, stance: str | None, t: float) -> list[PelvicDropEvent]:
        p = self.pelvic
        if p is None:
            return []
        in_rep = self.counter is not None and (self.counter.down or self.moving)
        if view == "side":
            p.interrupt_calibration()
            ev = p.measure(None, None, t, in_rep)
        else:
            tilt = f.tilt_lr()
            if stance is None and not in_rep and sg.standing(f):
                p.calibrate(tilt, t)
            else:
                p.interrupt_calibration()
            self.await_calibration = self.await_calibration and not p.calibrated
            ev = p.measure(tilt if stance and not self.await_calibration else None, stance, t, in_rep)
        self.drops.extend(ev)
        return ev

    def _idle(self, t: float, guidance: str, view: ViewName | None = None) -> AnalysisUpdate:
        if self.counter is not None:
            self.counter.update(None, t)
        drops: list[PelvicDropEvent] = []
        if self.pelvic is not None:
            if self.last_pose_t is None or t - self.last_pose_t > 0.5:
                self.pelvic.interrupt_calibration()  # short dropouts do not restart calibration
            drops = self.pelvic.measure(None, None, t, self.counter is not None and self.counter.down)
            self.drops.extend(drops)
        return AnalysisUpdate(
            t,
            len(self.reps),
            self.book.by_side(),
            (),
            (),
            tuple(drops),
            view or self.view.view,
            guidance,
            None,
            None,
            False,
            False if self.spec.mode == "hold" else None,
        )

    def new_person(self) -> None:
        """Another person is followed from now on (two people in view): everything measured on the
        previous one (reps, rest level, body unit, stance, pelvis, camera history) is dropped, as if
        the set began now; the caller may replay the new person's earlier poses (times may restart)."""
        self.__init__(self.exercise, side=self.side or "auto", aspect=self.aspect, config=self.config)  # type: ignore[misc]

    def _lost(self) -> None:
        self.rest.reset()
        self.waiting.clear()
        self.swap.reset()
        self.view.reset()
        self.unit.reset()
        self.units.clear()
        self.stance.reset()
        self.offset0 = None
        self.feet.reset()
        self.level.reset()
        self.legs = None
        if self.counter is not None:
            self.counter.reset()
