"""The Runs page while ``coach runs import`` or ``coach runs delete`` change the same history from another
process: coming back to the app shows their runs, and a run deleted elsewhere leaves the list when it is
edited, instead of staying there as a row that can never be saved."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coach import paths
from coach.core.runs import Run
from conftest import REPO
from support.ui_helpers import FakeClock, make_window

pytestmark = pytest.mark.usefixtures("qapp")


def coach(*args):
    r = subprocess.run(
        [sys.executable, "-m", "coach", "runs", *args], cwd=REPO, capture_output=True, text=True, env=os.environ
    )
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_runs_added_and_deleted_by_the_cli_show_when_the_app_is_active_again(qtbot):
    clock = FakeClock()
    _c, window = make_window(qtbot, clock)
    QTest.keyClick(window, Qt.Key_4, Qt.ControlModifier)
    page = window.runs_view
    assert page.table.rowCount() == 0
    day = datetime.fromtimestamp(clock.wall(), UTC) - timedelta(days=3)
    coach("add", "--km", "4", "--minutes", "25", "--date", day.strftime("%Y-%m-%dT07:00"))
    coach("add", "--km", "5", "--minutes", "31", "--date", (day + timedelta(days=1)).strftime("%Y-%m-%dT07:00"))
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert page.table.rowCount() == 0
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)  # back from the terminal
    # before: the page kept showing no runs until it was left and opened again
    assert page.table.rowCount() == 2
    page.table.selectRow(0)
    gone = page.selected()
    assert gone is not None and gone.distance_m == pytest.approx(5000)
    coach("delete", str(gone.id))
    edited = Run(gone.started_at, gone.distance_m, gone.duration_s, pain_during=2, id=gone.id)
    assert page.service.update(edited) is False
    assert "No run" in page.problem.text()
    # before: the deleted run stayed in the list, and every later edit failed the same way
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "4 km"


def test_the_apps_own_saves_dont_redraw_twice(qtbot):
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    QTest.keyClick(window, Qt.Key_4, Qt.ControlModifier)
    service = window.runs_view.service
    redraws = []
    service.changed.connect(lambda: redraws.append(1))
    t = datetime.fromtimestamp(clock.wall(), UTC) - timedelta(days=1)
    assert service.add(Run(t, 3000.0, 1200.0))
    assert redraws == [1]
    assert service.check_elsewhere() is False  # our own commit is not "elsewhere"
    assert paths.db_path().exists()
