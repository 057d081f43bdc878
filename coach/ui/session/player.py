"""PlayerView: the guided-session screen (illustration, cues, timer ring, counters, side, next, controls).

Keyboard: Space pause/resume, Right skip, Left back, Esc end (after a confirm), M mute, + / - add or
remove a rep by hand (during the rest after a rep set they correct that set), Enter "Done": the rep set was
done in full (records the target reps). The view talks only to its ``SessionController`` and ``AudioCues``; an optional
camera widget (``CameraPanel``) is shown on the right, wired up by ``session.flow``.
The widgets and shortcuts are built in ``player_layout`` (``PlayerLayout``, mixed in here).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QStyle, QWidget

from coach.core.exercises import count_word
from coach.core.session import Cue, Phase, SessionState
from coach.ui import style
from coach.ui.audio import AudioCues
from coach.ui.dialogs import ask
from coach.ui.layout import fixed_width
from coach.ui.session.controller import SessionController
from coach.ui.session.player_layout import KEY_HELP, PlayerLayout
from coach.ui.session.player_text import PHASE_TITLES, instructions_html, just_done_text, ring_values, side_caption

__all__ = ["KEY_HELP", "PlayerView"]


class PlayerView(PlayerLayout, QWidget):
    def __init__(self, controller: SessionController, audio: AudioCues, camera: QWidget | None = None, parent=None):
        super().__init__(parent)
        self.controller, self.audio, self.camera = controller, audio, camera
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName("Session player")
        self._shown_paused = False
        self._shown_step = None
        self._build()
        self._shortcuts()
        controller.stateChanged.connect(self.show_state)
        controller.cue.connect(self.show_cue)
        audio.mutedChanged.connect(self._show_mute)
        audio.problem.connect(self._audio_problem)  # a bound method: dropped with this page (the audio outlives it)
        self._show_mute(audio.muted)
        fixed_width(self.mute_btn, ("Sound on", "Muted", "No sound"))
        self._banner_timer = QTimer(self, singleShot=True, interval=3500, timeout=self._clear_banner)
        self.show_state(controller.state())
        from coach.ui.session.across_room import install

        install(self)  # across-the-room large text: F / Ctrl+L

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        layer = getattr(self, "large_text", None)
        if layer is not None:
            layer.setGeometry(self.rect())

    # ---- updates ---------------------------------------------------------------------------------
    def show_state(self, s: SessionState) -> None:
        number = min(s.steps_total, max(0, s.step_index + (1 if s.step is not None else 0)))
        self.steps.setMaximum(max(1, s.steps_total))
        self.steps.setValue(number)
        self.step_label.setText(f"Step {number} of {s.steps_total}")
        step = s.step
        if step is not None and step is not self._shown_step:  # the step's words change with the step, not each tick
            self._shown_step = step
            self.picture.set_path(step.illustration, step.title)
            self.step_title.setText(step.title)
            self.text.setText(instructions_html(step))
        self.phase.setText(PHASE_TITLES.get(s.phase, ""))
        self.side.set_side(s.side)
        self.side.setVisible(s.sides_total == 2 or s.side is not None)
        self.side_words.setText(side_caption(step, s.side))
        self.side_words.setVisible(bool(self.side_words.text()))
        self.picture.set_mirrored(s.side == "right")  # pictures are drawn for the left side
        fraction, big, caption = ring_values(s)
        self.ring.set_values(fraction, big, caption, s.paused)
        self.counts.setText(self._counts(s))
        reps_phase = s.phase == Phase.WORK
        self.plus.setVisible(reps_phase or s.amendable)
        self.minus.setVisible(reps_phase or s.amendable)
        self.plus.setEnabled(not s.paused)
        self.minus.setEnabled(s.reps_done > 0 if reps_phase else bool(s.amend_reps))
        for b, name in ((self.plus, "Add a rep"), (self.minus, "Remove a rep")):
            b.setToolTip(name if reps_phase else f"{name} to the set just done")
        self.done_btn.setVisible(reps_phase)
        self.done_btn.setEnabled(reps_phase and not s.paused)
        if reps_phase:
            n = max(s.reps_done, s.reps_target or 0)
            self.done_btn.setText(f"✓  Done: {n} {count_word(getattr(s.step, 'exercise', None), n)}")
        self.drops.setText(
            f"Pelvic-drop flags — left: {s.drops_left} · right: {s.drops_right}"
            if s.drops_left or s.drops_right
            else ""
        )
        self.drops.setVisible(bool(self.drops.text()))
        if self.camera is None:
            self.manual.setVisible(reps_phase)  # the hint where it applies: a rep set counted by hand
        self.next.setText(s.next_label)
        self.next.setVisible(bool(s.next_label))
        self.pause_btn.setText("Resume" if s.paused else "Pause")
        if s.paused != self._shown_paused:
            self._shown_paused = s.paused
            self.pause_btn.setIcon(style.icon(self, QStyle.SP_MediaPlay if s.paused else QStyle.SP_MediaPause))
        running = s.phase not in (Phase.IDLE, Phase.FINISHED)
        for b in (self.back_btn, self.pause_btn, self.skip_btn, self.end_btn):
            b.setEnabled(running)

    @staticmethod
    def _counts(s: SessionState) -> str:
        if s.sets_total <= 0:
            return ""
        if s.phase in (Phase.REST, Phase.READY) and s.last_set is not None and s.last_set.kind == "strength":
            return just_done_text(s)
        text = f"Set {max(1, s.set_number)} of {s.sets_total}"
        if s.reps_target is not None:
            text += f"  ·  {count_word(getattr(s.step, 'exercise', None)).capitalize()} {s.reps_done} / {s.reps_target}"
            if s.partial_reps:
                text += f"  ·  {s.partial_reps} partial"
        elif s.hold_target_s is not None:
            text += f"  ·  Hold {int(s.hold_target_s)} s"
        return text

    def show_cue(self, cue: Cue) -> None:
        if cue.kind == "step":  # a new exercise: an announcement about the last one is stale
            self._clear_banner()
        elif cue.kind == "ready":
            self._banner("▶ " + cue.text)
        elif cue.kind == "pelvic_drop":
            self._banner(f"⚠ Hips dropped {cue.value}°: {cue.text}", warn=True)
        elif cue.kind == "switch_side":
            self._banner("⇄ " + cue.text)
        elif cue.kind == "set_done":
            self._banner("✓ " + cue.text)
        elif cue.kind == "finished":
            self._banner(cue.text)

    def _banner(self, text: str, warn: bool = False) -> None:
        self.banner.setText(text)
        self.banner.setProperty("role", "warn" if warn else "")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self._banner_timer.start()

    def _clear_banner(self) -> None:
        self.banner.setText("")

    def _audio_problem(self, _message: str) -> None:
        self._show_mute(self.audio.muted)

    def _show_mute(self, muted: bool) -> None:
        """Sound on / Muted; "No sound", greyed out with the reason as its tip, when there is no audio device."""
        reason = self.audio.unavailable
        self.mute_btn.setEnabled(reason is None)
        self.mute_btn.setToolTip(reason or "Mute or unmute sounds (M)")
        self.mute_btn.setText("No sound" if reason else "Muted" if muted else "Sound on")
        quiet = muted or reason is not None
        self.mute_btn.setIcon(style.icon(self, QStyle.SP_MediaVolumeMuted if quiet else QStyle.SP_MediaVolume))

    # ---- ending ----------------------------------------------------------------------------------
    def request_end(self) -> None:
        if not self.controller.running:
            return
        was_paused = self.controller.paused
        if not was_paused:
            self.controller.toggle_pause()
        if self._confirm_end():
            self.controller.end_early()
            return
        if not was_paused:
            self.controller.toggle_pause()
        self.setFocus(Qt.OtherFocusReason)  # the keys are the player's again after the dialog

    def _confirm_end(self) -> bool:
        """Ask before ending (tests override this)."""
        return ask(
            self,
            "End session?",
            "End this session now? The sets you finished are already saved.",
            "End session",
            "Keep going",
        )
