"""``BackgroundMotion``: how the picture itself moved since the previous frame, from the background.

The body alone can't tell a camera knocked while the person moves from the person moving, so the
pose adapter also looks at the scenery: corners are tracked (Lucas-Kanade optical flow) on a small
grey copy of the frame (``WIDTH`` pixels wide) outside the person's box (from the landmarks, grown by
``MARGIN``), and one similarity transform (rotation, scale, shift; RANSAC) is fitted to them.
``update(bgr, landmarks)`` returns ``(turn_deg, scale)`` since the previous frame (+ = anticlockwise
on screen, y down, as ``camera_motion.similarity`` reports it), or None when too few background points
could be followed (a plain wall, the person filling the frame, the first frame). Cost: 0.8 ms a
frame at 120 x 90 for 640 x 480 input on this (loaded) machine; bench/num_poses_cost.py measures it.
"""

from __future__ import annotations

import math

import numpy as np

WIDTH = 120  # pixels: the small grey copy the background is tracked on
MARGIN = 0.3  # the person's box grown by this share of its size on each side (arms, weights, shadow)
MIN_POINTS = 12  # background points followed to trust the fit
MAX_CORNERS = 50


class BackgroundMotion:
    def __init__(self) -> None:
        import cv2

        self._cv2 = cv2
        self._prev: np.ndarray | None = None
        self._mask: np.ndarray | None = None

    def reset(self) -> None:
        self._prev = None

    def update(self, bgr: np.ndarray, landmarks: np.ndarray | None, others=()) -> tuple[float, float] | None:
        """(turn in degrees, scale) of the background since the previous frame, or None. ``others``:
        landmarks of other people in view, masked out like the person's own box."""
        cv2 = self._cv2
        if bgr.ndim != 3 or bgr.shape[2] != 3 or min(bgr.shape[:2]) < 8:
            self._prev = None
            return None
        h, w = bgr.shape[:2]
        sh = max(1, round(h * WIDTH / w))
        grey = cv2.cvtColor(cv2.resize(bgr, (WIDTH, sh), interpolation=cv2.INTER_LINEAR), cv2.COLOR_BGR2GRAY)
        mask = np.full((sh, WIDTH), 255, np.uint8)
        for lm in (landmarks, *others):
            if lm is None:
                continue
            x0, x1 = float(lm[:, 0].min()), float(lm[:, 0].max())
            y0, y1 = float(lm[:, 1].min()), float(lm[:, 1].max())
            mx, my = MARGIN * (x1 - x0), MARGIN * (y1 - y0)
            c0, c1 = int(max(0.0, x0 - mx) * WIDTH), int(min(1.0, x1 + mx) * WIDTH) + 1
            r0, r1 = int(max(0.0, y0 - my) * sh), int(min(1.0, y1 + my) * sh) + 1
            mask[r0:r1, c0:c1] = 0
        prev, prev_mask = self._prev, self._mask
        self._prev, self._mask = grey, mask
        if prev is None or prev.shape != grey.shape or prev_mask is None:
            return None
        pts = cv2.goodFeaturesToTrack(prev, MAX_CORNERS, 0.01, 5, mask=prev_mask & mask)
        if pts is None or len(pts) < MIN_POINTS:
            return None
        nxt, ok, _err = cv2.calcOpticalFlowPyrLK(prev, grey, pts, None, winSize=(15, 15), maxLevel=2)
        good = ok.reshape(-1) == 1
        if int(good.sum()) < MIN_POINTS:
            return None
        m, inliers = cv2.estimateAffinePartial2D(pts[good], nxt[good], method=cv2.RANSAC, ransacReprojThreshold=1.0)
        if m is None or inliers is None or int(inliers.sum()) < MIN_POINTS:
            return None
        a, b = float(m[0, 0]), float(m[1, 0])
        return math.degrees(math.atan2(b, a)), math.hypot(a, b)
