"""Real-model landmarks of the shared clips, computed once and cached as .npz files.

The cache lives in ``$COACH_LANDMARK_CACHE`` (default: ``<tmp>/coach-landmark-cache``), keyed by
clip name, size, mtime and model variant, so a changed clip or model is recomputed. Each entry
holds ``frames`` float32 (n, 33, 4) (all zeros = no person), ``times`` (s) and ``aspect`` (w/h).
Run ``python tests/support/clip_cache.py [lite|full]`` to fill the cache ahead of the tests.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from conftest import find_model, shared_dir  # noqa: E402


def cache_dir() -> Path:
    d = Path(os.environ.get("COACH_LANDMARK_CACHE", Path(tempfile.gettempdir()) / "coach-landmark-cache"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def labels() -> list[dict]:
    """Rows of ../shared/videos/labels.csv (empty when absent)."""
    p = shared_dir() / "videos" / "labels.csv"
    if not p.is_file():
        return []
    with p.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _compute(path: Path, model: Path):
    import cv2
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    opts = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model)), running_mode=vision.RunningMode.VIDEO, num_poses=1
    )
    cap = cv2.VideoCapture(str(path))
    fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
    aspect = cap.get(cv2.CAP_PROP_FRAME_WIDTH) / cap.get(cv2.CAP_PROP_FRAME_HEIGHT)
    frames, times, i = [], [], 0
    with vision.PoseLandmarker.create_from_options(opts) as lmk:
        while True:
            ok, bgr = cap.read()
            if not ok:
                break
            img = mp.Image(image_format=mp.ImageFormat.SRGB, data=cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            res = lmk.detect_for_video(img, int(round(i * 1000 / fps)))
            lm = np.zeros((33, 4), np.float32)
            if res.pose_landmarks:
                lm[:] = [(p.x, p.y, p.z, p.visibility) for p in res.pose_landmarks[0]]
            frames.append(lm)
            times.append(i / fps)
            i += 1
    cap.release()
    return np.array(frames, np.float32), np.array(times), float(aspect)


def clip_track(name: str, variant: str = "lite"):
    """(frames (n,33,4) float32, times s, aspect) for a shared clip, or None without model/clip."""
    path = shared_dir() / "videos" / name
    model = find_model(variant)
    if model is None or not path.is_file():
        return None
    st = path.stat()
    key = cache_dir() / f"{path.stem}-{st.st_size}-{int(st.st_mtime)}-{variant}-{model.stat().st_size}.npz"
    if key.is_file():
        z = np.load(key)
        return z["frames"], z["times"], float(z["aspect"])
    frames, times, aspect = _compute(path, model)
    tmp = key.with_suffix(".tmp.npz")
    np.savez(tmp, frames=frames, times=times, aspect=aspect)
    tmp.replace(key)
    return frames, times, aspect


def as_list(frames: np.ndarray) -> list:
    """Frames for ``MovementAnalyzer.update``: None where no person was found."""
    return [None if not f.any() else f for f in frames]


if __name__ == "__main__":
    variant = sys.argv[1] if len(sys.argv) > 1 else "lite"
    for row in labels():
        tr = clip_track(row["file"], variant)
        print(row["file"], None if tr is None else tr[0].shape, flush=True)
