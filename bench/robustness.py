"""How the counters and the stance / pelvic measures hold up when recordings differ from the labelled
clips: the real-model landmark tracks of ../shared/videos (tests/support/clip_cache.py) transformed as
real recordings differ (coach/core/analysis/variants.py): camera roll from the start, the person
smaller / larger, lower frame rates, landmark jitter, short tracking dropouts.

Per variant, over the labelled clips: exact counts (share of the counted clips), MAE (mean
|counted - true| / true), stance sides right (reps whose side matches the label), hold error (|s|, the
side plank) and pelvic coverage (frames with a pelvic-drop measurement / frames on one leg, summed over
the single-leg clips). Jitter and dropouts are averaged over ``SEEDS`` random seeds (each seed one run).

``--baseline REF``: the same transformed tracks are also run through the analysis of git ref REF
(its ``coach`` package exported to a temporary folder, run in a child process), side by side.

Run: .venv/bin/python bench/robustness.py [--baseline REF] [--variant lite|full]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if os.environ.get("ROBUST_COACH"):  # child process: analyse with another checkout's coach
    sys.path.insert(0, os.environ["ROBUST_COACH"])
else:
    sys.path[:0] = [str(REPO), str(REPO / "tests")]

SEEDS = (0, 1, 2)
HOLDS = {"side_plank", "single_leg_balance"}
OTHER = {"left": "right", "right": "left"}


def variant_specs() -> list[tuple[str, str, float, int]]:
    """(name, kind, amount, seed) of every variant."""
    out: list[tuple[str, str, float, int]] = [("original", "none", 0.0, 0)]
    out += [(f"roll {d:+d} deg", "roll", float(d), 0) for d in (-12, -8, -4, 4, 8, 12)]
    out += [(f"scale {s:.2f}", "scale", s, 0) for s in (0.6, 0.8, 1.15, 1.3)]
    out += [(f"{f} fps", "fps", float(f), 0) for f in (15, 10)]
    out += [(f"jitter {j:.1f} %", "jitter", j, seed) for j in (0.3, 0.6, 1.0) for seed in SEEDS]
    out += [("dropouts 3-8 fr", "dropouts", 2.0, seed) for seed in SEEDS]
    return out


def transform(kind: str, amount: float, seed: int, frames, times, aspect):
    from coach.core.analysis import variants as vr

    if kind == "roll":
        return vr.rolled(frames, amount, aspect), times
    if kind == "scale":
        return vr.scaled(frames, amount), times
    if kind == "fps":
        return vr.slower(frames, times, amount)
    if kind == "jitter":
        return vr.jittered(frames, amount / 100.0, seed), times
    if kind == "dropouts":
        return vr.with_dropouts(frames, times, every_s=amount, seed=seed), times
    return frames, times


def analyse(exercise: str, frames, times, aspect: float) -> dict:
    """One set through ``MovementAnalyzer``: what the bench reads of its summary."""
    from coach.core.analysis import MovementAnalyzer

    an = MovementAnalyzer(exercise, aspect=aspect)
    for f, t in zip(frames, times):
        an.update(None if not f.any() else f, float(t))
    s = an.summary()
    return {
        "reps": s.reps,
        "sides": list(s.rep_sides),
        "hold": s.hold_s,
        "measured": s.pelvic_measured_frames,
        "stance": s.pelvic_stance_frames,
        "pose": s.frames_with_pose,
    }


def build_jobs(model: str) -> list[dict]:
    from support.clip_cache import clip_track, labels

    jobs = []
    for row in labels():
        tr = clip_track(row["file"], model)
        if tr is None:
            continue
        frames, times, aspect = tr
        for name, kind, amount, seed in variant_specs():
            fr_, ts = transform(kind, amount, seed, frames, times, aspect)
            jobs.append({"row": row, "variant": name, "frames": fr_, "times": ts, "aspect": aspect})
    return jobs


def run_jobs(jobs: list[dict]) -> list[dict]:
    return [analyse(j["row"]["exercise"], j["frames"], j["times"], j["aspect"]) for j in jobs]


def run_baseline(jobs: list[dict], ref: str) -> list[dict]:
    """The same jobs analysed by git ref ``ref`` (its coach package, in a child process)."""
    with tempfile.TemporaryDirectory(prefix="robust-base-") as d:
        tar = subprocess.run(["git", "-C", str(REPO), "archive", ref, "coach"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", d], input=tar.stdout, check=True)
        jp, out = Path(d) / "jobs.pkl", Path(d) / "out.json"
        lite = [{**j, "row": {"exercise": j["row"]["exercise"]}} for j in jobs]
        jp.write_bytes(pickle.dumps(lite))
        env = {**os.environ, "ROBUST_COACH": d}
        subprocess.run([sys.executable, __file__, "--child", str(jp), str(out)], check=True, env=env, cwd=d)
        return json.loads(out.read_text())


def score(jobs: list[dict], results: list[dict]) -> dict[str, dict]:
    """Per variant: exact, n, mae, sides right / total, hold error, pelvic measured / stance frames."""
    agg: dict[str, dict] = {}
    for j, r in zip(jobs, results):
        row = j["row"]
        a = agg.setdefault(
            j["variant"],
            {"exact": 0, "n": 0, "err": 0.0, "sides": 0, "sides_n": 0, "hold": [], "meas": 0, "st": 0, "pose": 0},
        )
        if row["reps"]:
            true = int(row["reps"])
            a["n"] += 1
            a["exact"] += r["reps"] == true
            a["err"] += abs(r["reps"] - true) / true
            want = [s for s in row["stance_side_per_rep"].split(";") if s]
            if want:
                a["sides_n"] += len(want)
                a["sides"] += sum(x == y for x, y in zip(r["sides"], want)) if r["reps"] == true else 0
        if row["hold_s"] and row["exercise"] in HOLDS:
            a["hold"].append(abs(r["hold"] - float(row["hold_s"])))
        if row["exercise"] == "single_leg_squat":
            a["meas"] += r["measured"]
            a["st"] += r["stance"]
            a["pose"] += r["pose"]
    return agg


def line(a: dict) -> str:
    hold = max(a["hold"]) if a["hold"] else float("nan")
    cov = a["meas"] / a["st"] if a["st"] else float("nan")
    cov_all = a["meas"] / a["pose"] if a["pose"] else float("nan")
    return (
        f"{a['exact'] / max(a['n'], 1):>6.0%} {a['err'] / max(a['n'], 1):>6.3f} "
        f"{a['sides']:>3}/{a['sides_n']:<3} {hold:>5.2f} {cov:>5.0%} {cov_all:>4.0%}"
    )


def misses(jobs: list[dict], results: list[dict]) -> None:
    """Every (variant, clip) whose count, sides or hold (over 0.3 s off) missed the label."""
    for j, r in zip(jobs, results):
        row = j["row"]
        want = [s for s in row["stance_side_per_rep"].split(";") if s]
        bad_reps = bool(row["reps"]) and r["reps"] != int(row["reps"])
        bad_sides = bool(want) and bool(row["reps"]) and r["sides"][: len(want)] != want
        bad_hold = bool(row["hold_s"]) and row["exercise"] in HOLDS and abs(r["hold"] - float(row["hold_s"])) > 0.3
        if bad_reps or bad_sides or bad_hold:
            print(
                f"  miss {j['variant']:<18} {row['file']:<46} reps {row['reps']}/{r['reps']} "
                f"sides {''.join((x or '-')[0] for x in r['sides'])} hold {r['hold']:.1f}"
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", help="git ref whose analysis runs the same tracks, side by side")
    ap.add_argument("--variant", default="lite", help="pose model of the cached tracks: lite or full")
    ap.add_argument("--detail", action="store_true", help="also list every clip run that missed")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        jobs = pickle.loads(Path(args.child[0]).read_bytes())
        Path(args.child[1]).write_text(json.dumps(run_jobs(jobs)))
        return
    jobs = build_jobs(args.variant)
    if not jobs:
        print("model or clips missing: nothing to measure")
        return
    results = run_jobs(jobs)
    now = score(jobs, results)
    if args.detail:
        misses(jobs, results)
    base = score(jobs, run_baseline(jobs, args.baseline)) if args.baseline else None
    head = "exact    MAE  sides  hold  pelv  all"
    print(f"{'variant (runs x clips)':<22} {head}" + (f"   | {args.baseline}: {head}" if base else ""))
    for name, a in now.items():
        runs = sum(1 for v in variant_specs() if v[0] == name)
        label = f"{name} (x{runs})" if runs > 1 else name
        print(f"{label:<22} {line(a)}" + (f"   | {'':>{len(args.baseline) + 1}} {line(base[name])}" if base else ""))
    print("exact = share of counted clips counted exactly; MAE = mean |counted - true| / true; sides = reps")
    print("whose stance side matches (clips counted exactly); hold = largest |hold error| s; pelv = frames with a")
    print("pelvic measure / frames on one leg, all = / frames with a pose (the single-leg squat clips)")


if __name__ == "__main__":
    main()
