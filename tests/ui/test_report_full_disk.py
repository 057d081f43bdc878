"""History's "Report for my physio…" when the disk fills up as the PDF is saved: one error line in the message
bar, the old report untouched, no temporary file left. The failure is raised where a network or quota-limited
file system reports it: when the data is synced."""

from __future__ import annotations

import errno
import os
from datetime import date, datetime, timedelta

import pytest

from coach import paths
from coach.store import HistoryStore
from coach.ui.history.controller import HistoryController
from support.report_history import seed

pytestmark = pytest.mark.usefixtures("qapp")


def test_a_report_that_cant_reach_the_disk_is_one_error_and_the_old_one_stays(qtbot, tmp_path, monkeypatch):
    from coach.ui.history.view import HistoryView

    store, _ = HistoryStore.open(paths.db_path())
    seed(store, date(2026, 11, 30) - timedelta(days=41), 42)
    view = HistoryView(HistoryController(store))
    qtbot.addWidget(view)
    view.report_flow.wall = lambda: datetime(2026, 11, 30, 10).timestamp()
    old = tmp_path / "out" / "physio.pdf"
    old.parent.mkdir()
    old.write_bytes(b"%PDF- last month's report")
    view.report_flow.ask_options = lambda o: o
    view.report_flow.ask_path = lambda d: old

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert view.report_flow.run() == -1
    # before: nothing was synced, "Saved the report (4 pages)" was said of data that never reached the disk
    assert view.message.kind == "error"
    assert view.message.text.text().endswith(f"Can't write the report to {old}: No space left on device")
    assert old.read_bytes() == b"%PDF- last month's report" and [p.name for p in old.parent.iterdir()] == ["physio.pdf"]
    monkeypatch.undo()
    assert view.report_flow.run() == 4 and old.read_bytes().startswith(b"%PDF-")
    assert view.message.kind == "info"
    store.close()
