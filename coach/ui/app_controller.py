"""AppController: what the views may use — routines, history, sessions, sound, camera — and nothing else.

It owns the history store (opened on demand, and reopened after a failed write), the routine library, the shared
``SessionSaver`` and ``AudioCues``. Views never open the database or the camera themselves. The clock is
injected so sessions can be played instantly in tests.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coach import paths
from coach.core.errors import CoachError
from coach.core.routines import Library
from coach.core.routines.model import Routine, StrengthStep
from coach.store import HistoryStore
from coach.store.recovery import replay
from coach.ui.audio import AudioCues
from coach.ui.session.controller import SessionController
from coach.ui.session.saver import SessionSaver
from coach.ui.settings import Settings

log = logging.getLogger(__name__)
SAVE_ALERT = "History not saved yet"
BUSY_MS = 250  # the GUI's writes wait at most this long (ms) for another process's lock; then the saver retries


@dataclass(frozen=True)
class LaunchOptions:
    """From the command line: ``--video FILE`` (a recording as the camera), ``--camera N``, ``--model PATH``."""

    video: Path | None = None
    camera_index: int | None = None
    model: str | None = None


class AppController(QObject):
    alert = Signal(str, str)  # (title, message) worth a dialog: history moved aside, save failing
    resolved = Signal(str)  # title of an alert that no longer applies (saving works again)
    message = Signal(str)  # status-bar line
    historyChanged = Signal()

    def __init__(
        self,
        settings: Settings,
        options: LaunchOptions = LaunchOptions(),
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        db_path: Path | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.settings, self.options = settings, options
        self.clock, self.wall = clock, wall
        self.db_path = db_path or paths.db_path()
        self._library: Library | None = None
        self._store: HistoryStore | None = None
        self._history = None
        self.audio = AudioCues(settings, self)
        self.audio.problem.connect(self.message)
        from coach.ui.today.service import ProgrammeService

        self.programme = ProgrammeService(
            self.store, lambda: self.library().routines, paths.programme_folders, self.wall, parent=self
        )
        from coach.ui.runs.service import RunsService

        self.runs = RunsService(
            self.store,
            self.wall,
            lambda: settings.distance_unit,
            lambda: settings.run_start_m,
            save_start=lambda m: settings.set("runs/start_km", m / 1000),
            parent=self,
        )
        self.runs.changed.connect(self.programme.changed)  # a run logged yesterday asks this morning's check
        self.saver = SessionSaver(self.store, self, reconnect=self._drop_store, recovery_path=self.recovery_path)
        self.saver.error.connect(lambda m: self.alert.emit(SAVE_ALERT, m))
        self.saver.recovered.connect(self._save_recovered)
        self.saver.saved.connect(lambda _id: self._history_changed())

    # ---- routines --------------------------------------------------------------------------------
    def library(self) -> Library:
        if self._library is None:
            self._library = paths.load_routines()
        return self._library

    def reload_library(self) -> Library:
        self._library = None
        return self.library()

    def user_routines_dir(self) -> Path:
        return paths.user_routines_dir()

    # ---- history ---------------------------------------------------------------------------------
    def store(self) -> HistoryStore:
        """The open history store; (re)opens it on demand. Raises StoreError when it can't be opened."""
        if self._store is None:
            # strict: a history from a newer version raises (nothing is "saved" into a stand-in in memory:
            # the saver keeps the work in the recovery file instead)
            store, note = HistoryStore.open(self.db_path, strict=True, busy_ms=BUSY_MS)
            self._store = store
            if note:
                self.alert.emit("History", note)
        return self._store

    def _drop_store(self) -> None:
        """A write failed: close this connection so the next try opens the file afresh."""
        if self._store is not None:
            try:
                self._store.close()
            except Exception:  # already broken
                pass
            self._store = None

    def open_store(self) -> str | None:
        """Open the store now (at launch) and add what a previous run couldn't save; returns a problem
        message, or None."""
        try:
            store = self.store()
            n, aside = replay(self.recovery_path, store) if self.recovery_path.exists() else (0, 0)
            store.count_damaged()  # counts damaged rows, if any (without building every record)
            damaged = store.skipped_note()
        except CoachError as err:
            log.warning("history unavailable: %s", err)
            return str(err)
        except OSError as err:  # the recovery file's folder can't be written
            log.warning("recovery file: %s", err)
            return f"The unsaved sessions in {self.recovery_path} couldn't be added: {err.strerror or err}."
        if n:
            self.message.emit(f"Added {n} session(s) that couldn't be saved last time to your history.")
            self._history_changed()
        if aside:
            self.alert.emit(
                "History",
                f"{aside} unsaved session record(s) from an earlier run were damaged and "
                f"could not be added; they were kept next to {self.recovery_path}.",
            )
        if damaged:
            self.alert.emit("History", damaged)
        return None

    @property
    def recovery_path(self) -> Path:
        return self.db_path.with_name("unsaved-sessions.json")

    @property
    def history(self):
        """The HistoryController for the history view (made on first use, so QtCharts loads lazily)."""
        if self._history is None:
            from coach.ui.history.controller import HistoryController

            self._history = HistoryController(self.store, self)
        return self._history

    def _save_recovered(self) -> None:
        self.resolved.emit(SAVE_ALERT)
        self.message.emit("Saved: your history is up to date again.")

    def _history_changed(self) -> None:
        if self._history is not None:
            self._history.notify_changed()
        self.historyChanged.emit()

    # ---- sessions --------------------------------------------------------------------------------
    def new_session(self, routine: Routine) -> SessionController:
        return SessionController(routine, saver=self.saver, audio=self.audio, clock=self.clock, wall=self.wall)

    @staticmethod
    def uses_camera(routine: Routine) -> bool:
        return any(isinstance(s, StrengthStep) for s in routine.steps)

    def camera_note(self) -> str:
        from coach.ui.camera.devices import camera_label  # names the camera ("Integrated Webcam"), not its index

        src = f"the video {self.options.video.name}" if self.options.video else camera_label(self.camera_index())
        return (
            f"Uses {src}. Video is analysed on this computer only: nothing is recorded or uploaded. "
            "Without a camera or pose model you count reps with + / −."
        )

    def camera_index(self) -> int:
        return (
            self.options.camera_index
            if self.options.camera_index is not None
            else int(self.settings.get("camera/index"))
        )

    def make_camera(self, parent: QWidget | None) -> QWidget | None:
        """A CameraPanel for a session (the pose model is found or fetched first, with a dialog); None means
        manual mode, with the reason already shown to the user."""
        try:
            from coach.ui.camera.model_dialog import ensure_model
            from coach.ui.camera.panel import CameraPanel, config_from_settings, source_from_settings
        except ImportError as err:  # a broken install must not stop the session
            log.exception("camera support unavailable")
            self.message.emit(f"Camera support is unavailable ({err}); count reps with + / −.")
            return None
        model = ensure_model(self.settings, parent, self.options.model)
        if model is None:  # declined or offline: the dialogs said why; don't ask again at every start
            self.settings.set("camera/enabled", False)
            self.message.emit(
                "Camera counting is off until a pose model is available; tick “Use the camera” "
                "at the start of a session to try again."
            )
        spec = source_from_settings(self.settings, video=self.options.video, camera=self.options.camera_index)
        return CameraPanel(
            spec,
            model,
            config=config_from_settings(self.settings),
            mirror=bool(self.settings.get("camera/mirror")),
            parent=parent,
        )

    def close(self) -> str | None:
        """Save what is pending and close the history. Returns a message if some work could only be kept in
        the recovery file (it is added to the history at the next launch)."""
        note = None
        if not self.saver.flush():
            try:
                n = self.saver.dump(self.recovery_path)
                note = (
                    f"{n} session(s) couldn't be saved to your history. They were kept in {self.recovery_path} "
                    "and will be added the next time the coach starts."
                )
            except OSError as err:
                note = f"Your last session couldn't be saved: {err}"
            log.warning(note)
        self._drop_store()
        return note
