"""Camera-motion clips made from a real clip: every frame warped with ``cv2.warpAffine`` as a moving
camera would (roll, zoom, shake, a one-off bump), run through the real pose model and the background
tracker (``coach.pose.background_motion``), and the landmark tracks and background steps cached as
.npz next to ``clip_cache``'s (same folder, keyed by clip, size, mtime, warp, model). A track is
(frames (n, 33, 4) float32, times s, aspect, steps (n, 2): the background's turn (deg) and scale since
the previous frame, NaN where it could not be followed).

A warp is a function ``t_s -> (angle_deg, scale, dx, dy)``: rotation and scale about the image centre,
then a shift in shares of the image width / height. Positive angles turn the picture anticlockwise.
``compose_side_by_side`` puts two clips next to each other (two people in view).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np

from support.clip_cache import cache_dir, find_model, shared_dir

Warp = Callable[[float], tuple[float, float, float, float]]


def roll(amp_deg: float = 10.0, period_s: float = 3.0) -> Warp:
    return lambda t: (amp_deg * math.sin(2 * math.pi * t / period_s), 1.0, 0.0, 0.0)


def zoom(amp: float = 0.25, period_s: float = 2.5) -> Warp:
    return lambda t: (0.0, 1.0 + amp * math.sin(2 * math.pi * t / period_s), 0.0, 0.0)


def shake(amp: float = 0.03, deg: float = 2.0, seed: int = 7) -> Warp:
    """A hand-held camera: smooth random shifts of up to ``amp`` of the frame and ``deg`` of roll (~4 Hz)."""
    rng = np.random.default_rng(seed)
    knots = rng.uniform(-1.0, 1.0, size=(400, 3))

    def at(t: float) -> tuple[float, float, float, float]:
        k = t * 4.0
        i = int(k) % 399
        a = k - int(k)
        v = (1 - a) * knots[i] + a * knots[i + 1]
        return float(deg * v[2]), 1.0, float(amp * v[0]), float(amp * v[1])

    return at


def bump(at_s: float, deg: float = 7.0, ramp_s: float = 0.1) -> Warp:
    """Still, then knocked: the picture turns ``deg`` over ``ramp_s`` at ``at_s`` and stays turned."""
    return lambda t: (deg * min(max((t - at_s) / ramp_s, 0.0), 1.0), 1.0, 0.0, 0.0)


def _matrix(w: int, h: int, spec: tuple[float, float, float, float]) -> np.ndarray:
    import cv2

    angle, scale, dx, dy = spec
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, scale)
    m[0, 2] += dx * w
    m[1, 2] += dy * h
    return m


def warped_track(name: str, warp_name: str, warp: Warp, *, seconds: float = 12.0, every: int = 2):
    """The track of clip ``name`` warped per frame, through the lite model (VIDEO mode); None without
    the model or clip. ``every``: keep every n-th source frame."""
    path = shared_dir() / "videos" / name
    model = find_model("lite")
    if model is None or not path.is_file():
        return None
    st = path.stat()
    key = cache_dir() / f"{path.stem}-{st.st_size}-{int(st.st_mtime)}-warp-{warp_name}-{seconds:g}-{every}-bg.npz"
    if key.is_file():
        return _load(key)
    track = _run_model(path, model, lambda img, t: _warp(img, warp(t)), seconds, every)
    _save(key, *track)
    return track


def still_track(
    name: str, at_s: float, warp_name: str, warp: Warp, *, seconds: float = 12.0, fps: float = 30.0, margin: float = 0.2
):
    """A person standing still: the frame of clip ``name`` at ``at_s`` (a real person, standing on both
    feet) shown for ``seconds`` at ``fps`` with fresh sensor noise in every frame (as a still camera
    records a still person), warped per frame by ``warp``; through the lite model, cached. ``margin``:
    the picture is first shrunk inside a border of its own edge pixels (this share of the size on each
    side), as if the person stood farther away, so a 25 % zoom keeps the feet in view."""
    import cv2

    path = shared_dir() / "videos" / name
    model = find_model("lite")
    if model is None or not path.is_file():
        return None
    st = path.stat()
    stem = f"{path.stem}-{st.st_size}-{int(st.st_mtime)}-still-{at_s:g}-{warp_name}"
    key = cache_dir() / f"{stem}-{seconds:g}-{fps:g}-{margin:g}-bg.npz"
    if key.is_file():
        return _load(key)
    cap = cv2.VideoCapture(str(path))
    cap.set(cv2.CAP_PROP_POS_MSEC, at_s * 1000.0)
    ok, still = cap.read()
    cap.release()
    if not ok:
        return None
    rng = np.random.default_rng(5)
    h, w = still.shape[:2]
    if margin > 0:
        mh, mw = int(h * margin), int(w * margin)
        still = cv2.copyMakeBorder(still, mh, mh, mw, mw, cv2.BORDER_REPLICATE)
        still = cv2.resize(still, (w, h), interpolation=cv2.INTER_AREA).astype(np.float64)

    def frames():
        for i in range(int(seconds * fps)):
            noise = rng.normal(0.0, 2.0, still.shape)
            yield np.clip(still + noise, 0, 255).astype(np.uint8), i / fps

    out = _run_frames(frames(), model, lambda img, t: _warp(img, warp(t)))
    result = (out[0], out[1], w / h, out[2])
    _save(key, *result)
    return result


def _warp(img: np.ndarray, spec) -> np.ndarray:
    import cv2

    h, w = img.shape[:2]
    return cv2.warpAffine(img, _matrix(w, h, spec), (w, h), borderMode=cv2.BORDER_REPLICATE)


def _save(key: Path, frames, times, aspect, steps) -> None:
    tmp = key.with_suffix(".tmp.npz")
    np.savez(tmp, frames=frames, times=times, aspect=aspect, steps=steps)
    tmp.replace(key)


def _load(key: Path):
    z = np.load(key)
    return z["frames"], z["times"], float(z["aspect"]), z["steps"]


def as_steps(steps: np.ndarray) -> list:
    """Background steps for ``MovementAnalyzer.update``: None where not followed."""
    return [None if np.isnan(s).any() else (float(s[0]), float(s[1])) for s in steps]


def _run_model(path: Path, model: Path, edit, seconds: float, every: int):
    import cv2

    cap = cv2.VideoCapture(str(path))
    fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
    aspect = cap.get(cv2.CAP_PROP_FRAME_WIDTH) / cap.get(cv2.CAP_PROP_FRAME_HEIGHT)

    def frames():
        i = -1
        while True:
            ok, bgr = cap.read()
            i += 1
            if not ok or i / fps > seconds:
                return
            if i % every == 0:
                yield bgr, i / fps

    try:
        out = _run_frames(frames(), model, edit)
    finally:
        cap.release()
    return out[0], out[1], float(aspect), out[2]


def _run_frames(source, model: Path, edit):
    """(landmarks (n, 33, 4), times, background steps (n, 2)) of (BGR frame, t_s) pairs, each edited
    by ``edit(img, t)`` first."""
    import cv2
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    from coach.pose.background_motion import BackgroundMotion

    opts = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model)), running_mode=vision.RunningMode.VIDEO, num_poses=1
    )
    frames, times, steps = [], [], []
    scenery = BackgroundMotion()
    with vision.PoseLandmarker.create_from_options(opts) as lmk:
        for bgr, t in source:
            bgr = edit(bgr, t)
            rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
            res = lmk.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), int(round(t * 1000)))
            lm = np.zeros((33, 4), np.float32)
            if res.pose_landmarks:
                lm[:] = [(p.x, p.y, p.z, p.visibility) for p in res.pose_landmarks[0]]
            step = scenery.update(bgr, lm if lm.any() else None)
            frames.append(lm)
            times.append(t)
            steps.append((np.nan, np.nan) if step is None else step)
    return np.array(frames, np.float32), np.array(times), np.array(steps, np.float64).reshape(-1, 2)
