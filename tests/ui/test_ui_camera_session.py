"""A session with the camera on, in the real main window: camera reps and pelvic-drop flags reach the
player and the history; when the camera stops, the session goes on by hand.

The camera is a scripted in-memory source (synthetic single-leg squats with a 9 degree drop, standing on
the left leg) and a scripted estimator, through the real CameraPanel, worker thread and MovementAnalyzer.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coach import paths
from coach.core.session import Phase
from coach.pose.sources import MemorySource
from coach.store import HistoryStore
from coach.ui.camera.panel import CameraPanel
from support.pose_fakes import ScriptedEstimator, numbered_frames, single_leg_poses
from support.ui_helpers import FakeClock, key, make_window

pytestmark = pytest.mark.usefixtures("qapp")

ROUTINE = """
id = "one-leg-test"
title = "One-leg test"
summary = "Single-leg squats, watched by the camera."
level = "intermediate"

[[steps]]
kind = "strength"
title = "Single-leg squat"
exercise = "single_leg_squat"
sets = 1
reps = 3
per_side = true
rest_seconds = 10
illustration = "illustrations/single_leg_squat.svg"
cues = ["Slow and level."]
"""


def test_camera_reps_and_flags_reach_the_session_and_history(qtbot, monkeypatch):
    (paths.user_routines_dir() / "one_leg.toml").write_text(ROUTINE)
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    poses, times = single_leg_poses("left", drop=9.0, reps=3)
    work_started = threading.Event()

    def camera_source():  # opened in the worker thread: the "camera" starts once the set is under way
        work_started.wait(10)
        return MemorySource(numbered_frames(len(poses)), times=times)

    def make_camera(parent):
        return CameraPanel(
            camera_source, Path("scripted.task"), parent=parent, estimator_factory=lambda _p: ScriptedEstimator(poses)
        )

    monkeypatch.setattr(controller, "make_camera", make_camera)
    btn = next(c for c in window.library.cards if c.routine.id == "one-leg-test").button
    btn.click()
    flow = window.flow
    flow.before.camera.setChecked(True)
    flow.before.ok_btn.click()
    ctl, player = flow.controller, flow.player
    assert flow.camera is not None and flow.camera.parent() is not None  # the panel is in the player
    assert ctl.state().phase == Phase.READY and flow.camera.exercise == ("single_leg_squat", "left")
    clock.advance(5.1)
    ctl.tick()
    assert ctl.state().phase == Phase.WORK
    work_started.set()
    qtbot.waitUntil(lambda: ctl.state().phase != Phase.WORK or ctl.state().side != "left", timeout=15000)

    def left_set():
        return next(s for s in ctl.engine.record.sets if s.side == "left")

    assert left_set().achieved_reps == 3 and left_set().source == "camera"
    # every rep dropped 9 degrees: three flags, the last one reported just after its rep ended the set
    qtbot.waitUntil(lambda: len(left_set().pelvic_drops) == 3, timeout=5000)
    left = left_set()
    assert all(e.side == "left" and e.peak_deg >= 5.0 for e in left.pelvic_drops)
    assert 8.0 <= left.peak_drop_deg <= 10.0  # the 9 degree drops, measured per rep
    # the camera has run out ("the video has ended"): the right side is counted by hand
    qtbot.waitUntil(lambda: flow.camera.manual_reason is not None, timeout=5000)
    while ctl.state().phase != Phase.WORK:
        clock.advance((ctl.state().remaining_s or 0) + 0.05)
        ctl.tick()
    assert ctl.state().side == "right"
    with qtbot.waitActive(window):
        window.activateWindow()
    player.setFocus()
    key(player, Qt.Key_Plus, 3)
    assert ctl.state().phase == Phase.FINISHED and flow.currentWidget() is flow.after
    assert flow.camera.worker is None  # the camera thread was stopped with the session
    flow.after.ok_btn.click()
    assert "standing on left: " in flow.summary.body.text()
    qtbot.waitUntil(lambda: "Saved" in flow.summary.save_state.text())
    with HistoryStore.open(paths.db_path())[0] as store:
        rec = store.get_session(ctl.record.id)
    assert rec.camera_used and rec.status == "completed"
    by_side = {s.side: s for s in rec.sets}
    assert by_side["left"].source == "camera" and by_side["right"].source == "manual"
    assert rec.drops_by_side()["left"] == len(left.pelvic_drops) and rec.drops_by_side()["right"] == 0
    assert by_side["left"].peak_drop_deg == left.peak_drop_deg and by_side["right"].peak_drop_deg is None


def test_the_camera_target_holds_through_rests_between_sets():
    from coach.core.routines import load_routine
    from coach.core.session import SessionEngine
    from coach.ui.session.flow import camera_target
    from support.ui_helpers import FakeClock as Clock

    (paths.user_routines_dir() / "one_leg.toml").write_text(ROUTINE.replace("sets = 1", "sets = 2"))
    r = load_routine(paths.user_routines_dir() / "one_leg.toml", assets_dir=paths.assets_dir())
    clock = Clock()
    eng = SessionEngine(r, clock=clock, wall=clock.wall)
    eng.start()
    seen = []
    while eng.phase != Phase.FINISHED:
        s = eng.state()
        if not seen or seen[-1][0] != s.phase or seen[-1][1] != camera_target(s):
            seen.append((s.phase, camera_target(s)))
        eng.add_rep() if s.phase == Phase.WORK else (clock.advance(s.remaining_s + 0.01), eng.tick())
    assert [(p.value, t[1]) for p, t in seen] == [
        ("ready", "left"),
        ("work", "left"),
        ("rest", "left"),
        ("work", "left"),
        ("rest", "left"),
        ("ready", "right"),
        ("work", "right"),
        ("rest", "right"),
        ("work", "right"),
    ]
    assert {t[0] for _, t in seen} == {"single_leg_squat"}  # never dropped to preview-only between sets


def test_a_camera_without_a_pose_model_measures_nothing_and_says_so(qtbot, monkeypatch):
    (paths.user_routines_dir() / "one_leg.toml").write_text(ROUTINE)
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    frames = numbered_frames(30)
    monkeypatch.setattr(
        controller,
        "make_camera",
        lambda parent: CameraPanel(lambda: MemorySource(frames, fps=30.0, paced=True, loop=True), None, parent=parent),
    )
    next(c for c in window.library.cards if c.routine.id == "one-leg-test").button.click()
    flow = window.flow
    flow.before.camera.setChecked(True)
    flow.before.ok_btn.click()
    qtbot.waitUntil(lambda: flow.camera.manual_reason is not None, timeout=5000)  # preview only, by hand
    ctl = flow.controller
    while ctl.state().phase != Phase.FINISHED:
        clock.advance((ctl.state().remaining_s or 0) + 0.05)
        ctl.tick()
        if ctl.state().phase == Phase.WORK:
            ctl.add_rep()
    flow.after.ok_btn.click()
    assert not flow.summary.record.camera_used
    assert "not measured (camera off)" in flow.summary.body.text()
