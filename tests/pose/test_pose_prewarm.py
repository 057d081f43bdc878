"""coach.pose.prewarm: OpenCV and MediaPipe load in a background thread, once per process, so their
start-up doesn't stall the live view; choosing the camera at the check-in starts it."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_prewarm_imports_in_the_background_once():
    code = (
        "import sys, threading\n"
        "from coach.pose.prewarm import prewarm\n"
        "t = prewarm(); assert prewarm() is t and t.daemon and t.name == 'coach-prewarm'\n"
        "t.join(60)\n"
        "print('cv2' in sys.modules, 'mediapipe' in sys.modules, threading.main_thread() is not t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "True"]


def test_choosing_the_camera_at_the_check_in_starts_the_prewarm(qtbot, monkeypatch):
    import coach.pose.prewarm as pw
    from support.ui_helpers import FakeClock, make_window

    calls = []
    monkeypatch.setattr(pw, "prewarm", lambda: calls.append(1))
    _c, window = make_window(qtbot, FakeClock())
    card = next(c for c in window.library.cards if c.routine.id == "glute-med-builder")
    card.button.click()
    before = window.flow.before
    before.camera.setChecked(False)
    n = len(calls)
    before.camera.setChecked(True)
    assert len(calls) == n + 1
