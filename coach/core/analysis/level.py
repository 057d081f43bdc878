"""Where "level" is in the picture: the camera's roll, and the ankles' standing offset.

A camera tilted on its tripod or propped-up phone turns the whole picture by a few degrees from the
start, so "the lower ankle" and the image horizontal, which the stance and pelvic rules read, are off.

``CameraLevel`` estimates that roll from the body while it stands on both feet (both knees straight,
facing the camera or turned away, not mid-rep; the median over a second rides out sway): then the body axis (mid-ankles
to mid-shoulders) is upright and the line through the ankles is level, so each of them turned by the
camera's roll. A frame counts when the two agree within ``AGREE_DEG`` (a person shifting their weight
onto one leg tilts the axis but not the ankle line; a person standing on uneven feet tilts the ankle
line but not the axis) and the ankles are at least ``MIN_SPREAD`` body units apart (feet together give
no line). Once such frames cover ``ROLL_S`` seconds, their median is the roll, and it is used only
within ``MAX_ROLL_DEG`` (a bigger tilt is a person leaning, not a camera). It is measured on frames the
analyzer has already turned back, so each estimate is a correction to the roll in use (it converges).

``FeetLevel``: the left-minus-right ankle height offset (body units) of standing tall on level feet:
learnt at once when under ``CLEAR``, else only after the feet have looked level for ``LEVEL_S`` seconds
(a larger offset in one frame may be a person already on one leg with the free foot just off the
floor, as a set that starts mid-rep shows), then followed with a time constant of ``LEVEL_TAU_S`` s.

Angles are degrees, with the sign of ``camera_motion.turned``; times are seconds.
"""

from __future__ import annotations

import math

from coach.core import landmarks as L
from coach.core.analysis.geometry import Frame
from coach.core.analysis.smoothing import Window

ROLL_S = 1.0  # still two-foot standing needed for one estimate
AGREE_DEG = 3.0  # body axis and ankle line within this of each other
MAX_ROLL_DEG = 15.0  # a larger tilt is not taken for the camera's
MIN_SPREAD = 0.25  # body units between the ankles for an ankle line
MIN_STEP_DEG = 0.3  # smaller corrections are left alone (jitter)
LEVEL_S = 0.5
CLEAR = 0.12  # body units: an offset this small is level feet at once (larger: a stagger, a roll or a lifted foot)
LEVEL_TAU_S = 0.3


def body_roll(f: Frame, unit: float) -> tuple[float, float] | None:
    """(roll from the body axis, roll from the ankle line) in degrees for one frame, or None when the
    ankles are too close together for a line."""
    x, y = f.x, f.y
    lx, ly, rx, ry = x[L.LEFT_ANKLE], y[L.LEFT_ANKLE], x[L.RIGHT_ANKLE], y[L.RIGHT_ANKLE]
    if abs(lx - rx) < MIN_SPREAD * unit:
        return None
    if lx < rx:  # the line from the image-left ankle to the image-right one
        lx, ly, rx, ry = rx, ry, lx, ly
    ankles = math.degrees(math.atan2(ly - ry, lx - rx))
    sx, sy = f.mid(L.LEFT_SHOULDER, L.RIGHT_SHOULDER)
    ax, ay = 0.5 * (lx + rx), 0.5 * (ly + ry)
    axis = math.degrees(math.atan2(sx - ax, ay - sy))  # an upright axis turned by r points (sin r, -cos r)
    return axis, ankles


class CameraLevel:
    def __init__(self) -> None:
        self.window = Window(ROLL_S)
        self.estimates = 0  # corrections handed out

    def reset(self) -> None:
        self.window.clear()

    def update(self, f: Frame, unit: float, t: float, two_feet: bool) -> float | None:
        """Feed one frame (already turned back by the roll in use) and whether the person stands still
        on both feet facing or away from the camera; returns a correction to add to the roll (degrees),
        or None."""
        r = body_roll(f, unit) if two_feet else None
        if r is None or abs(r[0] - r[1]) > AGREE_DEG:
            self.window.clear()
            return None
        self.window.add(0.5 * (r[0] + r[1]), t)
        if self.window.covered_s() < ROLL_S * 0.95:
            return None
        roll = self.window.median()
        self.window.clear()
        if abs(roll) > MAX_ROLL_DEG or abs(roll) < MIN_STEP_DEG:
            return None
        self.estimates += 1
        return roll


class FeetLevel:
    def __init__(self) -> None:
        self.offset0: float | None = None
        self.since: float | None = None  # when the feet were last seen level and still, continuously
        self.t: float | None = None

    def reset(self) -> None:
        self.offset0 = self.since = self.t = None

    def update(self, offset: float, t: float, level: bool, settle_s: float = LEVEL_S) -> float | None:
        """Feed the frame's ankle offset (body units) and whether the feet look level now; learnt once
        they have looked level for ``settle_s`` seconds; returns the standing offset (None until learnt)."""
        if not level:
            self.since = None
            return self.offset0
        if self.since is None:  # level again after a break: follow from here (no step over the break)
            self.since = self.t = t
        if abs(offset) < CLEAR or t - self.since >= settle_s:
            if self.offset0 is None or self.t is None:
                self.offset0 = offset
            else:
                a = 1.0 - math.exp(-max(t - self.t, 0.0) / LEVEL_TAU_S)
                self.offset0 += a * (offset - self.offset0)
            self.t = t
        return self.offset0
