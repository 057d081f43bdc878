"""Narrow windows: the sessions table hides its least needed columns so the routine's name stays readable.

``NarrowColumns(table)`` watches the table's width; the Routine column (stretching) keeps at least
``ROUTINE_MIN_PX``, and while it can't, columns are hidden in ``DROP_ORDER`` (drop flags, duration, reps, done)
and shown again, in reverse, when the window widens. The data is unchanged: the detail pane shows it all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView

from coach.ui.history.table_model import DONE, DURATION, FLAGS, REPS, ROUTINE

ROUTINE_MIN_PX = 170
DROP_ORDER = (FLAGS, DURATION, REPS, DONE)


class NarrowColumns(QObject):
    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        table.viewport().installEventFilter(self)  # the viewport's own resize: its width is final then
        table.model().modelReset.connect(self.fit)
        table.model().layoutChanged.connect(self.fit)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def want(self, column: int) -> int:
        """Width ``column`` needs for its title and its widest cell, px (hidden or not)."""
        title = str(self.table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        header = self.table.horizontalHeader()
        want = max(header.fontMetrics().horizontalAdvance(title) + 28, self.table.sizeHintForColumn(column))
        if not header.isSectionHidden(column):  # shown: the width it was given (fitted to its rows and title)
            want = max(want, header.sectionSize(column))
        return want

    def fit(self) -> None:
        """Hide the fewest minor columns (in DROP_ORDER) that leave the routine ROUTINE_MIN_PX."""
        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        others = [c for c in range(header.count()) if c != ROUTINE]
        hidden: set[int] = set()
        for c in DROP_ORDER:
            if width - sum(self.want(o) for o in others if o not in hidden) >= ROUTINE_MIN_PX:
                break
            hidden.add(c)
        for c in DROP_ORDER:
            if header.isSectionHidden(c) != (c in hidden):
                header.setSectionHidden(c, c in hidden)
                if c not in hidden:
                    self.table.resizeColumnToContents(c)  # back at the width its rows need
