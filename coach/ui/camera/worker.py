"""``PoseWorker``: one QThread that owns the frame source, the PoseLandmarker and the MovementAnalyzer.

The thread opens the model, then the source, and loops: read the newest frame, detect the pose
(VIDEO mode, the frame's capture time in monotonic ms), run the analyzer for the current set,
and post an immutable ``LiveFrame`` (a deep-copied QImage, read-only (33, 4) landmarks, times in
monotonic seconds, fps, the AnalysisUpdate). Only the newest frame waits for the GUI: ``frameReady``
is emitted when the mailbox goes from empty to full and the GUI takes the frame with
``take_latest()``, so a busy GUI skips frames instead of queueing them. Counting events (reps,
partial reps, pelvic drops) are separate signals and are never dropped.
No frames for ``lost_after_s`` (2 s), a missing camera, a video that ended: ``status`` + ``manualMode``
and the thread ends. The background's motion (``BackgroundMotion``) goes to the analyzer with each
frame; when the camera moves, ``status`` says so once, and again when it is still. With two people
in view the one doing the exercise is followed (``coach.pose.people``) and ``status`` says which.
A missing or unloadable model: ``manualMode`` and the preview goes on without landmarks. Any other
error is emitted on ``error`` (and logged), never swallowed. An analyzer that is replaced (new
exercise) or whose loop ends (for any reason) has its open pelvic-drop episode flushed and emitted
first: no drop is lost at a set boundary.
The process-wide thread state is in ``thread_state``; the analyzer and its events in ``worker_events``
(``AnalyzerEvents``, mixed in here); following one of two people in ``worker_people`` (``PeopleFollowing``, mixed
in here too).
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal

from coach.core.analysis import AnalysisConfig, MovementAnalyzer
from coach.core.errors import CoachError
from coach.pose.sources import CameraSourceSpec, open_source
from coach.ui.camera.live_frame import LiveFrame, WorkerStats, display_image, qimage_from_bgr
from coach.ui.camera.thread_state import SWITCH_INTERVAL_S, _count_running, _freeze_gc_once, _state, _state_lock
from coach.ui.camera.worker_events import AnalyzerEvents
from coach.ui.camera.worker_people import PeopleFollowing

__all__ = ["LOST_AFTER_S", "SWITCH_INTERVAL_S", "PoseWorker", "_default_estimator", "_state", "_state_lock"]

log = logging.getLogger(__name__)
LOST_AFTER_S = 2.0


def _sentence(text: str) -> str:
    """Reasons are whole sentences (the player appends its own advice after them)."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _default_estimator(model_path: Path):
    from coach.pose.estimator import PoseEstimator

    return PoseEstimator(model_path)


class PoseWorker(AnalyzerEvents, PeopleFollowing, QThread):
    frameReady = Signal()  # take_latest() has a frame
    repCounted = Signal(object)  # coach.core.analysis.RepEvent
    partialRep = Signal(object)  # RepEvent
    pelvicDrop = Signal(object)  # coach.core.record.PelvicDropEvent
    status = Signal(str)  # human-readable status line
    manualMode = Signal(str)  # reason; the session continues by hand
    tracking = Signal(bool)  # True once the pose model is loaded and landmarks flow
    error = Signal(str)  # unexpected failure (also logged with its traceback)

    def __init__(
        self,
        source: CameraSourceSpec | Callable[[], Any],
        model_path: Path | None,
        *,
        config: AnalysisConfig = AnalysisConfig(),
        estimator_factory: Callable[[Path], Any] | None = None,
        lost_after_s: float = LOST_AFTER_S,
        parent=None,
    ):
        super().__init__(parent)
        self.setObjectName("pose-worker")
        self._source = source
        self._model_path = model_path
        self._config = config
        self._make_estimator = estimator_factory or _default_estimator
        self.lost_after_s = lost_after_s
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._exercise: tuple[str | None, str | None, float] = (None, None, 0.0)
        self._exercise_gen = 0
        self._an: MovementAnalyzer | None = None  # the worker thread's current analyzer
        self._camera_moving = False  # the last update said the camera was moving
        self._box: LiveFrame | None = None
        self._display: tuple[tuple[int, int] | None, bool, float] = (None, False, 1.0)
        self.stats = WorkerStats()

    # ---- called from the GUI thread ------------------------------------------------------------
    def set_exercise(self, key: str | None, side: str | None) -> None:
        """Analyse frames captured from now on for ``key`` (None: preview only). A fresh analyzer each call
        (the old one's open pelvic-drop episode is flushed and emitted first)."""
        with self._lock:
            self._exercise = (key, side, time.monotonic())
            self._exercise_gen += 1

    def set_display(self, box: tuple[int, int] | None, mirror: bool, dpr: float = 1.0) -> None:
        """Prepare images for a view of ``box`` device pixels (None: full size, unflipped), mirrored or not."""
        with self._lock:
            self._display = (box, bool(mirror), float(dpr))

    def take_latest(self) -> LiveFrame | None:
        with self._lock:
            lf, self._box = self._box, None
        return lf

    def stop(self) -> None:
        """Ask the thread to finish (returns at once; ``wait()`` joins it)."""
        self._stop.set()

    # ---- the thread ----------------------------------------------------------------------------
    def run(self) -> None:
        # Three threads share the GIL here (GUI, grab, worker); hand it over every 1 ms instead of 5 ms
        # so none waits long for it after a GIL-free call (decode, inference, painting). Measured in
        # bench/live_latency.py: fewer dropped frames, lower latency tail. Restored when the last worker stops.
        _count_running(+1)
        try:
            self._run()
        except Exception as e:  # emitted, logged, and the session goes on by hand
            log.exception("pose worker failed")
            msg = _sentence(f"Camera tracking stopped: {type(e).__name__}: {e}")
            self.error.emit(msg)
            self.status.emit(msg)
            self.manualMode.emit(msg)
        finally:
            _count_running(-1)

    def _run(self) -> None:
        est = None
        if self._model_path is None:
            self.manualMode.emit("No pose model: camera preview only.")
        else:
            self.status.emit("Loading the pose model…")
            # Importing MediaPipe creates ~10^5 objects; a full cyclic collection in the middle would
            # hold the GIL (and so stall the GUI thread) for 30-100 ms. Collect after, not during.
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                est = self._make_estimator(Path(self._model_path))
            except CoachError as e:
                self.status.emit(str(e))
                self.manualMode.emit(_sentence(f"The pose model can't be used: {e}"))
            finally:
                if was_enabled:
                    gc.enable()
        if est is not None:
            # Everything alive now (Qt, numpy, cv2, MediaPipe) lives as long as the app: move it out of the
            # cyclic GC's reach, so later full collections only walk new objects (a few ms, not 30-70).
            _freeze_gc_once()
        if self._stop.is_set():  # stopped while the model loaded: don't open the camera at all
            self._close(est, None)
            return
        src = None
        try:
            self.status.emit("Opening the camera…")
            try:
                src = self._source() if callable(self._source) else open_source(self._source)
                if self._stop.is_set():
                    return
                src.open()
            except CoachError as e:
                self.status.emit(str(e))
                self.manualMode.emit(_sentence(f"No camera: {e}"))
                return
            self.status.emit("Camera on, tracking your pose" if est is not None else "Camera on (preview only)")
            self.tracking.emit(est is not None)
            self._loop(src, est)
        finally:
            self._close(est, src)
            self.tracking.emit(False)

    def _close(self, est, src) -> None:
        for part in (src, est):
            if part is not None:
                try:
                    part.close()
                except Exception:  # closing must not hide the real outcome; still logged
                    log.exception("closing %r failed", part)

    def _loop(self, src, est) -> None:
        try:
            self._frames(src, est)
        finally:
            self._retire_analyzer()  # stopped or failed: the open drop episode still reaches the session

    def _frames(self, src, est) -> None:
        from coach.pose.background_motion import BackgroundMotion

        scenery = BackgroundMotion()  # the camera's own motion (a knock, a roll, a zoom), from the background
        people = self._people(est)
        try:
            self._frame_loop(src, est, scenery, people)
        finally:
            if people is not None:
                people[1]()

    def _frame_loop(self, src, est, scenery, people) -> None:
        last_frame = time.monotonic()
        gen, fresh, key, side, t0 = 0, False, None, None, 0.0
        fps, last_done = 0.0, None
        while not self._stop.is_set():
            f = src.read(0.1)
            now = time.monotonic()
            self.stats.captured, self.stats.source_dropped = src.captured, src.dropped
            with self._lock:
                if gen != self._exercise_gen:
                    gen, (key, side, t0), fresh = self._exercise_gen, self._exercise, True
            if fresh:
                self._retire_analyzer()
            if f is None:
                if src.ended:
                    self._retire_analyzer()
                    self.status.emit("The video has ended")
                    self.manualMode.emit("The video has ended.")
                    return
                if now - last_frame > self.lost_after_s:
                    self._retire_analyzer()
                    self.status.emit(f"No frames from the camera for {self.lost_after_s:g} s: continuing by hand")
                    self.manualMode.emit(f"Camera lost: no frames for {self.lost_after_s:g} s.")
                    return
                continue
            last_frame = now
            h, w = f.image.shape[:2]
            if fresh:
                self._an, fresh = self._analyzer(key, side, w / h), False
            an = self._an
            lm = self._detect(est, people, f, an, t0) if est is not None else None
            others = people[0].others() if people is not None else ()
            step = scenery.update(f.image, lm, others) if est is not None else None  # every frame: no gap
            update = None
            if an is not None and f.t >= t0:
                update = an.update(lm, f.t - t0, step)
                self._emit_events(update)
                self._camera_status(update)
            done = time.monotonic()
            if last_done is not None and done > last_done:
                fps = 1.0 / (done - last_done) if fps == 0.0 else 0.9 * fps + 0.1 / (done - last_done)
            last_done = done
            with self._lock:
                box, mirror, dpr = self._display
            image = display_image(f.image, box, mirror, dpr) if box is not None else qimage_from_bgr(f.image)
            self._post(
                LiveFrame(
                    image,
                    lm,
                    f.t,
                    time.monotonic(),
                    f.index,
                    fps,
                    (w, h),
                    update,
                    key if an is not None else None,
                    mirrored=box is not None and mirror,
                    display=box is not None,
                )
            )

    def _post(self, lf: LiveFrame) -> None:
        s = self.stats
        s.processed += 1
        s.with_pose += lf.landmarks is not None
        s.latencies_ms.append((lf.t_processed - lf.t_capture) * 1000.0)
        with self._lock:
            pending = self._box is not None
            s.posted_dropped += pending
            self._box = lf
        if not pending:
            self.frameReady.emit()
