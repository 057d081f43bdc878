"""The first-run flow in the real main window (offscreen): shown once, keyboard only, red flags remembered with a
reminder on Today, the programme set up here (and only here), the camera check without a camera or a model."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from coach import paths
from coach.core.record import SessionRecord
from coach.store import HistoryStore
from coach.ui.settings import Settings
from support.ui_helpers import first_launch_window as build_window

pytestmark = pytest.mark.usefixtures("qapp")


def press(qtbot, flow, k, text_widget=None) -> None:
    target = QApplication.focusWidget() or flow
    QTest.keyClick(target, k)


def test_first_launch_opens_the_flow_and_keys_alone_walk_it_to_today(qtbot):
    controller, window = build_window(qtbot)
    flow = window.firstrun
    assert flow is not None and window.stack.currentWidget() is flow and flow.page() is flow.welcome
    qtbot.waitUntil(lambda: flow.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is flow)
    press(qtbot, flow, Qt.Key_Return)
    assert flow.page() is flow.safety
    qtbot.waitUntil(lambda: QApplication.focusWidget() is flow.safety.boxes["swelling"])
    press(qtbot, flow, Qt.Key_Return)  # nothing ticked: no clinician page
    assert flow.page() is flow.baseline and flow.where.text() == "Step 3 of 6"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is flow.baseline.slider)
    press(qtbot, flow, Qt.Key_3)
    assert flow.baseline.pain == 3
    press(qtbot, flow, Qt.Key_Return)
    assert flow.page() is flow.programme and flow.programme.follow.isChecked()
    press(qtbot, flow, Qt.Key_Return)
    assert flow.page() is flow.camera
    active = controller.programme.active()
    assert active is not None and active[1].baseline == 3  # the programme started with the baseline given
    press(qtbot, flow, Qt.Key_Return)  # the camera check is optional: Enter goes on without it
    assert flow.page() is flow.start and flow.camera.panel is None
    assert "today's session of your programme" in flow.start.detail.text()
    assert flow.finish_btn.isVisible() and flow.next_btn.text() == "&Start now"
    flow.finish_btn.click()
    assert window.stack.currentWidget() is window.today and window.today.card.isVisible()
    assert Settings().get("firstrun/done") is True and Settings().get("firstrun/baseline") == 3
    assert not window.today_reminder.isVisible()


def test_start_now_starts_the_suggested_session(qtbot):
    _controller, window = build_window(qtbot)
    flow = window.firstrun
    for _ in range(3):
        flow.next()
    assert flow.page() is flow.programme
    flow.programme.later.setChecked(True)  # no programme: the gentle routine is suggested
    flow.next()
    flow.next()
    assert flow.start.routine is not None and flow.start.routine.id == "gentle-start"
    assert "an easy first session" in flow.start.detail.text()
    QTest.keyClick(flow, Qt.Key_Return)
    assert window.flow is not None and window.flow.routine.id == "gentle-start"
    assert window.stack.currentWidget() is window.flow and window.flow.currentWidget() is window.flow.before


def test_a_red_flag_sends_to_a_clinician_is_remembered_and_today_reminds(qtbot):
    controller, window = build_window(qtbot)
    flow = window.firstrun
    flow.next()
    flow.safety.boxes["night_pain"].setChecked(True)
    flow.safety.boxes["fever"].setChecked(True)
    flow.next()
    assert flow.page() is flow.clinician and flow.where.text() == "Step 3 of 7"
    text = flow.clinician.which.text()
    assert "wakes you at night" in text and "Fever" in text and "Swelling" not in text
    assert flow.browse_btn.isVisible()
    flow.browse_btn.click()  # they can still browse
    assert window.stack.currentWidget() is window.library
    assert Settings().get("firstrun/red_flags") == "night_pain,fever" and Settings().get("firstrun/done")
    window.show_today()
    assert window.today_reminder.isVisible()
    window.today_reminder.findChild(type(flow.back_btn)).click()  # "Update my answers"
    assert window.stack.currentWidget() is flow and flow.page() is flow.safety
    assert flow.safety.ticked() == ["night_pain", "fever"]  # the answers given last time
    flow.safety.set_ticked([])
    flow.next()
    assert flow.page() is flow.baseline and Settings().get("firstrun/red_flags") == ""
    window.show_today()
    assert not window.today_reminder.isVisible()


def test_back_and_escape_walk_back_and_not_now_undoes_a_programme_started_here(qtbot):
    controller, window = build_window(qtbot)
    flow = window.firstrun
    for _ in range(4):
        flow.next()
    assert flow.page() is flow.camera and controller.programme.active() is not None
    QTest.keyClick(flow, Qt.Key_Escape)
    assert flow.page() is flow.programme
    assert flow.programme.keep.isVisible() and flow.programme.keep.isChecked()  # started: keep is offered
    flow.programme.later.setChecked(True)
    flow.next()
    assert controller.programme.active() is None
    flow.back()
    flow.back()
    flow.back()
    assert flow.page() is flow.safety
    flow.back()
    flow.back()  # nothing before the first page
    assert flow.page() is flow.welcome and not flow.back_btn.isEnabled()


def test_shown_once_not_again_after_a_restart_and_not_for_an_existing_history(qtbot, coach_home):
    _c, window = build_window(qtbot)
    window.firstrun.next()
    window.firstrun.next()
    window.firstrun.next()  # left mid-way: due again at the next launch
    window.close()
    _c, window2 = build_window(qtbot)
    assert window2.firstrun is not None and window2.stack.currentWidget() is window2.firstrun
    window2.firstrun._finish(None)
    window2.close()
    _c, window3 = build_window(qtbot)
    assert window3.firstrun is None and window3.stack.currentWidget() is window3.today
    window3.close()


def test_an_existing_history_with_sessions_is_not_a_first_run(qtbot):
    with HistoryStore.open(paths.db_path())[0] as store:
        r = SessionRecord("a" * 32, "gentle-start", "Gentle start", 1_767_000_000.0, 1_767_000_600.0)
        r = replace(r, status="completed")
        store.begin_session(r)
        store.finish_session(r)
    _c, window = build_window(qtbot)
    assert window.firstrun is None and window.stack.currentWidget() is window.today
    assert Settings().get("firstrun/done") is True


def test_help_set_up_again_and_todays_card_open_the_one_flow(qtbot):
    controller, window = build_window(qtbot)
    window.firstrun._finish(None)
    assert window.today.setup.isVisible() and window.today.setup_btn.text() == "Set up a programme…"
    window.today.setup_btn.click()
    flow = window.firstrun
    assert window.stack.currentWidget() is flow and flow.page() is flow.programme
    window.show_today()
    window.act_setup.trigger()
    assert window.stack.currentWidget() is flow and flow.page() is flow.welcome
    assert window.act_setup in window.help_btn.menu().actions()


def test_camera_check_without_camera_or_model_says_so_once_and_never_asks_to_download(qtbot, monkeypatch, tmp_path):
    monkeypatch.delenv("COACH_POSE_MODEL", raising=False)
    asked = []
    monkeypatch.setattr("coach.ui.camera.model_dialog.ask_download", lambda *a, **k: asked.append(a) or False)
    controller, window = build_window(qtbot, video=tmp_path / "no-such-clip.mp4")
    flow = window.firstrun
    flow.show_page(flow.camera)
    flow.camera.toggle.click()
    qtbot.waitUntil(lambda: "No camera picture" in flow.camera.status.text(), timeout=10_000)
    assert flow.camera.model is None and not asked
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, (QDialog, QMessageBox)) and w.isVisible()]
    assert flow.camera.status.text().count(".") == 1  # one plain sentence
    flow.next()
    assert flow.page() is flow.start and not flow.camera.panel.running()


def test_after_a_red_flag_the_set_up_can_go_on_but_nothing_starts_from_it(qtbot):
    _controller, window = build_window(qtbot)
    flow = window.firstrun
    flow.next()
    flow.safety.boxes["locking"].setChecked(True)
    flow.next()
    assert flow.next_btn.text() == "&Continue the set-up"
    flow.next()
    assert flow.page() is flow.baseline
    for _ in range(3):
        flow.next()
    assert flow.page() is flow.start and flow.start.routine is not None
    assert not flow.start.startable and flow.next_btn.text() == "&Finish" and not flow.finish_btn.isVisible()
    assert "see a clinician" in flow.start.note.text()
    QTest.keyClick(flow, Qt.Key_Return)
    assert window.flow is None and window.stack.currentWidget() is window.today
    assert window.today_reminder.isVisible()


def test_enter_on_a_focused_button_presses_that_button_not_next(qtbot):
    _controller, window = build_window(qtbot)
    flow = window.firstrun
    flow.next()
    flow.next()
    assert flow.page() is flow.baseline
    flow.back_btn.setFocus()
    qtbot.waitUntil(flow.back_btn.hasFocus)
    QTest.keyClick(flow.back_btn, Qt.Key_Return)
    assert flow.page() is flow.safety


def test_set_up_again_keeps_the_programme_unless_told_to_stop_it(qtbot):
    controller, window = build_window(qtbot)
    flow = window.firstrun
    for _ in range(4):
        flow.next()  # follows the programme
    flow._finish(None)
    started = controller.programme.active()[1]
    window.act_setup.trigger()
    for _ in range(3):
        flow.next()
    assert flow.programme.keep.isChecked() and "week 1" in flow.programme.keep.text()
    assert flow.programme.later.text().startswith("Stop following")
    flow.next()  # keep: nothing changes
    assert controller.programme.active()[1] == started
    flow.back()
    flow.programme.later.setChecked(True)
    flow.next()
    assert controller.programme.active() is None


def test_an_unreadable_history_does_not_block_the_first_run_and_bad_settings_values_are_ignored():
    from coach.core.errors import CoachError
    from coach.ui.firstrun import state

    s = Settings()

    def broken():
        raise CoachError("The history file can't be read")

    assert state.is_due(s, broken) is True and s.get("firstrun/done") is False
    s.q.setValue("firstrun/red_flags", "fever,<b>bogus</b>,,swelling")
    s.q.setValue("firstrun/baseline", "eleven")
    assert state.red_flags(s) == ["fever", "swelling"] and state.baseline(s) is None
    s.q.setValue("firstrun/baseline", 42)
    assert state.baseline(s) is None


def test_every_button_of_the_flow_answers_to_alt_and_its_underlined_letter(qtbot):
    """Alt+N on each page, Alt+B back, Alt+S skips the camera check, Alt+F finishes on the last page: the main
    button keeps a mnemonic when its words change (they used to lose the '&')."""
    _controller, window = build_window(qtbot)
    flow = window.firstrun

    def alt(key, then) -> None:
        QTest.keyClick(window.windowHandle(), key, Qt.AltModifier)  # through the shortcut map, as a real key
        qtbot.waitUntil(then, timeout=2000)  # a mnemonic "animates" the click: it lands 100 ms later

    qtbot.waitUntil(lambda: flow.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is flow)
    alt(Qt.Key_N, lambda: flow.page() is flow.safety)
    alt(Qt.Key_B, lambda: flow.page() is flow.welcome)
    for page in (flow.safety, flow.baseline, flow.programme, flow.camera):
        alt(Qt.Key_N, lambda page=page: flow.page() is page)
    alt(Qt.Key_S, lambda: flow.page() is flow.start)  # skip the camera check
    assert flow.next_btn.text() == "&Start now" and flow.finish_btn.isVisible()
    alt(Qt.Key_F, lambda: window.stack.currentWidget() is window.today)
    assert window.flow is None  # Finish, not Start now: no session was started
