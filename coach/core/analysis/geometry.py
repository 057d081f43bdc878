"""Plain-float geometry on one pose.

A ``Frame`` holds the 33 landmarks as Python floats with x already multiplied by the aspect
ratio (width/height), so x and y share one unit: the image height. y points down. Python floats
are used on purpose: for a handful of points they are several times faster than numpy calls.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from coach.core import landmarks as L

# Left/right landmark pairs (MediaPipe indices): swapping all of them mirrors the labels.
LR_PAIRS: tuple[tuple[int, int], ...] = (
    (1, 4),
    (2, 5),
    (3, 6),
    (7, 8),
    (9, 10),
    (11, 12),
    (13, 14),
    (15, 16),
    (17, 18),
    (19, 20),
    (21, 22),
    (23, 24),
    (25, 26),
    (27, 28),
    (29, 30),
    (31, 32),
)
SWAP_INDEX = np.arange(L.NUM_LANDMARKS)
for _a, _b in LR_PAIRS:
    SWAP_INDEX[_a], SWAP_INDEX[_b] = _b, _a


class Frame:
    """One pose as lists of floats: ``x`` (image heights, aspect-corrected), ``y``, ``v`` (visibility)."""

    __slots__ = ("x", "y", "v")

    def __init__(self, lm: np.ndarray, aspect: float = 1.0):
        self.x: list[float] = (lm[:, 0] * aspect).tolist()
        self.y: list[float] = lm[:, 1].tolist()
        self.v: list[float] = lm[:, 3].tolist()

    def dist(self, i: int, j: int) -> float:
        return math.hypot(self.x[i] - self.x[j], self.y[i] - self.y[j])

    def mid(self, i: int, j: int) -> tuple[float, float]:
        return (self.x[i] + self.x[j]) * 0.5, (self.y[i] + self.y[j]) * 0.5

    def angle_at(self, a: int, b: int, c: int) -> float:
        """Angle a-b-c at b, degrees in [0, 180]."""
        return angle_between(self.x[a] - self.x[b], self.y[a] - self.y[b], self.x[c] - self.x[b], self.y[c] - self.y[b])

    def tilt_lr(self) -> float:
        """Hip-line tilt, degrees: positive when the right hip is lower (larger y) than the left.

        Uses |dx| so the sign does not depend on facing the camera or turning away from it.
        """
        x, y = self.x, self.y
        return math.degrees(math.atan2(y[L.RIGHT_HIP] - y[L.LEFT_HIP], abs(x[L.RIGHT_HIP] - x[L.LEFT_HIP]) + 1e-9))

    def shin(self, side: str | None = None) -> float:
        """Knee-ankle length; ``side=None``: the longer (less foreshortened) of the two."""
        left = self.dist(L.LEFT_KNEE, L.LEFT_ANKLE)
        right = self.dist(L.RIGHT_KNEE, L.RIGHT_ANKLE)
        if side == "left":
            return left
        if side == "right":
            return right
        return max(left, right)

    def scale(self, pick: str | None = None) -> float:
        """Body length unit of this frame: the shin, or 0.7 x (shoulder + hip width) if larger.

        ``pick`` chooses the shin: "lower" / "upper" = the leg of the lower / higher ankle (the
        stance leg of single-leg drills; a free leg swung toward the camera looks longer), None =
        the longer shin. Shins foreshorten when they tilt toward the camera (squats seen from the
        front) and the widths collapse side-on; the larger of the two stays steady in either view.
        """
        widths = self.dist(L.LEFT_SHOULDER, L.RIGHT_SHOULDER) + self.dist(L.LEFT_HIP, L.RIGHT_HIP)
        if pick is None:
            shin = self.shin()
        else:
            left_lower = self.y[L.LEFT_ANKLE] >= self.y[L.RIGHT_ANKLE]
            shin = self.shin("left" if left_lower == (pick == "lower") else "right")
        return max(shin, 0.7 * widths)

    def scale_side(self, side: str | None) -> float:
        """Like ``scale`` with the shin of a known leg ("left"/"right"; None: the longer shin)."""
        widths = self.dist(L.LEFT_SHOULDER, L.RIGHT_SHOULDER) + self.dist(L.LEFT_HIP, L.RIGHT_HIP)
        return max(self.shin(side), 0.7 * widths)

    def torso(self) -> float:
        sx, sy = self.mid(L.LEFT_SHOULDER, L.RIGHT_SHOULDER)
        hx, hy = self.mid(L.LEFT_HIP, L.RIGHT_HIP)
        return math.hypot(sx - hx, sy - hy)

    def visible(self, idx: Iterable[int], threshold: float) -> bool:
        v = self.v
        return all(v[i] >= threshold for i in idx)


def angle_between(ux: float, uy: float, wx: float, wy: float) -> float:
    nu = math.hypot(ux, uy)
    nw = math.hypot(wx, wy)
    if nu < 1e-9 or nw < 1e-9:
        return 180.0
    c = (ux * wx + uy * wy) / (nu * nw)
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


def is_empty(lm: np.ndarray | None) -> bool:
    """True for "no person": None, or an all-zero / all-invisible landmark set."""
    return lm is None or not bool(np.any(lm[:, 3] > 0.0)) or not bool(np.isfinite(lm[:, :2]).all())


def swapped(lm: np.ndarray) -> np.ndarray:
    """The same pose with every left/right landmark pair exchanged."""
    return lm[SWAP_INDEX]
