"""Per-frame cost of MovementAnalyzer.update() on real landmark sequences (and a synthetic
single-leg squat with pelvic-drop tracking). Prints mean / p95 / max in milliseconds; the target
is <= 0.5 ms per frame.

Run: .venv/bin/python bench/analysis_speed.py
"""

from __future__ import annotations

import time

import numpy as np
from _real_landmarks import real_sequences

from coach.core.analysis import MovementAnalyzer
from support import synthetic as sy
from support.analysis_helpers import duration, single_leg


def time_updates(exercise, frames, times, aspect, repeats=3):
    out = []
    for _ in range(repeats):
        an = MovementAnalyzer(exercise, aspect=aspect)
        for f, t in zip(frames, times):
            t0 = time.perf_counter()
            an.update(f, t)
            out.append(time.perf_counter() - t0)
    return np.array(out) * 1000.0


def main() -> None:
    seqs = [(f"{n} ({ex})", ex, fr, ts, a) for n, ex, _, fr, ts, a in real_sequences()]
    if seqs:  # the single-leg drills on real frames too
        n, _, fr, ts, a = seqs[-1]
        seqs.append((n.replace("(squat)", "(single_leg_squat)"), "single_leg_squat", fr, ts, a))
        n, _, fr, ts, a = seqs[2]
        seqs.append((n.replace("(lunge)", "(single_leg_squat)"), "single_leg_squat", fr, ts, a))
    else:
        print("model or clips missing: synthetic sequences only")
    fr, ts = sy.sequence(single_leg("left", drop=8.0), duration(6), noise=0.001, dropout=0.01, swaps=0.01)
    seqs.append(("synthetic single-leg squat, 8 deg drop", "single_leg_squat", fr, ts, 4 / 3))
    all_ms = []
    print(f"{'sequence':<58} {'frames':>6} {'mean ms':>8} {'p95 ms':>7} {'max ms':>7}")
    for label, ex, fr, ts, a in seqs:
        ms = time_updates(ex, fr, ts, a)
        all_ms.append(ms)
        print(f"{label:<58} {len(fr):>6} {ms.mean():>8.3f} {np.percentile(ms, 95):>7.3f} {ms.max():>7.3f}")
    ms = np.concatenate(all_ms)
    print(f"{'all':<58} {len(ms):>6} {ms.mean():>8.3f} {np.percentile(ms, 95):>7.3f} {ms.max():>7.3f}")
    print(f"target 0.5 ms/frame: mean is {0.5 / ms.mean():.1f}x under it, p95 {0.5 / np.percentile(ms, 95):.1f}x")


if __name__ == "__main__":
    main()
