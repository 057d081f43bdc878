"""``RoutinePreview``: a dialog opened from a library card (click, or Enter on the focused card).

It shows the routine's level and estimated time, what you need at hand (derived from the steps: a foam roller
for every roll, each exercise's kit), why the routine helps, then every step with its picture and its dose.
Start (the default button) emits ``start(routine)`` and closes; Close or Esc just closes. Sized to its parent
window so it fits down to 800×600; the steps scroll.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.core.exercises import EXERCISES
from coach.core.routines import ROLL_TARGETS
from coach.core.routines.equipment import equipment_names
from coach.core.routines.model import EducationStep, RestStep, RollStep, Routine, Step, StrengthStep
from coach.ui import style
from coach.ui.illustration import Illustration


def dose_text(step: Step) -> str:
    """The dose in plain words, e.g. "3 × 12 reps per side · rest 30 s", "60 s per side", "Rest 60 s"."""
    if isinstance(step, RollStep):
        return f"{step.seconds_per_side} s per side" if step.per_side else f"{step.seconds_per_side} s"
    if isinstance(step, StrengthStep):
        info = EXERCISES.get(step.exercise)
        if step.hold_seconds is not None:
            dose = f"{step.sets} × {step.hold_seconds} s hold"
        else:
            unit = "steps each way" if info is not None and info.mode == "steps" else "reps"
            dose = f"{step.sets} × {step.reps} {unit}"
        if step.per_side:
            dose += " per side"
        if step.rest_seconds and step.sets > 1:
            dose += f" · rest {step.rest_seconds} s"
        return dose
    if isinstance(step, RestStep):
        return f"Rest {step.seconds} s"
    if isinstance(step, EducationStep):
        return f"Read · about {step.seconds} s"
    return ""


def _what(step: Step) -> str:
    if isinstance(step, RollStep):
        return "Roll: " + ROLL_TARGETS.get(step.target, step.target).split(" (")[0]
    if isinstance(step, StrengthStep):
        return "Strength"
    if isinstance(step, EducationStep):
        return "Read"
    return ""


_label = style.label


class StepRow(QFrame):
    """One step: its picture (mirror-free, as drawn for the left side), number, title, kind and dose."""

    def __init__(self, number: int, step: Step, parent=None):
        super().__init__(parent)
        self.step = step
        self.setObjectName("card")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(12)
        self.picture = Illustration(step.illustration, min_size=QSize(120, 80))
        self.picture.setMaximumSize(QSize(150, 100))
        lay.addWidget(self.picture)
        col = QVBoxLayout()
        col.setSpacing(2)
        col.addWidget(_label(f"{number}. {step.title}", bold=True, scale=1.05))
        what = _what(step)
        self.dose = _label(f"{what} · {dose_text(step)}" if what else dose_text(step), role="muted")
        self.dose.setAccessibleName("Dose")
        col.addWidget(self.dose)
        col.addStretch(1)
        lay.addLayout(col, 1)
        self.setAccessibleName(f"Step {number}: {step.title}, {dose_text(step)}")


class RoutinePreview(QDialog):
    start = Signal(object)  # Routine

    def __init__(self, routine: Routine, parent: QWidget | None = None):
        super().__init__(parent)
        self.routine = routine
        self.setWindowTitle(routine.title)
        self.setAccessibleName(f"Preview: {routine.title}")
        root = QVBoxLayout(self)
        root.setContentsMargins(20, 16, 20, 14)
        root.setSpacing(8)
        root.addWidget(_label(routine.title, scale=1.4, bold=True))
        n_strength = sum(isinstance(s, StrengthStep) for s in routine.steps)
        self.facts = _label(
            f"{routine.level.capitalize()} · about {routine.estimated_minutes} min · "
            f"{len(routine.steps)} steps, {n_strength} of them strength work",
            role="muted",
        )
        self.facts.setAccessibleName("Level, time and steps")
        root.addWidget(self.facts)
        kit = equipment_names(routine.equipment)
        self.kit = _label(
            "<b>You need:</b> " + (escape(", ".join(kit)) if kit else "nothing but some floor space"), rich=True
        )
        self.kit.setAccessibleName("Equipment: " + (", ".join(kit) or "none"))
        root.addWidget(self.kit)
        self.why = _label(routine.why or routine.summary)
        self.why.setAccessibleName("Why this routine helps")
        why_head = _label("Why it helps", bold=True)
        root.addWidget(why_head)
        root.addWidget(self.why)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        inner = QWidget()
        steps = QVBoxLayout(inner)
        steps.setContentsMargins(0, 4, 6, 4)
        steps.setSpacing(8)
        self.rows = [StepRow(i, s) for i, s in enumerate(routine.steps, 1)]
        for row in self.rows:
            steps.addWidget(row)
        steps.addStretch(1)
        scroll.setWidget(inner)
        root.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.close_btn = QPushButton("Close")
        self.close_btn.setAccessibleName("Close the preview")
        self.close_btn.clicked.connect(self.reject)
        self.start_btn = QPushButton(f"Start {routine.title}")
        self.start_btn.setProperty("primary", True)
        self.start_btn.setAccessibleName(f"Start {routine.title}")
        self.start_btn.setDefault(True)
        self.start_btn.clicked.connect(self._start)
        buttons.addWidget(self.close_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.start_btn)
        root.addLayout(buttons)
        self._fit(parent)
        self.start_btn.setFocus(Qt.OtherFocusReason)

    def _fit(self, parent: QWidget | None) -> None:
        """About 720×640, never larger than the window it opens from (so it fits an 800×600 screen)."""
        win = parent.window() if parent is not None else None
        w, h = 720, 640
        if win is not None and win.width() > 0:
            w, h = min(w, win.width() - 40), min(h, win.height() - 40)
        self.resize(max(420, w), max(360, h))

    def _start(self) -> None:
        self.accept()
        self.start.emit(self.routine)
