"""Throughput of `coach analyze` on a video vs a bare MediaPipe loop, same clip, same model, one run.

bare: cv2.VideoCapture -> cvtColor(BGR2RGB) -> mp.Image -> detect_for_video, every frame in order.
ours: coach.cli.analyze.process_video (VideoSource + reader thread + PoseEstimator + MovementAnalyzer
      + progress bar), i.e. exactly what `coach analyze CLIP --exercise KEY` runs per frame.
The landmarker is created outside the timed region in both. Repetitions are interleaved
(bare, ours, bare, ours, ...) and the median of the per-pair ratios ours/bare (frames per second) is
reported; the target is >= 0.95.

Run: .venv/bin/python bench/analyze_throughput.py [--clip squat_side_3reps.mp4] [--pairs 5] [--model PATH]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import find_model, shared_dir  # noqa: E402


def bare(path: Path, model: Path) -> tuple[int, float]:
    import cv2
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    opts = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model)), running_mode=vision.RunningMode.VIDEO, num_poses=1
    )
    with vision.PoseLandmarker.create_from_options(opts) as lmk:
        t0 = time.perf_counter()
        cap = cv2.VideoCapture(str(path))
        fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
        n = 0
        while True:
            ok, bgr = cap.read()
            if not ok:
                break
            rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
            lmk.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), int(round(n * 1000 / fps)))
            n += 1
        cap.release()
        return n, time.perf_counter() - t0


def ours(path: Path, model: Path, exercise: str) -> tuple[int, float]:
    from coach.cli.analyze import process_video
    from coach.cli.progress import ProgressBar
    from coach.core.analysis import MovementAnalyzer
    from coach.pose.estimator import PoseEstimator
    from coach.pose.sources import VideoSource

    with PoseEstimator(model) as est:
        t0 = time.perf_counter()
        src = VideoSource(path)
        src.open()
        w, h = src.size
        an = MovementAnalyzer(exercise, aspect=w / h)
        bar = ProgressBar(src.frame_count, path.name, stream=io.StringIO())
        n = process_video(src, est, an, src.fps, bar.update)
        bar.close()
        an.summary()
        src.close()
        return n, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clip", default="squat_side_3reps.mp4")
    ap.add_argument("--exercise", default="squat")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--model", type=Path)
    a = ap.parse_args()
    model = a.model or find_model("lite")
    path = shared_dir() / "videos" / a.clip
    if model is None or not path.is_file():
        print(f"model ({model}) or clip ({path}) missing: nothing to measure")
        return 1
    bare(path, model)  # warm-up: file cache, MediaPipe import, XNNPACK init
    ratios, rows = [], []
    for i in range(a.pairs):
        nb, tb = bare(path, model)
        no, to = ours(path, model, a.exercise)
        assert nb == no, (nb, no)
        fb, fo = nb / tb, no / to
        ratios.append(fo / fb)
        rows.append((i + 1, nb, fb, fo, fo / fb))
        print(
            f"pair {i + 1}: {nb} frames  bare {fb:6.1f} fps ({1000 / fb:5.1f} ms/frame)  "
            f"ours {fo:6.1f} fps ({1000 / fo:5.1f} ms/frame)  ratio {fo / fb:.3f}",
            flush=True,
        )
    med = statistics.median(ratios)
    print(
        f"{a.clip}, {model.name}: median ratio ours/bare = {med:.3f} over {a.pairs} interleaved pairs "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f}); target >= 0.95: {'PASS' if med >= 0.95 else 'FAIL'}"
    )
    return 0 if med >= 0.95 else 2


if __name__ == "__main__":
    sys.exit(main())
