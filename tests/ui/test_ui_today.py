"""Today, the first screen: set up the programme, play today's session with its doses, answer the next morning's
check, and see the new dose with its reason (the real window offscreen, a real history file, a fake clock)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from coach import paths
from coach.store import HistoryStore
from support.ui_helpers import FakeClock, key, make_window, play_to_end

pytestmark = pytest.mark.usefixtures("qapp")
DAY = 86400.0


def test_programme_from_setup_to_the_next_mornings_new_dose(qtbot):
    clock = FakeClock(wall0=1_767_600_000.0)  # a Monday morning, 2026-01-05 (UTC)
    controller, window = make_window(qtbot, clock)
    window.show_today()
    today = window.today
    qtbot.waitUntil(lambda: today.setup.isVisible())
    assert not today.card.isVisible()
    today.setup_btn.click()  # Today's card opens the first-run flow at its programme page
    flow = window.firstrun
    assert window.stack.currentWidget() is flow and flow.page() is flow.programme
    assert flow.programme.choice.count() >= 1 and flow.programme.follow.isChecked()
    flow.back()
    flow.baseline.set_pain(1)
    flow.next()  # the baseline, to the programme page
    flow.next()  # follow the programme: to the camera check
    flow.next()  # no camera check: to the suggested start
    assert flow.page() is flow.start
    flow.finish_btn.click()
    qtbot.waitUntil(lambda: today.card.isVisible())
    assert controller.programme.active()[1].baseline == 1
    assert today.heading.text() == "Week 1 · Phase 1 of 4: Calm and learn"
    assert "Side plank from the knees: 2 × 15 s hold" in today.doses.text() or "Glute bridge" in today.doses.text()
    assert "Rest" not in today.session_title.text() and today.start_btn.isVisible()
    routine = today._routine
    today.start_btn.click()
    flow = window.flow
    qtbot.waitUntil(lambda: flow.before.slider.hasFocus())
    flow.before.camera.setChecked(False)  # no pose model here: counted by hand
    key(flow.before.slider, Qt.Key_2)
    key(flow.before.slider, Qt.Key_Return)
    qtbot.waitUntil(lambda: flow.player is not None)
    assert flow.controller.routine == routine  # the session plays the routine with today's doses
    play_to_end(flow, clock)
    key(flow.after.slider, Qt.Key_2)
    key(flow.after.slider, Qt.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in flow.summary.save_state.text())
    flow.summary.done_btn.click()
    qtbot.waitUntil(lambda: today.isVisible())
    assert "You trained today" in today.rest.text() and not today.morning.isVisible()
    lay = today.card.layout()  # a rest day: why, first, then the doses labelled as the next session's
    assert lay.indexOf(today.rest) < lay.indexOf(today.doses)
    assert today.doses.text().startswith("<p>Your doses for the next session:</p>")
    clock.advance(DAY)  # the next morning
    window.show_library()
    window.show_today()
    qtbot.waitUntil(lambda: today.morning.isVisible())
    assert not today.morning.save_btn.isEnabled()  # nothing preselected
    QTest.keyClick(today.morning, Qt.Key_1)
    today.morning.compared.button(1).click()  # about the same
    today.morning.save_btn.click()
    qtbot.waitUntil(lambda: not today.morning.isVisible())
    text = today.doses.text()
    assert "back to usual next morning" in text and "(was " in text, text
    with HistoryStore.open(paths.db_path())[0] as store:
        decisions = store.decisions()
        checks = store.morning_checks()
    assert decisions and {d.action for d in decisions} == {"progress"}
    assert list(checks.values())[0].compared == "same" and list(checks.values())[0].pain == 1


def test_the_week_line_reads_right_when_more_sessions_were_done_than_planned():
    from coach.ui.today.view import week_text

    assert week_text(1, 3, 0) == "1 of 3 sessions this week · 0 weeks on plan in a row"
    assert week_text(3, 3, 1) == "3 of 3 sessions this week · 1 week on plan in a row"
    assert week_text(4, 2, 2) == "4 sessions this week (plan: 2) · 2 weeks on plan in a row"  # was '4 of 2'
