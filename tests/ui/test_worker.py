"""PoseWorker: threading (clean start/stop, no dangling thread), immutable results, the GUI mailbox,
camera loss after 2 s, missing camera/model, errors emitted, counting events. Fake sources and a
scripted estimator keep these fast; the real model runs in test_camera_panel.py and the benches."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from coach.core.analysis import RepEvent
from coach.core.record import PelvicDropEvent
from coach.pose.sources import CameraSourceSpec, MemorySource
from coach.ui.camera.live_frame import LiveFrame
from coach.ui.camera.worker import PoseWorker
from support.pose_fakes import ScriptedEstimator, numbered_frames, single_leg_poses, squat_poses

FAKE_MODEL = Path("scripted.task")


class Recorder:
    def __init__(self, w: PoseWorker):
        self.signals: dict[str, list] = {
            n: [] for n in ("repCounted", "partialRep", "pelvicDrop", "status", "manualMode", "error", "frameReady")
        }
        self.frames: list[LiveFrame] = []
        for name, items in self.signals.items():
            getattr(w, name).connect(lambda *a, items=items: items.append(a[0] if a else None))
        w.frameReady.connect(lambda: self._take(w))

    def _take(self, w):
        f = w.take_latest()
        if f is not None:
            self.frames.append(f)


def make_worker(source, poses=None, *, est=None, lost_after_s=2.0, model=FAKE_MODEL):
    est = est or ScriptedEstimator(poses if poses is not None else [None])
    w = PoseWorker(source, model, estimator_factory=lambda p: est, lost_after_s=lost_after_s)
    return w, est, Recorder(w)


def stop_and_join(w: PoseWorker) -> None:
    w.stop()
    assert w.wait(5000), "worker thread did not finish"
    assert not w.isRunning() and w.isFinished()


def test_start_stop_joins_the_thread_and_closes_everything(qtbot):
    sources = []

    def source():
        sources.append(MemorySource(numbered_frames(60), fps=60.0, paced=True, loop=True))
        return sources[0]

    poses, _ = squat_poses(1)
    w, est, rec = make_worker(source, poses)
    w.start()
    qtbot.waitUntil(lambda: len(rec.frames) >= 5, timeout=5000)
    stop_and_join(w)
    assert est.closed
    assert sources[0]._stop.is_set() and not sources[0]._thread.is_alive()  # grab thread joined
    assert rec.signals["error"] == []


def test_stop_before_any_frame_and_twice(qtbot):
    w, est, _ = make_worker(lambda: MemorySource(numbered_frames(5), fps=5.0, paced=True, then="stall"))
    w.start()
    stop_and_join(w)
    stop_and_join(w)  # a second stop/wait is harmless


def test_results_are_immutable_copies(qtbot):
    frames = numbered_frames(20)
    poses, _ = squat_poses(1)
    src = MemorySource(frames, fps=30.0, paced=True)
    w, est, rec = make_worker(lambda: src, poses)
    w.start()
    qtbot.waitUntil(lambda: len(rec.frames) >= 3, timeout=5000)
    stop_and_join(w)
    f = rec.frames[1]
    n = f.index
    assert f.size == (160, 120) and f.image.width() == 160 and f.image.height() == 120
    pixel = f.image.pixelColor(0, 0)
    assert (pixel.blue(), pixel.green(), pixel.red()) == (n & 255, n >> 8, 201)  # BGR read correctly
    frames[n][:] = 0  # the source's buffer changes: the QImage must not
    assert f.image.pixelColor(0, 0).red() == 201
    assert isinstance(f.landmarks, np.ndarray) and f.landmarks.shape == (33, 4) and not f.landmarks.flags.writeable
    assert np.array_equal(f.landmarks, poses[n])
    assert f.t_capture <= f.t_processed and f.fps >= 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.index = 3  # frozen


def test_timestamps_to_the_estimator_increase(qtbot):
    w, est, rec = make_worker(lambda: MemorySource(numbered_frames(40), fps=120.0, paced=True), squat_poses(1)[0])
    w.start()
    qtbot.waitUntil(lambda: len(est.calls) >= 20, timeout=5000)
    stop_and_join(w)
    t = [c[1] for c in est.calls]
    assert all(b > a for a, b in zip(t, t[1:]))
    nums = [c[0] for c in est.calls]
    assert nums == sorted(nums)  # never an older frame after a newer one


def test_busy_gui_gets_the_newest_frame_not_a_queue(qtbot):
    w, est, rec = make_worker(lambda: MemorySource(numbered_frames(600), fps=200.0, paced=True, loop=True))
    w.start()
    qtbot.waitUntil(lambda: len(rec.frames) >= 1, timeout=5000)
    before = len(rec.signals["frameReady"])
    processed_before = w.stats.processed
    time.sleep(0.5)  # the GUI thread is "busy": no events processed ...
    stop_and_join(w)  # ... until the worker has stopped
    qtbot.wait(50)
    # ~100 frames were processed while the GUI slept, but at most one notification was queued for them
    # (none if the one for the frame already waiting in the mailbox was counted just before the sleep),
    # and the GUI got the newest frame
    assert w.stats.processed > processed_before + 20
    assert len(rec.signals["frameReady"]) - before <= 1
    assert w.stats.posted_dropped > 10
    assert rec.frames[-1].index == max(c[0] for c in est.calls)


def test_camera_lost_for_2_s_gives_status_and_manual_mode(qtbot):
    src = MemorySource(numbered_frames(10), fps=30.0, paced=True, then="stall")  # an unplugged camera
    w, est, rec = make_worker(lambda: src)
    w.start()
    qtbot.waitUntil(lambda: len(rec.frames) >= 1, timeout=5000)
    with qtbot.waitSignal(w.manualMode, timeout=6000) as sig:
        pass
    last_frame = rec.frames[-1].t_capture
    assert time.monotonic() - last_frame >= 2.0  # not before 2 s without frames
    assert sig.args[0] == "Camera lost: no frames for 2 s."
    assert any("No frames from the camera for 2 s" in s for s in rec.signals["status"])
    assert w.wait(3000) and not w.isRunning()  # the worker ended by itself, cleanly
    assert est.closed and rec.signals["error"] == []


def test_missing_camera_gives_manual_mode_not_an_error(qtbot):
    w = PoseWorker(
        CameraSourceSpec("camera", index=99), FAKE_MODEL, estimator_factory=lambda p: ScriptedEstimator([None])
    )
    rec = Recorder(w)
    with qtbot.waitSignal(w.manualMode, timeout=15000) as sig:
        w.start()
    assert sig.args[0].startswith("No camera: ") and "index 99" in sig.args[0] and sig.args[0].endswith(".")
    assert w.wait(5000)
    assert rec.signals["error"] == []


def test_no_model_still_previews_and_says_manual_mode(qtbot):
    w = PoseWorker(lambda: MemorySource(numbered_frames(30), fps=60.0, paced=True, loop=True), None)
    rec = Recorder(w)
    w.start()
    qtbot.waitUntil(lambda: len(rec.frames) >= 3, timeout=5000)
    stop_and_join(w)
    assert rec.signals["manualMode"] and rec.signals["manualMode"][0] == "No pose model: camera preview only."
    assert all(f.landmarks is None for f in rec.frames)


def test_unloadable_model_file_is_reported_and_preview_goes_on(qtbot, tmp_path):
    bad = tmp_path / "garbage.task"
    bad.write_bytes(b"definitely not a model")
    w = PoseWorker(lambda: MemorySource(numbered_frames(30), fps=60.0, paced=True, loop=True), bad)
    rec = Recorder(w)
    w.start()
    qtbot.waitUntil(lambda: len(rec.frames) >= 3, timeout=20000)
    stop_and_join(w)
    assert rec.signals["manualMode"] and "The pose model can't be used" in rec.signals["manualMode"][0]
    assert "garbage.task" in rec.signals["manualMode"][0]
    assert rec.signals["error"] == []


def test_unexpected_errors_are_emitted_not_swallowed(qtbot):
    est = ScriptedEstimator([None], fail_at=3)
    w, _, rec = make_worker(lambda: MemorySource(numbered_frames(30), fps=60.0, paced=True), est=est)
    with qtbot.waitSignal(w.error, timeout=5000) as sig:
        w.start()
    assert "RuntimeError" in sig.args[0] and "scripted failure" in sig.args[0]
    assert w.wait(5000)
    qtbot.waitUntil(lambda: bool(rec.signals["manualMode"]), timeout=2000)  # queued from the worker thread
    assert est.closed


def test_counting_events_reach_the_gui(qtbot):
    poses, times = squat_poses(3)
    src = MemorySource(numbered_frames(len(poses)), times=times)  # every frame, on a fake clock
    w, est, rec = make_worker(lambda: src, poses)
    w.set_exercise("squat", None)
    w.start()
    assert w.wait(10000)  # the source ends -> manual mode -> the thread ends
    qtbot.wait(50)
    assert len(est.calls) == len(poses)  # every frame processed
    assert len(rec.signals["repCounted"]) == 3
    assert all(isinstance(e, RepEvent) and e.side is None and e.full for e in rec.signals["repCounted"])
    assert rec.signals["manualMode"] == ["The video has ended."]


def test_pelvic_drop_events_reach_the_gui(qtbot):
    poses, times = single_leg_poses("left", drop=9.0, reps=3)
    src = MemorySource(numbered_frames(len(poses)), times=times)
    w, est, rec = make_worker(lambda: src, poses)
    w.set_exercise("single_leg_squat", "left")
    w.start()
    assert w.wait(10000)
    qtbot.wait(50)
    drops = rec.signals["pelvicDrop"]
    assert len(drops) == 3 and all(isinstance(d, PelvicDropEvent) and d.side == "left" for d in drops)
    assert all(d.peak_deg == pytest.approx(9.0, abs=1.5) for d in drops)
    assert [e.side for e in rec.signals["repCounted"]] == ["left"] * 3
    last = rec.frames[-1].update
    assert last.reps == 3 and last.reps_by_side == {"left": 3, "right": 0}


class GatedSource(MemorySource):
    """Unpaced frames on a fake clock, released by the test a batch at a time."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.gate = threading.Semaphore(0)

    def _read_next(self):
        if not self.gate.acquire(timeout=0.05):
            return None
        return super()._read_next()


def test_each_set_exercise_call_starts_a_fresh_analyzer(qtbot):
    poses, times = squat_poses(2)
    n = len(poses)
    src = GatedSource(numbered_frames(2 * n), times=list(times) + list(times + times[-1] + 1 / 30))
    w, est, rec = make_worker(lambda: src, poses + poses, lost_after_s=60.0)
    w.set_exercise("squat", None)
    w.start()
    for _ in range(n):
        src.gate.release()
    qtbot.waitUntil(lambda: len(est.calls) == n, timeout=10000)
    qtbot.waitUntil(lambda: rec.frames and rec.frames[-1].index == n - 1, timeout=5000)
    assert rec.frames[-1].update.reps == 2
    w.set_exercise("squat", None)  # the next set
    for _ in range(n):
        src.gate.release()
    qtbot.waitUntil(lambda: len(est.calls) == 2 * n, timeout=10000)
    qtbot.waitUntil(lambda: rec.frames[-1].index == 2 * n - 1, timeout=5000)
    stop_and_join(w)
    assert len(rec.signals["repCounted"]) == 4
    assert rec.frames[-1].update.reps == 2  # counted from zero again, not 4


def test_preview_only_has_no_analysis(qtbot):
    poses, times = squat_poses(2)
    w, est, rec = make_worker(lambda: MemorySource(numbered_frames(len(poses)), times=times), poses)
    w.start()
    assert w.wait(10000)
    qtbot.wait(50)
    assert rec.signals["repCounted"] == [] and all(f.update is None and f.exercise is None for f in rec.frames)


# ---- set boundaries: pelvic-drop events are never lost ------------------------------------------------
OPEN_EPISODE = 121  # frames of single_leg_poses("left", 9.0) after which a drop episode is open, unreported


class OrderRecorder:
    """Every signal of a worker in the order it arrived."""

    def __init__(self, w: PoseWorker):
        self.log: list[tuple[str, object]] = []
        for name in ("repCounted", "partialRep", "pelvicDrop", "manualMode", "error"):
            getattr(w, name).connect(lambda v, name=name: self.log.append((name, v)))

    def of(self, name):
        return [v for n, v in self.log if n == name]


def _cut_set():
    poses, times = single_leg_poses("left", drop=9.0, reps=3)
    return poses, times


@pytest.fixture
def joined():
    """Workers registered here are stopped and joined even when the test fails (no thread left running)."""
    workers: list[PoseWorker] = []
    yield workers.append
    for w in workers:
        w.stop()
        w.wait(5000)


def test_drops_are_emitted_before_the_reps_of_the_same_update(qtbot):
    from coach.core.analysis import AnalysisUpdate

    w = PoseWorker(lambda: None, None)
    order = []
    w.pelvicDrop.connect(lambda e: order.append("drop"))
    w.repCounted.connect(lambda e: order.append("rep"))
    w.partialRep.connect(lambda e: order.append("partial"))
    rep = RepEvent(4.5, "left", 1.0, True, 9.0)
    drop = PelvicDropEvent(4.0, "left", 9.0)
    w._emit_events(
        AnalysisUpdate(4.5, 1, {"left": 1, "right": 0}, (rep,), (rep,), (drop,), "front", None, None, None, False)
    )
    assert order == ["drop", "rep", "partial"]  # the drop reaches the session while its set is still open


def test_a_new_exercise_flushes_the_open_drop_episode_of_the_old_analyzer(qtbot, joined):
    poses, times = _cut_set()
    src = GatedSource(numbered_frames(len(poses)), times=times)
    w, est, _ = make_worker(lambda: src, poses, lost_after_s=60.0)
    joined(w)
    rec = OrderRecorder(w)
    w.set_exercise("single_leg_squat", "left")
    w.start()
    for _ in range(OPEN_EPISODE):
        src.gate.release()
    qtbot.waitUntil(lambda: len(est.calls) == OPEN_EPISODE, timeout=10000)
    qtbot.wait(200)
    assert rec.of("pelvicDrop") == [] and len(rec.of("repCounted")) == 0  # mid-rep, the drop not yet reported
    w.set_exercise("side_plank", None)  # the next step: no new frame needed for the flush
    qtbot.waitUntil(lambda: len(rec.of("pelvicDrop")) == 1, timeout=5000)
    stop_and_join(w)
    qtbot.wait(50)
    (d,) = rec.of("pelvicDrop")
    assert d.side == "left" and d.peak_deg == pytest.approx(9.0, abs=1.5)
    assert rec.of("error") == []


def test_the_open_drop_episode_is_emitted_before_the_video_ended_manual_mode(qtbot):
    poses, times = _cut_set()
    src = MemorySource(numbered_frames(OPEN_EPISODE), times=times[:OPEN_EPISODE])  # ends mid-episode
    w, est, _ = make_worker(lambda: src, poses)
    rec = OrderRecorder(w)
    w.set_exercise("single_leg_squat", "left")
    w.start()
    assert w.wait(10000)
    qtbot.wait(50)
    assert [n for n, _ in rec.log if n in ("pelvicDrop", "manualMode")] == ["pelvicDrop", "manualMode"]
    assert rec.of("pelvicDrop")[0].side == "left"


def test_stop_flushes_the_open_drop_episode(qtbot, joined):
    poses, times = _cut_set()
    src = GatedSource(numbered_frames(len(poses)), times=times)
    w, est, _ = make_worker(lambda: src, poses, lost_after_s=60.0)
    joined(w)
    rec = OrderRecorder(w)
    w.set_exercise("single_leg_squat", "left")
    w.start()
    for _ in range(OPEN_EPISODE):
        src.gate.release()
    qtbot.waitUntil(lambda: len(est.calls) == OPEN_EPISODE, timeout=10000)
    stop_and_join(w)
    qtbot.wait(50)
    assert len(rec.of("pelvicDrop")) == 1 and rec.of("manualMode") == []


# ---- process-wide side effects ---------------------------------------------------------------------
def test_gc_freeze_runs_once_per_process_not_at_every_start(qtbot, monkeypatch):
    import gc

    import coach.ui.camera.worker as wm

    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))
    monkeypatch.setitem(wm._state, "gc_frozen", False)
    for _ in range(3):
        w, _, _ = make_worker(lambda: MemorySource(numbered_frames(3)))
        w.start()
        assert w.wait(5000)
    assert calls == [1]


def test_switch_interval_is_lowered_while_workers_run_and_restored_after_the_last(qtbot, joined):
    import sys

    before = sys.getswitchinterval()
    sys.setswitchinterval(0.004)
    try:
        workers = []
        for _ in range(2):
            src = GatedSource(numbered_frames(5))
            w, _, rec = make_worker(lambda src=src: src, lost_after_s=60.0)
            joined(w)
            w.start()
            workers.append(w)
            qtbot.waitUntil(lambda rec=rec: any("Camera on" in s for s in rec.signals["status"]), timeout=5000)
            assert sys.getswitchinterval() == pytest.approx(0.001)
        stop_and_join(workers[0])
        assert sys.getswitchinterval() == pytest.approx(0.001)  # the other one still runs
        stop_and_join(workers[1])
        assert sys.getswitchinterval() == pytest.approx(0.004)
    finally:
        sys.setswitchinterval(before)
