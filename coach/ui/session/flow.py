"""One guided session from start to end: pain check-in → player → pain check-in → summary.

``SessionFlow`` is a page stack made for one routine. It creates the session through the app controller,
asks for the camera if the user wants it, wires the camera's counts and flags into the session, and hands
the finished record to the summary. ``closed`` tells the main window to go back (to history or routines).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget

from coach.core.exercises import EXERCISES
from coach.core.routines.model import Routine, StrengthStep
from coach.core.session import Phase, SessionState
from coach.ui.app_controller import AppController
from coach.ui.session.checkin import PainCheckIn
from coach.ui.session.gentler import HIGH_PAIN
from coach.ui.session.gentler import ask as ask_gentler
from coach.ui.session.player import PlayerView
from coach.ui.session.summary import SummaryView

CAMERA_PHASES = (Phase.READY, Phase.WORK, Phase.HOLD, Phase.REST)


def camera_target(s: SessionState) -> tuple[str | None, str | None]:
    """(exercise key, side) the camera should analyse now, or (None, None) for a preview only. The target
    holds through the rests between sets of one side, so the hip-line calibration made while getting into
    position carries over (rests only come between sets of a strength step)."""
    step = s.step
    if s.phase in CAMERA_PHASES and isinstance(step, StrengthStep) and step.exercise in EXERCISES:
        return step.exercise, s.side
    return None, None


class SessionFlow(QStackedWidget):
    closed = Signal(object)  # session id to show in history, or None: back to the routines
    runningChanged = Signal(bool)

    def __init__(self, app: AppController, routine: Routine, parent=None):
        super().__init__(parent)
        self.app, self.routine = app, routine
        self.controller = app.new_session(routine)
        self.camera = None
        self.player: PlayerView | None = None
        self.summary: SummaryView | None = None
        self._target: tuple[str | None, str | None] = (None, None)
        self._starting = False
        self.setAccessibleName(f"Session: {routine.title}")
        self.before = PainCheckIn(
            True, camera_default=bool(app.settings.get("camera/enabled")), camera_note=app.camera_note()
        )
        self.before.camera.setVisible(app.uses_camera(routine))
        self.before.camera.toggled.connect(self._camera_chosen)
        self._camera_chosen(self.before.camera.isChecked())
        self.before.accepted.connect(self._start)
        self.before.cancelled.connect(lambda: self.closed.emit(None))
        self.addWidget(self.before)
        self.after = PainCheckIn(False)
        self.after.accepted.connect(self._finish)
        self.controller.ended.connect(self._ended)

    def _camera_chosen(self, on: bool) -> None:
        if on and self.app.uses_camera(self.routine):
            from coach.pose.prewarm import prewarm

            # Qt's multimedia libraries first, on this thread: loading them while the background thread loads
            # OpenCV deadlocked the app at session start (two native imports waiting on each other)
            self.app.audio.warm_up()
            prewarm()  # native libraries load while the user rates their pain, not when the live view starts

    def show_page(self, page) -> None:
        """Show a page and give it the keyboard focus (its focus proxy: the pain slider, the player...). Again
        once the event loop has run: a dialog that just closed (the model download) hands focus back to the
        widget it was opened from, which is no longer on screen."""
        self.setCurrentWidget(page)
        page.setFocus(Qt.OtherFocusReason)
        QTimer.singleShot(0, self, lambda: self._focus_again(page))  # dropped with this page if it is deleted

    def _focus_again(self, page) -> None:
        if self.currentWidget() is page and page.isVisible():
            self.window().activateWindow()
            page.setFocus(Qt.OtherFocusReason)

    @property
    def running(self) -> bool:
        return self.controller.running

    @property
    def busy(self) -> bool:
        """Started and not yet saved with its pain-after check-in: leaving now would lose that."""
        return self.controller.phase != Phase.IDLE and self.controller.record is None

    def _start(self, pain: int | None, camera: bool, _notes: str) -> None:
        if self._starting:  # a second click while the model dialog (a nested event loop) was open
            return
        self._starting = True
        if not self._gentler_if_high(pain):
            self._starting = False  # "Go back": still on the check-in
            return
        self.app.settings.set("camera/enabled", camera)
        if camera and self.app.uses_camera(self.routine):
            self.camera = self.app.make_camera(self)
        self.player = PlayerView(self.controller, self.app.audio, self.camera)
        self.addWidget(self.player)
        self.show_page(self.player)
        if self.camera is not None:
            self._wire_camera()
        self.controller.start(pain)
        self.runningChanged.emit(True)

    def _gentler_if_high(self, pain: int | None) -> bool:
        """At pain >= 7/10 ask first (session.gentler); a gentler choice replaces the routine before it starts.
        False: the person went back."""
        if pain is None or pain < HIGH_PAIN:
            return True
        answer, routine = self._ask_gentler(pain)
        if answer == "back":
            return False
        if routine is not self.routine:
            self.controller.ended.disconnect(self._ended)
            self.routine, self.controller = routine, self.app.new_session(routine)
            self.controller.ended.connect(self._ended)
            self.setAccessibleName(f"Session: {routine.title}")
        return True

    def _ask_gentler(self, pain: int):
        """(answer, routine) from the high-pain question (tests override this)."""
        return ask_gentler(self, pain, self.routine, self.app.library().routines)

    def _wire_camera(self) -> None:
        cam = self.camera
        cam.repMeasured.connect(self._camera_rep)
        cam.partialRep.connect(self.controller.camera_partial)
        cam.pelvicDrop.connect(self._camera_drop)
        cam.tracking.connect(self.controller.camera_tracking)
        self.controller.stateChanged.connect(self._follow_state)
        cam.start()

    def _camera_rep(self, rep) -> None:
        """Flash a camera rep as counted only if the session counted it."""
        if self.controller.camera_rep(rep):
            self.camera.show_rep(rep.side)
        else:
            s = self.controller.state()
            why = "Paused" if s.paused else "Resting" if s.phase == Phase.REST else "Between sets"
            self.camera.show_not_counted(f"{why}: that rep was not counted")

    def _camera_drop(self, event) -> None:
        if self.controller.camera_drop(event):
            self.camera.show_drop(event)

    def _follow_state(self, s: SessionState) -> None:
        target = camera_target(s)
        if target != self._target:
            self._target = target
            self.camera.set_exercise(*target)

    def _ended(self) -> None:
        self.stop_camera()
        self.addWidget(self.after)
        self.show_page(self.after)

    def stop_camera(self) -> None:
        if self.camera is not None:
            self.camera.stop()

    def _finish(self, pain: int | None, _camera: bool, notes: str) -> None:
        if self.controller.record is not None:  # saved already
            return
        record = self.controller.finish(pain, notes)
        self.runningChanged.emit(False)
        self.summary = SummaryView(record)
        saver = self.app.saver
        self.summary.set_saved(
            not saver.failing and saver.pending == 0,
            "Not saved yet: the history can't be written. It stays in memory and saving is retried.",
        )
        saver.saved.connect(self._saved)
        self.summary.showHistory.connect(lambda sid: self.closed.emit(sid))
        self.summary.done.connect(lambda: self.closed.emit(None))
        self.addWidget(self.summary)
        self.show_page(self.summary)

    def _saved(self, session_id: str) -> None:
        if self.summary is not None and session_id == self.summary.record.id:
            self.summary.set_saved(True)

    def abandon(self) -> None:
        """The window is closing mid-session: end it and save what was done (as interrupted)."""
        if self.controller.record is None:
            if self.controller.running:
                self.controller.end_early()
            if self.controller.phase != Phase.IDLE:  # no pain score was confirmed: none is made up
                self.controller.finish(None, self.after.notes.toPlainText().strip())
        self.stop_camera()
