"""Which leg carries the body: weight-bearing evidence, not just "the lower ankle".

Per frame (lengths in body units of the frame, ``Frame.scale``; x aspect-corrected, y down) three
cues each vote for the left (+) or the right (-) leg as the stance leg:
- support: the stance ankle sits under the hips (horizontal distance of each ankle from the
  mid-hip point; the free foot is held or reached away from the body line);
- stillness: the planted foot stays put while the free foot moves (ankle speed, body units / s,
  smoothed over ~0.3 s);
- height: the free foot is lifted, so the stance ankle is lower in the image ("upper" rule: on a
  step-down the free foot reaches *down*, so the stance ankle is the higher one). Capped so a free
  foot reaching back along the floor (lower in the image) cannot outvote the other two.
``single`` (one leg carries the body) starts when the ankles' height difference leaves the standing
offset, or when one ankle is under the hips and the other clearly out to the side (a free foot
resting on the floor), and ends when both cues are back, with hysteresis; the side is the sign of the
evidence summed over the current
single-leg episode with a 1 s memory, so it settles within a few frames, holds through one odd
frame, and follows a change of leg without the feet meeting in between.
"""

from __future__ import annotations

import math

from coach.core import landmarks as L
from coach.core.analysis.geometry import Frame

HEIGHT_CAP = 0.6  # body units: the most the height cue can weigh
SUPPORT_CAP = 1.5
SPEED_CAP = 1.5  # body units / s
SPEED_TAU_S = 0.3
SUPPORT_SINGLE = 0.6  # body units: one ankle under the hips, the other this much farther out = one leg
SUPPORT_LEAVE = 0.35
MEMORY_S = 1.0  # the side follows the evidence of about the last second (leaky sum)


def _clip(v: float, cap: float) -> float:
    return -cap if v < -cap else cap if v > cap else v


class StanceTracker:
    def __init__(self, rule: str = "lower", enter: float = 0.15, leave: float = 0.08):
        self.rule = rule
        self.enter = enter
        self.leave = leave
        self.offset0 = 0.0  # standing left-minus-right ankle offset (body units, + = left lower)
        self.stance: str | None = None
        self.single = False  # True while one foot is clearly off its standing position
        self.episode = 0.0  # summed evidence over the current single-leg episode (+ = left stance)
        self.score = 0.0  # this frame's evidence
        self._prev: tuple[float, float, float, float, float] | None = None  # t, xl, yl, xr, yr
        self.speed_l = self.speed_r = 0.0
        self.support = 0.0  # this frame's support cue (+ = left ankle nearer under the hips)
        self._t: float | None = None
        self.mean: float | None = None  # evidence averaged over about the last second of the episode
        self.one_leg_now = False
        self.along_axis = False  # measure the ankle offset along the body axis (set per frame by the caller)

    def calibrate(self, offset: float) -> None:
        self.offset0 = offset

    def reset(self) -> None:
        self._prev = None
        self.speed_l = self.speed_r = 0.0
        self.single = False
        self.episode = 0.0

    def offset(self, f: Frame, unit: float) -> float:
        """Left ankle height below the right ankle, in body units (positive: left foot lower): along the
        body's own axis (mid-ankles to mid-shoulders) when ``along_axis`` (facing or away from the
        camera: a camera roll tilts the feet and the axis alike), else along the image vertical (side-on
        the trunk leans and the feet are far apart front to back, so the axis would mix in the lean)."""
        dx, dy = f.x[L.LEFT_ANKLE] - f.x[L.RIGHT_ANKLE], f.y[L.LEFT_ANKLE] - f.y[L.RIGHT_ANKLE]
        if self.along_axis:
            sx, sy = f.mid(L.LEFT_SHOULDER, L.RIGHT_SHOULDER)
            ux, uy = (
                sx - 0.5 * (f.x[L.LEFT_ANKLE] + f.x[L.RIGHT_ANKLE]),
                sy - 0.5 * (f.y[L.LEFT_ANKLE] + f.y[L.RIGHT_ANKLE]),
            )
            n = math.hypot(ux, uy)
            if n > 1e-9:
                return -(dx * ux + dy * uy) / (n * unit)
        return dy / unit

    def evidence(self, f: Frame, unit: float, t: float) -> float:
        """This frame's vote: > 0 = the left leg carries the body, < 0 = the right."""
        xl, yl, xr, yr = f.x[L.LEFT_ANKLE], f.y[L.LEFT_ANKLE], f.x[L.RIGHT_ANKLE], f.y[L.RIGHT_ANKLE]
        if self._prev is not None and 0.0 < t - self._prev[0] <= 0.5:
            dt = t - self._prev[0]
            a = 1.0 - math.exp(-dt / SPEED_TAU_S)
            vl = math.hypot(xl - self._prev[1], yl - self._prev[2]) / (unit * dt)
            vr = math.hypot(xr - self._prev[3], yr - self._prev[4]) / (unit * dt)
            self.speed_l += a * (min(vl, 5.0) - self.speed_l)
            self.speed_r += a * (min(vr, 5.0) - self.speed_r)
        self._prev = (t, xl, yl, xr, yr)
        cx = 0.5 * (f.x[L.LEFT_HIP] + f.x[L.RIGHT_HIP])
        support = _clip((abs(xr - cx) - abs(xl - cx)) / unit, SUPPORT_CAP)
        height = self.offset(f, unit) - self.offset0
        if self.rule == "upper":
            height = -height
        still = _clip(self.speed_r - self.speed_l, SPEED_CAP)
        self.support = support
        return _clip(height, HEIGHT_CAP) + support + 0.5 * still

    def update(self, f: Frame, unit: float, t: float, hold: bool = False) -> str | None:
        """Feed one frame; ``hold``: a rep is under way, so one-leg stance is kept to its end."""
        self.score = self.evidence(f, unit, t)
        d = self.offset(f, unit) - self.offset0
        self.one_leg_now = abs(d) > self.enter or abs(self.support) > SUPPORT_SINGLE  # this frame alone
        if self.single:
            if abs(d) < self.leave and abs(self.support) < SUPPORT_LEAVE and not hold:
                self.single = False  # the free foot is back down; only now may the side change
        elif abs(d) > self.enter or abs(self.support) > SUPPORT_SINGLE:
            self.single = True
            self.episode = 0.0
            self.mean = None
        if self.single:
            keep = math.exp(-(t - self._t) / MEMORY_S) if self._t is not None and t > self._t else 1.0
            self.episode = self.episode * keep + self.score
            self.mean = self.score if self.mean is None else self.mean + (1.0 - keep) * (self.score - self.mean)
            if self.episode != 0.0:
                self.stance = "left" if self.episode > 0 else "right"
        self._t = t
        return self.stance
