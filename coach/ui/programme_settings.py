"""Settings for the programme: training days and time, reminders, starting in the tray at login, a calendar
file, and the progression thresholds (shown in words, clamped to safe values with the reason, restorable).

The days, time and thresholds are saved in the history file beside the programme (``ProgrammeService``), so the
Today screen, ``coach plan`` and ``coach checkin`` use the same ones; reminders on/off is a preference
(``reminders/enabled``) and starting at login is an XDG autostart file (``coach.ui.autostart``).
"""

from __future__ import annotations

from datetime import time
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coach.core.errors import CoachError
from coach.core.programme.rules import LIMITS, Rules
from coach.core.programme.schedule import DAY_NAMES, TrainingTimes, days_words
from coach.ui import autostart
from coach.ui.settings import Settings
from coach.ui.today.service import ProgrammeService
from coach.ui.tray import tray_available

# (field, label, suffix, widget range, to widget, from widget): the widget ranges are wider than the safe ones so
# a value outside them can be typed and its clamp explained
_FIELDS = (
    ("pain_limit", "Highest pain that still counts as fine", "/10", (0, 10), int, int),
    ("max_rise", "Largest rise at a time", " %", (0, 50), lambda v: round(v * 100), lambda v: v / 100),
    ("rise_every_days", "Days between rises, at least", " days", (1, 60), int, int),
    (
        "regress_to",
        "A step back after a flare",
        " % less",
        (0, 80),
        lambda v: round((1 - v) * 100),
        lambda v: 1 - v / 100,
    ),
    (
        "form_share",
        "Reps with level hips for form to count",
        " %",
        (0, 100),
        lambda v: round(v * 100),
        lambda v: v / 100,
    ),
    ("worse_by", "A morning this far above usual is worse", " points", (0, 10), int, int),
)


def _label(text: str = "", role: str = "") -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    if role:
        lab.setProperty("role", role)
    return lab


class ProgrammeSettings(QScrollArea):
    """The Programme page of the Settings dialog (it scrolls on a small screen); ``save()`` when the dialog is
    saved."""

    def __init__(self, settings: Settings, service: ProgrammeService, parent=None):
        super().__init__(parent)
        self.settings, self.service = settings, service
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        body = QWidget()
        self.setWidget(body)
        lay = QVBoxLayout(body)
        lay.addWidget(self._days_box(service.times() or TrainingTimes()))
        lay.addWidget(self._rules_box(service.rules()))
        lay.addStretch(1)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # as wide as its content; scrolls down only
        self.setMinimumWidth(body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 4)

    # ---- training days, reminders, calendar ------------------------------------------------------
    def _days_box(self, times: TrainingTimes) -> QGroupBox:
        box = QGroupBox("Training days and reminders")
        f = QVBoxLayout(box)
        row = QHBoxLayout()
        self.day_boxes: list[QCheckBox] = []
        for i, name in enumerate(DAY_NAMES):
            cb = QCheckBox(name[:3])
            cb.setAccessibleName(name)
            cb.setChecked(i in times.days)
            cb.toggled.connect(self._days_changed)
            self.day_boxes.append(cb)
            row.addWidget(cb)
        row.addSpacing(12)
        row.addWidget(QLabel("at"))
        self.at = QTimeEdit(QTime(times.at.hour, times.at.minute))
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName("Training time")
        row.addWidget(self.at)
        row.addStretch(1)
        f.addLayout(row)
        self.days_note = _label(role="muted")
        f.addWidget(self.days_note)
        self.remind = QCheckBox("Remind me on these days with a notification (while the coach is running)")
        self.remind.setAccessibleName("Reminders")
        self.remind.setChecked(bool(self.settings.get("reminders/enabled")))
        f.addWidget(self.remind)
        self.login = QCheckBox("Start the coach hidden in the system tray when I log in")
        self.login.setAccessibleName("Start in the tray at login")
        self.login.setChecked(autostart.supported() and autostart.enabled())
        f.addWidget(self.login)
        notes = []
        if not tray_available():
            notes.append(
                "This desktop has no system tray, so reminders can't pop up: they show in the coach's status bar "
                "while it is open. A calendar file lets your phone remind you instead."
            )
            self.login.setEnabled(False)
        if not autostart.supported():
            notes.append("Starting at login is only offered on Linux for now.")
            self.login.setEnabled(False)
        self.tray_note = _label(" ".join(notes), role="warn")
        self.tray_note.setVisible(bool(notes))
        f.addWidget(self.tray_note)
        row = QHBoxLayout()
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 52)
        self.weeks.setValue(8)
        self.weeks.setSuffix(" weeks")
        self.weeks.setAccessibleName("Weeks in the calendar")
        self.ics_btn = QPushButton("Add to my calendar…")
        self.ics_btn.setAccessibleName("Add to my calendar")
        self.ics_btn.setToolTip("Save the planned sessions as a calendar file (.ics) to import on your phone")
        self.ics_btn.clicked.connect(self.export_calendar)
        row.addWidget(self.ics_btn)
        row.addWidget(QLabel("for the next"))
        row.addWidget(self.weeks)
        row.addStretch(1)
        f.addLayout(row)
        self._days_changed()
        return box

    def times(self) -> TrainingTimes:
        t = self.at.time()
        days = frozenset(i for i, cb in enumerate(self.day_boxes) if cb.isChecked())
        return TrainingTimes(days, time(t.hour(), t.minute()))

    def _days_changed(self) -> None:
        days = self.times().days
        plan = self.service.plan()
        per = plan.sessions_per_week if plan else None
        text = f"Training on {days_words(days)}."
        if not days:
            text = "Choose at least one day for reminders and the calendar."
        elif per is not None and len(days) < per:
            text += f" Your current phase asks for {per} sessions a week: choose {per} days, with rest days between."
        elif per is not None and len(days) > per:
            text += f" Your current phase asks for {per} sessions a week; the extra days are rest days in the calendar."
        self.days_note.setText(text)
        self.ics_btn.setEnabled(bool(days))

    def export_calendar(self, path: str | None = None) -> str:
        """Save the chosen days first (the calendar uses them), then write the .ics; returns a status line."""
        if not self.service.save_times(self.times()):
            return "The training days couldn't be saved."
        if not path:
            start = str(Path.home() / "itband-coach.ics")
            path, _ = QFileDialog.getSaveFileName(self, "Add to my calendar", start, "Calendar files (*.ics)")
            if not path:
                return ""
            if not path.lower().endswith(".ics"):
                path += ".ics"
        got = self.service.upcoming(self.weeks.value())
        if got is None:
            msg = "Start a programme on Today first: the calendar holds its sessions."
            QMessageBox.information(self, "Add to my calendar", msg)
            return msg
        from datetime import UTC, datetime

        from coach.store.calendar_file import calendar, write_calendar

        prog, sessions = got
        try:
            now = datetime.fromtimestamp(self.service.wall(), UTC)
            write_calendar(calendar(prog.id, prog.title, sessions, now), Path(path))
        except CoachError as err:
            QMessageBox.warning(self, "Add to my calendar", str(err))
            return str(err)
        msg = (
            f"Saved {len(sessions)} sessions to {path}. Open it with your calendar app or send it to your phone; "
            "saving it again later updates these events instead of adding copies."
        )
        QMessageBox.information(self, "Add to my calendar", msg)
        return msg

    # ---- thresholds ------------------------------------------------------------------------------
    def _rules_box(self, rules: Rules) -> QGroupBox:
        box = QGroupBox("How the programme moves on")
        outer = QVBoxLayout(box)
        f = QFormLayout()
        f.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        self.rule_boxes: dict[str, QSpinBox] = {}
        for name, label, suffix, (lo, hi), to_w, _from in _FIELDS:
            spin = QSpinBox()
            spin.setRange(lo, hi)
            spin.setSuffix(suffix)
            spin.setAccessibleName(label)
            lim = LIMITS[name]
            lo_w, hi_w = sorted((to_w(lim.low), to_w(lim.high)))
            spin.setToolTip(f"Safe range: {lo_w}–{hi_w}{suffix.strip()}: {lim.why}")
            spin.setValue(int(to_w(getattr(rules, name))))
            spin.valueChanged.connect(self._rules_changed)
            self.rule_boxes[name] = spin
            f.addRow(label, spin)
        outer.addLayout(f)
        self.clamp_note = _label(role="warn")
        self.clamp_note.setAccessibleName("Values kept within safe limits")
        outer.addWidget(self.clamp_note)
        self.rules_words = _label(role="muted")
        self.rules_words.setTextFormat(Qt.RichText)
        self.rules_words.setAccessibleName("The rules in words")
        outer.addWidget(self.rules_words)
        row = QHBoxLayout()
        row.addStretch(1)
        self.defaults_btn = QPushButton("Restore defaults")
        self.defaults_btn.setAccessibleName("Restore the default thresholds")
        self.defaults_btn.clicked.connect(self.restore_defaults)
        row.addWidget(self.defaults_btn)
        outer.addLayout(row)
        self._rules_changed()
        return box

    def typed_rules(self) -> Rules:
        """The values as typed (maybe outside the safe ranges)."""
        values = {name: from_w(self.rule_boxes[name].value()) for name, _l, _s, _r, _t, from_w in _FIELDS}
        return Rules(**values)

    def rules(self) -> Rules:
        return self.typed_rules().checked()

    def _rules_changed(self) -> None:
        typed = self.typed_rules()
        notes = typed.clamp_notes()
        self.clamp_note.setText(" ".join(notes))
        self.clamp_note.setVisible(bool(notes))
        items = "".join(f"<li>{escape(r)}</li>" for r in typed.checked().describe())
        self.rules_words.setText(f"<ul style='margin-left:-20px'>{items}</ul>")
        self.defaults_btn.setEnabled(typed.checked() != Rules())

    def restore_defaults(self) -> None:
        d = Rules()
        for name, _l, _s, _r, to_w, _f in _FIELDS:
            self.rule_boxes[name].setValue(int(to_w(getattr(d, name))))

    # ---- saving ----------------------------------------------------------------------------------
    def save(self) -> str:
        """Save everything on this page (the thresholds clamped); returns a status line ("" when all went well
        and nothing needs saying)."""
        msgs = []
        rules = self.rules()
        if not self.service.save_rules(None if rules == Rules() else rules):
            msgs.append("The thresholds couldn't be saved.")
        if not self.service.save_times(self.times()):
            msgs.append("The training days couldn't be saved.")
        self.settings.set("reminders/enabled", self.remind.isChecked())
        if self.login.isEnabled() and self.login.isChecked() != autostart.enabled():
            try:
                msgs.append(autostart.apply(self.login.isChecked()))
            except OSError as err:
                msgs.append(f"Starting at login couldn't be set up: {err.strerror or err} ({err.filename}).")
        return " ".join(m for m in msgs if m)
