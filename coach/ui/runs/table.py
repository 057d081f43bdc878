"""The runs table: newest first, one row per run, with its 30-day-rule verdict in words and a symbol."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from coach.core.runs import Run, Spike, units
from coach.core.runs.units import Unit

COLUMNS = ("Date", "Distance", "Time", "Pace", "Pain during", "Pain after", "Effort", "30-day rule", "From")
LEVEL_WORDS = {
    "first": "no run in 30 days before",
    "ok": "✓ within",
    "small": "▲ 10–30 % over (1.64×)",
    "moderate": "▲ 30–100 % over (1.52×)",
    "large": "▲ more than double (2.28×)",
}


class RunsTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setAccessibleName("Runs")
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setMinimumHeight(220)

    def fill(self, runs: list[Run], spikes: list[Spike], unit: Unit) -> None:
        """``runs`` in the order to show; ``spikes`` gives each run's level. The columns are sized to their
        contents once, at the end: left to size themselves while the table is on screen, every cell set
        re-measured its column (2,000 runs took minutes)."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setUpdatesEnabled(False)
        try:
            self._fill(runs, spikes, unit)
        finally:
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            self.setUpdatesEnabled(True)

    def _fill(self, runs: list[Run], spikes: list[Spike], unit: Unit) -> None:
        level = {id(x.run): x.level for x in spikes}
        self.setRowCount(len(runs))
        for i, r in enumerate(runs):
            cells = (
                f"{r.started_at.astimezone():%a %d %b %Y %H:%M}",
                units.distance(r.distance_m, unit),
                units.duration(r.duration_s) if r.duration_s else "",
                units.pace(r.pace_s_per_km, unit),
                "" if r.pain_during is None else f"{r.pain_during}/10",
                "" if r.pain_after is None else f"{r.pain_after}/10",
                "" if r.effort is None else f"{r.effort}/10",
                LEVEL_WORDS[level.get(id(r), "first")],
                r.source.upper() if r.source != "manual" else "by hand",
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 1 <= j <= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r.name:
                    item.setToolTip(r.name)
                self.setItem(i, j, item)
