"""TodayView: the first screen. With a programme: the morning check when it is due, then the phase, the week,
the streak, and today's session with each exercise's dose and the reason for its last change, or a rest day with
what comes next. Without one: the programme on offer and a button to the first-run flow, which sets it up.

It talks only to a ``ProgrammeService`` (the programme, the history, the engine) and emits ``startRequested``
with the routine to play (its doses applied) and ``browse`` for the library.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.programme.rules import Rules
from coach.ui import style
from coach.ui.layout import scrolling_page
from coach.ui.today.morning import MorningCheck
from coach.ui.today.service import ProgrammeService

_label = style.label


def week_text(done: int, planned: int, streak_weeks: int) -> str:
    """'2 of 3 sessions this week · 1 week on plan in a row'; more sessions than planned read as such."""
    week = f"{done} of {planned}" if done <= planned else f"{done}"
    week += " sessions this week" + ("" if done <= planned else f" (plan: {planned})")
    return f"{week} · {streak_weeks} week{'s' if streak_weeks != 1 else ''} on plan in a row"


class TodayView(QWidget):
    startRequested = Signal(object)  # Routine, doses applied
    browse = Signal()
    setupRequested = Signal()  # the set-up card's button: the first-run flow sets programmes up

    def __init__(self, service: ProgrammeService, parent=None):
        super().__init__(parent)
        self.service = service
        self.setAccessibleName("Today")
        scroll, inner = scrolling_page(self)
        inner.setMaximumWidth(1100)  # lines stay readable on a wide screen; the page sits in the middle
        scroll.setAlignment(Qt.AlignHCenter)
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(28, 20, 28, 20)
        self.body.setSpacing(14)
        self.morning = MorningCheck()
        self.morning.answered.connect(self._morning_answered)
        self.morning.skipped.connect(lambda: self.morning.setVisible(False))
        self.body.addWidget(self.morning)
        self.heading = _label(scale=1.5, bold=True)
        self.heading.setAccessibleName("Phase and week")
        self.phase_text = _label(role="muted")
        self.streak = _label()
        self.streak.setAccessibleName("Streak")
        for w in (self.heading, self.phase_text, self.streak):
            self.body.addWidget(w)
        self.card = QFrame()
        self.card.setObjectName("card")
        card = QVBoxLayout(self.card)
        card.setContentsMargins(22, 16, 22, 16)
        self.session_title = _label(scale=1.25, bold=True)
        self.doses = _label(rich=True)
        self.doses.setAccessibleName("Today's doses and why")
        self.rest = _label()
        self.rest.setAccessibleName("Rest day")
        row = QHBoxLayout()
        self.start_btn = QPushButton("Start today's session")
        self.start_btn.setProperty("primary", True)
        self.start_btn.setAccessibleName("Start today's session")
        self.start_btn.clicked.connect(self._start)
        self.browse_btn = QPushButton("All routines")
        self.browse_btn.setAccessibleName("Browse all routines")
        self.browse_btn.clicked.connect(self.browse)
        row.addWidget(self.browse_btn)
        row.addStretch(1)
        row.addWidget(self.start_btn)
        for w in (self.session_title, self.rest, self.doses):  # a rest day says why before the next doses
            card.addWidget(w)
        card.addLayout(row)
        self.body.addWidget(self.card)
        self.setup = self._setup_card()
        self.body.addWidget(self.setup)
        self.rules = _label(rich=True, role="muted")
        self._show_rules(Rules())
        self.rules.setAccessibleName("The progression rules")
        self.body.addWidget(self.rules)
        self.problem = _label(role="warn")
        self.body.addWidget(self.problem)
        self.body.addStretch(1)
        self._routine = None
        service.changed.connect(self.refresh)
        service.error.connect(self._error)
        self.setFocusProxy(self.start_btn)

    def _setup_card(self) -> QFrame:
        """No programme yet: what one is, and a button to the first-run flow, where programmes are set up."""
        box = QFrame()
        box.setObjectName("card")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(22, 16, 22, 16)
        lay.addWidget(_label("Follow a programme", scale=1.3, bold=True))
        self.summary = _label(role="muted")
        lay.addWidget(self.summary)
        self.setup_btn = QPushButton("Set up a programme…")
        self.setup_btn.setProperty("primary", True)
        self.setup_btn.setAccessibleName("Set up a programme")
        self.setup_btn.clicked.connect(self.setupRequested)
        lay.addWidget(self.setup_btn, 0, Qt.AlignRight)
        return box

    # ---- filling in ------------------------------------------------------------------------------
    def _show_rules(self, rules: Rules) -> None:
        items = "".join(f"<li>{escape(r)}</li>" for r in rules.describe())
        self.rules.setText(f"<b>How your programme moves on</b> (change these in Settings)<ul>{items}</ul>")

    def refresh(self) -> None:
        plan = self.service.plan()
        self._show_rules(self.service.rules())
        self.problem.setText("\n".join(self.service.problems))
        self.problem.setVisible(bool(self.service.problems))
        self.morning.setVisible(plan is not None and self.service.morning_due() is not None)
        self.setup.setVisible(plan is None)
        for w in (self.heading, self.phase_text, self.streak, self.card):
            w.setVisible(plan is not None)
        if plan is None:
            self._fill_setup()
            return
        self.heading.setText(f"Week {plan.week} · Phase {plan.phase_number} of {plan.phases_total}: {plan.phase_title}")
        self.phase_text.setText(plan.phase_text)
        self.streak.setText(week_text(plan.sessions_this_week, plan.sessions_per_week, plan.streak_weeks))
        self._routine = plan.routine
        if plan.routine is not None:
            self.session_title.setText(f"Today: {plan.routine.title} (about {plan.routine.estimated_minutes} min)")
        else:
            self.session_title.setText("Today: rest day")
        self.rest.setText(f"{plan.rest_reason} {plan.next_text}".strip())
        self.rest.setVisible(plan.routine is None)
        lead = "<p>Your doses for the next session:</p>" if plan.routine is None and plan.doses else ""
        self.doses.setText(
            lead
            + "".join(
                f"<p><b>{escape(d.text)}</b>" + (f"<br><span>{escape(d.reason)}</span>" if d.reason else "") + "</p>"
                for d in plan.doses
            )
        )
        self.start_btn.setVisible(plan.routine is not None)

    def _fill_setup(self) -> None:
        progs = self.service.programmes()
        self.setup_btn.setEnabled(bool(progs))
        self.summary.setText(f"{progs[0].title}: {progs[0].summary}" if progs else "No programme files were found.")

    # ---- actions ---------------------------------------------------------------------------------
    def _start(self) -> None:
        if self._routine is not None:
            self.startRequested.emit(self._routine)

    def _morning_answered(self, pain, compared) -> None:
        if self.service.save_morning(pain, compared):
            self.morning.setVisible(False)

    def _error(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(True)

    def showEvent(self, e) -> None:
        self.service.refresh()  # catches the programme up, then ``changed`` redraws this view (once)
        super().showEvent(e)
