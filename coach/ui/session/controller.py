"""SessionController: the player's door to a running session (engine + clock tick + sound + saving).

It owns a ``SessionEngine`` driven by an injected monotonic clock (seconds) and a QTimer that ticks it
every ``tick_ms``; each set the engine completes goes to the ``SessionSaver`` at once. Views call the
control methods and listen to ``stateChanged`` / ``cue``; they never see the engine's store or camera.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from coach.core.analysis.results import RepEvent
from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.core.routines.model import Routine
from coach.core.session import Cue, Phase, SessionEngine, SessionState
from coach.ui.audio import AudioCues
from coach.ui.session.saver import SessionSaver


class SessionController(QObject):
    stateChanged = Signal(object)  # SessionState, after every change and every tick
    cue = Signal(object)  # Cue, each one the engine gives (the player shows it; audio plays it)
    ended = Signal()  # the engine reached FINISHED (done or ended early): ask for pain after

    def __init__(
        self,
        routine: Routine,
        *,
        saver: SessionSaver,
        audio: AudioCues | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        tick_ms: int = 100,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.routine = routine
        self.saver = saver
        self.audio = audio
        self.engine = SessionEngine(routine, clock=clock, wall=wall, on_set=self._on_set)
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._ended = False
        self.record: SessionRecord | None = None  # the finished record

    # ---- lifecycle -------------------------------------------------------------------------------
    def start(self, pain_before: int | None) -> None:
        cues = self.engine.start(pain_before)
        self.saver.begin(self.engine.record)
        self._timer.start()
        self._after(cues)

    def finish(self, pain_after: int | None, notes: str = "") -> SessionRecord:
        """Close the session (completed or interrupted) and save it; returns the record."""
        self._timer.stop()
        self.record = self.engine.finish(pain_after, notes)
        self.saver.finish(self.record)
        return self.record

    def state(self) -> SessionState:
        return self.engine.state()

    @property
    def phase(self) -> Phase:
        return self.engine.phase

    @property
    def running(self) -> bool:
        return self.engine.phase not in (Phase.IDLE, Phase.FINISHED)

    # ---- controls --------------------------------------------------------------------------------
    def tick(self) -> None:
        self._after(self.engine.tick())

    def toggle_pause(self) -> None:
        self.engine.toggle_pause()
        self._after([])

    def skip(self) -> None:
        self._after(self.engine.skip())

    def back(self) -> None:
        self._after(self.engine.back())

    def end_early(self) -> None:
        self._after(self.engine.end_early())

    def add_rep(self, source: str = "manual") -> None:
        self._after(self.engine.add_rep(source))

    def remove_rep(self) -> None:
        self.engine.remove_rep()
        self._after([])

    def complete_set(self) -> None:
        """ "Done": the rep set in progress was done in full (the target is recorded; + / − correct it)."""
        self._after(self.engine.complete_set())

    @property
    def paused(self) -> bool:
        return self.engine.paused

    # ---- camera events (CameraPanel signals) -----------------------------------------------------
    def camera_tracking(self, on: bool) -> None:
        """The camera is analysing the user's pose: the session's pelvic-drop results are real (even if none)."""
        if on:
            self.engine.mark_camera_used()

    def camera_rep(self, rep: RepEvent) -> bool:
        """A rep the camera saw (its pelvic-drop peak is kept). True if the session counted it: not during a
        rest, a hold or a pause."""
        cues = self.engine.add_rep("camera", rep.peak_drop_deg)
        self._after(cues)
        return any(c.kind == "rep" for c in cues)

    def camera_partial(self, _side: object = None) -> None:
        self.engine.add_partial("camera")
        self._after([])

    def camera_drop(self, event: PelvicDropEvent) -> bool:
        """A pelvic-drop flag from the camera; True if the session kept it (in a set, or just after one)."""
        cues = self.engine.add_pelvic_drop(event)
        self._after(cues)
        return any(c.kind == "pelvic_drop" for c in cues)

    # ---- internals -------------------------------------------------------------------------------
    def _on_set(self, s: SetRecord) -> None:
        rec = self.engine.record
        self.saver.add_set(rec.id, s, rec.steps_done)

    def _after(self, cues: list[Cue]) -> None:
        for c in cues:
            if self.audio is not None:
                self.audio.play(c)
            self.cue.emit(c)
        self.stateChanged.emit(self.engine.state())
        if self.engine.phase == Phase.FINISHED and not self._ended:
            self._ended = True
            self._timer.stop()
            self.ended.emit()
