"""Transformed copies of landmark tracks, used to guard the analysis against camera and dataset
conventions it was not tuned on, and the check for per-axis-normalised landmark files.

Tracks are float32 arrays (frames, 33, 4) in normalised image coordinates (x right, y down), z,
visibility; a frame of all zeros = no person.
- ``mirrored``: the video flipped left-right: x -> 1 - x and every left/right landmark pair swapped
  (the pose model then sees a person whose left is the original right), so the true stance sides swap.
- ``per_axis_normalised``: each frame's x, y and z rescaled to span exactly 0..1 over the 33
  landmarks, as public rep-counting datasets publish them (image aspect and body proportions lost).
"""

from __future__ import annotations

import numpy as np

from coach.core.analysis.geometry import SWAP_INDEX


def mirrored(frames: np.ndarray) -> np.ndarray:
    out = np.asarray(frames, dtype=np.float32)[:, SWAP_INDEX].copy()
    present = out.any(axis=(1, 2))
    out[present, :, 0] = 1.0 - out[present, :, 0]
    return out


def per_axis_normalised(frames: np.ndarray) -> np.ndarray:
    arr = np.asarray(frames, dtype=np.float32)
    out = arr.copy()
    present = arr.any(axis=(1, 2))
    p = arr[present, :, :3]
    lo, hi = p.min(axis=1, keepdims=True), p.max(axis=1, keepdims=True)
    out[present, :, :3] = (p - lo) / np.maximum(hi - lo, 1e-9)
    out[present, :, 3] = 1.0
    return out


def looks_per_axis_normalised(frames: np.ndarray, tol: float = 1e-3) -> bool:
    """True when every frame with a person spans exactly 0..1 in x, y and z (at least 5 such frames)."""
    arr = np.asarray(frames, dtype=np.float64)
    present = arr.any(axis=(1, 2))
    if present.sum() < 5:
        return False
    p = arr[present, :, :3]
    lo, hi = p.min(axis=1), p.max(axis=1)
    return bool((np.abs(lo) <= tol).all() and (np.abs(hi - 1.0) <= tol).all())
