"""Accuracy of movement analysis: rep counts (MAE = mean |pred - true| / true, OBO = share within
+-1) on the real clips and on synthetic sequences, zero-rep sequences, and pelvic-drop angles
(synthetic known tilts; real front-view frames rotated through a known angle).

Run: .venv/bin/python bench/accuracy.py
"""

from __future__ import annotations

import time

import numpy as np
from _real_landmarks import real_sequences  # noqa: F401  (also puts the repo and tests/ on sys.path)

from coach.core.analysis import MovementAnalyzer
from support import synthetic as sy
from support.analysis_helpers import duration, run, single_leg, walking


def count_rows():
    rows = []
    for name, exercise, reps, frames, times, aspect in real_sequences():
        an = MovementAnalyzer(exercise, aspect=aspect)
        for f, t in zip(frames, times):
            an.update(f, t)
        s = an.summary()
        kind = "real" if reps else "zero"
        rows.append(
            (kind, f"{name} ({exercise})" + ("" if reps else " [real]"), reps, s.reps, len(s.pelvic_drop_events))
        )
    for seed in range(3):
        for view in ("front", "side"):
            cam = sy.Camera(view=view, share=0.5 + 0.15 * seed)
            ph = sy.reps_profile(5, rest_s=1.5)
            fr_, ts = sy.sequence(
                lambda t, ph=ph: sy.standing_points(sy.Pose(knee=110 * ph(t))),
                duration(5, 1.5),
                camera=cam,
                noise=0.0015,
                dropout=0.02,
                swaps=0.02,
                seed=seed,
            )
            s, _ = run("squat", fr_, ts)
            rows.append(("synthetic", f"squat {view} seed {seed}", 5, s.reps, len(s.pelvic_drop_events)))
        for ex, kw in (
            ("single_leg_squat", dict(knee=90)),
            ("step_down", dict(knee=75, step=0.2, free_knee=0, free_hip=10)),
            ("single_leg_deadlift", dict(knee=20, lean=70, free_knee=10, free_hip=0, free_back=60)),
        ):
            fr_, ts = sy.sequence(
                single_leg("left" if seed % 2 else "right", **kw),
                duration(4),
                noise=0.0015,
                dropout=0.02,
                swaps=0.02,
                seed=seed,
            )
            s, _ = run(ex, fr_, ts)
            rows.append(("synthetic", f"{ex} seed {seed}", 4, s.reps, None))
    for label, (frames, times) in (
        ("standing still", sy.sequence(lambda t: sy.standing_points(sy.Pose()), 10, noise=0.002)),
        ("walking around", sy.sequence(walking, 14, noise=0.001)),
        ("empty frame", ([None] * 300, np.arange(300) / 30)),
    ):
        for ex in ("squat", "single_leg_squat", "lunge", "step_down"):
            s, _ = run(ex, frames, times)
            rows.append(("zero", f"{label} ({ex})", 0, s.reps, len(s.pelvic_drop_events)))
    return rows


def tilt_rows():
    rows = []
    for drop in (0, 2, 4, 6, 8, 10, 12, 15):
        errs = []
        for stance in ("left", "right"):
            fr_, ts = sy.sequence(
                single_leg(stance, drop=float(drop)),
                duration(4),
                noise=0.001,
                dropout=0.01,
                swaps=0.01,
                seed=drop + (stance == "left"),
            )
            an = MovementAnalyzer("single_leg_squat", aspect=4 / 3)
            for f, t in zip(fr_, ts):
                an.update(f, t)
            errs += [r.peak_drop_deg - drop for r in an.reps if r.peak_drop_deg is not None]
        rows.append(
            (f"synthetic tilt {drop:>2} deg (8 reps)", float(np.mean(np.abs(errs))), float(np.max(np.abs(errs))))
        )
    if real_sequences():
        from test_accuracy_clips import rotated_tilt_errors

        for a, e in rotated_tilt_errors().items():
            rows.append((f"real frames rotated {a:+.0f} deg (model re-run)", abs(e), abs(e)))
    return rows


def main() -> None:
    t0 = time.perf_counter()
    rows = count_rows()
    print(f"{'set':<10} {'sequence':<48} {'true':>4} {'pred':>4} {'flags':>5}")
    for kind, label, true, pred, flags in rows:
        print(f"{kind:<10} {label:<48} {true:>4} {pred:>4} {'' if flags is None else flags:>5}")
    for kind in ("real", "synthetic"):
        sel = [r for r in rows if r[0] == kind]
        if sel:
            mae = sum(abs(p - t) / t for _, _, t, p, _ in sel) / len(sel)
            obo = sum(abs(p - t) <= 1 for _, _, t, p, _ in sel) / len(sel)
            exact = sum(p == t for _, _, t, p, _ in sel) / len(sel)
            print(f"{kind}: n={len(sel)}  MAE={mae:.3f}  OBO={obo:.2f}  exact={exact:.2f}")
    zero = [r for r in rows if r[0] == "zero"]
    print(
        f"zero-rep sequences: n={len(zero)}  nonzero counts={sum(p != 0 for _, _, _, p, _ in zero)}  "
        f"flags={sum(f or 0 for *_, f in zero)}"
    )
    print()
    print(f"{'pelvic drop':<48} {'mean |err|':>10} {'max |err|':>9}")
    for label, mean, mx in tilt_rows():
        print(f"{label:<48} {mean:>10.2f} {mx:>9.2f}")
    print(f"\n(total {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
