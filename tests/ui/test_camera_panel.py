"""CameraPanel and CameraView: the player's contract (signals, start/stop, manual mode), the overlay
(pelvis line state by colour *and* text/shape, mirroring, guidance), cheap construction; the real
model on a real clip paced as a camera; and a real xcb window under Xvfb."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QPalette

from coach.core.analysis import AnalysisUpdate
from coach.core.analysis import framing as fr
from coach.core.record import PelvicDropEvent
from coach.pose.sources import CameraSourceSpec, MemorySource
from coach.ui.camera.live_frame import LiveFrame, qimage_from_bgr
from coach.ui.camera.panel import CameraPanel, config_from_settings, source_from_settings
from coach.ui.camera.view import FLAG_COLOURS, CameraView, pelvis_label
from conftest import REPO, clip
from support.pose_fakes import ScriptedEstimator, numbered_frames, single_leg_poses

FAKE_MODEL = Path("scripted.task")


def collect(panel):
    got = {n: [] for n in ("repMeasured", "partialRep", "pelvicDrop", "status", "manualMode")}
    for name, items in got.items():
        getattr(panel, name).connect(lambda v, items=items: items.append(v))
    got["repCounted"] = _Sides(got["repMeasured"])
    return got


class _Sides:
    """The sides of the reps the panel measured, read when compared."""

    def __init__(self, events):
        self.events = events

    def __eq__(self, other):
        return [e.side for e in self.events] == other

    def __repr__(self):
        return repr([e.side for e in self.events])


def test_construction_is_cheap_no_mediapipe_or_cv2_on_the_gui_thread():
    code = (
        "import sys\nfrom PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
        "from coach.pose.sources import CameraSourceSpec\nfrom coach.ui.camera.panel import CameraPanel\n"
        "p = CameraPanel(CameraSourceSpec('camera'), None)\n"
        "print(p.view.placeholder, 'mediapipe' in sys.modules, 'cv2' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["Camera", "off", "False", "False"]


def test_placeholder_while_starting_and_manual_mode_when_the_camera_is_missing(qtbot):
    panel = CameraPanel(
        CameraSourceSpec("camera", index=99), FAKE_MODEL, estimator_factory=lambda p: ScriptedEstimator([None])
    )
    qtbot.addWidget(panel)
    got = collect(panel)
    panel.start()
    assert panel.view.frame is None and "Starting the camera" in panel.view.placeholder
    w = panel.worker
    with qtbot.waitSignal(panel.manualMode, timeout=15000):
        pass
    qtbot.waitUntil(lambda: not w.isRunning(), timeout=5000)
    qtbot.wait(20)
    assert got["manualMode"][0].startswith("No camera: ")
    # one plain sentence, in one place: the picture's area; the worker's words only behind "Details"
    assert panel.view.placeholder.startswith("No camera was found.") and "index" not in panel.view.placeholder
    assert not panel.status_label.isVisibleTo(panel) and not panel.details.isVisibleTo(panel)
    # no picture: the panel narrows to the sentence, so the step's picture and cues get the room
    assert not panel.view.isVisibleTo(panel) and panel.problem.isVisibleTo(panel)
    assert panel.problem.text() == panel.view.placeholder and panel.maximumWidth() <= 300
    panel.details_button.click()
    assert panel.details.isVisibleTo(panel) and "No camera found at index 99" in panel.details.text()
    assert panel.retry_button.isVisibleTo(panel) and panel.retry_button.accessibleName() == "Retry camera"
    assert any("No camera found at index 99" in s for s in got["status"])
    panel.set_exercise("squat", None)  # the session goes on: nothing raises
    panel.stop()
    panel.stop()
    assert panel.worker is None and not w.isRunning()
    panel.restart()  # Retry: the picture's place is back at full size
    assert panel.view.isVisibleTo(panel) and not panel.problem.isVisibleTo(panel) and panel.maximumWidth() > 10_000
    panel.stop()


def test_stop_joins_the_worker_thread(qtbot):
    src = lambda: MemorySource(numbered_frames(30), fps=60.0, paced=True, loop=True)  # noqa: E731
    panel = CameraPanel(src, FAKE_MODEL, estimator_factory=lambda p: ScriptedEstimator([None]))
    qtbot.addWidget(panel)
    panel.show()
    panel.start()
    panel.start()  # already running: no second thread
    w = panel.worker
    qtbot.waitUntil(lambda: panel.view.frame is not None, timeout=5000)
    panel.stop()
    assert not w.isRunning() and w.isFinished() and w.wait(0)
    assert panel.view.frame is None and panel.view.placeholder == "Camera off"
    panel.stop()  # twice is fine


def test_counts_and_flags_reach_the_player(qtbot):
    poses, times = single_leg_poses("left", drop=9.0, reps=3)
    src = lambda: MemorySource(numbered_frames(len(poses)), times=times)  # noqa: E731
    panel = CameraPanel(src, FAKE_MODEL, estimator_factory=lambda p: ScriptedEstimator(poses), mirror=True)
    qtbot.addWidget(panel)
    got = collect(panel)
    panel.set_exercise("single_leg_squat", "left")
    panel.start()
    with qtbot.waitSignal(panel.manualMode, timeout=15000):  # the fake "camera" ends after the set
        pass
    qtbot.wait(50)
    assert got["repCounted"] == ["left", "left", "left"]
    assert len(got["pelvicDrop"]) == 3
    assert all(isinstance(e, PelvicDropEvent) and e.side == "left" for e in got["pelvicDrop"])  # never mirrored
    assert got["manualMode"] == ["The video has ended."]
    assert panel.view._flash is None or panel.view._flash[1] != "warning"  # the session decides what is shown
    panel.show_drop(got["pelvicDrop"][-1])  # as the session does when it keeps the flag
    text, kind, _ = panel.view._flash
    assert kind == "warning" and "Pelvic drop" in text and "left leg" in text


def test_the_panel_flashes_a_rep_only_when_the_session_says_it_counted(qtbot):
    poses, times = single_leg_poses("left", drop=9.0, reps=3)
    src = lambda: MemorySource(numbered_frames(len(poses)), times=times)  # noqa: E731
    panel = CameraPanel(src, FAKE_MODEL, estimator_factory=lambda p: ScriptedEstimator(poses))
    qtbot.addWidget(panel)
    flashes = []
    panel.view.flash = lambda text, kind="info": flashes.append((text, kind))
    panel.set_exercise("single_leg_squat", "left")
    panel.start()
    with qtbot.waitSignal(panel.manualMode, timeout=15000):
        pass
    qtbot.wait(50)
    # the session may ignore some camera reps (rest, pause): the panel alone never shows one as counted
    assert [t for t, k in flashes if k == "rep"] == []
    panel.show_rep("left")
    panel.show_not_counted("Resting: that rep was not counted")
    panel.show_rep(None)
    assert flashes[-3:] == [
        ("✓ Rep (left leg)", "rep"),
        ("Resting: that rep was not counted", "info"),
        ("✓ Rep", "rep"),
    ]


def test_set_exercise_with_the_same_key_and_side_keeps_the_analysis(qtbot):
    src = lambda: MemorySource(numbered_frames(5), fps=30.0, paced=True, then="stall")  # noqa: E731
    panel = CameraPanel(src, FAKE_MODEL, estimator_factory=lambda p: ScriptedEstimator([None]), lost_after_s=60.0)
    qtbot.addWidget(panel)
    panel.set_exercise("single_leg_squat", "left")
    panel.start()
    w = panel.worker
    gen = w._exercise_gen
    panel.set_exercise("single_leg_squat", "left")  # the rest between two sets of one step
    assert w._exercise_gen == gen  # same analyzer: calibration and open episodes survive
    panel.set_exercise("single_leg_squat", "right")
    assert w._exercise_gen == gen + 1
    panel.set_exercise(None, None)
    assert w._exercise_gen == gen + 2
    panel.set_exercise("single_leg_squat", "right")
    assert w._exercise_gen == gen + 3 and panel.exercise == ("single_leg_squat", "right")
    panel.stop()


def test_stop_delivers_the_drop_of_an_episode_still_open(qtbot):
    poses, times = single_leg_poses("left", drop=9.0, reps=3)
    n = 121  # a drop episode is open after these frames, not yet reported
    src = lambda: MemorySource(numbered_frames(n), times=times[:n], then="stall")  # noqa: E731
    panel = CameraPanel(src, FAKE_MODEL, estimator_factory=lambda p: ScriptedEstimator(poses), lost_after_s=60.0)
    qtbot.addWidget(panel)
    got = collect(panel)
    panel.set_exercise("single_leg_squat", "left")
    panel.start()
    w = panel.worker
    qtbot.waitUntil(lambda: w.stats.processed == n, timeout=10000)
    qtbot.wait(100)
    assert got["pelvicDrop"] == []
    panel.stop()  # the session ends mid-rep: the drop still reaches it, during stop()
    assert len(got["pelvicDrop"]) == 1 and got["pelvicDrop"][0].side == "left"
    assert got["manualMode"] == []


class SlowEstimator(ScriptedEstimator):
    """A model that takes 3 s to load (nothing can interrupt it)."""

    def __init__(self, poses, delay=3.0):
        time.sleep(delay)
        super().__init__(poses)


def test_stop_never_freezes_the_gui_while_the_model_loads(qtbot, caplog):
    import gc

    from coach.ui.camera import panel as cp

    made, opened = [], []

    def factory(p):
        made.append(SlowEstimator([None]))
        return made[-1]

    def source():
        opened.append(1)
        return MemorySource(numbered_frames(5), fps=30.0, paced=True, loop=True)

    panel = CameraPanel(source, FAKE_MODEL, estimator_factory=factory)
    panel.start()
    w = panel.worker
    qtbot.wait(200)  # the worker is inside the model load now
    t0 = time.monotonic()
    with caplog.at_level("WARNING", logger="coach.ui.camera.panel"):
        panel.stop()
    assert time.monotonic() - t0 < 2.5
    assert w.isRunning() and w in cp._detached  # detached, still referenced
    assert "still busy" in caplog.text
    panel.deleteLater()  # the panel goes away while the thread still runs
    del panel
    qtbot.wait(50)
    gc.collect()
    qtbot.waitUntil(lambda: w not in cp._detached, timeout=6000)  # reaped once finished
    assert w.isFinished()
    assert made and made[0].closed and opened == []  # stop seen after the load: the camera was never opened
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


def test_guidance_from_the_analysis_is_shown(qtbot):
    n = 20
    src = lambda: MemorySource(numbered_frames(n), fps=60.0, paced=True, loop=True)  # noqa: E731
    panel = CameraPanel(src, FAKE_MODEL, estimator_factory=lambda p: ScriptedEstimator([None]))
    qtbot.addWidget(panel)
    panel.set_exercise("squat", None)
    panel.start()
    qtbot.waitUntil(lambda: panel.view.frame is not None and panel.view.frame.update is not None, timeout=5000)
    panel.stop()
    assert panel.view.guidance() is None  # stopped: placeholder, no stale guidance
    view = CameraView()
    qtbot.addWidget(view)
    view.set_frame(_frame(None, _update(guidance=fr.NO_PERSON)))
    assert view.guidance() == fr.NO_PERSON
    assert view.accessibleDescription() == fr.NO_PERSON  # read out, not only drawn
    view.set_frame(_frame(None, _update(guidance=fr.TOO_FAR)))
    assert view.accessibleDescription() == fr.TOO_FAR


# ---- drawing ----------------------------------------------------------------------------------------
def _update(flag=None, tilt=None, guidance=None, calibrating=False):
    return AnalysisUpdate(0.0, 0, {}, (), (), (), "front", guidance, tilt, flag, calibrating)


def _pose(y_left=0.5, y_right=0.5):
    lm = np.zeros((33, 4), np.float32)
    lm[23] = (0.7, y_left, 0, 1)  # person's left hip: image right
    lm[24] = (0.3, y_right, 0, 1)
    return lm


def _frame(lm, update, w=160, h=120):
    img = numbered_frames(1, w, h)[0]
    return LiveFrame(qimage_from_bgr(img), lm, time.monotonic(), time.monotonic(), 0, 30.0, (w, h), update, "x")


def _near(c: QColor, ref: QColor, tol=40) -> bool:
    return abs(c.red() - ref.red()) + abs(c.green() - ref.green()) + abs(c.blue() - ref.blue()) <= tol


def test_pelvis_state_is_never_colour_alone():
    assert pelvis_label("ok", 1.0, False).startswith("✓")
    assert pelvis_label("drop", 6.2, False) == "▼ Pelvic drop 6.2°"
    assert pelvis_label("marked", 9.14, False) == "▼▼ Marked pelvic drop 9.1°"
    assert "hip line" in pelvis_label(None, None, True)
    assert pelvis_label(None, None, False) is None


@pytest.mark.parametrize("flag", ["ok", "drop", "marked"])
def test_pelvis_line_coloured_by_flag(qtbot, flag):
    view = CameraView(mirror=False)
    qtbot.addWidget(view)
    view.resize(320, 240)
    view.set_frame(_frame(_pose(0.45, 0.45), _update(flag, 6.0)))
    img = view.grab().toImage()
    r = view.image_rect()
    # sample along the pelvis line at 40 % from the right hip, in device pixels
    x = r.left() + 0.46 * r.width()
    y = r.top() + 0.45 * r.height()
    dpr = img.devicePixelRatio()
    colours = [img.pixelColor(int((x + dx) * dpr), int(y * dpr)) for dx in range(-3, 4)]
    assert any(_near(c, FLAG_COLOURS[flag]) for c in colours), [c.name() for c in colours]


def test_mirror_flips_picture_and_overlay_together(qtbot):
    view = CameraView(mirror=False)
    qtbot.addWidget(view)
    view.resize(320, 240)
    frame = _frame(_pose(0.45, 0.45), _update("marked", 9.0))
    view.set_frame(frame)
    plain = view.grab().toImage()
    view.set_mirror(True)
    mirrored = view.grab().toImage()
    r = view.image_rect()
    dpr = plain.devicePixelRatio()

    def px(img, fx, fy):
        return img.pixelColor(int((r.left() + fx * r.width()) * dpr), int((r.top() + fy * r.height()) * dpr))

    red = QColor(255, 0, 0)
    assert _near(px(plain, 0.1, 0.9), red) and not _near(px(plain, 0.9, 0.9), red)
    assert _near(px(mirrored, 0.9, 0.9), red) and not _near(px(mirrored, 0.1, 0.9), red)
    # the right hip's end marker (image x 0.3) moves to 0.7 on screen, with the picture
    view.set_mirror(False)
    p_plain = view.to_widget(0.3, 0.45, r)
    view.set_mirror(True)
    p_mirror = view.to_widget(0.3, 0.45, r)
    assert p_plain.x() + p_mirror.x() == pytest.approx(2 * r.center().x())
    assert np.array_equal(frame.landmarks[24], np.array((0.3, 0.45, 0, 1), np.float32))  # landmarks untouched


def test_view_follows_the_palette_light_and_dark(qtbot):
    for window, text in ((QColor(250, 250, 250), QColor(10, 10, 10)), (QColor(30, 30, 30), QColor(235, 235, 235))):
        view = CameraView()
        qtbot.addWidget(view)
        pal = view.palette()
        pal.setColor(QPalette.ColorRole.Window, window)
        pal.setColor(QPalette.ColorRole.WindowText, text)
        view.setPalette(pal)
        view.resize(300, 200)
        view.set_placeholder("Manual mode: no camera")
        img = view.grab().toImage()
        assert img.pixelColor(3, 3) == window
        colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)}
        assert any(_near(QColor(c), text, 60) for c in colours)  # the placeholder text is drawn in WindowText


def test_settings_helpers(qtbot):
    from coach.ui.settings import Settings

    s = Settings()
    s.set("camera/index", 2)
    s.set("camera/width", 1280)
    s.set("analysis/drop_deg", 4.0)
    spec = source_from_settings(s)
    assert (spec.kind, spec.index, spec.width) == ("camera", 2, 1280)
    vspec = source_from_settings(s, video="clip.mp4")
    assert vspec.kind == "video" and vspec.paced and vspec.path == Path("clip.mp4")
    assert config_from_settings(s).drop_deg == 4.0


# ---- the real thing ---------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.video
@pytest.mark.slow
def test_real_model_on_a_clip_paced_as_a_camera_counts_the_reps(qtbot, model_path):
    spec = CameraSourceSpec("video", path=clip("squat_side_3reps.mp4"), paced=True)
    panel = CameraPanel(spec, model_path, mirror=True)
    qtbot.addWidget(panel)
    panel.resize(640, 400)
    panel.show()
    got = collect(panel)
    painted = []
    panel.view.painted.connect(painted.append)
    panel.set_exercise("squat", None)
    panel.start()
    w = panel.worker
    with qtbot.waitSignal(panel.manualMode, timeout=60000):  # the clip ends (10.7 s)
        pass
    panel.stop()
    assert got["repCounted"] == [None, None, None]
    assert got["pelvicDrop"] == []
    assert w.stats.with_pose >= 0.95 * w.stats.processed
    assert w.stats.processed >= 0.8 * w.stats.captured  # a loaded machine may drop some; the bench measures it
    assert len(painted) > 0.5 * w.stats.processed


@pytest.mark.xvfb
def test_real_window_under_xvfb_paints_frames(xvfb_display):
    code = r"""
import json, sys, time
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication([])
sys.path.insert(0, "tests")
from support.pose_fakes import ScriptedEstimator, numbered_frames, squat_poses
from coach.pose.sources import MemorySource
from coach.ui.camera.panel import CameraPanel
poses, _ = squat_poses(1)
panel = CameraPanel(lambda: MemorySource(numbered_frames(len(poses)), fps=30.0, paced=True, loop=True), "x.task",
                    estimator_factory=lambda p: ScriptedEstimator(poses))
painted = []
panel.view.painted.connect(painted.append)
panel.resize(480, 360); panel.show(); panel.start()
w = panel.worker
QTimer.singleShot(2000, app.quit)
app.exec()
panel.stop()
print(json.dumps({"platform": app.platformName(), "painted": len(painted), "running": w.isRunning(),
                  "processed": w.stats.processed}))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["platform"] == "xcb"
    assert data["painted"] >= 10 and data["processed"] >= 10 and data["running"] is False


def _drawn_boxes(view):
    """(text, rect) of every text box painted by the next grab."""
    boxes, real = [], view._box

    def spy(p, text, *a, **kw):
        r = real(p, text, *a, **kw)
        boxes.append((text, r))
        return r

    view._box = spy
    view.grab()
    view._box = real
    return boxes


def test_pelvis_label_never_overlaps_the_guidance_boxes(qtbot):
    view = CameraView(mirror=False)
    qtbot.addWidget(view)
    view.resize(360, 270)
    # calibrating, hips low in the picture: the "Stand still ..." box says it all, no second label
    view.set_frame(_frame(_pose(0.8, 0.8), _update(guidance=fr.CALIBRATE, calibrating=True), 320, 240))
    texts = [t for t, _ in _drawn_boxes(view)]
    assert any(fr.CALIBRATE in t for t in texts) and not any("Measuring your hip line" in t for t in texts)
    # a drop label and a guidance box at once: stacked, never on top of each other
    for y in (0.5, 0.7, 0.8, 0.9):
        view.set_frame(_frame(_pose(y, y), _update("marked", 7.3, guidance=fr.TOO_FAR), 320, 240))
        boxes = dict(_drawn_boxes(view))
        label = boxes["▼▼ Marked pelvic drop 7.3°"]
        guide = next(r for t, r in boxes.items() if fr.TOO_FAR in t)
        assert not label.intersects(guide), (y, label, guide)
