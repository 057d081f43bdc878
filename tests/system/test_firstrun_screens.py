"""Real-window screenshots (Xvfb, Qt's xcb plugin) of every first-run page, the routine preview, the high-pain
question, Today's clinician reminder and the large-text player, at 800×600 and 1920×1080, light and dark
(``tests/support/tour_pages.py``).

Each is saved to ``artifacts/screenshots/firstrun/`` for people to look at; the test checks that every screen
was drawn (not blank) and that the first-run pages, Today and the preview fit the window they belong to.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from conftest import REPO

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
SIZES = ((800, 600), (1920, 1080))
PAGES = ("welcome", "safety", "clinician", "baseline", "programme", "camera", "start")
KEEP = REPO / "artifacts" / "screenshots" / "firstrun"


@pytest.fixture(scope="module")
def big_display():
    """A private Xvfb screen of 1920×1080 (the shared fixture's screen is smaller)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail("Xvfb is missing: apt-get install xvfb")
    n = next(n for n in range(140, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    proc = subprocess.Popen(
        [xvfb, f":{n}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"Xvfb did not start on :{n}")
        time.sleep(0.05)
    try:
        yield f":{n}"
    finally:
        proc.terminate()
        proc.wait(5)


def drawn(img: QImage) -> bool:
    """More than a handful of colours on a coarse grid: something was painted."""
    colours = {img.pixel(x, y) for x in range(0, img.width(), 23) for y in range(0, img.height(), 17)}
    return len(colours) > 8


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_firstrun_preview_and_large_text_screens(big_display, tmp_path, theme):
    out = tmp_path / "shots"
    for w, h in SIZES:
        home = tmp_path / f"home-{w}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("QT_") and k != "COACH_POSE_MODEL"}
        env.update(
            DISPLAY=big_display,
            QT_QPA_PLATFORM="xcb",
            COACH_HOME=str(home),
            COACH_THEME=theme,
            PYTHONPATH=f"{REPO}{os.pathsep}{REPO / 'tests'}",
        )
        tag = f"{theme}_{w}x{h}"
        proc = subprocess.run(
            [sys.executable, str(REPO / "tests" / "support" / "tour_pages.py"), str(out), f"{w}x{h}", tag],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        for i, page in enumerate(PAGES, 1):
            img = QImage(str(out / f"{tag}_firstrun_{i}_{page}.png"))
            assert (img.width(), img.height()) == (w, h), (page, img.size())  # the flow fits the window
            assert drawn(img), page
        today = QImage(str(out / f"{tag}_today_reminder.png"))  # the red flag ticked in the tour, remembered
        assert (today.width(), today.height()) == (w, h) and drawn(today)
        preview = QImage(str(out / f"{tag}_preview.png"))
        assert preview.width() <= w and preview.height() <= h and drawn(preview)
        question = QImage(str(out / f"{tag}_high_pain.png"))
        assert question.width() <= 800 and drawn(question)
        assert drawn(QImage(str(out / f"{tag}_large_text.png")))
    KEEP.mkdir(parents=True, exist_ok=True)
    for f in out.glob("*.png"):
        shutil.copy2(f, KEEP / f.name)
