"""Per-clip accuracy on the labelled real clips (../shared/videos/labels.csv), plus mirrored and
per-axis-normalised versions of the same landmark tracks.

For each clip: true vs counted reps, the stance side of each rep (true / counted), hold time, and
pelvic coverage = frames with a pelvic-drop measurement / frames the analyzer saw on one leg, and /
all frames with a pose (pelvic drills; or the reason it was not measured). Then MAE (mean |pred - true| / true)
and OBO (share within +-1) over the counted clips. Landmarks come from tests/clip_cache.py (the real
model, cached once).

Run: .venv/bin/python bench/clip_accuracy.py [lite|full]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clip_cache import as_list, clip_track, labels  # noqa: E402
from coach.core.analysis import MovementAnalyzer  # noqa: E402
from coach.core.analysis.variants import mirrored, per_axis_normalised  # noqa: E402


HOLDS = {"side_plank", "single_leg_balance"}


def truth(row: dict) -> dict:
    sides = [s for s in row["stance_side_per_rep"].split(";") if s]
    return {"reps": int(row["reps"]) if row["reps"] else None, "sides": sides,
            "hold": float(row["hold_s"]) if row["hold_s"] else None}


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
            sides_ok = "" if not exp_sides or want["reps"] is None else f"{sum(a == b for a, b in zip(sides, exp_sides))}/{len(exp_sides)}"
            reps = "" if want["reps"] is None else f"{want['reps']}/{s.reps}"
            hold = (f"{'?' if want['hold'] is None else format(want['hold'], '.1f')}/{s.hold_s:.1f}"
                    if row["exercise"] in HOLDS else "")
            cov = "" if s.pelvic_stance_frames == 0 else (
                f"{s.pelvic_measured_frames / s.pelvic_stance_frames:.0%} {s.pelvic_measured_frames / s.frames_with_pose:.0%}")
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


if __name__ == "__main__":
    main(*sys.argv[1:])
