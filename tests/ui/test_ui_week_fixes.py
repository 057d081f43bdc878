"""What a week of real use found in the app's screens, each checked in the real main window (offscreen):
navigation after a session, Done for a rep set, corrections during the rest, the rest's counters, stale
banners, camera reps during rests, summary and check-in wording, focus after dialogs, the sort arrow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionHeader

from coach.core.analysis.results import RepEvent
from coach.core.record import SessionRecord, SetRecord
from coach.core.session import Phase
from coach.ui.session.checkin import PainCheckIn
from coach.ui.session.summary import summary_html
from support.ui_helpers import FakeClock, card, key, make_window, play_to_end, start_by_keyboard

pytestmark = pytest.mark.usefixtures("qapp")


def _to(flow, clock, phase):
    ctl = flow.controller
    for _ in range(200):
        s = ctl.state()
        if s.phase == phase:
            return s
        assert s.phase not in (Phase.FINISHED,), s.phase
        if s.phase == Phase.WORK:
            ctl.skip()
        else:
            clock.advance((s.remaining_s or 0.0) + 0.05)
            ctl.tick()
    raise AssertionError(f"never reached {phase}")


def _nav_works(qtbot, window):
    for act in (window.act_today, window.act_library, window.act_history, window.act_settings):
        assert act.isEnabled(), act.text()
    QTest.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.history_view is not None and window.history_view.isVisible())
    QTest.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.today.isVisible())
    QTest.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.library.isVisible())


def test_navigation_works_after_a_cancelled_and_after_a_finished_session(qtbot):
    clock = FakeClock()
    _c, window = make_window(qtbot, clock)
    btn = card(window, "Quick lateral-hip reset").button
    btn.setFocus()
    key(btn, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.flow is not None and window.flow.before.slider.hasFocus())
    key(window.flow.before.slider, Qt.Key_Escape)  # cancelled at the first check-in
    qtbot.waitUntil(lambda: window.library.isVisible())
    _nav_works(qtbot, window)
    for _ in range(2):  # two whole sessions in one run, each ending in the history
        flow = start_by_keyboard(qtbot, window, "Quick lateral-hip reset", pain=2)
        play_to_end(flow, clock)
        key(flow.after.slider, Qt.Key_3)
        key(flow.after.slider, Qt.Key_Return)
        qtbot.waitUntil(lambda flow=flow: "Saved" in flow.summary.save_state.text())
        flow.summary.history_btn.click()
        qtbot.waitUntil(lambda: window.history_view is not None and window.history_view.isVisible())
        _nav_works(qtbot, window)
    assert window.history_view.model.rowCount() == 2


def test_done_records_the_target_and_minus_corrects_it_during_the_rest(qtbot):
    clock = FakeClock()
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Glute med builder", pain=2)
    player = flow.player
    s = _to(flow, clock, Phase.WORK)
    assert player.done_btn.isVisible() and player.done_btn.text() == f"✓  Done: {s.reps_target} reps"
    key(player, Qt.Key_Plus, 2)
    key(player, Qt.Key_Return)  # the whole set was done
    s = flow.controller.state()
    assert s.phase == Phase.REST and s.last_set.achieved_reps == s.last_set.target_reps == 12
    assert player.minus.isVisible() and player.minus.isEnabled() and not player.done_btn.isVisible()
    key(player, Qt.Key_Minus)
    assert flow.controller.state().last_set.achieved_reps == 11
    assert player.counts.text().startswith("Set 1 of 3 done  ·  11 / 12 reps")
    assert player.next.text() == "Next: left side, set 2 of 3"
    player.done_btn.click()  # hidden during the rest: a click does nothing
    assert flow.controller.state().phase == Phase.REST


def test_a_step_change_clears_the_side_switch_banner(qtbot):
    clock = FakeClock()
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Quick lateral-hip reset", pain=2)
    player = flow.player
    _to(flow, clock, Phase.ROLL)
    key(player, Qt.Key_Right)  # skip the left side: "⇄ Switch to the right side"
    assert "Switch to the right side" in player.banner.text()
    key(player, Qt.Key_Right)  # skip the changeover
    key(player, Qt.Key_Right)  # skip the right side: on to the side plank
    assert flow.controller.state().step.title == "Side plank"
    assert player.banner.text() == ""


class _CameraStub:
    """Records what the session asks the camera panel to show."""

    def __init__(self):
        self.shown = []

    def show_rep(self, side):
        self.shown.append(("rep", side))

    def show_not_counted(self, text):
        self.shown.append(("not counted", text))

    def show_drop(self, ev):
        self.shown.append(("drop", ev.side))

    def stop(self):
        pass


def test_a_camera_rep_during_a_rest_is_not_shown_as_counted(qtbot):
    clock = FakeClock()
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Glute med builder", pain=2)
    flow.camera = stub = _CameraStub()
    rep = RepEvent(t_s=1.0, side="left", depth=1.0, full=True)
    _to(flow, clock, Phase.WORK)
    flow.controller.back()  # the step's get-ready again
    assert flow.controller.state().phase == Phase.READY
    flow._camera_rep(rep)  # the first rep during get-ready starts the set and counts
    assert flow.controller.state().phase == Phase.WORK and flow.controller.state().reps_done == 1
    flow.controller.complete_set()
    assert flow.controller.state().phase == Phase.REST
    flow._camera_rep(rep)
    assert stub.shown == [("rep", "left"), ("not counted", "Resting: that rep was not counted")]
    assert flow.controller.state().last_set.achieved_reps == 12  # not a correction either


def test_summary_words_follow_what_happened():
    sets = tuple(
        SetRecord(1, "strength", "side_plank", side, n, target_hold_s=15, achieved_hold_s=15, source="timer")
        for side in ("left", "right")
        for n in (1, 2)
    )
    holds = SessionRecord(
        id="h",
        routine_id="r",
        routine_title="Planks",
        started_at=0,
        ended_at=100,
        pain_before=3,
        pain_after=4,
        status="interrupted",
        sets=sets,
        sets_planned=6,
    )
    html = summary_html(holds)
    assert "Good" not in html and "ended early" in html  # interrupted: no praise, no "build up"
    assert "Reps" not in html and "1 min 00 s held in all" in html  # hold-only: hold time, not "Reps 0"
    assert "4 of 6 sets and roll sides (67%)" in html
    done = SessionRecord(
        id="d",
        routine_id="r",
        routine_title="Planks",
        started_at=0,
        ended_at=100,
        pain_before=3,
        pain_after=3,
        status="completed",
        sets=sets,
        sets_planned=4,
    )
    assert "Good" in summary_html(done)
    after = PainCheckIn(False)
    after.set_pain(6)
    assert "stop today" not in after.zone.text() and "next time" in after.zone.text()
    before = PainCheckIn(True)
    before.set_pain(6)
    assert "gentler routine" in before.zone.text()


def _close_dialogs(found: list):
    def close():
        w = QApplication.activeModalWidget()
        if w is not None:
            found.append(w.windowTitle())
            w.reject() if hasattr(w, "reject") else w.close()

    timer = QTimer(interval=30, timeout=close)
    timer.start()
    return timer


def test_keys_reach_the_player_after_the_model_dialogs(qtbot, monkeypatch):
    monkeypatch.delenv("COACH_POSE_MODEL", raising=False)
    monkeypatch.setattr("coach.pose.model.download_model", lambda *a, **k: (_ for _ in ()).throw(OSError("offline")))
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    btn = card(window, "Glute med builder").button
    btn.setFocus()
    key(btn, Qt.Key_Space)
    flow = window.flow
    qtbot.waitUntil(lambda: flow.before.slider.hasFocus())
    flow.before.camera.setChecked(True)
    titles = []
    timer = _close_dialogs(titles)
    key(flow.before.slider, Qt.Key_Return)  # "Download the pose model?" opens; it is declined
    qtbot.waitUntil(lambda: flow.player is not None and flow.currentWidget() is flow.player, timeout=5000)
    timer.stop()
    assert titles  # a dialog really was in the way
    qtbot.wait(50)
    focus = QApplication.focusWidget()
    assert focus is flow.player or flow.player.isAncestorOf(focus), focus
    QTest.keyClick(focus, Qt.Key_Space)  # where a person's key press goes
    assert flow.controller.state().paused
    flow.camera.stop()


def test_the_date_column_arrow_points_down_for_newest_first(qtbot):
    from coach.ui import style
    from coach.ui.history.controller import HistoryController
    from coach.ui.history.view import HistoryView

    style.apply(QApplication.instance(), "light")

    class _Empty:
        def list_sessions(self, limit=None):
            return []

    view = HistoryView(HistoryController(_Empty()))
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    view.table.setVisible(True)
    head = view.table.horizontalHeader()
    assert head.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    # what Qt asks the style to draw for descending order, drawn by the header's own style into an image
    opt = QStyleOptionHeader()
    opt.initFrom(head)
    opt.rect = QRect(0, 0, 16, 16)
    opt.sortIndicator = QStyleOptionHeader.SortIndicator.SortUp  # QHeaderView's value for DescendingOrder
    img = QImage(16, 16, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(img)
    head.style().drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorHeaderArrow, opt, painter, head)
    painter.end()
    widths = [
        n for n in (sum(1 for x in range(16) if QColor(img.pixel(x, y)).lightness() < 200) for y in range(16)) if n
    ]
    assert len(widths) >= 3, widths
    assert widths[0] > widths[-1], widths  # widest at the top: ▼


def test_the_side_pills_say_which_leg_stands_and_the_picture_mirrors_for_the_right(qtbot):
    clock = FakeClock()
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Glute med builder", pain=2)
    player = flow.player
    s = _to(flow, clock, Phase.ROLL)
    assert player.side_words.text() == "Roll your left side" and not player.picture.mirrored
    s = _to(flow, clock, Phase.WORK)  # standing hip abduction, left
    assert s.side == "left" and player.side_words.text() == "Lift your left leg; stand on the right"
    while flow.controller.state().side != "right":
        flow.controller.complete_set() if flow.controller.state().phase == Phase.WORK else _to(flow, clock, Phase.WORK)
    assert player.picture.mirrored and player.side_words.text() == "Lift your right leg; stand on the left"


def test_a_rep_on_the_other_leg_is_said_and_not_counted_as_a_partial(qtbot):
    from pathlib import Path

    from coach.ui.camera.panel import CameraPanel

    panel = CameraPanel(lambda: None, Path("none.task"))
    qtbot.addWidget(panel)
    flashes, partials = [], []
    panel.view.flash = lambda text, kind="info": flashes.append((text, kind))
    panel.partialRep.connect(partials.append)
    panel._mine = lambda counting=False: True
    panel._on_partial(RepEvent(t_s=1.0, side="right", depth=1.0, full=False, note="that was the right leg"))
    panel._on_partial(RepEvent(t_s=2.0, side="left", depth=0.4, full=False))
    assert flashes == [
        ("✗ Not counted: that was the right leg", "info"),
        ("Partial rep: not counted, go a little further", "info"),
    ]
    assert partials == ["left"]  # the wrong-leg rep is not a partial of this set


def test_not_measured_is_never_shown_as_no_drop():
    from coach.ui.history.detail import drops_summary
    from coach.ui.history.table_model import SessionTableModel

    squat = SetRecord(0, "strength", "squat", None, 1, target_reps=4, achieved_reps=4, source="camera")
    level = SetRecord(
        1, "strength", "step_down", "left", 1, target_reps=8, achieved_reps=8, source="camera", peak_drop_deg=2.1
    )
    base = dict(
        id="x", routine_id="r", routine_title="R", started_at=0, ended_at=60, status="completed", camera_used=True
    )
    unmeasured = SessionRecord(**base, sets=(squat,))
    measured = SessionRecord(**base, sets=(squat, level))
    assert "not measured (no single-leg rep" in summary_html(unmeasured)
    assert "<td>none</td>" in summary_html(measured)
    assert drops_summary(unmeasured) == "Not measured" and drops_summary(measured) == "None: the hips stayed level"
    model = SessionTableModel()
    model.set_records([unmeasured, measured])
    cells = [model.index(row, 6).data() for row in range(2)]
    assert cells == ["—", "0 / 0"]
