"""Undo left/right label swaps by the pose model, using frame-to-frame continuity.

MediaPipe sometimes mirrors the left/right labels for a few frames. We compare the hips, knees
and ankles with the last accepted pose: when the swapped labelling fits clearly better, the frame
is swapped back. A swap the model keeps for longer than ``persist_s`` is accepted as real (for
example after the person turned round through a side-on pose).
"""

from __future__ import annotations

import numpy as np

from coach.core import landmarks as L
from coach.core.analysis.geometry import swapped

_PAIRS = (
    (L.LEFT_HIP, L.RIGHT_HIP),
    (L.LEFT_KNEE, L.RIGHT_KNEE),
    (L.LEFT_ANKLE, L.RIGHT_ANKLE),
    (L.LEFT_SHOULDER, L.RIGHT_SHOULDER),
)
_LEFT = np.array([a for a, _ in _PAIRS])
_RIGHT = np.array([b for _, b in _PAIRS])


class SwapFilter:
    def __init__(self, persist_s: float = 1.0, margin: float = 0.5):
        self.persist_s = persist_s
        self.margin = margin  # swapped cost must be below margin * direct cost
        self.prev: np.ndarray | None = None  # (8, 2) last accepted left+right points
        self.swap_since: float | None = None
        self.swaps = 0

    def reset(self) -> None:
        self.prev = None
        self.swap_since = None

    def apply(self, lm: np.ndarray, t: float) -> np.ndarray:
        pts = lm[:, :2]
        left, right = pts[_LEFT], pts[_RIGHT]
        if self.prev is not None:
            pl, pr = self.prev[: len(_PAIRS)], self.prev[len(_PAIRS) :]
            direct = float(np.abs(left - pl).sum() + np.abs(right - pr).sum())
            cross = float(np.abs(left - pr).sum() + np.abs(right - pl).sum())
            if cross < self.margin * direct:
                if self.swap_since is None:
                    self.swap_since = t
                if t - self.swap_since < self.persist_s:
                    lm = swapped(lm)
                    left, right = right, left
                    self.swaps += 1
                else:
                    self.swap_since = None  # the model insists: accept its labels
            else:
                self.swap_since = None
        self.prev = np.concatenate([left, right])
        return lm
