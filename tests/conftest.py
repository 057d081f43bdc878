"""Shared fixtures.

- Every test gets its own ``COACH_HOME`` (data dir, DB, settings) under tmp_path.
- Qt tests run offscreen by default; the real-window tests start Xvfb (see ``xvfb_display``).
- The real pose model and clips come from ``../shared`` (or ``COACH_POSE_MODEL`` /
  ``COACH_SHARED``); tests that need them skip with a clear reason when absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def shared_dir() -> Path:
    return Path(os.environ.get("COACH_SHARED", REPO.parent / "shared")).resolve()


@pytest.fixture(autouse=True)
def coach_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "coach_home"
    home.mkdir()
    monkeypatch.setenv("COACH_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _restore_app_look():
    """The app sets a palette and a style sheet on the shared QApplication (coach.ui.style.apply); put the
    defaults back after each test so later widget tests see Qt's own look, as they would alone."""
    yield
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None and app.styleSheet():
            app.setStyleSheet("")
            app.setPalette(app.style().standardPalette())


def find_model(variant: str = "lite") -> Path | None:
    env = os.environ.get("COACH_POSE_MODEL")
    if env and Path(env).is_file() and variant == "lite":
        return Path(env)
    p = shared_dir() / "models" / f"pose_landmarker_{variant}.task"
    return p if p.is_file() else None


@pytest.fixture(scope="session")
def model_path() -> Path:
    p = find_model("lite")
    if p is None:
        pytest.skip(
            f"pose model not found: set COACH_POSE_MODEL or put pose_landmarker_lite.task in {shared_dir() / 'models'}"
        )
    return p


@pytest.fixture(scope="session")
def videos_dir() -> Path:
    d = shared_dir() / "videos"
    if not d.is_dir():
        pytest.skip(f"test clips not found in {d}")
    return d


def clip(name: str) -> Path:
    p = shared_dir() / "videos" / name
    if not p.is_file():
        pytest.skip(f"test clip {name} not found in {p.parent}")
    return p


@pytest.fixture
def xvfb_screen() -> str:
    """The Xvfb screen (WxHxDEPTH); a test module can override this fixture for a bigger one."""
    return "1400x900x24"


@pytest.fixture
def xvfb_display(xvfb_screen):
    """Start a private Xvfb server and yield its DISPLAY string (":N")."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing in CI: .ci/run must install the xvfb package")
        pytest.skip("Xvfb not installed (apt-get install xvfb)")
    for n in range(90, 140):
        if not Path(f"/tmp/.X{n}-lock").exists():
            break
    display = f":{n}"
    proc = subprocess.Popen(
        [xvfb, display, "-screen", "0", xvfb_screen, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"Xvfb did not start on {display}")
        time.sleep(0.05)
    try:
        yield display
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
