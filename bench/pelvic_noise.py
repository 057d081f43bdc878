"""How much a pelvic-drop peak moves with nothing moving: the hip-line tilt (degrees) of the real pose model on
still standing windows of the shared clips, as the per-frame noise and as the spread of the 0.3 s means the
reported peak is made of (``coach.core.analysis.pelvic.PEAK_WINDOW_S``).

The report (``coach.core.report.drops``) shows a week-to-week change in the peak only when it is larger than the
error figure this bench supports. Run: nice .venv/bin/python bench/pelvic_noise.py [lite|full]
(landmarks from tests/support/clip_cache.py, computed once with the real model).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.core.analysis.geometry import Frame  # noqa: E402
from coach.core.analysis.pelvic import PEAK_WINDOW_S  # noqa: E402
from support.clip_cache import clip_track  # noqa: E402

STILL = {  # clip -> (start s, end s) standing still on both feet, front view (hip height steady in these windows)
    "squat_front_4reps.mp4": (2.8, 3.5),  # model_compare.py's 0-2.5 s holds the first descent
    "single_leg_squat_front_reach_left_1rep.mp4": (0.0, 0.9),
    "reverse_lunge_front_5reps.mp4": (7.8, 8.3),
}


def main() -> None:
    variant = sys.argv[1] if len(sys.argv) > 1 else "lite"
    print(f"model: {variant}")
    print(f"{'clip':<46} {'frames':>6} {'sd/frame':>9} {'0.3s-mean sd':>13} {'0.3s-mean range':>16}")
    worst = 0.0
    for name, (a, b) in STILL.items():
        tr = clip_track(name, variant)
        if tr is None:
            print(f"{name:<46} (no clip or model)")
            continue
        frames, times, aspect = tr
        keep = [(float(t), Frame(f, aspect).tilt_lr()) for f, t in zip(frames, times) if a <= t <= b and f.any()]
        t = np.array([x for x, _ in keep])
        tilt = np.array([y for _, y in keep])
        fps = 1.0 / float(np.median(np.diff(t)))
        win = max(1, round(PEAK_WINDOW_S * fps))
        means = np.convolve(tilt - tilt.mean(), np.ones(win) / win, mode="valid")
        spread = float(means.max() - means.min()) if len(means) else float("nan")
        worst = max(worst, spread)
        print(f"{name:<46} {len(tilt):>6} {np.std(tilt):>9.2f} {np.std(means):>13.2f} {spread:>16.2f}")
    print(f"\nlargest spread of the 0.3 s mean on a still stance: {worst:.2f} deg")


if __name__ == "__main__":
    main()
