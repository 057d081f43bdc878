"""Pain check-ins around a session (0-10) with the graded-return guidance, and the camera choice.

``PainCheckIn(before=True)`` asks before the session and offers the camera switch;
``PainCheckIn(before=False)`` asks after it and takes optional notes. Both emit ``accepted`` with the
score the user chose, or None if they didn't rate (no score is ever made up). Keys: arrows or 0-9 rate,
Return confirms, Esc goes back (before the session).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.pain import PAIN_LIMIT, pain_words, pain_zone
from coach.ui import style
from coach.ui.session.pain_slider import PainSlider

GUIDANCE = (
    "<b>Graded return.</b> Keep pain at or below <b>3–4 out of 10</b> during activity. "
    "It should <b>settle back to your usual level within a few hours</b>. "
    "Raise your weekly load by <b>no more than 10–15 %</b>."
)


def value_text(v: int | None) -> str:
    return "Not rated" if v is None else f"{v} / 10 · {pain_words(v)}"


def value_label_width(label: QLabel) -> int:
    """The width of the widest score text (0-10 and "Not rated") in ``label``'s font, px."""
    fm = label.fontMetrics()
    return max(fm.horizontalAdvance(value_text(v)) for v in [None, *range(11)]) + 8


class PainCheckIn(QWidget):
    accepted = Signal(object, bool, str)  # pain 0-10 or None (not rated), camera on, notes
    cancelled = Signal()

    def __init__(self, before: bool, *, camera_default: bool = False, camera_note: str = "", parent=None):
        super().__init__(parent)
        self.before = before
        self.setAccessibleName("Pain check-in before the session" if before else "Pain check-in after the session")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(720)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(28, 22, 28, 22)
        lay.setSpacing(12)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        title = QLabel(
            "Before you start: how is your pain right now?" if before else "Session over: how is your pain now?"
        )
        title.setFont(style.scaled_font(self, 1.4, bold=True))
        title.setWordWrap(True)
        lay.addWidget(title)
        hint = QLabel("0 = no pain, 10 = the worst pain you can imagine. Drag, use the arrow keys or type 0–9.")
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        lay.addWidget(hint)

        sl = QHBoxLayout()
        self.slider = PainSlider()
        self.slider.setAccessibleName("Pain score from 0 to 10")
        self.value = QLabel()
        self.value.setFont(style.scaled_font(self, 1.6, bold=True))
        self.value.setFixedWidth(value_label_width(self.value))  # the scale doesn't jump as the words change
        self.value.setAccessibleName("Pain score")
        lay.addWidget(self.value)  # above the scale, so the scale has the card's width and never moves
        sl.addWidget(self.slider, 1)
        lay.addLayout(sl)
        self.zone = QLabel()
        self.zone.setWordWrap(True)
        self.zone.setAccessibleName("Pain compared with the guide")
        lay.addWidget(self.zone)

        guide = QLabel(GUIDANCE)
        guide.setWordWrap(True)
        guide.setTextFormat(Qt.RichText)
        guide.setAccessibleName("Graded-return guidance")
        lay.addWidget(guide)

        self.camera = QCheckBox("Use the camera to count reps and check that your hips stay level")
        self.camera.setAccessibleName("Use the camera")
        self.camera.setChecked(camera_default)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes (optional): how it felt, what to change next time…")
        self.notes.setAccessibleName("Notes")
        self.notes.setMaximumHeight(90)
        if before:
            lay.addWidget(self.camera)
            note = QLabel(camera_note or "Video is analysed on this computer only: nothing is recorded or uploaded.")
            note.setProperty("role", "muted")
            note.setWordWrap(True)
            lay.addWidget(note)
        else:
            lay.addWidget(self.notes)

        buttons = QHBoxLayout()
        self.cancel_btn = QPushButton("Back" if before else "")  # to Today or Routines, where it was started
        self.cancel_btn.setAccessibleName("Back")
        self.cancel_btn.setAutoDefault(True)  # Return on a focused button presses that button
        self.cancel_btn.clicked.connect(self.cancelled)
        self.cancel_btn.setVisible(before)
        self.ok_btn = QPushButton("Start session" if before else "Save session")
        self.ok_btn.setProperty("primary", True)
        self.ok_btn.setAccessibleName(self.ok_btn.text())
        self.ok_btn.setAutoDefault(True)
        self.ok_btn.clicked.connect(self.accept)
        buttons.addWidget(self.cancel_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_btn)
        lay.addLayout(buttons)

        self.rated = False
        self.setFocusProxy(self.slider)
        self.slider.valueChanged.connect(self._rate)
        self.slider.sliderPressed.connect(lambda: self._rate(self.slider.value()))
        self._show(None)

    @property
    def pain(self) -> int | None:
        """The chosen score, or None while the user hasn't rated."""
        return self.slider.value() if self.rated else None

    def set_pain(self, value: int) -> None:
        self.slider.setValue(value)
        self._rate(value)

    def _rate(self, v: int) -> None:
        self.rated = True
        self._show(v)

    def keyPressEvent(self, e) -> None:
        """Keys the slider leaves to us: 0-9 rate directly, Return confirms, Esc goes back."""
        text = e.text()
        if text.isdigit() and len(text) == 1 and not self.notes.hasFocus():
            self.set_pain(int(text))
        elif e.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.accept()
        elif e.key() == Qt.Key_Escape and self.before:
            self.cancelled.emit()
        else:
            super().keyPressEvent(e)

    def _show(self, v: int | None) -> None:
        self.value.setText(value_text(v))
        self.value.setProperty("role", "muted" if v is None else "")
        self.slider.set_rated(v is not None)
        if v is None:
            self.zone.setText("Not rated yet: click a number or press 0–9, or go on without a rating.")
        else:
            self.zone.setText(pain_zone(v, after=not self.before))
        self.zone.setProperty("role", "muted" if v is None else "warn" if v > PAIN_LIMIT else "")
        for label in (self.zone, self.value):
            label.style().unpolish(label)
            label.style().polish(label)

    def accept(self) -> None:
        self.accepted.emit(self.pain, self.before and self.camera.isChecked(), self.notes.toPlainText().strip())
