"""PlayerView: the guided-session screen (illustration, cues, timer ring, counters, side, next, controls).

Keyboard: Space pause/resume, Right skip, Left back, Esc end (after a confirm), M mute, + / - add or
remove a rep by hand (during the rest after a rep set they correct that set), Enter "Done": the rep set was
done in full (records the target reps). The view talks only to its ``SessionController`` and ``AudioCues``; an optional
camera widget (``CameraPanel``) is shown on the right, wired up by ``session.flow``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coach.core.exercises import count_word
from coach.core.session import Cue, Phase, SessionState
from coach.ui import style
from coach.ui.audio import AudioCues
from coach.ui.dialogs import ask
from coach.ui.illustration import Illustration
from coach.ui.layout import fixed_width, scroll_area
from coach.ui.session.controller import SessionController
from coach.ui.session.player_text import PHASE_TITLES, instructions_html, just_done_text, ring_values, side_caption
from coach.ui.session.player_widgets import SideIndicator, TimerRing

KEY_HELP = "Space pause · Enter set done · → skip · ← back · + / − reps · M mute · F large text · Esc end"


class PlayerView(QWidget):
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

    # ---- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(18, 12, 18, 12)
        head = QHBoxLayout()
        self.title = QLabel(self.controller.routine.title)
        self.title.setTextFormat(Qt.PlainText)
        self.title.setFont(style.scaled_font(self, 1.35, bold=True))
        self.step_label = QLabel()
        self.step_label.setAccessibleName("Step number")
        self.steps = QProgressBar()
        self.steps.setAccessibleName("Routine progress")
        self.steps.setTextVisible(False)
        self.steps.setFixedSize(220, 10)
        head.addWidget(self.title, 1)
        head.addWidget(self.step_label)
        head.addSpacing(8)
        head.addWidget(self.steps)
        root.addLayout(head)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setAccessibleName("Announcement")
        self.banner.setAlignment(Qt.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.setFont(style.scaled_font(self, 1.2, bold=True))
        self.banner.setMinimumHeight(34)
        root.addWidget(self.banner)

        body = QHBoxLayout()
        body.setSpacing(18)
        root.addLayout(body, 1)
        left = QVBoxLayout()
        self.picture = Illustration(min_size=self._min(160, 110))
        left.addWidget(self.picture, 3)
        words = QWidget()
        words_lay = QVBoxLayout(words)
        words_lay.setContentsMargins(0, 0, 6, 0)
        self.step_title = QLabel()
        self.step_title.setTextFormat(Qt.PlainText)
        self.step_title.setFont(style.scaled_font(self, 1.3, bold=True))
        self.step_title.setWordWrap(True)
        words_lay.addWidget(self.step_title)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.RichText)
        self.text.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.text.setAccessibleName("Instructions and cues")
        words_lay.addWidget(self.text)
        words_lay.addStretch(1)
        self.words = scroll_area(words)  # long cues scroll in a short window instead of being cut off
        self.words.setAccessibleName("Step instructions")
        self.words.setFocusPolicy(Qt.NoFocus)  # the arrow keys skip and go back; they don't scroll the cues
        left.addWidget(self.words, 2)
        body.addLayout(left, 5)

        mid = QVBoxLayout()
        self.phase = QLabel()
        self.phase.setAlignment(Qt.AlignCenter)
        self.phase.setFont(style.scaled_font(self, 1.5, bold=True))
        self.phase.setAccessibleName("Phase")
        mid.addWidget(self.phase)
        self.side = SideIndicator()
        mid.addWidget(self.side)
        self.side_words = QLabel()
        self.side_words.setAlignment(Qt.AlignCenter)
        self.side_words.setWordWrap(True)
        self.side_words.setAccessibleName("Which leg")
        mid.addWidget(self.side_words)
        self.ring = TimerRing()
        mid.addWidget(self.ring, 1)
        self.counts = QLabel()
        self.counts.setAlignment(Qt.AlignCenter)
        self.counts.setWordWrap(True)
        self.counts.setFont(style.scaled_font(self, 1.15))
        self.counts.setAccessibleName("Set and rep counters")
        mid.addWidget(self.counts)
        reps = QHBoxLayout()
        self.minus = self._button("−  Rep", "Remove a rep", self.controller.remove_rep)
        self.plus = self._button("+  Rep", "Add a rep", lambda: self.controller.add_rep("manual"))
        self.done_btn = self._button("✓  Done", "Set done: record the target reps", self.controller.complete_set)
        for b in (self.minus, self.plus, self.done_btn):
            policy = b.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the layout doesn't jump when a rep set starts
            b.setSizePolicy(policy)
        reps.addWidget(self.minus)
        reps.addWidget(self.plus)
        reps.addWidget(self.done_btn, 1)  # one row: the ring keeps the height in a short window
        mid.addLayout(reps)
        self.drops = QLabel()
        self.drops.setAlignment(Qt.AlignCenter)
        self.drops.setWordWrap(True)
        self.drops.setAccessibleName("Pelvic-drop flags this step")
        mid.addWidget(self.drops)
        self.next = QLabel()
        self.next.setAlignment(Qt.AlignCenter)
        self.next.setWordWrap(True)
        self.next.setProperty("role", "muted")
        self.next.setAccessibleName("Next")
        mid.addWidget(self.next)
        body.addLayout(mid, 4)

        if self.camera is not None:
            self.camera.setMinimumWidth(240)
            body.addWidget(self.camera, 5)
        else:
            self.manual = QLabel("Camera off: count reps with + and −, or press Enter when a whole set is done.")
            self.manual.setWordWrap(True)
            self.manual.setProperty("role", "muted")
            mid.addWidget(self.manual)

        bar = QHBoxLayout()
        self.back_btn = self._button(
            "Back", "Back", self.controller.back, style.icon(self, QStyle.SP_MediaSkipBackward)
        )
        self.pause_btn = self._button(
            "Pause", "Pause or resume", self.controller.toggle_pause, style.icon(self, QStyle.SP_MediaPause)
        )
        self.skip_btn = self._button("Skip", "Skip", self.controller.skip, style.icon(self, QStyle.SP_MediaSkipForward))
        self.mute_btn = self._button("Sound on", "Mute or unmute sounds", self.audio.toggle_mute)
        self.end_btn = self._button(
            "End session", "End session", self.request_end, style.icon(self, QStyle.SP_MediaStop)
        )
        for b in (self.back_btn, self.pause_btn, self.skip_btn):
            bar.addWidget(b)
        bar.addSpacing(12)
        bar.addWidget(self.mute_btn)
        bar.addStretch(1)
        bar.addWidget(self.end_btn)
        keys = QLabel(KEY_HELP)  # its own line under the buttons: one line at 800 px, not four beside them
        keys.setProperty("role", "muted")
        keys.setAccessibleName("Keyboard shortcuts")
        keys.setWordWrap(True)  # two lines in a narrower window rather than a window that can't shrink
        keys.setAlignment(Qt.AlignCenter)
        keys.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.keys_help = keys
        fixed_width(self.pause_btn, ("Pause", "Resume"))

        root.addLayout(bar)
        root.addWidget(self.keys_help)

    def _min(self, w: int, h: int):
        from PySide6.QtCore import QSize

        return QSize(w, h)

    def _button(self, text: str, name: str, slot, icon=None) -> QPushButton:
        b = QPushButton(text)
        if icon is not None:
            b.setIcon(icon)
        b.setAccessibleName(name)
        b.setToolTip(name)
        b.setFocusPolicy(Qt.NoFocus)  # keys belong to the player: Space must pause, not "click" a button
        b.clicked.connect(slot)
        return b

    def _shortcuts(self) -> None:
        keys = {
            Qt.Key_Space: self.controller.toggle_pause,
            Qt.Key_Right: self.controller.skip,
            Qt.Key_Left: self.controller.back,
            Qt.Key_Escape: self.request_end,
            Qt.Key_M: self.audio.toggle_mute,
            Qt.Key_Plus: lambda: self.controller.add_rep("manual"),
            Qt.Key_Equal: lambda: self.controller.add_rep("manual"),
            Qt.Key_Minus: self.controller.remove_rep,
            Qt.Key_Underscore: self.controller.remove_rep,
            Qt.Key_Return: self.controller.complete_set,
            Qt.Key_Enter: self.controller.complete_set,
        }
        self._keys = []
        for key, slot in keys.items():
            sc = QShortcut(QKeySequence(key), self, context=Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
            self._keys.append(sc)

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
