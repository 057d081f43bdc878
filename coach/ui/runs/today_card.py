"""The ladder card on Today: the next run on the return-to-run ladder and this week's load, in a few words.

Shown when the programme is in its running phase or whenever runs are logged; "Runs…" opens the Runs page.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from coach.core.runs.ladder import ladder_words
from coach.ui.runs.service import RunsService


class LadderCard(QFrame):
    openRuns = Signal()

    def __init__(self, service: RunsService, parent=None):
        super().__init__(parent)
        self.service = service
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 16, 22, 16)  # as Today's own cards
        self.title = QLabel("Return to running")
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.title.setFont(f)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Next run on the ladder")
        self.load = QLabel()
        self.load.setWordWrap(True)
        self.load.setProperty("role", "muted")
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addStretch(1)
        self.runs_btn = QPushButton("Runs…")
        self.runs_btn.setAccessibleName("Open the Runs page")
        self.runs_btn.clicked.connect(self.openRuns.emit)
        row.addWidget(self.runs_btn)
        lay.addLayout(row)
        lay.addWidget(self.text)
        lay.addWidget(self.load)
        service.changed.connect(lambda: self.refresh(self._running))
        self._running = False
        self.hide()

    def refresh(self, running_phase: bool) -> None:
        """Show the card when ``running_phase`` or when runs are logged."""
        self._running = running_phase
        s = self.service.card()  # the last two months' runs and the ladder's current streak, not every run
        if s is None or not (running_phase or s.has_runs):
            self.hide()
            return
        unit = self.service.unit
        self.text.setText(ladder_words(s.ladder, unit))
        self.load.setText(" ".join(s.advice[:2]))
        self.show()


def attach(today, programme, service: RunsService) -> LadderCard:
    """Put the card on the Today view below today's session, and redraw it whenever Today redraws."""
    card = LadderCard(service)
    body = today.body
    body.insertWidget(body.indexOf(today.setup) + 1, card)  # below today's session, or below the set-up card

    def redraw() -> None:
        card.refresh(in_running_phase(programme.active()))

    programme.changed.connect(redraw)  # Today, when shown, refreshes the programme, which emits changed
    return card


def in_running_phase(active) -> bool:
    """Whether the programme followed (``ProgrammeService.active()``: (Programme, ProgrammeState) or None) is in its
    return-to-run phase: read from its state, without making today's whole plan again (Today's view makes it)."""
    if active is None:
        return False
    prog, state = active
    return 0 <= state.phase < len(prog.phases) and prog.phases[state.phase].running
