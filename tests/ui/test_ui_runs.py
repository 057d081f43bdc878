"""The Runs page in the real main window (offscreen): Ctrl+4, import a folder, the chart with the spike marked,
the advice, the table, adding and editing a run by hand, km/miles, and the ladder card on Today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtTest import QTest

from coach.core.runs import Run
from coach.ui.runs.dialogs import RunDialog
from coach.ui.runs.page import RunsPage
from coach.ui.settings import Settings
from coach.ui.settings_dialog import SettingsDialog
from support.run_files import fit_bytes, gpx_xml, tcx_xml, track, write_gpx
from support.ui_helpers import FakeClock, make_window

pytestmark = pytest.mark.usefixtures("qapp")


def files(folder, now: datetime):
    """Four runs over two weeks (the last a moderate spike), a ride and a broken file."""
    folder.mkdir()
    plan = [(13, 5.0), (11, 5.0), (6, 5.5), (1, 7.5)]
    for i, (days, km) in enumerate(plan):
        segs = track(km * 1000 / 3 / 60, start=now - timedelta(days=days))
        if i == 1:
            (folder / "b.fit").write_bytes(fit_bytes(segs))
        elif i == 2:
            (folder / "c.tcx").write_text(tcx_xml([("Running", segs, km * 1000, km * 360)]))
        else:
            write_gpx(folder / f"r{i}.gpx", segs)
    (folder / "ride.gpx").write_text(gpx_xml(track(20, speed=8, start=now - timedelta(days=3)), kind="cycling"))
    (folder / "broken.gpx").write_text("<gpx><trk>")
    return folder


def open_runs(qtbot, clock):
    _c, window = make_window(qtbot, clock)
    QTest.keyClick(window, Qt.Key_4, Qt.ControlModifier)
    page = window.runs_view
    assert isinstance(page, RunsPage) and window.stack.currentWidget() is window._runs_page
    return window, page


def test_import_a_folder_and_see_the_chart_advice_and_table(qtbot, tmp_path):
    clock = FakeClock()
    now = datetime.fromtimestamp(clock.wall(), UTC)
    window, page = open_runs(qtbot, clock)
    assert page.empty.isVisibleTo(page) and not page.chart.isVisibleTo(page)
    folder = files(tmp_path / "runs", now)
    page._ask_folder = lambda: folder
    page.import_folder()
    assert page.result.text().startswith("Imported 4 runs; 2 skipped: broken.gpx is not valid XML")
    assert page.result.text().endswith("(and 1 more)")
    assert "ride.gpx" in page.result.toolTip() and "broken.gpx" in page.result.toolTip()
    assert page.table.rowCount() == 4
    assert page.table.item(0, 1).text() == "7.5 km" and page.table.item(0, 7).text() == "▲ 30–100 % over (1.52×)"
    assert page.table.item(3, 8).text() == "GPX" and page.table.item(2, 8).text() == "FIT"
    assert "Spike (30-day rule)" in page.chart.series_names
    assert "Pain during" in page.chart.series_names and page.chart.isVisibleTo(page)
    assert "Next week's cap:" in page.chart.distance.accessibleDescription()  # the chart in words, for screen readers
    text = page.advice.text()
    assert "Next week: up to" in text and "Your longest run in the last 30 days is 7.5 km" in text
    assert "had 1.52× the injury rate" in text
    assert page.next_run.text().startswith("Next run:")
    page._ask_folder = lambda: folder  # the same folder again: nothing new
    page.import_folder()
    assert page.result.text().startswith("Imported 0 runs; 4 already there; 2 skipped")
    assert page.table.rowCount() == 4


def test_add_and_edit_a_run_by_hand(qtbot):
    clock = FakeClock()
    window, page = open_runs(qtbot, clock)
    dlg = RunDialog("km")
    qtbot.addWidget(dlg)
    dlg.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(clock.wall() - 86400)))
    dlg.distance.setValue(4.2)
    dlg.minutes.setValue(26)
    dlg.pain_during.setValue(3)
    assert dlg.pain_after.text() == "not rated"
    dlg.accept()
    run = dlg.result_run
    assert run is not None and run.distance_m == pytest.approx(4200) and run.pain_during == 3 and run.pain_after is None
    assert window.app.runs.add(run)
    assert page.table.rowCount() == 1 and page.table.item(0, 4).text() == "3/10"
    page.table.selectRow(0)
    assert page.edit_btn.isEnabled()
    edit = RunDialog("km", page.selected())
    edit.pain_after.setValue(6)
    edit.accept()
    assert window.app.runs.update(edit.result_run)
    assert page.table.item(0, 5).text() == "6/10"
    assert "above 4/10" in page.next_run.text()  # the ladder holds: pain after went over the programme's limit
    assert not window.app.runs.add(run)  # the same run again


def test_miles_setting_and_the_ladder_card_on_today(qtbot):
    clock = FakeClock()
    window, page = open_runs(qtbot, clock)
    card = window.ladder_card
    assert not card.isVisibleTo(window.today)  # no runs, no running phase
    start = datetime.fromtimestamp(clock.wall() - 8 * 86400, UTC)  # last week: this week's cap is 5.5 km
    assert window.app.runs.add(Run(start, 5000, 1800, pain_during=2))
    assert card.isVisibleTo(window.today) and card.text.text().startswith("Next run: up to 3 km")
    dialog = SettingsDialog(Settings(), window)
    qtbot.addWidget(dialog)
    dialog.running.unit.setCurrentIndex(dialog.running.unit.findData("mi"))
    dialog.accept()
    assert Settings().distance_unit == "mi"
    page.hide()
    page.show()  # back on the page: it follows the setting
    assert page.start.suffix() == " mi" and page.start.value() == pytest.approx(1.9)  # 3 km
    page.start.setValue(2.5)  # the ladder's start, set on the Runs page
    assert Settings().run_start_m == pytest.approx(4023.4, abs=0.1)
    assert page.table.item(0, 1).text() == "3.1 mi"
    assert "Next week: up to" in page.advice.text() and " mi" in page.advice.text()
    QTest.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    card.refresh(False)
    assert card.text.text().startswith("Next run: up to 2.5 mi")


def test_the_history_export_writes_the_runs_beside_it(qtbot, tmp_path):
    clock = FakeClock()
    window, _page = open_runs(qtbot, clock)
    assert window.app.runs.add(Run(datetime.fromtimestamp(clock.wall() - 86400, UTC), 5000, 1800, pain_during=2))
    history = window.app.history
    assert history.export(tmp_path / "h.json", "json") == 0  # no sessions ...
    assert history.runs_note == f"1 run to {tmp_path / 'h-runs.json'}"  # ... but the run is there
    assert '"pain_during": 2' in (tmp_path / "h-runs.json").read_text()


def test_stopping_a_long_import_keeps_what_was_read(qtbot, tmp_path):
    clock = FakeClock()
    _window, page = open_runs(qtbot, clock)
    now = datetime.fromtimestamp(clock.wall(), UTC)
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(6):
        write_gpx(folder / f"r{i}.gpx", track(5, start=now - timedelta(days=i + 1)))
    text = page.service.import_paths([folder], lambda n: n < 3)
    assert text == "Imported 3 runs (stopped after 3 files)"
    assert page.table.rowCount() == 3
    assert page.import_paths([folder]) == "Imported 3 runs; 3 already there"  # the rest, with the progress dialog


def test_files_dropped_on_the_page_are_imported_and_keys_edit_and_delete(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    clock = FakeClock()
    _window, page = open_runs(qtbot, clock)
    now = datetime.fromtimestamp(clock.wall(), UTC)
    f = write_gpx(tmp_path / "drop.gpx", track(20, start=now - timedelta(days=1)))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    event = QDropEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    page.dropEvent(event)
    assert page.result.text() == "Imported 1 run" and page.table.rowCount() == 1
    page.table.selectRow(0)
    page._confirm_delete = lambda run: True
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key_Delete)
    assert page.table.rowCount() == 0


def test_hovering_a_spike_says_what_it_was(qtbot, tmp_path):
    clock = FakeClock()
    window, page = open_runs(qtbot, clock)
    now = datetime.fromtimestamp(clock.wall(), UTC)
    for days, km in ((5, 4.0), (2, 9.0)):
        assert window.app.runs.add(Run(now - timedelta(days=days), km * 1000, km * 360))
    assert "Week >15 % up" not in page.chart.series_names
    assert window.app.runs.add(Run(now - timedelta(days=9), 3000, 1000))
    assert window.app.runs.add(Run(now - timedelta(days=1), 6000, 2000))  # this week: 4 + 9 + 6 km > 3 km + 15 %
    assert "Week >15 % up" in page.chart.series_names
    tips = sorted(page.chart.tips.values())
    assert len(tips) == 4 and any(t.endswith("large spike: 2.28× the injury rate in the study") for t in tips)
    assert any(t.endswith(": 3 km") for t in tips)  # no spike: the first run


def test_the_card_shows_in_the_running_phase_even_before_any_run(qtbot):
    clock = FakeClock()
    window, _page = open_runs(qtbot, clock)
    card = window.ladder_card
    card.refresh(False)
    assert not card.isVisibleTo(window.today)
    card.refresh(True)  # the programme reached its running phase
    assert card.isVisibleTo(window.today)
    assert card.text.text() == ("Next run: up to 3 km. Start at 3 km, at an easy, conversational pace (effort 3–4/10).")


def test_a_history_that_cannot_be_opened_is_a_message_not_a_crash(qtbot, tmp_path):
    from coach.store import StoreError
    from coach.ui.runs.service import RunsService

    def broken():
        raise StoreError("Can't open the history file: disk on fire")

    service = RunsService(broken, lambda: 1_760_000_000.0)
    errors = []
    service.error.connect(errors.append)
    page = RunsPage(service)
    qtbot.addWidget(page)
    assert service.summary() is None and not service.has_runs()
    assert not service.add(Run(datetime(2025, 5, 1, tzinfo=UTC), 3000, 900))
    f = write_gpx(tmp_path / "a.gpx", track(5))
    assert page.import_paths([f]).startswith("Nothing imported: Can't open the history file")
    assert errors and all("disk on fire" in e for e in errors)
    assert page.problem.text().endswith("disk on fire") and page.problem.isVisibleTo(page)


def test_the_date_axis_names_the_years_when_the_runs_span_more_than_one(qtbot):
    from PySide6.QtCore import Qt as _Qt

    clock = FakeClock()
    window, page = open_runs(qtbot, clock)
    now = datetime.fromtimestamp(clock.wall(), UTC)

    def x_format() -> str:
        return page.chart.distance.chart().axes(_Qt.Orientation.Horizontal)[0].format()

    assert window.app.runs.add(Run(now - timedelta(days=3), 5000, 1800))
    lo_year = (now - timedelta(days=3)).year
    hi_year = (now + timedelta(days=14)).year
    assert x_format() == ("d MMM" if lo_year == hi_year else "d MMM yy")
    assert window.app.runs.add(Run(now - timedelta(days=800), 5000, 1800))  # two years back
    assert x_format() == "d MMM yy"
