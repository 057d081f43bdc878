"""What a second person costs: per-frame inference time of the lite PoseLandmarker (VIDEO mode) with
``num_poses`` 1 and 2, on one real clip and on two real clips side by side (one person squatting,
one standing still), and the per-frame cost of the background tracker (``BackgroundMotion``).

Frames are decoded and composed first, so only ``detect_for_video`` (or ``update``) is timed.
Prints mean / p95 in milliseconds and the share of a 30 fps frame budget (33.3 ms).

Run: nice .venv/bin/python bench/num_poses_cost.py [--frames 150]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]


def frames_of(path: Path, n: int, start_s: float = 0.0) -> list[np.ndarray]:
    import cv2

    cap = cv2.VideoCapture(str(path))
    cap.set(cv2.CAP_PROP_POS_MSEC, start_s * 1000.0)
    out = []
    while len(out) < n:
        ok, bgr = cap.read()
        if not ok:
            cap.set(cv2.CAP_PROP_POS_MSEC, start_s * 1000.0)
            continue
        out.append(bgr)
    cap.release()
    return out


def side_by_side(left: np.ndarray, right: np.ndarray, height: int = 480) -> np.ndarray:
    import cv2

    def fit(im):
        h, w = im.shape[:2]
        return cv2.resize(im, (round(w * height / h), height), interpolation=cv2.INTER_AREA)

    return np.hstack([fit(left), fit(right)])


def time_detect(images: list[np.ndarray], model: Path, num_poses: int) -> tuple[np.ndarray, float]:
    import cv2
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    opts = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model)),
        running_mode=vision.RunningMode.VIDEO,
        num_poses=num_poses,
    )
    rgbs = [cv2.cvtColor(im, cv2.COLOR_BGR2RGB) for im in images]
    ms, people = [], 0
    with vision.PoseLandmarker.create_from_options(opts) as lmk:
        for i, rgb in enumerate(rgbs):
            img = mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)
            t0 = time.perf_counter()
            res = lmk.detect_for_video(img, i * 33)
            ms.append((time.perf_counter() - t0) * 1000.0)
            people += len(res.pose_landmarks)
    return np.array(ms[10:]), people / len(rgbs)


def time_background(images: list[np.ndarray]) -> np.ndarray:
    from coach.pose.background_motion import BackgroundMotion

    bg = BackgroundMotion()
    ms = []
    for im in images:
        t0 = time.perf_counter()
        bg.update(im, None)
        ms.append((time.perf_counter() - t0) * 1000.0)
    return np.array(ms[5:])


def main() -> None:
    from conftest import find_model, shared_dir

    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=150)
    args = ap.parse_args()
    model = find_model("lite")
    videos = shared_dir() / "videos"
    if model is None or not videos.is_dir():
        print("model or clips missing")
        return
    squat = frames_of(videos / "squat_front_4reps.mp4", args.frames)
    still = frames_of(videos / "single_leg_squat_front_alternating_4reps.mp4", args.frames, 26.0)
    sets = {
        "one person (squat_front_4reps, 640x480)": squat,
        "two people side by side (squat + standing, ~1493x480)": [side_by_side(a, b) for a, b in zip(squat, still)],
    }
    print(f"{'frames':58s} {'num_poses':>9s} {'people':>7s} {'mean ms':>8s} {'p95 ms':>7s} {'of 33 ms':>9s}")
    for label, images in sets.items():
        for n in (1, 2):
            ms, people = time_detect(images, model, n)
            print(
                f"{label:58s} {n:9d} {people:7.2f} {ms.mean():8.1f} {np.percentile(ms, 95):7.1f} "
                f"{ms.mean() / 33.3:9.0%}"
            )
    for label, images in sets.items():
        ms = time_background(images)
        print(f"background tracker, {label:38s} {'':9s} {'':7s} {ms.mean():8.2f} {np.percentile(ms, 95):7.2f}")


if __name__ == "__main__":
    main()
