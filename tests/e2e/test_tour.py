"""The screenshot tour (issue 14, "Done when"): every page of ``support.tour_pages.PAGES`` in a real window
(Xvfb, Qt's xcb plugin) at 800 × 600, 1280 × 800 and 1920 × 1080, in the light and the dark theme.

``tour_driver.py`` opens each page, saves a PNG and checks it as a person would look at it: the window (or
dialog) no larger than the screen it was given, no widget outside it, no label cut off, no sideways scroll
bar. This test runs it once per theme, asserts it found nothing wrong, and checks each PNG on disk (its size
is the window's, within the screen). The PNGs are kept in ``artifacts/screenshots/tour/`` for people to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from conftest import REPO
from support.tour_pages import PAGES

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
DRIVER = Path(__file__).with_name("tour_driver.py")
SIZES = ((800, 600), (1280, 800), (1920, 1080))


@pytest.fixture
def xvfb_screen() -> str:
    return "1920x1080x24"  # the biggest tour size fits on the screen


def _tour(theme: str, size: tuple[int, int], display: str, home: Path, out: Path) -> dict:
    """One run of the driver on a fresh data folder: each size sees the same states (first run, empty history)."""
    home.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", COACH_HOME=str(home), COACH_THEME=theme, PYTHONPATH=str(REPO))
    env.pop("COACH_POSE_MODEL", None)  # the camera page is scripted: no model, no camera
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(out), "--sizes", f"{size[0]}x{size[1]}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"exit {proc.returncode}\n{proc.stderr[-3000:]}"
    report = json.loads(lines[-1])
    assert report["problems"] == {}, json.dumps(report["problems"], indent=1)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return report


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_screenshot_tour(theme, xvfb_display, tmp_path):
    out = tmp_path / "tour"
    shots = []
    for w, h in SIZES:
        shots += _tour(theme, (w, h), xvfb_display, tmp_path / f"home-{w}x{h}", out)["shots"]
    expected = {f"{theme}-{w}x{h}-{name}" for w, h in SIZES for name, _ in PAGES}
    assert {s["name"] for s in shots} == expected
    for shot in shots:
        w, h = (int(v) for v in shot["name"].split("-")[1].split("x"))
        img = QImage(shot["path"])
        assert not img.isNull(), shot["path"]
        dpr = img.devicePixelRatio() or 1.0
        size = (round(img.width() / dpr), round(img.height() / dpr))
        assert size == (shot["w"], shot["h"]) and size[0] <= w and size[1] <= h, (shot["name"], size)
        if shot["name"].endswith(("-today", "-library", "-history")):  # the main window fills the screen
            assert size == (w, h), (shot["name"], size)
        assert img.pixelColor(size[0] // 2, size[1] // 2).isValid()
    keep = REPO / "artifacts" / "screenshots" / "tour"
    keep.mkdir(parents=True, exist_ok=True)
    for png in out.glob("*.png"):
        shutil.copy2(png, keep / png.name)
