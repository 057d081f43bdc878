"""SessionDetail: one session's header (routine, date, duration, status, pain, notes, drops, camera) and its sets.

Sets table, one row per set: exercise display name, side, set number, target and achieved (reps, or seconds
for holds and rolls), partial reps, pelvic-drop flags (stance side, peak degrees, seconds into the set),
source (camera / manual / timer) and whether it was skipped. Text only: nothing relies on colour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.core.exercises import count_word
from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.ui.history.table_model import exercise_label, fmt_date, fmt_duration, fmt_pain, status_text

SET_COLUMNS = (
    "Exercise",
    "Side",
    "Set",
    "Target",
    "Achieved",
    "Partial reps",
    "Pelvic-drop flags",
    "Source",
    "Skipped",
)
HEADER_FIELDS = (
    ("routine", "Routine"),
    ("date", "Date"),
    ("duration", "Duration"),
    ("status", "Status"),
    ("pain", "Pain before → after"),
    ("camera", "Camera"),
    ("drops", "Pelvic-drop flags"),
    ("notes", "Notes"),
)
EMPTY_TEXT = "Select a session above to see its sets."
SIDES = {"left": "Left", "right": "Right", None: "Both"}


def _seconds(v: float | None) -> str:
    return "—" if v is None else f"{v:.0f} s"


def _unit(s: SetRecord) -> str:
    return count_word(s.exercise)


def target_text(s: SetRecord) -> str:
    """What the set asked for: "10 reps", "12 steps", "30 s" (holds and rolls) or "—"."""
    if s.target_reps is not None:
        return f"{s.target_reps} {_unit(s)}"
    return _seconds(s.target_hold_s)


def achieved_text(s: SetRecord) -> str:
    """What was done, in the target's unit."""
    if s.target_reps is None and (s.target_hold_s is not None or s.kind == "roll"):
        return _seconds(s.achieved_hold_s)
    return f"{s.achieved_reps} {_unit(s)}"


def drop_text(e: PelvicDropEvent) -> str:
    """A flag as "6.1° on left leg at 3.2 s" (the side is the stance leg; the pelvis dropped on the other)."""
    return f"{e.peak_deg:.1f}° on {e.side} leg at {e.t_s:.1f} s"


def drops_summary(r: SessionRecord) -> str:
    if not r.drop_measured:
        return "Not measured" + ("" if r.camera_used else " (camera off)")
    d = r.drops_by_side()
    if not d["left"] and not d["right"]:
        return "None: the hips stayed level"
    return f"{d['left']} standing on the left leg, {d['right']} standing on the right leg"


def set_cells(s: SetRecord) -> tuple[str, ...]:
    """The table row of a set, as text (one cell per ``SET_COLUMNS``)."""
    partial = str(s.partial_reps) if s.target_reps is not None or s.partial_reps else "—"
    drops = "; ".join(drop_text(e) for e in s.pelvic_drops) or "—"
    return (
        exercise_label(s),
        SIDES.get(s.side, str(s.side)),
        str(s.set_number),
        target_text(s),
        achieved_text(s),
        partial,
        drops,
        s.source.capitalize(),
        "Skipped" if s.skipped else "No",
    )


def _of_ten(r: SessionRecord) -> str:
    return "" if r.pain_before is None and r.pain_after is None else " (0–10)"


class SessionDetail(QWidget):
    """Shows one SessionRecord (or a hint when none is selected)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Session detail")
        self._record: SessionRecord | None = None
        self.hint = QLabel(EMPTY_TEXT)
        self.hint.setAccessibleName("Session detail hint")
        self.hint.setWordWrap(True)
        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for i, (key, title) in enumerate(HEADER_FIELDS):
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(title)
            name = QLabel(f"{title}:")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.fields[key] = value
            if i < 6:  # three rows of two label/value pairs, then full-width rows
                row, col = divmod(i, 2)
                grid.addWidget(name, row, 2 * col)
                grid.addWidget(value, row, 2 * col + 1)
            else:
                grid.addWidget(name, i - 3, 0)
                grid.addWidget(value, i - 3, 1, 1, 3)
        self.header = QWidget()
        self.header.setLayout(grid)
        self.sets_table = QTableWidget(0, len(SET_COLUMNS))
        self.sets_table.setAccessibleName("Sets of the selected session")
        self.sets_table.setHorizontalHeaderLabels(list(SET_COLUMNS))
        self.sets_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sets_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sets_table.setAlternatingRowColors(True)
        self.sets_table.setWordWrap(False)
        self.sets_table.verticalHeader().setVisible(False)
        self.sets_table.verticalHeader().setAccessibleName("Set rows")
        head = self.sets_table.horizontalHeader()
        head.setAccessibleName("Set columns")
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)  # pelvic-drop flags: the long text
        self.sets_table.setMinimumHeight(self.sets_table.fontMetrics().height() * 8)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.hint)
        lay.addWidget(self.header)
        lay.addWidget(self.sets_table, 1)
        self.show_record(None)

    def record(self) -> SessionRecord | None:
        return self._record

    def show_record(self, r: SessionRecord | None) -> None:
        """Fill the header and sets table from ``r``; None shows the hint."""
        self._record = r
        self.hint.setVisible(r is None)
        self.header.setVisible(r is not None)
        self.sets_table.setVisible(r is not None)
        self.sets_table.clearSpans()
        self.sets_table.setRowCount(0)
        if r is None:
            return
        status = status_text(r)
        if r.status != "completed":
            status += f" ({r.steps_done} of {r.steps_total} steps done)"
        values = {
            "routine": r.routine_title,
            "date": fmt_date(r.started_at),
            "duration": fmt_duration(r.duration_s),
            "status": status,
            "pain": fmt_pain(r.pain_before, r.pain_after) + _of_ten(r),
            "drops": drops_summary(r),
            "camera": "Used" if r.camera_used else "Not used",
            "notes": r.notes or "—",
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self.sets_table.setRowCount(len(r.sets))
        for row, s in enumerate(r.sets):
            for col, text in enumerate(set_cells(s)):
                item = QTableWidgetItem(text)
                if col in (2, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 6 and s.pelvic_drops:
                    item.setToolTip(
                        "Side = the standing leg; the pelvis dropped on the other side.\n"
                        + "\n".join(drop_text(e) for e in s.pelvic_drops)
                    )
                self.sets_table.setItem(row, col, item)
        if not r.sets:
            self.sets_table.setRowCount(1)
            self.sets_table.setItem(0, 0, QTableWidgetItem("No sets were recorded in this session."))
            self.sets_table.setSpan(0, 0, 1, len(SET_COLUMNS))
