"""Import a folder of run files in a real window (Xvfb, Qt's xcb plugin) and see the chart and the advice, in the
light and the dark theme; screenshots at 800×600 and 1920×1080 go to the test's tmp dir and to
``artifacts/screenshots/e2e_runs/`` for people to look at."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import REPO
from support.run_files import fit_bytes, gpx_xml, tcx_xml, track, write_gpx

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
DRIVER = Path(__file__).with_name("runs_driver.py")


def run_folder(root: Path) -> Path:
    """Three weeks of runs as a watch export would have them: GPX, TCX, FIT (in a sub-folder), a gzipped GPX, a
    ride and a broken file. The 8 km run 3 days ago is 60 % over the longest of the 30 days before it."""
    now = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    root.mkdir()
    (root / "watch").mkdir()
    plan = [(-20, 4.0), (-18, 4.0), (-15, 4.5), (-13, 4.5), (-11, 5.0), (-8, 5.0), (-6, 5.0), (-3, 8.0)]
    for i, (day, km) in enumerate(plan):
        segs = track(km * 1000 / 3 / 60, step=5, start=now + timedelta(days=day))
        if i % 3 == 0:
            (root / "watch" / f"run{i}.fit").write_bytes(fit_bytes(segs))
        elif i % 3 == 1:
            (root / f"run{i}.tcx").write_text(tcx_xml([("Running", segs, km * 1000, km * 330)]))
        else:
            write_gpx(root / f"run{i}.gpx", segs)
    (root / "ride.gpx").write_text(gpx_xml(track(30, speed=8, step=10, start=now - timedelta(days=5)), kind="cycling"))
    (root / "broken.gpx").write_text("<gpx><trk>")
    return root


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_import_a_folder_and_see_the_chart_and_the_advice(xvfb_display, coach_home, tmp_path, theme):
    folder = run_folder(tmp_path / "runs")
    out = tmp_path / "screens"
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(
        DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb", COACH_HOME=str(coach_home), COACH_THEME=theme, PYTHONPATH=str(REPO)
    )
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(folder), str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads([ln for ln in proc.stdout.splitlines() if ln.startswith("{")][-1])
    assert report["theme"] == theme
    assert report["result"].startswith("Imported 8 runs; 2 skipped: ")
    assert len(report["rows"]) == 8 and report["rows"][0][1] == "8 km"
    assert report["rows"][0][7] == "▲ 30–100 % over (1.52×)"
    assert {"Week total", "Cap (last week + 10 %)", "Spike (30-day rule)"} <= set(report["series"])
    assert report["chart_visible"]
    assert "Next week: up to" in report["advice"] and "Your longest run in the last 30 days is 8 km" in report["advice"]
    assert "60% longer than your longest in the 30 days before (5 km)" in report["advice"]
    assert report["next_run"].startswith("Next run:") and report["card"].startswith("Next run:")
    assert sorted(report["screens"]) == sorted(
        f"{p}-{s}-{theme}.png" for p in ("runs", "today") for s in ("1920x1080", "800x600")
    )
    for name in report["screens"]:
        assert (out / name).stat().st_size > 10_000  # a real picture, not an empty grab
    keep = REPO / "artifacts" / "screenshots" / "e2e_runs"
    keep.mkdir(parents=True, exist_ok=True)
    for name in report["screens"]:
        shutil.copy(out / name, keep / name)
