"""Add or edit a run by hand: when (local date and time), how far (in the unit chosen in Settings), how long,
pain during and after (0-10 or not rated) and effort (0-10 or not rated)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from coach.core.pain import PAIN_LIMIT
from coach.core.runs import Run, RunError
from coach.core.runs.units import Unit, from_unit, to_unit

NOT_RATED = "not rated"


def _score(name: str, value: int | None) -> QSpinBox:
    """0-10 with "not rated" below 0 (the spin box's special value)."""
    box = QSpinBox()
    box.setRange(-1, 10)
    box.setSpecialValueText(NOT_RATED)
    box.setValue(-1 if value is None else value)
    box.setAccessibleName(name)
    return box


def _value(box: QSpinBox) -> int | None:
    return None if box.value() < 0 else box.value()


class RunDialog(QDialog):
    """``run``: the run to edit (None: a new one, now). ``result_run`` holds the run after Save."""

    def __init__(self, unit: Unit, run: Run | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Edit the run" if run else "Add a run")
        self.unit, self.editing = unit, run
        self.result_run: Run | None = None
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.when = QDateTimeEdit(QDateTime(run.started_at.astimezone()) if run else QDateTime.currentDateTime())
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName("Date and time")
        form.addRow("When", self.when)
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0.1, 300)
        self.distance.setDecimals(2)
        self.distance.setSingleStep(0.5)
        self.distance.setSuffix(f" {unit}")
        self.distance.setValue(to_unit(run.distance_m, unit) if run else 3.0)
        self.distance.setAccessibleName(f"Distance in {unit}")
        form.addRow("Distance", self.distance)
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setDecimals(1)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(run.duration_s / 60 if run and run.duration_s else 20.0)
        self.minutes.setAccessibleName("Time in minutes")
        form.addRow("Time", self.minutes)
        self.pain_during = _score("Pain during, 0 to 10", run.pain_during if run else None)
        self.pain_after = _score("Pain after, 0 to 10", run.pain_after if run else None)
        self.effort = _score("Effort, 0 to 10", run.effort if run else None)
        form.addRow("Pain during (0–10)", self.pain_during)
        form.addRow("Pain a few hours after (0–10)", self.pain_after)
        form.addRow("Effort (0–10)", self.effort)
        lay.addLayout(form)
        hint = QLabel(
            f"Keep pain at or below {PAIN_LIMIT}/10 during a run, back to your usual level within a few hours. "
            "A conversational pace is effort 3–4/10."
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        lay.addWidget(hint)
        self.problem = QLabel()
        self.problem.setProperty("role", "warn")
        self.problem.setWordWrap(True)
        self.problem.hide()
        lay.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def run_from_fields(self) -> Run:
        """The run the fields describe (RunError for values that can't be)."""
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        base = self.editing
        return Run(
            started_at=when.astimezone(),
            distance_m=from_unit(self.distance.value(), self.unit),
            duration_s=self.minutes.value() * 60,
            effort=_value(self.effort),
            pain_during=_value(self.pain_during),
            pain_after=_value(self.pain_after),
            source=base.source if base else "manual",
            external_id=base.external_id if base else "",
            name=base.name if base else "",
            id=base.id if base else None,
        )

    def accept(self) -> None:
        try:
            self.result_run = self.run_from_fields()
        except RunError as err:
            self.problem.setText(str(err))
            self.problem.show()
            return
        super().accept()
