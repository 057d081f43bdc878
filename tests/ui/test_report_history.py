"""History's "Report for my physio…": the options dialog, the save dialog's default name with the date range, the
PDF written, and errors shown in the message bar (dialogs answered through the flow's hooks)."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from coach import paths
from coach.store import HistoryStore
from coach.ui.history.controller import HistoryController
from coach.ui.report.dialog import ReportDialog, ReportOptions, default_file_name
from support.file_targets import snapshot
from support.report_history import seed

TODAY = date(2026, 11, 30)


@pytest.fixture
def view(qtbot):
    from coach.ui.history.view import HistoryView

    store, _ = HistoryStore.open(paths.db_path())
    seed(store, TODAY - timedelta(days=41), 42)
    v = HistoryView(HistoryController(store))
    qtbot.addWidget(v)
    v.report_flow.wall = lambda: datetime(2026, 11, 30, 10).timestamp()
    yield v
    store.close()


def test_the_button_writes_the_report_for_the_chosen_range(view, tmp_path):
    asked = {}

    def options(o: ReportOptions):
        asked["options"] = o
        return ReportOptions(date(2026, 11, 2), date(2026, 11, 15), "Jo")

    def path(default):
        asked["default"] = default
        return tmp_path / "for-physio"

    view.report_flow.ask_options, view.report_flow.ask_path = options, path
    assert view.report_button.isEnabled() and view.report_button.text() == "Report for my physio…"
    view.report_button.click()
    assert asked["options"] == ReportOptions(date(2026, 10, 20), TODAY, "")  # the last 6 weeks
    assert asked["default"].name == "physio-report-2026-11-02-to-2026-11-15.pdf"
    pdf = tmp_path / "for-physio.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Name: Jo" in text and "2 Nov 2026 – 15 Nov 2026 (14 days)" in text
    assert view.message.kind == "info" and f"to {pdf}" in view.message.text.text()
    view.report_flow.ask_options = lambda o: asked.setdefault("again", o)
    view.report_flow.ask_path = lambda d: None  # cancelled
    assert view.report_flow.run() == -1 and asked["again"].name == "Jo"  # the name is remembered
    from coach.ui.report.dialog import ReportFlow

    later = ReportFlow(view, view.controller.store, view.message.show_message)  # the next run of the app
    assert later.name == "Jo" and "Jo" in paths.settings_file().read_text()


def test_a_folder_that_cannot_be_written_is_one_message(view, tmp_path):
    view.report_flow.ask_options = lambda o: o
    view.report_flow.ask_path = lambda d: tmp_path / "missing" / "r.pdf"
    assert view.report_flow.run() == -1
    assert view.message.kind == "error" and "Can't write the report" in view.message.text.text()
    assert not (tmp_path / "missing").exists()


def test_a_fifo_or_device_chosen_is_refused_as_chosen_not_given_a_pdf_suffix(view, tmp_path):
    import os
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    view.report_flow.ask_options = lambda o: o
    for chosen, words in ((fifo, "FIFO"), (Path("/dev/null"), "a device")):
        view.report_flow.ask_path = lambda d, chosen=chosen: chosen
        beside = snapshot(Path(f"{chosen}.pdf"))
        assert view.report_flow.run() == -1
        assert view.message.kind == "error" and words in view.message.text.text()
        assert f"Can't write the report to {chosen}: it is" in view.message.text.text()
        assert snapshot(Path(f"{chosen}.pdf")) == beside
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and not list(tmp_path.glob("*.pdf"))


def test_the_dialog_keeps_the_range_in_order(qtbot):
    d = ReportDialog(ReportOptions(date(2026, 10, 20), TODAY, "Ana"))
    qtbot.addWidget(d)
    d.first.setDate(QDate(2026, 12, 5))  # after the last day: the last day follows
    assert d.options() == ReportOptions(date(2026, 12, 5), date(2026, 12, 5), "Ana")
    assert default_file_name(date(2026, 1, 2), date(2026, 2, 3)) == "physio-report-2026-01-02-to-2026-02-03.pdf"
