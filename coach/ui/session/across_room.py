"""Across-the-room mode: the player's large-text view, for a mat 2-3 m from the screen.

A layer over the whole player showing only what a person needs from across the room: the timer ring, the count
("Set 2 of 3 · 4 / 10 reps"), the side in words (which leg stands, which moves) and one cue (the step's first
cue, or the latest announcement for a few seconds). Text sizes follow the layer's size: at 1280×800 the count
is ``COUNT_MIN_PX`` px or more. F or Ctrl+L toggles it; the choice is kept in the settings (``ui/large_text``).
The player's keys keep working underneath (the layer never takes the keyboard focus).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coach.core.routines.model import StrengthStep
from coach.core.session import Cue, Phase, SessionState
from coach.ui.session.player_text import PHASE_TITLES, side_caption
from coach.ui.session.player_widgets import TimerRing

COUNT_MIN_PX = 48  # the count's pixel size at 1280×800, readable from about 3 m
ANNOUNCE_MS = 4000


def count_text(s: SessionState) -> str:
    """The count in a few big words: "Set 2 of 3 · 4 / 10", "Set 1 of 2 · hold 20 s", or the phase."""
    if s.sets_total <= 0:
        return PHASE_TITLES.get(s.phase, "")
    text = f"Set {max(1, s.set_number)} of {s.sets_total}"
    if s.phase == Phase.WORK and s.reps_target is not None:
        text += f" · {s.reps_done} / {s.reps_target}"
    elif s.hold_target_s is not None:
        text += f" · hold {int(s.hold_target_s)} s"
    return text


def one_cue(s: SessionState) -> str:
    """The step's first cue (strength or roll), else its text; "" when there is none."""
    step = s.step
    cues = getattr(step, "cues", ()) if step is not None else ()
    if cues:
        return cues[0]
    return getattr(step, "text", "") or ""


def _px(label: QLabel, px: int, bold: bool = True) -> None:
    f = QFont(label.font())
    f.setPixelSize(max(8, px))
    f.setBold(bold)
    label.setFont(f)


class AcrossRoomView(QWidget):
    """The large-text layer; ``show_state`` / ``show_cue`` come from the player's controller."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("acrossRoom")
        self.setAccessibleName("Large-text view")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.NoFocus)
        root = QHBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(24)
        self.ring = TimerRing()
        self.ring.setMinimumSize(120, 120)
        root.addWidget(self.ring, 5)
        col = QVBoxLayout()
        col.setSpacing(10)
        self.phase = self._label("Phase")
        self.count = self._label("Count")
        self.side = self._label("Which leg")
        self.cue = self._label("Cue")
        col.addStretch(1)
        for w in (self.phase, self.count, self.side, self.cue):
            col.addWidget(w)
        col.addStretch(1)
        row = QHBoxLayout()
        self.hint = QLabel("F: normal view · Space pause · Enter set done")
        self.hint.setProperty("role", "muted")
        self.normal_btn = QPushButton("Normal view")
        self.normal_btn.setFocusPolicy(Qt.NoFocus)
        self.normal_btn.setAccessibleName("Back to the normal view")
        row.addWidget(self.hint, 1)
        row.addWidget(self.normal_btn)
        col.addLayout(row)
        root.addLayout(col, 6)
        self._announce = ""
        self._announce_timer = QTimer(self, singleShot=True, interval=ANNOUNCE_MS, timeout=self._end_announcement)
        self._state: SessionState | None = None

    def _label(self, name: str) -> QLabel:
        lab = QLabel()
        lab.setWordWrap(True)
        lab.setTextFormat(Qt.PlainText)
        lab.setAccessibleName(name)
        return lab

    # ---- sizes -----------------------------------------------------------------------------------
    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._fonts()

    def _fonts(self) -> None:
        """Pixel sizes from the layer's height (and width, for narrow windows): count ≈ 8 % of the height."""
        unit = min(self.height(), self.width() * 0.62)
        _px(self.count, int(unit * 0.085))
        _px(self.phase, int(unit * 0.06))
        _px(self.side, int(unit * 0.05))
        _px(self.cue, int(unit * 0.045), bold=False)

    # ---- content ---------------------------------------------------------------------------------
    def show_state(self, s: SessionState) -> None:
        from coach.ui.session.player_text import ring_values

        self._state = s
        fraction, big, caption = ring_values(s)
        self.ring.set_values(fraction, big, caption, s.paused)
        self.phase.setText("Paused" if s.paused else PHASE_TITLES.get(s.phase, ""))
        self.count.setText(count_text(s))
        words = side_caption(s.step, s.side)
        if not words and isinstance(s.step, StrengthStep) and s.step.per_side is False:
            words = "Both legs"
        self.side.setText(words)
        self.side.setVisible(bool(words))
        self.cue.setText(self._announce or one_cue(s))

    def show_cue(self, cue: Cue) -> None:
        if cue.kind == "step":  # a new exercise: an announcement about the last one is stale
            self._announce_timer.stop()
            self._end_announcement()
        elif cue.kind in ("ready", "switch_side", "set_done", "pelvic_drop", "finished") and cue.text:
            self._announce = cue.text
            self._announce_timer.start()
            self.cue.setText(cue.text)

    def _end_announcement(self) -> None:
        self._announce = ""
        if self._state is not None:
            self.cue.setText(one_cue(self._state))


def install(player) -> AcrossRoomView:
    """Add the layer to a PlayerView: keys F and Ctrl+L, the saved choice, and the controller's updates."""
    view = AcrossRoomView(player)
    settings = player.audio.settings

    def set_on(on: bool) -> None:
        view.setVisible(on)
        if on:
            view.setGeometry(player.rect())
            view.raise_()
        settings.set("ui/large_text", on)

    def toggle() -> None:
        set_on(not view.isVisible())

    player.large_text = view
    player.toggle_large_text = toggle
    view.normal_btn.clicked.connect(lambda: set_on(False))
    for keys in ("F", "Ctrl+L"):
        sc = QShortcut(QKeySequence(keys), player, context=Qt.WidgetWithChildrenShortcut)
        sc.activated.connect(toggle)
        player._keys.append(sc)
    player.controller.stateChanged.connect(view.show_state)
    player.controller.cue.connect(view.show_cue)
    view.show_state(player.controller.state())
    view.setVisible(False)
    if settings.get("ui/large_text"):
        view.setGeometry(player.rect())
        view.setVisible(True)
        view.raise_()
    return view
