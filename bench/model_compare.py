"""Lite vs full pose model on the labelled clips: reps, stance sides, pelvic coverage, and hip-line
jitter (degrees) on still standing windows: the sd of the frame-to-frame change of the hip-line
tilt divided by sqrt(2) (per-frame noise; slow sway cancels).

Run: .venv/bin/python bench/model_compare.py   (landmarks from tests/support/clip_cache.py, computed once)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.core.analysis import MovementAnalyzer  # noqa: E402
from coach.core.analysis.geometry import Frame  # noqa: E402
from support.clip_cache import as_list, clip_track, labels  # noqa: E402

STILL = {  # clip -> (start s, end s) standing still on both feet, front view
    "squat_front_4reps.mp4": (0.0, 2.5),
    "single_leg_squat_front_reach_left_1rep.mp4": (0.0, 0.9),
    "reverse_lunge_front_5reps.mp4": (7.8, 8.3),
}


def jitter(variant: str) -> dict:
    out = {}
    for name, (a, b) in STILL.items():
        tr = clip_track(name, variant)
        if tr is None:
            continue
        frames, times, aspect = tr
        tilt = np.array([Frame(f, aspect).tilt_lr() for f, t in zip(frames, times) if a <= t <= b and f.any()])
        out[name] = float(np.std(np.diff(tilt)) / np.sqrt(2)) if len(tilt) > 3 else float("nan")
    return out


def main() -> None:
    rows = labels()
    print(f"{'clip':<46} {'model':<5} {'reps t/p':>8} {'sides':>6} {'hold':>5} {'pelvic meas/pose':>16}")
    for row in rows:
        for variant in ("lite", "full"):
            tr = clip_track(row["file"], variant)
            if tr is None:
                continue
            frames, times, aspect = tr
            an = MovementAnalyzer(row["exercise"], aspect=aspect)
            for f, t in zip(as_list(frames), times):
                an.update(f, float(t))
            s = an.summary()
            want = [x for x in row["stance_side_per_rep"].split(";") if x]
            sides = f"{sum(a == b for a, b in zip(s.rep_sides, want))}/{len(want)}" if want and row["reps"] else ""
            reps = f"{row['reps']}/{s.reps}" if row["reps"] else ""
            cov = f"{s.pelvic_measured_frames / max(s.frames_with_pose, 1):.0%}" if s.pelvic_measured_frames else ""
            hold = f"{s.hold_s:.1f}" if row["exercise"] in ("side_plank", "single_leg_balance") else ""
            print(f"{row['file']:<46} {variant:<5} {reps:>8} {sides:>6} {hold:>5} {cov:>16}")
    print(f"\n{'hip-line jitter on a still stance (deg/frame)':<46} {'lite':>6} {'full':>6}")
    jl, jf = jitter("lite"), jitter("full")
    for name in STILL:
        print(f"{name:<46} {jl.get(name, float('nan')):>6.2f} {jf.get(name, float('nan')):>6.2f}")


if __name__ == "__main__":
    main()
