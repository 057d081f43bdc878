"""Import a folder of 1,000 GPX files (one point a second, 20-60 min each, as a watch writes them) into a fresh
history file, and time it. The bar: under 30 s on the project machine.

    nice python bench/import_runs.py [--files N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO)]

from coach.importers import import_paths  # noqa: E402
from coach.store import HistoryStore  # noqa: E402

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" '
    'xmlns="http://www.topografix.com/GPX/1/1">\n<metadata><time>{t}</time></metadata>\n'
    "<trk><name>Run {n}</name><type>running</type><trkseg>\n"
)
POINT = '<trkpt lat="{la:.7f}" lon="{lo:.7f}"><ele>{e:.1f}</ele><time>{t}</time></trkpt>\n'
TAIL = "</trkseg></trk></gpx>\n"


def make_files(folder: Path, n: int, seed: int = 7) -> int:
    """``n`` GPX files, one run a day; returns the number of points written."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 2, 6, 30, tzinfo=UTC)
    points = 0
    for i in range(n):
        t = start + timedelta(days=i, minutes=rng.randint(0, 600))
        seconds = rng.randint(20 * 60, 60 * 60)
        lat, lon, heading, ele = 52.5 + rng.uniform(-0.1, 0.1), 13.4 + rng.uniform(-0.1, 0.1), rng.uniform(0, 6.28), 35
        parts = [HEAD.format(t=t.strftime("%Y-%m-%dT%H:%M:%SZ"), n=i)]
        for s in range(seconds):
            heading += rng.uniform(-0.05, 0.05)
            step = rng.uniform(2.6, 3.4) / 111_195
            lat += step * math.cos(heading)
            lon += step * math.sin(heading) / math.cos(math.radians(lat))
            ele += rng.uniform(-0.2, 0.2)
            parts.append(
                POINT.format(la=lat, lo=lon, e=ele, t=(t + timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%SZ"))
            )
        parts.append(TAIL)
        (folder / f"run_{i:04d}.gpx").write_text("".join(parts), encoding="utf-8")
        points += seconds
    return points


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--keep", type=Path, help="make the files here and keep them")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "runs"
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        points = make_files(folder, args.files)
        made = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in folder.glob("*.gpx")) / 1e6
        print(f"made {args.files} files, {points:,} points, {size:.0f} MB in {made:.1f} s")
        t0 = time.perf_counter()
        res = import_paths([folder])
        read = time.perf_counter() - t0
        store = HistoryStore(sqlite3.connect(Path(tmp) / "history.sqlite3"))
        added = store.add_runs(res.runs)
        total = time.perf_counter() - t0
        again = store.add_runs(res.runs)
        store.close()
        print(
            f"read {res.files} files in {read:.1f} s; saved {added} runs; all in {total:.1f} s "
            f"({total / max(1, res.files) * 1000:.1f} ms a file); problems: {len(res.problems)}; "
            f"a second import added {again}"
        )
        return 0 if total < 30 and added == args.files and not res.problems else 1


if __name__ == "__main__":
    sys.exit(main())
