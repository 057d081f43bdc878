"""The window with a damaged or too-new history: History shows the readable sessions and sorts them (a text
date used to crash the sort), and a session is never called "Saved" when the history can't take it."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from coach import paths
from coach.store import HistoryStore, recovery
from coach.store.migrations import CURRENT_VERSION
from reliability.race_worker import old_history
from support.ui_helpers import FakeClock, make_window, play_to_end, start_by_keyboard

pytestmark = pytest.mark.usefixtures("qapp")


def test_history_view_sorts_with_damaged_rows_left_out(coach_home, qtbot):
    from coach.ui.history.controller import HistoryController
    from coach.ui.history.table_model import COLUMNS
    from coach.ui.history.view import HistoryView

    path = coach_home / "history.sqlite3"
    old_history(path, 3)
    c = sqlite3.connect(path)
    c.execute("UPDATE sessions SET started_at = 'yesterday' WHERE id = 'old-0'")
    c.execute("UPDATE sessions SET started_at = 1e300 WHERE id = 'old-1'")
    c.commit()
    c.close()
    store, _ = HistoryStore.open(path)
    view = HistoryView(HistoryController(store))
    qtbot.addWidget(view)
    view.show()
    for col in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.table.sortByColumn(col, order)
    assert view.proxy.rowCount() == 1
    store.close()


def test_a_too_new_history_never_shows_saved(coach_home, qtbot):
    HistoryStore.open(paths.db_path())[0].close()
    c = sqlite3.connect(paths.db_path())
    c.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION + 1,))
    c.commit()
    c.close()
    from coach.ui.settings import Settings

    Settings().set("camera/enabled", False)  # no camera: nothing here needs it (and no native imports)
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Quick lateral-hip reset")
    play_to_end(flow, clock)
    flow.after.ok_btn.click()
    text = flow.summary.save_state.text()
    assert "Saved" not in text and "Not saved" in text, text
    sid = flow.controller.record.id
    assert [r.id for r in recovery.read(controller.recovery_path)] == [sid]  # kept on disk, not in memory
