"""Transformed copies of landmark tracks, used to guard the analysis against camera and dataset
conventions it was not tuned on, and the check for per-axis-normalised landmark files.

Tracks are float32 arrays (frames, 33, 4) in normalised image coordinates (x right, y down), z,
visibility; a frame of all zeros = no person.
- ``mirrored``: the video flipped left-right: x -> 1 - x and every left/right landmark pair swapped
  (the pose model then sees a person whose left is the original right), so the true stance sides swap.
- ``per_axis_normalised``: each frame's x, y and z rescaled to span exactly 0..1 over the 33
  landmarks, as public rep-counting datasets publish them (image aspect and body proportions lost).
- ``rolled``: the camera rolled by a fixed angle for the whole recording (a tilted phone or
  tripod): every pose turned about the image centre, x aspect-corrected (as ``camera_motion.turned``).
- ``scaled``: the person smaller or larger in the picture (farther from / nearer to the camera):
  x, y and z scaled about one point (normalised image coordinates), the same for every frame.
- ``slower``: a lower frame rate: frames dropped so that about ``fps`` remain per second.
- ``jittered``: Gaussian landmark noise with a standard deviation of ``share`` of the frame
  (x: of its width, y: of its height), fixed by ``seed``.
- ``with_dropouts``: short tracking dropouts: runs of 3 to 8 frames with no person, about one run
  every ``every_s`` seconds, fixed by ``seed``.
Frames past the picture's edge after a transform are kept as they are (the framing check judges them).
"""

from __future__ import annotations

import numpy as np

from coach.core.analysis.camera_motion import turned
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


def _present(arr: np.ndarray) -> np.ndarray:
    return np.asarray(arr.any(axis=(1, 2)))


def rolled(frames: np.ndarray, deg: float, aspect: float) -> np.ndarray:
    """Every pose turned by ``deg`` degrees (+ = anticlockwise on screen, y down) about the image
    centre; ``aspect`` = image width / height."""
    out = np.asarray(frames, dtype=np.float32).copy()
    for i in np.flatnonzero(_present(out)):
        out[i] = turned(out[i], deg, aspect)
    return out


def scaled(frames: np.ndarray, factor: float, about: tuple[float, float] | None = None) -> np.ndarray:
    """The person ``factor`` times as large in the picture, about ``about`` (normalised x, y; default:
    the median mid-hip point over the track, so the body stays where it was)."""
    out = np.asarray(frames, dtype=np.float32).copy()
    present = _present(out)
    if not present.any():
        return out
    if about is None:
        hips = out[present][:, (23, 24), :2].mean(axis=1)
        about = (float(np.median(hips[:, 0])), float(np.median(hips[:, 1])))
    cx, cy = about
    out[present, :, 0] = cx + factor * (out[present, :, 0] - cx)
    out[present, :, 1] = cy + factor * (out[present, :, 1] - cy)
    out[present, :, 2] = factor * out[present, :, 2]
    return out


def slower(frames: np.ndarray, times: np.ndarray, fps: float) -> tuple[np.ndarray, np.ndarray]:
    """(frames, times) keeping about ``fps`` frames per second of the recording (times in seconds):
    a frame is kept when at least 1 / ``fps`` s (less 1 %) have passed since the last kept one."""
    ts = np.asarray(times, dtype=np.float64)
    keep: list[int] = []
    for i, t in enumerate(ts):
        if not keep or t - ts[keep[-1]] >= 0.99 / fps:
            keep.append(i)
    return np.asarray(frames, dtype=np.float32)[keep], ts[keep]


def jittered(frames: np.ndarray, share: float, seed: int = 0) -> np.ndarray:
    """Gaussian noise of ``share`` of the frame (x: width, y: height) on every landmark of a pose."""
    out = np.asarray(frames, dtype=np.float32).copy()
    present = _present(out)
    rng = np.random.default_rng(seed)
    noise = rng.normal(0.0, share, size=(int(present.sum()), out.shape[1], 2)).astype(np.float32)
    out[present, :, :2] += noise
    return out


def with_dropouts(
    frames: np.ndarray, times: np.ndarray, every_s: float = 2.0, seed: int = 0, runs: tuple[int, int] = (3, 8)
) -> np.ndarray:
    """Runs of ``runs`` (inclusive) frames with no person, starting at random, about one per ``every_s``
    seconds of the recording (times in seconds)."""
    out = np.asarray(frames, dtype=np.float32).copy()
    ts = np.asarray(times, dtype=np.float64)
    if len(ts) < 2:
        return out
    rng = np.random.default_rng(seed)
    fps = (len(ts) - 1) / max(ts[-1] - ts[0], 1e-9)
    p = 1.0 / max(every_s * fps, 1.0)  # chance a run starts at a frame
    i = 0
    while i < len(out):
        if rng.random() < p:
            n = int(rng.integers(runs[0], runs[1] + 1))
            out[i : i + n] = 0.0
            i += n + 1
        else:
            i += 1
    return out
