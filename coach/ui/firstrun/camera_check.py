"""The optional camera framing check: a live preview through the app's one camera pipeline (``CameraPanel`` and
its worker thread), started only when the person asks, stopped when they leave the page.

The pose model is only looked for on this computer (``find_model``: no download, no dialog). With a model the
page says whether the whole body is in view; without one it shows the picture alone and says so in one sentence.
With no camera it says so in one sentence and the person simply goes on.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from coach.ui.firstrun.pages import Page, label

log = logging.getLogger(__name__)
GOOD = "Good: your whole body is in view. Sessions will look like this."
FRAMING_EXERCISE = "squat"  # judged from the front or the side; its framing needs the whole body


def local_model(settings, explicit=None):
    """The pose model already on this computer, or None (never downloads, never asks)."""
    from coach.pose import model as pm

    try:
        return pm.find_model(explicit or settings.get("pose/model_path") or None, settings.pose_variant)
    except pm.ModelUnavailable as err:
        log.info("framing check without a model: %s", err)
        return None


class CameraCheckPage(Page):
    next_text = "Next"

    def __init__(self, app, parent=None):
        """``app``: the AppController (settings, launch options, audio)."""
        super().__init__("Check the camera (optional)", parent)
        self.app = app
        self.body.addWidget(
            label(
                "Put the laptop or webcam 2–3 m away at hip height, then stand where you will exercise. "
                "You can skip this and count reps by hand.",
            )
        )
        row = QHBoxLayout()
        self.toggle = QPushButton("Turn on the camera")
        self.toggle.setAccessibleName("Turn the camera on or off")
        self.toggle.clicked.connect(self._toggle)
        row.addWidget(self.toggle)
        row.addStretch(1)
        self.body.addLayout(row)
        self.status = label(scale=1.1, bold=True)
        self.status.setAccessibleName("Camera check result")
        self.body.addWidget(self.status)
        self.panel = None
        self.model = None
        self._slot = self.body.count()
        self.finish_body()  # no focus proxy: Enter goes on (the check is optional); Tab reaches the button

    def _toggle(self) -> None:
        if self.panel is not None and self.panel.running():
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        try:
            from coach.ui.camera.panel import CameraPanel, config_from_settings, source_from_settings
        except ImportError as err:
            self.status.setText(f"The camera can't be used on this computer ({err}); you can count reps by hand.")
            return
        s, opts = self.app.settings, self.app.options
        if self.panel is None:
            self.model = local_model(s, opts.model)
            spec = source_from_settings(s, video=opts.video, camera=opts.camera_index)
            self.panel = CameraPanel(
                spec, self.model, config=config_from_settings(s), mirror=bool(s.get("camera/mirror"))
            )
            self.panel.setMinimumHeight(260)
            self.panel.status_label.hide()  # one status line on this page: ours
            self.panel.retry_button.hide()
            self.panel.status.connect(self._progress)
            self.panel.manualMode.connect(self._no_camera)
            self.panel.tracking.connect(self._tracking)
            self.panel.view.painted.connect(self._judge)
            self.body.insertWidget(self._slot, self.panel, 1)
        from coach.pose.prewarm import prewarm

        self.app.audio.warm_up()  # Qt multimedia before OpenCV's import in the worker (see session.flow)
        prewarm()
        self.status.setText("Starting the camera…")
        if self.model is not None:
            self.panel.set_exercise(FRAMING_EXERCISE, None)
        self.panel.start()
        self.toggle.setText("Turn off the camera")

    def stop(self) -> None:
        if self.panel is not None:
            self.panel.stop()
        self.toggle.setText("Turn on the camera")

    def _no_camera(self, reason: str) -> None:
        if self.model is None and reason.startswith("No pose model"):
            self.status.setText(
                "No pose model is on this computer yet, so this shows the picture only; a session will offer it."
            )
            return
        self.status.setText("No camera picture: you can count reps by hand, so just go on.")
        self.toggle.setText("Try the camera again")

    def _progress(self, text: str) -> None:
        """The worker's own words while it starts ("Loading the pose model…", "Opening the camera…")."""
        if self.status.text() in ("", "Starting the camera…", "Loading the pose model…", "Opening the camera…"):
            self.status.setText(text)

    def _tracking(self, on: bool) -> None:
        if on:
            self.status.setText("Camera on: stand where you will exercise.")

    def _judge(self, _t: float) -> None:
        if self.model is None or self.panel is None:
            return
        guidance = self.panel.view.guidance()
        frame = self.panel.view.frame
        if frame is not None and frame.landmarks is not None and guidance is None:
            self.status.setText(GOOD)
        elif guidance:
            self.status.setText(guidance)

    def hideEvent(self, e) -> None:
        self.stop()  # leaving the page (or the flow) turns the camera off
        super().hideEvent(e)
