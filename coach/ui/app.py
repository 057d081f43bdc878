"""Launching the desktop app: ``run_gui(args)`` is what ``coach`` (and ``python -m coach``) runs.

Launch is kept light: the history view, QtCharts, QtMultimedia, OpenCV and MediaPipe are all loaded
later, when first needed. ``COACH_LAUNCH_PROBE=FILE`` makes the app write the wall-clock time of its first
painted frame to FILE (used by ``bench/launch.py``); with ``COACH_LAUNCH_PROBE_QUIT=1`` it then quits.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from coach import __version__, paths
from coach.ui import single_instance, style
from coach.ui.app_controller import AppController, LaunchOptions
from coach.ui.main_window import MainWindow
from coach.ui.settings import Settings

log = logging.getLogger(__name__)


class _FirstPaint(QObject):
    """Writes the time of the window's first paint to a file (launch benchmark), then optionally quits."""

    def __init__(self, path: str, quit_after: bool):
        super().__init__()
        self.path, self.quit_after, self.done = path, quit_after, False

    def eventFilter(self, obj, event) -> bool:
        if not self.done and event.type() == QEvent.Paint:
            self.done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        Path(self.path).write_text(f"{time.time():.6f}\n")
        if self.quit_after:
            QApplication.instance().quit()


def build(argv: list[str] | None = None, options: LaunchOptions = LaunchOptions(), **controller_kw):
    """The QApplication (made if needed), the AppController and the MainWindow, not yet shown."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("IT-band coach")
    app.setOrganizationName("itband-coach")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("itband-coach")
    settings = Settings()
    style.apply(app, theme(settings))
    style.follow_system(app, lambda: theme(settings))
    controller = AppController(settings, options, **controller_kw)
    window = MainWindow(controller)
    return app, controller, window


def theme(settings: Settings) -> str:
    """The theme to use: ``COACH_THEME`` if set (tests, screenshots), else the one chosen in Settings."""
    return style.chosen(settings.theme)


def options_from_args(args) -> LaunchOptions:
    video = getattr(args, "video", None)
    return LaunchOptions(
        video=Path(video).expanduser() if video else None,
        camera_index=getattr(args, "camera", None),
        model=getattr(args, "model", None),
    )


def _open_history(controller: AppController) -> None:
    problem = controller.open_store()  # a damaged file is moved aside and the user told (alert signal)
    if problem:
        controller.alert.emit("History unavailable", f"{problem} Sessions will be kept in memory and saving retried.")


def _bring_to_front(window, controller: AppController) -> None:
    """Another ``coach`` was started: show this window instead (the other one has exited)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    controller.message.emit("The coach is already open: here it is.")


def run_gui(args) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    options = options_from_args(args)
    if options.video is not None and not options.video.is_file():
        print(f"coach: error: video file not found: {options.video}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C in the terminal quits
    app = QApplication.instance() or QApplication(sys.argv[:1])
    guard = None
    if not single_instance.allowed_twice():
        guard = single_instance.SingleInstance(paths.data_dir(), app)
        if not guard.acquire():
            reached = guard.notify()
            print(
                "coach: the coach is already open" + ("; its window was brought to the front." if reached else "."),
                file=sys.stderr,
            )
            return 0
    app, controller, window = build(options=options)
    if guard is not None:
        guard.activated.connect(lambda: _bring_to_front(window, controller))
        app.aboutToQuit.connect(guard.release)
    hidden = bool(getattr(args, "tray", False))
    from coach.ui import tray

    if hidden and not tray.tray_available():
        print("coach: this desktop has no system tray; opening the window instead.", file=sys.stderr)
        hidden = False
    window.tray = tray.install(controller, window, hidden=hidden)  # reminders on the training days
    probe = os.environ.get("COACH_LAUNCH_PROBE")
    if probe:
        watcher = _FirstPaint(probe, os.environ.get("COACH_LAUNCH_PROBE_QUIT") == "1")
        window.installEventFilter(watcher)
    if not hidden:
        window.show()
    QTimer.singleShot(0, lambda: _open_history(controller))
    QTimer.singleShot(400, controller.audio.warm_up)  # after the first frame: sounds ready before a session
    return app.exec()
