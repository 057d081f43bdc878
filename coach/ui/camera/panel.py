"""``CameraPanel``: what the player embeds when the camera is on (the contract in docs/ARCHITECTURE.md).

It owns one ``PoseWorker`` thread at a time, shows its frames in a ``CameraView`` and relays the
counting events as plain signals: ``repMeasured(RepEvent)``, ``partialRep(side)``, ``pelvicDrop(event)``,
``status(text)`` and ``manualMode(reason)``. It never marks a rep or a flag as counted by itself: the
session decides (a rep during a rest is not counted) and calls ``show_rep`` / ``show_drop`` /
``show_not_counted``, so nothing that isn't counted looks counted. Cheap to construct: no mediapipe import here (the
worker thread creates the landmarker). Whatever happens (no camera, camera unplugged, model
missing or unloadable) the panel shows a clear text, emits ``manualMode`` and the session goes on;
"Retry camera" starts a fresh worker. ``stop()`` never freezes the GUI: it waits at most
``STOP_WAIT_S`` for the thread (which can't be interrupted while the model loads or the camera
opens); a thread still running then is detached: disconnected from the panel and kept alive by a
module-level reference until it finishes.
Thread retirement is in ``retire``; the source and config from Settings in ``panel_settings``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coach.core.analysis import AnalysisConfig
from coach.pose.sources import CameraSourceSpec
from coach.ui.camera.messages import manual_sentence
from coach.ui.camera.panel_settings import config_from_settings, source_from_settings
from coach.ui.camera.retire import STOP_WAIT_S, _detached, _retire
from coach.ui.camera.view import CameraView
from coach.ui.camera.worker import PoseWorker

__all__ = ["COLLAPSED_W", "STOP_WAIT_S", "CameraPanel", "_detached", "config_from_settings", "source_from_settings"]

log = logging.getLogger(__name__)
COLLAPSED_W = 260  # px, the panel's width when it has no picture, only a sentence
QWIDGETSIZE_MAX = (1 << 24) - 1


class CameraPanel(QWidget):
    repMeasured = Signal(object)  # a full rep the camera saw, as a RepEvent (side, depth, peak_drop_deg)
    partialRep = Signal(object)  # side
    pelvicDrop = Signal(object)  # coach.core.record.PelvicDropEvent
    status = Signal(str)  # human-readable status lines
    manualMode = Signal(str)  # reason: camera missing / lost > 2 s / model missing or unusable
    tracking = Signal(bool)  # True once the model is loaded and the camera's frames are analysed

    def __init__(
        self,
        source: CameraSourceSpec | Callable[[], Any],
        model_path: Path | None,
        *,
        config: AnalysisConfig = AnalysisConfig(),
        mirror: bool = True,
        parent=None,
        estimator_factory: Callable[[Path], Any] | None = None,
        lost_after_s: float = 2.0,
    ):
        super().__init__(parent)
        self.setAccessibleName("Camera panel")
        self.source = source
        self.model_path = model_path
        self.config = config
        self._estimator_factory = estimator_factory
        self._lost_after_s = lost_after_s
        self.worker: PoseWorker | None = None
        self.exercise: tuple[str | None, str | None] = (None, None)
        self.manual_reason: str | None = None
        self._draining: PoseWorker | None = None  # a worker stopped just now whose last events are delivered
        self.view = CameraView(self, mirror=mirror)
        self.view.set_placeholder("Camera off")
        self.view.displayChanged.connect(self._on_display)
        self.status_label = QLabel("Camera off", self)
        self.status_label.setAccessibleName("Camera status")
        self.status_label.setWordWrap(True)
        self.retry_button = QPushButton("Retry camera", self)
        self.retry_button.setAccessibleName("Retry camera")
        self.retry_button.setToolTip("Try the camera and the pose model again")
        self.retry_button.clicked.connect(self.restart)
        self.retry_button.hide()
        self.details_button = QPushButton("Details", self)
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName("Camera problem details")
        self.details_button.hide()
        self.details = QLabel(self)  # the worker's own words, for whoever wants them
        self.details.setWordWrap(True)
        self.details.setProperty("role", "muted")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Camera problem, technical details")
        self.details.hide()
        self.details_button.toggled.connect(self.details.setVisible)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.details_button)
        row.addWidget(self.retry_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        self.problem = QLabel(self)  # manual mode without a picture: the sentence, in a narrow column
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Camera problem")
        self.problem.hide()
        lay.addWidget(self.problem)
        lay.addLayout(row)
        lay.addWidget(self.details)
        lay.addStretch(0)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # ---- contract --------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker thread (no-op if it is running)."""
        if self.worker is not None and self.worker.isRunning():
            return
        self.stop()
        self.manual_reason = None
        self.retry_button.hide()
        self.details_button.setChecked(False)
        self.details_button.hide()
        self.status_label.show()
        self._collapse(None)
        self.view.set_notice(None)
        self.view.set_placeholder("Starting the camera…")
        w = PoseWorker(
            self.source,
            self.model_path,
            config=self.config,
            estimator_factory=self._estimator_factory,
            lost_after_s=self._lost_after_s,
        )
        w.frameReady.connect(self._on_frame)
        w.repCounted.connect(self._on_rep)
        w.partialRep.connect(self._on_partial)
        w.pelvicDrop.connect(self._on_drop)
        w.status.connect(self._on_status)
        w.manualMode.connect(self._on_manual)
        w.tracking.connect(self._on_tracking)
        w.error.connect(self._on_status)
        w.finished.connect(self._on_finished)
        key, side = self.exercise
        w.set_exercise(key, side)
        w.set_display(self.view.display_box(), self.view.mirror, self.view.devicePixelRatioF())
        self._join_on_destroy = self.destroyed.connect(
            partial(_retire, w)
        )  # deleted without stop(): no dangling thread
        self.worker = w
        w.start()

    def stop(self) -> None:
        """Stop the worker thread, waiting for it at most STOP_WAIT_S; safe to call twice or before start().
        Counting events it sent before finishing (e.g. the pelvic drop of an open episode) are delivered."""
        w, self.worker = self.worker, None
        if w is None:
            return
        QObject.disconnect(self._join_on_destroy)
        if _retire(w):
            self._draining = w
            try:
                QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
            finally:
                self._draining = None
        for sig in (
            w.frameReady,
            w.repCounted,
            w.partialRep,
            w.pelvicDrop,
            w.status,
            w.manualMode,
            w.tracking,
            w.error,
        ):
            try:
                sig.disconnect()
            except (RuntimeError, TypeError):
                pass
        try:
            w.finished.disconnect(self._on_finished)
        except (RuntimeError, TypeError):
            pass
        if self.manual_reason is None:
            self.view.set_placeholder("Camera off")
            self.status_label.setText("Camera off")

    def restart(self) -> None:
        self.stop()
        self.start()

    def set_exercise(self, key: str | None, side: str | None) -> None:
        """None: preview only. A new (key, side) starts a fresh analysis in the worker; the same one again
        is a no-op (the session keeps it across the rests of one step, so calibration is kept)."""
        if (key, side) == self.exercise:
            return
        self.exercise = (key, side)
        if self.worker is not None:
            self.worker.set_exercise(key, side)

    def set_mirror(self, mirror: bool) -> None:
        self.view.set_mirror(mirror)

    def running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def _on_display(self, box, mirror: bool, dpr: float) -> None:
        if self.worker is not None:
            self.worker.set_display(box, mirror, dpr)

    # ---- worker signals (GUI thread) -------------------------------------------------------------
    def _mine(self, counting: bool = False) -> bool:
        """The signal comes from the current worker (or, for counting events, the one stop() just joined)."""
        s = self.sender()
        return s is not None and (s is self.worker or (counting and s is self._draining))

    def _on_frame(self) -> None:
        if not self._mine():
            return
        lf = self.worker.take_latest()
        if lf is not None:
            self.view.set_frame(lf)

    def _on_rep(self, ev) -> None:
        if not self._mine(counting=True):
            return
        self.repMeasured.emit(ev)

    def _on_partial(self, ev) -> None:
        if not self._mine(counting=True):
            return
        note = getattr(ev, "note", None)
        if note:  # a whole rep, but not one this step asks for (the other leg, or both feet down)
            self.view.flash(f"✗ Not counted: {note}", "info")
            return
        self.view.flash("Partial rep: not counted, go a little further", "info")
        self.partialRep.emit(ev.side)

    def _on_drop(self, ev) -> None:
        if not self._mine(counting=True):
            return
        self.pelvicDrop.emit(ev)

    # ---- what the session decided about an event ---------------------------------------------------
    def show_rep(self, side: str | None) -> None:
        """The session counted a camera rep: a short flash (no number: the player shows the count)."""
        self.view.flash(f"✓ Rep ({side} leg)" if side else "✓ Rep", "rep")

    def show_drop(self, ev) -> None:
        """The session kept a pelvic-drop flag."""
        other = "right" if ev.side == "left" else "left"
        self.view.flash(
            f"▼ Pelvic drop: {other} hip fell {ev.peak_deg:.1f}° while standing on the {ev.side} leg", "warning"
        )

    def show_not_counted(self, text: str) -> None:
        """The camera saw a rep the session did not count (a rest, a pause): say so, plainly."""
        self.view.flash(text, "info")

    def _on_status(self, text: str) -> None:
        if not self._mine():
            return
        if self.manual_reason is None:  # in manual mode the picture's area says it, once
            self.status_label.setText(text)
            if self.view.frame is None:
                self.view.set_placeholder(text)
        self.status.emit(text)

    def _on_tracking(self, on: bool) -> None:
        if self._mine():
            self.tracking.emit(on)

    def _on_manual(self, reason: str) -> None:
        if not self._mine():
            return
        self.manual_reason = reason
        self.retry_button.show()
        self.status_label.hide()
        self.details.setText(reason)
        self.details_button.show()
        sentence = manual_sentence(reason)
        self.view.set_notice(sentence)  # over the picture while frames still come (preview only)...
        if self.view.frame is None:
            self.view.set_placeholder(sentence)  # ...or in its place
        self.manualMode.emit(reason)

    def _on_finished(self) -> None:
        if not self._mine():
            return
        self.view.set_notice(None)
        self.view.set_placeholder(manual_sentence(self.manual_reason or ""))
        self._collapse(manual_sentence(self.manual_reason or ""))

    def _collapse(self, sentence: str | None) -> None:
        """No picture to show: the panel shrinks to a narrow column with the sentence (the step's picture and
        cues get the room); ``None``: the picture again, at full size."""
        self.view.setVisible(sentence is None)
        self.problem.setText(sentence or "")
        self.problem.setVisible(sentence is not None)
        self.setMaximumWidth(COLLAPSED_W if sentence is not None else QWIDGETSIZE_MAX)

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)
