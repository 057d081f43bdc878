"""The next-morning check: how the knee or hip is compared with usual (0-10, and same / better / worse).

A card the Today screen shows at the top on the morning after a session. Nothing is preselected: a missing
answer holds the programme's doses (it never counts as a good one). ``answered(pain | None, compared | None)``;
``skipped()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from coach.ui import style

COMPARED = (("better", "Better than usual"), ("same", "About the same"), ("worse", "Worse than usual"))


class MorningCheck(QFrame):
    answered = Signal(object, object)
    skipped = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName("Morning check")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 16, 22, 16)
        title = QLabel("Good morning. How is your knee or hip after yesterday's session?")
        title.setFont(style.scaled_font(self, 1.25, bold=True))
        title.setWordWrap(True)
        lay.addWidget(title)
        hint = QLabel(
            "Pain now, 0 = none, 10 = the worst you can imagine. This decides whether your exercises "
            "go up, stay or step back."
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        lay.addWidget(hint)
        row = QHBoxLayout()
        self.pain = QButtonGroup(self)
        for v in range(11):
            b = QPushButton(str(v))
            b.setCheckable(True)
            b.setAccessibleName(f"Pain {v} out of 10")
            b.setMinimumWidth(34)
            self.pain.addButton(b, v)
            row.addWidget(b)
        lay.addLayout(row)
        row2 = QHBoxLayout()
        self.compared = QButtonGroup(self)
        for i, (key, text) in enumerate(COMPARED):
            b = QPushButton(text)
            b.setCheckable(True)
            b.setAccessibleName(text)
            b.setProperty("key", key)
            self.compared.addButton(b, i)
            row2.addWidget(b)
        lay.addLayout(row2)
        row3 = QHBoxLayout()
        self.skip_btn = QPushButton("Not now")
        self.skip_btn.setAccessibleName("Skip the morning check")
        self.skip_btn.clicked.connect(self.skipped)
        self.save_btn = QPushButton("Save")
        self.save_btn.setProperty("primary", True)
        self.save_btn.setAccessibleName("Save the morning check")
        self.save_btn.setEnabled(False)
        self.save_btn.clicked.connect(self._save)
        row3.addWidget(self.skip_btn)
        row3.addStretch(1)
        row3.addWidget(self.save_btn)
        lay.addLayout(row3)
        self.pain.idToggled.connect(lambda *_: self._ready())
        self.compared.idToggled.connect(lambda *_: self._ready())

    def values(self) -> tuple[int | None, str | None]:
        pain = self.pain.checkedId()
        b = self.compared.checkedButton()
        return (pain if pain >= 0 else None), (b.property("key") if b is not None else None)

    def _ready(self) -> None:
        pain, compared = self.values()
        self.save_btn.setEnabled(pain is not None or compared is not None)

    def _save(self) -> None:
        self.answered.emit(*self.values())

    def keyPressEvent(self, e) -> None:  # 0-9 rate, Return saves
        text = e.text()
        if text.isdigit() and len(text) == 1:
            self.pain.button(int(text)).setChecked(True)
        elif e.key() in (Qt.Key_Return, Qt.Key_Enter) and self.save_btn.isEnabled():
            self._save()
        else:
            super().keyPressEvent(e)
