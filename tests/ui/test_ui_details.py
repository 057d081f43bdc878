"""The small things of issue 14, item 8: the pain scale's "not rated" state, the sound button without a device,
the routines folder without a file manager, empty states with an action, dialogs whose buttons say what they
do, Pause/Resume that doesn't shift its neighbours, the skeleton kept inside the picture, steps not reps."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from coach.core.exercises import count_word
from coach.core.routines.model import StrengthStep
from coach.core.session import Phase
from coach.ui import style
from coach.ui.camera.live_frame import LiveFrame, qimage_from_bgr
from coach.ui.camera.view import CameraView
from coach.ui.dialogs import FolderDialog
from coach.ui.session.checkin import PainCheckIn
from coach.ui.session.player_text import instructions_html, ring_values, tempo_text
from support.pose_fakes import numbered_frames
from support.tour_pages import Tour
from support.ui_helpers import FakeClock, make_window, start_by_keyboard

pytestmark = pytest.mark.usefixtures("qapp")


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours."""

    def lum(c: QColor) -> float:
        lin = [(v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c.getRgb()[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _answer(button_text: str, seen: list) -> None:
    """Click ``button_text`` in the next message box that opens, recording all its button texts."""

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(sorted(b.text() for b in box.buttons()))
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(20, click)


# ---- the pain scale ----------------------------------------------------------------------------------
def test_not_rated_is_its_own_state_and_the_label_keeps_its_width(qtbot):
    w = PainCheckIn(True)
    qtbot.addWidget(w)
    w.resize(700, 500)
    w.show()
    assert w.pain is None and not w.slider.rated and w.value.text() == "Not rated"
    blank = w.slider.grab().toImage()
    width = w.value.width()
    slider_width = w.slider.width()
    w.set_pain(0)  # 0 is a rating, and it looks different from "not rated"
    assert w.pain == 0 and w.slider.rated
    assert w.slider.grab().toImage() != blank
    for v in range(11):
        w.set_pain(v)
        assert w.value.width() == width and w.slider.width() == slider_width, v
    assert w.value.fontMetrics().horizontalAdvance(w.value.text()) <= width


def test_a_click_on_the_scale_rates_the_number_under_the_pointer(qtbot):
    w = PainCheckIn(False)
    qtbot.addWidget(w)
    w.resize(700, 500)
    w.show()
    s = w.slider
    x = int(s._x(7))
    QTest.mouseClick(s, Qt.LeftButton, pos=QPoint(x, s.height() // 2))
    assert w.pain == 7 and w.value.text().startswith("7 / 10")
    QTest.mouseClick(s, Qt.LeftButton, pos=QPoint(int(s._x(7)), s.height() // 2))  # the same number again
    assert w.pain == 7


def test_left_at_zero_rates_zero(qtbot):
    w = PainCheckIn(True)
    qtbot.addWidget(w)
    w.show()
    QTest.keyClick(w.slider, Qt.Key_Left)  # the value can't go below 0: pressing ← still means "0"
    assert w.pain == 0 and w.slider.rated


def test_dark_scale_ticks_stand_out(qtbot):
    app = QApplication.instance()
    style.apply(app, "dark")
    w = PainCheckIn(True)
    qtbot.addWidget(w)
    w.resize(700, 500)
    w.show()
    img = w.slider.grab().toImage()
    dpr = img.devicePixelRatio()
    bg = w.slider.palette().color(QPalette.Window)
    x, y = w.slider._x(5), 14 + 8.5  # the middle of the 5 tick
    tick = img.pixelColor(round(x * dpr), int(y * dpr))
    assert contrast(tick, bg) >= 4.5, (tick.name(), bg.name())


# ---- the player -----------------------------------------------------------------------------------------
def test_sound_button_says_there_is_no_sound_and_why(qtbot):
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    controller.audio._disable_sound("Sound is off: no audio output device was found")
    flow = start_by_keyboard(qtbot, window, "Gentle start")
    b = flow.player.mute_btn
    assert not b.isEnabled() and b.text() == "No sound" and "no audio output device" in b.toolTip()


def test_pause_resume_doesnt_move_the_other_buttons(qtbot):
    clock = FakeClock()
    _controller, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Gentle start")
    p = flow.player
    before = [(b.x(), b.width()) for b in (p.back_btn, p.pause_btn, p.skip_btn, p.mute_btn)]
    p.controller.toggle_pause()
    qtbot.wait(20)
    assert p.pause_btn.text() == "Resume"
    assert [(b.x(), b.width()) for b in (p.back_btn, p.pause_btn, p.skip_btn, p.mute_btn)] == before


def test_end_asks_with_end_session_and_keep_going(qtbot):
    clock = FakeClock()
    _controller, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Gentle start")
    seen: list = []
    _answer("Keep going", seen)
    flow.player.request_end()
    assert seen == [["End session", "Keep going"]] and flow.controller.running
    _answer("End session", seen)
    flow.player.request_end()
    assert not flow.controller.running and flow.controller.phase == Phase.FINISHED


def test_band_walk_is_dosed_and_counted_in_steps(qtbot):
    assert count_word("lateral_band_walk") == "steps" and count_word("lateral_band_walk", 1) == "step"
    assert count_word("squat") == "reps" and count_word(None) == "reps"
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    tour = Tour(window, controller, clock, [])
    flow = tour.start("Glute med builder")
    tour.go_to(flow, lambda s: isinstance(s, StrengthStep) and s.exercise == "lateral_band_walk", Phase.WORK)
    s = flow.controller.state()
    assert "12 steps" in instructions_html(s.step) and "reps" not in instructions_html(s.step).split("</p>")[0]
    assert ring_values(s)[2] == "steps"
    assert "Steps 0 / 12" in flow.player.counts.text()
    assert flow.player.done_btn.text().endswith("12 steps")
    tour.home()


# ---- the library and history -----------------------------------------------------------------------
def test_no_file_manager_shows_the_folder_with_copy(qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    window.library.folder_btn.click()
    dlg = window.library.folder_dialog
    assert isinstance(dlg, FolderDialog) and dlg.isVisible()
    assert dlg.path.text() == str(controller.user_routines_dir())
    dlg.copy.click()
    assert QApplication.clipboard().text() == str(controller.user_routines_dir())
    dlg.close()


def test_file_manager_opens_and_no_dialog(qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    clock = FakeClock()
    _controller, window = make_window(qtbot, clock)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    window.library.folder_btn.click()
    assert len(opened) == 1 and getattr(window.library, "folder_dialog", None) is None


def test_empty_history_offers_to_start_a_routine(qtbot):
    clock = FakeClock()
    _controller, window = make_window(qtbot, clock)
    window.show_history()
    view = window.history_view
    assert view.empty.isVisible() and view.empty_action.isVisible()
    view.empty_action.click()
    assert window.stack.currentWidget() is window.library


def test_delete_asks_with_delete_and_keep_it(qtbot):
    clock = FakeClock()
    _controller, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Gentle start")
    flow.player._confirm_end = lambda: True
    flow.player.request_end()
    flow.after.set_pain(1)
    flow.after.accept()
    window.show_history()
    view = window.history_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    record = view.model.record(0)
    seen: list = []
    _answer("Keep it", seen)
    assert view._confirm_delete(record) is False
    _answer("Delete", seen)
    assert view._confirm_delete(record) is True
    assert seen == [["Delete", "Keep it"]] * 2


# ---- the camera picture -------------------------------------------------------------------------------
def test_skeleton_stops_at_the_edge_of_the_picture(qtbot):
    view = CameraView(mirror=False)
    qtbot.addWidget(view)
    view.resize(400, 150)  # a wide view: the 4:3 picture is letterboxed left and right
    lm = np.zeros((33, 4), np.float32)
    lm[:, 3] = 1.0
    lm[11] = (-0.6, 0.5, 0, 1)  # left shoulder far outside the picture on the left...
    lm[12] = (1.6, 0.5, 0, 1)  # ...right shoulder far outside on the right: the bone crosses the whole view
    img = numbered_frames(1, 160, 120)[0]
    view.set_frame(LiveFrame(qimage_from_bgr(img), lm, time.monotonic(), time.monotonic(), 0, 30.0, (160, 120)))
    view.show()
    shot = view.grab().toImage()
    r = view.image_rect()
    dpr = shot.devicePixelRatio()
    y = int(r.center().y() * dpr)
    bg = view.palette().color(QPalette.Window)
    margin = [shot.pixelColor(int(x * dpr), y) for x in (2, 10, r.left() - 3, r.right() + 3, view.width() - 3)]
    assert all(c == bg for c in margin), [c.name() for c in margin]
    inside = shot.pixelColor(int(r.center().x() * dpr), y)
    assert inside != QColor(90, 90, 90) and inside != bg  # the bone is drawn across the picture itself


def test_folder_dialog_buttons_are_named(qtbot, tmp_path):
    dlg = FolderDialog(tmp_path, "Here it is:")
    qtbot.addWidget(dlg)
    assert dlg.path.isReadOnly() and dlg.copy.text() == "Copy path"
    assert any(b.text() for b in dlg.findChildren(QPushButton))


def test_tempo_reads_as_words():
    assert tempo_text("3-1-1") == " · tempo 3-1-1"
    assert tempo_text("hold") == "" and tempo_text("") == ""  # "15 s hold · tempo hold" said it twice
    assert tempo_text("steady") == " · steady"


def test_an_empty_library_says_where_routines_go(qtbot):
    from coach.core.routines import Library
    from coach.ui.library import LibraryView

    class NoRoutines:
        def library(self):
            return Library()

        def reload_library(self):
            return self.library()

        def user_routines_dir(self):
            return Path("/nowhere")

    view = LibraryView(NoRoutines())
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    assert view.cards == [] and view.empty is not None and view.empty.isVisible()
    assert "routines folder" in view.empty.text() and view.folder_btn.property("primary")
