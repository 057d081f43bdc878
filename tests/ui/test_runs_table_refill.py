"""Refilling the runs table while it is on screen, in the app's style: every run is one row and it takes
a moment, not minutes (each cell set used to re-measure its whole column: 100 runs 3.5 s, 2,000 runs a
frozen window for more than ten minutes after an import)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QHeaderView

from coach.core.runs import Run, spikes, units
from coach.ui import style
from coach.ui.runs.table import RunsTable

pytestmark = pytest.mark.usefixtures("qapp")


def test_a_visible_table_refills_150_runs_quickly_and_sizes_its_columns(qtbot):
    style.apply(QApplication.instance(), style.chosen("light"))  # the style sheet is what made it slow
    runs = [Run(datetime(2024, 1, 1, 7, tzinfo=UTC) + timedelta(days=i), 5000.0 + i, 1800.0) for i in range(150)]
    table = RunsTable()
    qtbot.addWidget(table)
    table.resize(1200, 600)
    table.show()
    qtbot.waitExposed(table)
    table.fill(runs, spikes(runs), "km")
    QApplication.processEvents()  # laid out and painted once, as on screen
    t0 = time.perf_counter()
    table.fill(list(reversed(runs)), spikes(runs), "km")  # as after an import or an edit
    QApplication.processEvents()
    took = time.perf_counter() - t0
    assert took < 2.0, f"refilling 150 runs took {took:.1f} s"
    assert table.rowCount() == 150
    assert table.item(0, 1).text() == units.distance(runs[-1].distance_m, "km")  # the newest run on top
    header = table.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    date_width = table.fontMetrics().horizontalAdvance(table.item(0, 0).text())
    assert header.sectionSize(0) >= date_width  # the dates are not cut off
