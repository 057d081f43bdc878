"""The session player's layout: its widgets, buttons and keyboard shortcuts (mixed into ``PlayerView``).

``PlayerLayout._build`` lays out the header (routine title, step number, progress bar), the announcement
banner, the illustration and instructions (left), the phase, side, timer ring, counters and rep buttons
(middle), the optional camera widget (right), and the control bar with the key help under it; sizes are
device-independent pixels. ``_shortcuts`` binds the player's keys to its ``SessionController`` and
``AudioCues``. The mixin expects ``controller``, ``audio``, ``camera`` and ``request_end`` from ``PlayerView``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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

from coach.ui import style
from coach.ui.illustration import Illustration
from coach.ui.layout import fixed_width, scroll_area
from coach.ui.session.player_widgets import SideIndicator, TimerRing

KEY_HELP = "Space pause · Enter set done · → skip · ← back · + / − reps · M mute · F large text · Esc end"


class PlayerLayout:
    """Builds the player's widgets and shortcuts (see the module docstring)."""

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
