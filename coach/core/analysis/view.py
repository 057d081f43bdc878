"""Front/back vs side-on camera view, from the 2-D shoulder width relative to the torso length.

Facing the camera (or turned away) the shoulders are about 0.6-1.2 torso lengths apart in the
image; side-on they nearly overlap (< 0.25). A median over ``span_s`` and a hysteresis band
between ``side_below`` and ``front_above`` keep the answer steady.
"""

from __future__ import annotations

from coach.core import landmarks as L
from coach.core.analysis.geometry import Frame
from coach.core.analysis.results import ViewName
from coach.core.analysis.smoothing import Window


class ViewClassifier:
    def __init__(self, front_above: float = 0.40, side_below: float = 0.28, span_s: float = 0.5):
        self.front_above = front_above
        self.side_below = side_below
        self.window = Window(span_s)
        self.view: ViewName = "unknown"

    def reset(self) -> None:
        self.window.clear()
        self.view = "unknown"

    @staticmethod
    def ratio(f: Frame) -> float | None:
        if min(f.v[L.LEFT_SHOULDER], f.v[L.RIGHT_SHOULDER]) < 0.3 and max(f.v[L.LEFT_HIP], f.v[L.RIGHT_HIP]) < 0.3:
            return None
        torso = f.torso()
        if torso < 1e-6:
            return None
        return f.dist(L.LEFT_SHOULDER, L.RIGHT_SHOULDER) / torso

    def update(self, f: Frame, t: float) -> ViewName:
        r = self.ratio(f)
        if r is None:
            return self.view
        self.window.add(r, t)
        m = self.window.median()
        if m >= self.front_above:
            self.view = "front"
        elif m <= self.side_below:
            self.view = "side"
        elif self.view == "unknown":
            self.view = "front" if m >= 0.5 * (self.front_above + self.side_below) else "side"
        return self.view
