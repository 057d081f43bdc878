"""Per-clip accuracy on the labelled real clips (../shared/videos/labels.csv), plus mirrored and
per-axis-normalised versions of the same landmark tracks.

For each clip: true vs counted reps, the stance side of each rep (true / counted), hold time, and
pelvic coverage = frames with a pelvic-drop measurement / frames the analyzer saw on one leg, and /
all frames with a pose (pelvic drills; or the reason it was not measured). Then MAE (mean |pred - true| / true)
and OBO (share within +-1) over the counted clips. Landmarks come from tests/support/clip_cache.py (the real
model, cached once).

Then synthetic sets with known truth (views incl. back and +-30 deg oblique, single-leg forms, pelvic
tilt error with and without a two-foot calibration).

Run: .venv/bin/python bench/clip_accuracy.py [lite|full]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "core"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.core.analysis import MovementAnalyzer  # noqa: E402
from coach.core.analysis.variants import mirrored, per_axis_normalised  # noqa: E402
from support.clip_cache import as_list, clip_track, labels  # noqa: E402

HOLDS = {"side_plank", "single_leg_balance"}


def truth(row: dict) -> dict:
    sides = [s for s in row["stance_side_per_rep"].split(";") if s]
    return {
        "reps": int(row["reps"]) if row["reps"] else None,
        "sides": sides,
        "hold": float(row["hold_s"]) if row["hold_s"] else None,
    }


def run_clip(exercise: str, frames, times, aspect: float):
    an = MovementAnalyzer(exercise, aspect=aspect)
    for f, t in zip(as_list(frames), times):
        an.update(f, float(t))
    return an.summary()


def variants(frames, aspect):
    yield "original", frames, aspect
    yield "mirrored", mirrored(frames), aspect
    yield "per-axis", per_axis_normalised(frames), 1.0


def main(variant: str = "lite") -> None:
    rows = labels()
    print(f"{'clip':<46} {'variant':<9} {'reps t/p':>9} {'sides ok':>9} {'hold t/p':>11} {'pelvic stance/all':>18}")
    errs: dict[str, list] = {}
    for row in rows:
        tr = clip_track(row["file"], variant)
        if tr is None:
            continue
        frames, times, aspect = tr
        want = truth(row)
        for label, fr_, asp in variants(frames, aspect):
            s = run_clip(row["exercise"], fr_, times, asp)
            sides = list(s.rep_sides)
            exp_sides = want["sides"]
            if label == "mirrored":
                exp_sides = [{"left": "right", "right": "left"}[x] for x in exp_sides]
            sides_ok = (
                ""
                if not exp_sides or want["reps"] is None
                else f"{sum(a == b for a, b in zip(sides, exp_sides))}/{len(exp_sides)}"
            )
            reps = "" if want["reps"] is None else f"{want['reps']}/{s.reps}"
            hold = (
                f"{'?' if want['hold'] is None else format(want['hold'], '.1f')}/{s.hold_s:.1f}"
                if row["exercise"] in HOLDS
                else ""
            )
            cov = (
                ""
                if s.pelvic_stance_frames == 0
                else (
                    f"{s.pelvic_measured_frames / s.pelvic_stance_frames:.0%} "
                    f"{s.pelvic_measured_frames / s.frames_with_pose:.0%}"
                )
            )
            if s.pelvic_reason and s.pelvic_reason != "not judged for this exercise":
                cov = s.pelvic_reason[:18]
            print(f"{row['file']:<46} {label:<9} {reps:>9} {sides_ok:>9} {hold:>11} {cov:>18}")
            if want["reps"] is not None:
                errs.setdefault(label, []).append((want["reps"], s.reps))
    for label, e in errs.items():
        mae = sum(abs(p - t) / t for t, p in e) / len(e)
        obo = sum(abs(p - t) <= 1 for t, p in e) / len(e)
        exact = sum(p == t for t, p in e)
        print(f"{label}: n={len(e)} exact={exact}/{len(e)} MAE={mae:.3f} OBO={obo:.2f}")


def synthetic() -> None:
    """Synthetic sets with known truth: views (front/back/side, +-30 deg oblique), single-leg forms,
    pelvic tilt error with and without a two-foot calibration."""
    import numpy as np
    from test_analysis_general import one_leg, squats

    from support import synthetic as sy
    from support.analysis_helpers import run

    rows = []
    for view, yaw in (("front", 0), ("back", 0), ("side", 0), ("front", 30), ("front", -30), ("back", 30)):
        cam = sy.Camera(view=view, yaw_deg=yaw)
        for seed in range(2):
            fr_, ts = squats(4, camera=cam, noise=0.0015, dropout=0.02, swaps=0.02, seed=seed, knee=130.0)
            rows.append((f"squat {view} yaw {yaw:+d} seed {seed}", 4, run("squat", fr_, ts)[0].reps, None))
            if view == "side":
                continue
            for stance in ("left", "right"):
                for name, free in (
                    ("foot back", dict(free_knee=80.0, free_hip=-10.0)),
                    ("knee high", dict(free_knee=90.0, free_hip=45.0)),
                    ("pistol", dict(free_knee=0.0, free_hip=60.0)),
                ):
                    fr_, ts = one_leg(
                        stance, 3, knee=115.0, free=free, camera=cam, noise=0.0015, dropout=0.02, swaps=0.02, seed=seed
                    )
                    s = run("single_leg_squat", fr_, ts)[0]
                    rows.append(
                        (
                            f"SLS {name} {stance} {view} yaw {yaw:+d} s{seed}",
                            3,
                            s.reps,
                            sum(x == stance for x in s.rep_sides),
                        )
                    )
    print(f"\n{'synthetic set':<46} {'true':>4} {'pred':>4} {'sides ok':>8}")
    for label, true, pred, sides in rows:
        print(f"{label:<46} {true:>4} {pred:>4} {'' if sides is None else sides:>8}")
    exact = sum(p == t for _, t, p, _ in rows)
    mae = sum(abs(p - t) / t for _, t, p, _ in rows) / len(rows)
    sides = [(s, t) for _, t, _, s in rows if s is not None]
    print(
        f"synthetic: n={len(rows)} exact={exact}/{len(rows)} MAE={mae:.3f} "
        f"sides right={sum(s for s, _ in sides)}/{sum(t for _, t in sides)}"
    )
    print(f"\n{'pelvic drop (deg), 3 reps right stance':<46} {'no calib':>9} {'calibrated':>10} {'tilted cam':>10}")
    for drop in (0.0, 3.0, 6.0, 9.0, 12.0):
        errs = []
        for kw in (dict(rest_s=0.0), dict(rest_s=3.0), dict(rest_s=3.0, camera=sy.Camera(rotate_deg=5.0))):
            fr_, ts = one_leg("right", 3, drop=drop, noise=0.001, dropout=0.01, swaps=0.01, seed=int(drop), **kw)
            s = run("single_leg_squat", fr_, ts)[0]
            errs.append(float(np.max(np.abs([r - drop for r in _rep_peaks(fr_, ts)]))) if s.reps else float("nan"))
        print(f"{'drop ' + format(drop, '4.1f') + ' max |err|':<46} {errs[0]:>9.2f} {errs[1]:>10.2f} {errs[2]:>10.2f}")


def _rep_peaks(frames, times):
    from coach.core.analysis import MovementAnalyzer

    an = MovementAnalyzer("single_leg_squat", aspect=4 / 3)
    for f, t in zip(frames, times):
        an.update(f, float(t))
    return [r.peak_drop_deg for r in an.reps if r.peak_drop_deg is not None]


if __name__ == "__main__":
    main(*sys.argv[1:])
    synthetic()
