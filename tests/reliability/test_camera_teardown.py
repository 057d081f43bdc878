"""Tearing down a camera session at once, as a hostile tester does: a session page (or a camera panel) with frames
in flight is stopped and deleted with little or no event processing in between, over and over. Nothing may crash,
and nothing queued for the page may run after it is gone (an exception in a Qt callback fails these tests)."""

from __future__ import annotations

import gc
import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from coach.pose.sources import CameraSourceSpec
from coach.ui.camera.panel import CameraPanel
from conftest import clip
from support.ui_helpers import FakeClock, make_window

pytestmark = pytest.mark.usefixtures("qapp")
CLIPS = ("single_leg_squat_front_alternating_4reps.mp4", "squat_front_4reps.mp4")
CYCLES = 30


def _drop_at_once(window) -> None:
    """What the window does when it closes mid-session, with no event loop between the steps."""
    flow = window.flow
    flow.abandon()
    window.stack.setCurrentWidget(window.today)
    window._drop_flow()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the page is deleted now


def _start(window, camera: bool):
    window.show_library()
    window.start_session(next(r for r in window.app.library().routines if r.title == "Glute med builder"))
    flow = window.flow
    flow.before.set_pain(2)
    flow.before.camera.setChecked(camera)
    flow.before.accept()
    assert flow.controller.running
    return flow


def test_session_pages_dropped_at_once_leave_no_callback_behind(qtbot):
    """The page's deferred focus call, and the player's audio-problem hook, used to run on the deleted page
    (RuntimeError in a Qt callback)."""
    _ctl, window = make_window(qtbot, FakeClock())
    for i in range(CYCLES):
        flow = _start(window, camera=False)
        for _ in range(i % 3):
            flow.controller.skip()
        _drop_at_once(window)
        assert window.flow is None
        qtbot.wait(1 if i % 2 else 0)
    window.app.audio.problem.emit("No sound device")  # the app's audio outlives every dropped player page
    qtbot.wait(50)


@pytest.mark.model
@pytest.mark.video
@pytest.mark.slow
def test_camera_sessions_ended_and_dropped_at_once_with_frames_in_flight(qtbot, model_path):
    _ctl, window = make_window(qtbot, FakeClock(), video=clip(CLIPS[0]), model=model_path)
    window.app.settings.set("camera/enabled", True)
    deadline = time.monotonic() + 120.0
    framed = 0
    for i in range(CYCLES // 2):
        flow = _start(window, camera=True)
        panel = flow.camera
        assert panel is not None and panel.running()
        if i % 3 == 0:  # frames in flight: wait for the first painted picture
            qtbot.waitUntil(lambda p=panel: p.view.frame is not None, timeout=20000)
            framed += 1
        flow.controller.skip()
        _drop_at_once(window)
        if i % 4 == 0:
            gc.collect()
        assert time.monotonic() < deadline, f"only {i} cycles in 120 s"
    assert framed >= 4
    qtbot.wait(100)


@pytest.mark.model
@pytest.mark.video
@pytest.mark.slow
def test_camera_panels_stopped_and_deleted_with_frames_in_flight(qtbot, model_path):
    deadline = time.monotonic() + 120.0
    for i in range(CYCLES):
        host = QWidget()
        QVBoxLayout(host)
        spec = CameraSourceSpec("video", path=clip(CLIPS[i % 2]), paced=True, loop=True)
        panel = CameraPanel(spec, model_path, parent=host)
        host.layout().addWidget(panel)
        host.resize(480, 360)
        host.show()
        panel.start()
        if i % 3 == 0:
            qtbot.waitUntil(lambda p=panel: p.view.frame is not None, timeout=20000)
        panel.set_exercise("single_leg_squat", "left" if i % 2 else "right")
        worker = panel.worker
        if i % 2:
            panel.stop()  # then deleted at once, its last signals still queued
            assert not worker.isRunning()
        host.deleteLater()  # even cycles: deleted without stop(): the panel joins its own worker
        del panel, host
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        assert not worker.isRunning() or worker.wait(5000)
        if i % 5 == 0:
            gc.collect()
        assert time.monotonic() < deadline, f"only {i} cycles in 120 s"
    qtbot.wait(100)
