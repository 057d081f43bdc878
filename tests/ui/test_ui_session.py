"""The guided session in the real main window (offscreen), driven by keyboard on a fake clock."""

from __future__ import annotations

import sqlite3
import time

import pytest
from PySide6.QtCore import Qt

from coach import paths
from coach.core.session import Phase
from coach.store import HistoryStore
from coach.ui.settings import Settings
from support.ui_helpers import FakeClock, key, make_window, play_to_end, start_by_keyboard

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def clock():
    return FakeClock()


def test_whole_bundled_routine_by_keyboard_then_history_shows_it(qtbot, clock):
    t0 = time.perf_counter()
    controller, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Glute med builder", pain=3)
    phases = play_to_end(flow, clock)
    assert {Phase.ROLL, Phase.READY, Phase.WORK, Phase.REST} <= set(phases)
    assert flow.currentWidget() is flow.after  # pain check-in after the session
    assert not window.act_library.isEnabled()  # leaving now would lose the check-in: the app holds on
    window.show_library()
    assert window.stack.currentWidget() is flow and flow.currentWidget() is flow.after
    assert "Finish the session first" in window.statusBar().currentMessage()
    assert flow.after.pain is None  # nothing prefilled: a score is only what the user gives
    key(flow.after.slider, Qt.Key_2)
    key(flow.after.slider, Qt.Key_Return)
    summary = flow.summary
    assert summary is not None and flow.currentWidget() is summary
    text = summary.body.text()
    assert "Completed" in text and "3/10 → 2/10" in text
    qtbot.waitUntil(lambda: "Saved" in summary.save_state.text())
    assert window.act_history.isEnabled()  # saved: free to go
    summary.history_btn.click()
    qtbot.waitUntil(lambda: window.history_view is not None and window.history_view.isVisible())
    view = window.history_view
    assert view.model.rowCount() == 1
    rec = view.model.record(0)
    assert rec.routine_title == "Glute med builder" and rec.status == "completed"
    assert view.selected_id() == rec.id
    # what the history shows is what the database holds: every set, reps entered with "+"
    with HistoryStore.open(paths.db_path())[0] as store:
        stored = store.get_session(rec.id)
    routine = controller.library().get("glute-med-builder")
    strength = [s for s in stored.sets if s.kind == "strength"]
    expected_sets = sum(st.sets * len(st.sides) for st in routine.steps if st.kind == "strength")
    assert len(strength) == expected_sets
    assert all(s.achieved_reps == s.target_reps and s.source == "manual" for s in strength)
    assert (stored.pain_before, stored.pain_after) == (3, 2)
    assert stored.duration_s == pytest.approx(clock.t, abs=1.0)
    assert time.perf_counter() - t0 < 5.0, "a whole routine must play in under 5 s of test time"


def test_pause_resume_back_and_skip_by_keyboard(qtbot, clock):
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Quick lateral-hip reset")
    player, ctl = flow.player, flow.controller
    assert ctl.state().phase == Phase.EDUCATION
    clock.advance(5)
    ctl.tick()
    key(player, Qt.Key_Space)
    assert ctl.state().paused and player.pause_btn.text() == "Resume" and player.ring.paused
    clock.advance(100)  # paused time doesn't count
    ctl.tick()
    assert ctl.state().elapsed_s == pytest.approx(5.0)
    key(player, Qt.Key_Space)
    assert not ctl.state().paused
    key(player, Qt.Key_Right)  # skip the reading
    s = ctl.state()
    assert s.phase == Phase.ROLL and s.step_index == 1 and player.step_title.text().startswith("Roll the TFL")
    key(player, Qt.Key_Right)  # first half of a two-sided roll: skip to the other side
    assert ctl.state().side == "right"
    key(player, Qt.Key_Left)  # under 3 s into the step: back to the previous one
    assert ctl.state().step_index == 0
    clock.advance(4)
    ctl.tick()
    key(player, Qt.Key_Left)  # 4 s into it: restart this step
    s = ctl.state()
    assert s.step_index == 0 and s.elapsed_s == pytest.approx(0.0)


def test_plus_and_minus_enter_reps_by_hand(qtbot, clock):
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Glute med builder")
    player, ctl = flow.player, flow.controller
    while ctl.state().phase != Phase.WORK:
        clock.advance((ctl.state().remaining_s or 0) + 0.05)
        ctl.tick()
    assert player.plus.isVisible()
    key(player, Qt.Key_Plus, 3)
    key(player, Qt.Key_Minus)
    s = ctl.state()
    assert s.reps_done == 2
    assert "Reps 2 / 12" in player.counts.text() and player.ring.big == "2/12"


def test_escape_ends_only_after_confirm(qtbot, clock, monkeypatch):
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Quick lateral-hip reset")
    player, ctl = flow.player, flow.controller
    answers = [False, True]
    monkeypatch.setattr(player, "_confirm_end", lambda: answers.pop(0))
    key(player, Qt.Key_Escape)
    assert ctl.running and not ctl.state().paused  # "No": carries on, unpaused
    key(player, Qt.Key_Escape)
    assert not ctl.running and flow.currentWidget() is flow.after
    key(flow.after.slider, Qt.Key_Return)
    assert flow.summary.record.status == "interrupted"
    assert "Ended early" in flow.summary.body.text()


def test_mute_key_persists_across_restarts(qtbot, clock):
    controller, window = make_window(qtbot, clock)
    controller.audio._effects = {}  # sound "loaded" (silent): the button shows mute, whatever this machine has
    flow = start_by_keyboard(qtbot, window, "Quick lateral-hip reset")
    assert not controller.audio.muted
    key(flow.player, Qt.Key_M)
    assert controller.audio.muted and flow.player.mute_btn.text() == "Muted"
    assert Settings().muted  # a fresh read of the settings file
    played = len(controller.audio.played)
    clock.advance(30)
    flow.controller.tick()  # crosses into the roll: a "step" cue, silenced
    assert len(controller.audio.played) == played
    window.close()
    controller2, window2 = make_window(qtbot, clock)
    assert controller2.audio.muted
    flow2 = start_by_keyboard(qtbot, window2, "Quick lateral-hip reset")
    key(flow2.player, Qt.Key_M)
    assert not Settings().muted


def test_closing_mid_session_keeps_it_as_interrupted(qtbot, clock, monkeypatch):
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Glute med builder")
    ctl = flow.controller
    clock.advance(200)  # the roll (2 x 60 s) and the lead-in are done
    ctl.tick()
    sid = ctl.engine.record.id
    monkeypatch.setattr(window, "_confirm_quit", lambda: True)
    window.close()
    conn = sqlite3.connect(paths.db_path())
    (status,) = conn.execute("SELECT status FROM sessions WHERE id = ?", (sid,)).fetchone()
    rolls = conn.execute("SELECT COUNT(*) FROM sets WHERE session_id = ? AND kind = 'roll'", (sid,)).fetchone()[0]
    conn.close()
    assert status == "interrupted" and rolls == 2


def test_pain_is_never_made_up_and_enter_on_back_goes_back(qtbot, clock):
    _c, window = make_window(qtbot, clock)
    btn = next(c for c in window.library.cards if c.routine.title == "Quick lateral-hip reset").button
    btn.click()
    flow = window.flow
    before = flow.before
    assert before.pain is None and before.value.text() == "Not rated"
    before.cancel_btn.setFocus()
    key(before.cancel_btn, Qt.Key_Return)  # Return on the focused "Back to routines" goes back
    assert window.stack.currentWidget() is window.library and flow.player is None
    btn.click()
    flow = window.flow
    flow.before.camera.setChecked(False)
    qtbot.waitUntil(flow.before.slider.hasFocus)
    key(flow.before.slider, Qt.Key_7)  # a number key rates directly
    assert flow.before.pain == 7 and "above the guide" in flow.before.zone.text().lower()
    asked = []
    flow._ask_gentler = lambda pain: asked.append(pain) or ("anyway", flow.routine)  # 7/10: Start asks first
    key(flow.before.slider, Qt.Key_Return)
    assert asked == [7]
    assert flow.player is not None and flow.controller.engine.record.pain_before == 7
    flow.player._confirm_end = lambda: True
    flow.player.request_end()
    flow.after.ok_btn.click()  # saved without rating the pain after
    assert flow.summary.record.pain_after is None
    assert "7/10 → –" in flow.summary.body.text()
