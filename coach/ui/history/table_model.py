"""The sessions table: a QAbstractTableModel over SessionRecords and a proxy that sorts by ``SORT_ROLE``.

Cells show text; ``SORT_ROLE`` gives a Python key (numbers where the column is numeric, missing values first)
so sorting never compares display strings. ``ID_ROLE`` gives the session id. Interrupted sessions are marked
with a word and a warning icon in the Status column, never by colour alone.
Also holds the small text formatters the detail view and charts share.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QStyle

from coach.core.exercises import EXERCISES
from coach.core.record import SessionRecord, SetRecord
from coach.core.routines.targets import ROLL_TARGETS

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Date", "Routine", "Duration", "Done", "Pain before→after", "Reps", "Drop flags L/R", "Status")
DATE, ROUTINE, DURATION, DONE, PAIN, REPS, FLAGS, STATUS = range(len(COLUMNS))
STATUS_TEXT = {"completed": "Completed", "interrupted": "Interrupted", "in_progress": "In progress"}


# ---- shared formatters ----------------------------------------------------------------------------
def fmt_date(t: float) -> str:
    """Unix seconds -> local "YYYY-MM-DD HH:MM"."""
    return datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M")


def fmt_duration(seconds: float | None) -> str:
    """Seconds -> "m:ss" or "h:mm:ss"; "—" when unknown."""
    if seconds is None:
        return "—"
    m, s = divmod(int(round(seconds)), 60)
    return f"{m // 60}:{m % 60:02d}:{s:02d}" if m >= 60 else f"{m}:{s:02d}"


def fmt_pain(before: int | None, after: int | None) -> str:
    """Pain ratings (0–10) as "3 → 1"; "—" for a missing rating."""
    if before is None and after is None:
        return "—"
    show = lambda v: "—" if v is None else str(v)  # noqa: E731
    return f"{show(before)} → {show(after)}"


def exercise_label(s: SetRecord | str, kind: str = "strength") -> str:
    """Display name of a set's exercise (or roll target); unknown keys are shown as they are."""
    key = s.exercise if isinstance(s, SetRecord) else s
    kind = s.kind if isinstance(s, SetRecord) else kind
    if kind == "roll":
        return f"Roll: {ROLL_TARGETS.get(key, key)}"
    info = EXERCISES.get(key)
    return info.name if info else key


def status_text(r: SessionRecord) -> str:
    return STATUS_TEXT.get(r.status, r.status.replace("_", " ").capitalize())


# ---- the model ------------------------------------------------------------------------------------
def _opt(v) -> tuple:
    """Sort key for an optional number: missing values sort before every number."""
    return (0,) if v is None else (1, v)


class SessionTableModel(QAbstractTableModel):
    """One row per session, in the order given (the store's: newest first)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._records: list[SessionRecord] = []
        self._texts: dict[tuple[int, int], str] = {}  # (row, column) -> cell text, made once per record
        self._keys: dict[tuple[int, int], tuple] = {}  # (row, column) -> sort key (sorting asks for it often)

    def set_records(self, records: list[SessionRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._texts.clear()
        self._keys.clear()
        self.endResetModel()

    def records(self) -> list[SessionRecord]:
        return list(self._records)

    def record(self, row: int) -> SessionRecord | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, session_id: str) -> int:
        """Source row of a session, or -1."""
        return next((i for i, r in enumerate(self._records) if r.id == session_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        r = self.record(index.row()) if index.isValid() else None
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cell = (index.row(), col)
            text = self._texts.get(cell)
            if text is None:
                text = self._texts[cell] = self._text(r, col)
            return text
        if role == SORT_ROLE:
            cell = (index.row(), col)
            key = self._keys.get(cell)
            if key is None:
                key = self._keys[cell] = self._key(r, col)
            return key
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col)
        if role == Qt.ItemDataRole.DecorationRole and col == STATUS:
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxWarning
                if r.status != "completed"
                else QStyle.StandardPixmap.SP_DialogApplyButton
            )
            return QApplication.style().standardIcon(icon)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (DURATION, DONE, PAIN, REPS, FLAGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(r: SessionRecord, col: int) -> str:
        if col == DATE:
            return fmt_date(r.started_at)
        if col == ROUTINE:
            return r.routine_title
        if col == DURATION:
            return fmt_duration(r.duration_s)
        if col == DONE:
            return f"{round(100 * r.completion)} %"
        if col == PAIN:
            return fmt_pain(r.pain_before, r.pain_after)
        if col == REPS:
            return str(r.total_reps)
        if col == FLAGS:
            if not r.drop_measured:
                return "—"
            d = r.drops_by_side()
            return f"{d['left']} / {d['right']}"
        return status_text(r)

    @staticmethod
    def _key(r: SessionRecord, col: int) -> tuple:
        if col == DATE:
            return (r.started_at,)
        if col == ROUTINE:
            return (r.routine_title.casefold(), r.started_at)
        if col == DURATION:
            return _opt(r.duration_s)
        if col == DONE:
            return (r.completion,)
        if col == PAIN:  # by pain after, then pain before
            return _opt(r.pain_after) + _opt(r.pain_before)
        if col == REPS:
            return (r.total_reps,)
        if col == FLAGS:
            d = r.drops_by_side()
            return (d["left"] + d["right"], d["left"]) if r.drop_measured else (-1, -1)
        return (r.status, r.started_at)

    @staticmethod
    def _tooltip(r: SessionRecord, col: int) -> str | None:
        if col == ROUTINE:
            return r.routine_title
        if col == FLAGS:
            if not r.drop_measured:
                return "Pelvic drop not measured (camera off, a side view, or no single-leg rep)"
            d = r.drops_by_side()
            return (
                f"Pelvic-drop flags: {d['left']} standing on the left leg, {d['right']} standing on the right "
                "(the pelvis dropped on the other side)"
            )
        if col == STATUS and r.status != "completed":
            return f"{status_text(r)}: {r.steps_done} of {r.steps_total} steps done"
        if col == DONE:
            return f"{r.steps_done} of {r.steps_total} steps"
        return None


class SessionSortProxy(QSortFilterProxyModel):
    """Sorts by the source's ``SORT_ROLE`` keys (Python tuples), never by display text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        return a < b
