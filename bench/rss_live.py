"""Memory over a long live run: the real CameraPanel + worker, lite model, a clip looping as a 30 fps camera.

Samples the process RSS (psutil) every 5 s for --minutes (default 10) and reports the value at the
first frame, after one minute, at the end, the maximum, and the slope of a least-squares line
through the samples after the first minute (MB per minute). Targets: max <= 600 MB, flat (the
slope times the run length stays within a few MB).

Run: .venv/bin/python bench/rss_live.py [--minutes 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--clip", default="squat_side_3reps.mp4")
    a = ap.parse_args()
    import psutil
    from live_latency import LiveRun

    from conftest import find_model, shared_dir

    model, clip = find_model("lite"), shared_dir() / "videos" / a.clip
    if model is None or not clip.is_file():
        print(f"model ({model}) or clip ({clip}) missing: nothing to measure")
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = psutil.Process()
    samples: list[tuple[float, float]] = []  # (s since start, RSS MB)
    last = [-1e9]

    def tick(elapsed: float) -> None:
        if elapsed - last[0] >= 5.0:
            last[0] = elapsed
            samples.append((elapsed, proc.memory_info().rss / 1e6))

    run = LiveRun(clip, model, loop=True, probes=False)  # no per-frame records: they would grow the RSS
    t0 = time.monotonic()
    r = run.run(a.minutes * 60.0, warmup=0.0, on_tick=tick)
    first = run.first_frame - t0
    t = np.array([s for s, _ in samples])
    mb = np.array([m for _, m in samples])
    after = t >= first + 60.0
    slope = float(np.polyfit(t[after] / 60.0, mb[after], 1)[0]) if after.sum() >= 3 else float("nan")
    at_first = mb[np.searchsorted(t, first)] if (t >= first).any() else mb[0]
    print(
        f"{a.clip} looping as a camera, lite model, {r['seconds'] / 60:.1f} min measured, "
        f"{r['processed']} frames processed of {r['captured']} captured"
    )
    print(
        f"RSS: at the first frame {at_first:.0f} MB, after 1 min {mb[after][0]:.0f} MB, end {mb[-1]:.0f} MB, "
        f"max {mb.max():.0f} MB; slope after the first minute {slope:+.2f} MB/min "
        f"({slope * (t[-1] - t[after][0]) / 60:+.1f} MB over the run)"
    )
    ok_max, ok_flat = mb.max() <= 600.0, abs(slope) * a.minutes <= 10.0
    print(
        f"targets: max <= 600 MB: {'PASS' if ok_max else 'FAIL'}, flat (|slope| x run <= 10 MB): "
        f"{'PASS' if ok_flat else 'FAIL'}"
    )
    return 0 if ok_max and ok_flat else 2


if __name__ == "__main__":
    sys.exit(main())
