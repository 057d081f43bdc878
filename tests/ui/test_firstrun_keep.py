"""Set up again with a programme followed, and "Keep": the programme goes on where it is (its start, week, phase
and doses), and the usual pain just given is the one used from now on, saved in the history file. Driven by keys
in the real main window (offscreen), as a person would."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coach import paths
from coach.store import HistoryStore
from coach.store.runs_desk import RunsDesk
from coach.ui.settings import Settings
from support.ui_helpers import FakeClock
from support.ui_helpers import first_launch_window as build_window

pytestmark = pytest.mark.usefixtures("qapp")
DAY = 86400.0


def key(flow, k) -> None:
    QTest.keyClick(QApplication.focusWidget() or flow, k)


def walk_to_programme(qtbot, flow, pain_key) -> None:
    """Welcome → safety (nothing ticked) → usual pain (a digit, or nothing) → the programme page."""
    qtbot.waitUntil(lambda: flow.page() is flow.welcome and flow.isVisible())
    key(flow, Qt.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is flow.safety.boxes["swelling"])
    key(flow, Qt.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is flow.baseline.slider)
    if pain_key is not None:
        key(flow, pain_key)
    key(flow, Qt.Key_Return)
    assert flow.page() is flow.programme


def saved_baseline() -> int | None:
    """The baseline as the history file holds it (read through a connection of its own)."""
    store = HistoryStore(sqlite3.connect(paths.db_path()))
    try:
        return RunsDesk(store, lambda: 0.0).baseline()
    finally:
        store.close()


def test_keep_goes_on_where_it_is_with_the_usual_pain_just_given(qtbot):
    clock = FakeClock(wall0=1_767_600_000.0)
    controller, window = build_window(qtbot, clock)
    flow = window.firstrun
    walk_to_programme(qtbot, flow, Qt.Key_2)
    assert flow.programme.follow.isChecked()
    key(flow, Qt.Key_Return)  # follow: the programme starts today with a usual pain of 2
    flow._finish(None)
    started = controller.programme.active()[1]
    assert started.baseline == 2 and saved_baseline() == 2
    clock.advance(9 * DAY)  # into the second week
    controller.programme.refresh()
    before = controller.programme.active()[1]
    assert window.today.heading.text().startswith("Week 2")

    window.act_setup.trigger()  # Help → Set up again…
    walk_to_programme(qtbot, flow, Qt.Key_5)
    assert flow.programme.keep.isChecked() and "week 2" in flow.programme.keep.text()
    note = flow.programme.keep_note
    assert note.isVisible() and note.text().endswith("your usual pain of 5/10 (was 2/10) is used from now on.")
    key(flow, Qt.Key_Return)  # keep
    assert flow.page() is flow.camera
    after = controller.programme.active()[1]
    assert after == replace(before, baseline=5)  # the same start, phase and doses: only the usual pain is new
    assert after.started == started.started and saved_baseline() == 5  # on disk, where `coach plan` reads it
    flow._finish(None)
    assert window.stack.currentWidget() is window.today and window.today.heading.text().startswith("Week 2")

    Settings().set("firstrun/baseline", -1)  # the next set-up opens with the usual pain not rated
    window.act_setup.trigger()
    walk_to_programme(qtbot, flow, None)
    assert flow.baseline.pain is None and flow.programme.keep.isChecked()
    assert flow.programme.keep_note.text() == "It goes on where it is, with your usual pain as before (5/10)."
    key(flow, Qt.Key_Return)  # keep, with nothing said about the usual pain: the one it had stays
    assert controller.programme.active()[1].baseline == 5 and saved_baseline() == 5


def test_the_note_under_keep_says_which_usual_pain_is_used(qtbot):
    from coach.ui.firstrun.plan_pages import ProgrammePage

    page = ProgrammePage()
    qtbot.addWidget(page)
    for given, had, words in (
        (4, None, "It goes on where it is, and your usual pain of 4/10 is used from now on."),
        (4, 4, "It goes on where it is, with your usual pain as before (4/10)."),
        (None, None, "It goes on where it is, with no usual pain rated."),
        (0, 3, "It goes on where it is, and your usual pain of 0/10 (was 3/10) is used from now on."),
    ):
        page.note_usual(given, had)
        assert page.keep_note.text() == words
