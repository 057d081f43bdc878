"""The pages of the screenshot tour (tests/e2e/tour_driver.py): a list of (name, opener).

An opener gets the ``Tour`` (the real main window built as ``coach`` builds it, on a fake clock) and puts one
screen on show; it returns the top-level widget to photograph and check (the main window, or a dialog it
opened without blocking). Openers start from whatever the previous one left: each calls ``tour.home()`` first.
To add a page, write an opener and add one line to ``PAGES``.
The first-run pages, the routine preview, the high-pain question and the large-text player have their own
openers below (``firstrun_pages``, ``open_preview``, ``open_high_pain_question``, ``open_large_player``: they
take the main window); ``python tests/support/tour_pages.py OUT WxH TAG`` (with DISPLAY, QT_QPA_PLATFORM=xcb,
COACH_HOME and COACH_THEME set) saves that set at one size (tests/system/test_firstrun_screens.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from coach.core.routines.model import RollStep, StrengthStep
from coach.core.session import Phase

ROLL = "Gentle start"  # a routine with a roll, a rep exercise and holds
CAMERA = "Glute med builder"  # strength steps the camera watches


@dataclass
class Tour:
    window: object  # coach.ui.main_window.MainWindow
    controller: object  # coach.ui.app_controller.AppController
    clock: object  # support.ui_helpers.FakeClock
    dialogs: list

    def settle(self, ms: int = 120) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)

    def home(self) -> None:
        """Close dialogs and drop any session (nothing modal stays open), then show Today."""
        for d in self.dialogs:
            d.close()
            d.deleteLater()
        self.dialogs.clear()
        w = self.window
        if w.flow is not None:  # as when the window closes mid-session: saved as interrupted
            w.flow.abandon()
            w.stack.setCurrentWidget(w.today)
            self.settle(30)  # the stopped camera's last queued signals reach a live panel (as in the app)
            if w.flow is not None and shiboken6.isValid(w.flow):
                w._drop_flow()
            else:  # the app dropped (and deleted) it while the events ran
                w.flow = None
            self.settle(30)
        w._lock_nav(False)
        w.show_today()

    def routine(self, title: str):
        return next(r for r in self.controller.library().routines if r.title == title)

    def start(self, title: str, camera: bool = False):
        """Start a routine from the library the way a person does, and rate pain 2 before it."""
        self.home()
        self.settle(30)  # the last page's deferred work (a dropped session page, a camera thread) runs first
        self.window.show_library()
        self.window.start_session(self.routine(title))
        flow = self.window.flow
        flow.before.set_pain(2)
        flow.before.camera.setChecked(camera)
        flow.before.accept()
        if not flow.controller.running:
            raise AssertionError(f"{title} didn't start: on {type(flow.currentWidget()).__name__}")
        return flow

    def go_to(self, flow, wanted: Callable[[object], bool], phase: Phase) -> None:
        """Skip to the first step for which ``wanted(step)`` holds, then wait out the get-ready time."""
        ctl = flow.controller
        for _ in range(40):
            s = ctl.state()
            if s.step is not None and wanted(s.step):
                break
            ctl.skip()
        for _ in range(20):
            s = ctl.state()
            if s.phase == phase:
                return
            self.clock.advance((s.remaining_s or 0.0) + 0.05)
            ctl.tick()
        raise AssertionError(f"never reached {phase} (at {ctl.state().phase})")


def open_today(t: Tour) -> QWidget:
    t.home()
    return t.window


def open_today_programme(t: Tour) -> QWidget:
    """Today with the bundled programme started: phase, week, today's session and its doses."""
    service = t.controller.programme
    service.start(service.programmes()[0].id, 2)  # as the first run's "Follow a programme" does
    t.home()
    return t.window


def open_library(t: Tour) -> QWidget:
    t.home()
    t.window.show_library()
    return t.window


def open_library_problems(t: Tour) -> QWidget:
    """The library with a user's routine that can't be used: its card lists the problems, at the end."""
    folder = t.controller.user_routines_dir()
    (folder / "my_hips.toml").write_text('id = "my-hips"\ntitle = "My hips"\n[[steps]]\nkind = "strength"\n')
    t.home()
    t.window.show_library()
    t.window.library.reload()
    t.settle(50)
    lib = t.window.library
    lib.scroll.ensureWidgetVisible(lib.failure_cards[-1])
    return t.window


def open_checkin_before(t: Tour) -> QWidget:
    t.home()
    t.window.show_library()
    t.window.start_session(t.routine(ROLL))
    return t.window


def open_player_roll(t: Tour) -> QWidget:
    flow = t.start(ROLL)
    t.go_to(flow, lambda s: isinstance(s, RollStep), Phase.ROLL)
    t.clock.advance(12)
    flow.controller.tick()
    return t.window


def open_player_strength(t: Tour) -> QWidget:
    flow = t.start(ROLL)
    t.go_to(flow, lambda s: isinstance(s, StrengthStep) and s.reps is not None, Phase.WORK)
    flow.controller.add_rep("manual")
    return t.window


def open_player_hold(t: Tour) -> QWidget:
    flow = t.start(ROLL)
    t.go_to(flow, lambda s: isinstance(s, StrengthStep) and s.hold_seconds is not None, Phase.HOLD)
    t.clock.advance(4)
    flow.controller.tick()
    return t.window


def open_player_camera(t: Tour) -> QWidget:
    flow = t.start(CAMERA, camera=True)
    t.go_to(flow, lambda s: isinstance(s, StrengthStep) and s.exercise == "single_leg_squat", Phase.WORK)
    panel = flow.camera
    QApplication.processEvents()
    from PySide6.QtTest import QTest

    QTest.qWait(600)  # a few scripted frames reach the view
    if panel is not None and panel.view.frame is None:
        raise AssertionError(f"the scripted camera showed no frame: {panel.view.placeholder}")
    return t.window


def open_player_no_camera(t: Tour) -> QWidget:
    """Camera ticked but none plugged in: one plain sentence where the picture would be, on a roll step."""
    from PySide6.QtTest import QTest

    from coach.pose.sources import CameraSourceSpec
    from coach.ui.camera.panel import CameraPanel
    from support.pose_fakes import ScriptedEstimator

    scripted = t.controller.make_camera
    t.controller.make_camera = lambda parent: CameraPanel(
        CameraSourceSpec("camera", index=97),
        Path("scripted.task"),
        parent=parent,
        estimator_factory=lambda _p: ScriptedEstimator([None]),
    )
    try:
        flow = t.start(CAMERA, camera=True)
    finally:
        t.controller.make_camera = scripted
    t.go_to(flow, lambda s: isinstance(s, RollStep), Phase.ROLL)
    for _ in range(100):
        if flow.camera is not None and flow.camera.manual_reason is not None and not flow.camera.running():
            break
        QTest.qWait(50)
    else:
        raise AssertionError("the missing camera was never reported")
    return t.window


def open_checkin_after(t: Tour) -> QWidget:
    flow = t.start(ROLL)
    flow.controller.end_early()
    flow.after.set_pain(3)
    return t.window


def open_summary(t: Tour) -> QWidget:
    """A session with the roll done and a set of bridges, ended early: what a summary usually holds."""
    flow = t.start(ROLL)
    t.go_to(flow, lambda s: isinstance(s, RollStep), Phase.ROLL)
    t.clock.advance(flow.controller.state().remaining_s or 0)
    flow.controller.tick()
    t.go_to(flow, lambda s: isinstance(s, StrengthStep) and s.reps is not None, Phase.WORK)
    flow.controller.complete_set()
    flow.controller.end_early()
    flow.after.set_pain(3)
    flow.after.notes.setPlainText("Left hip a little tight.")
    flow.after.accept()
    return t.window


def open_history(t: Tour) -> QWidget:
    t.home()
    t.window.show_history()
    return t.window


def open_history_session(t: Tour) -> QWidget:
    """A session just finished, seen in History ("See it in history"): its sets in the detail pane."""
    open_summary(t)
    t.window.flow.summary.history_btn.click()
    t.settle(50)
    if t.window.history_view is None or t.window.history_view.selected_id() is None:
        raise AssertionError("the finished session isn't selected in History")
    return t.window


def open_settings(t: Tour) -> QWidget:
    from coach.ui.settings_dialog import SettingsDialog

    t.home()
    dlg = SettingsDialog(t.controller.settings, t.window)
    t.dialogs.append(dlg)
    dlg.show()
    return dlg


def open_settings_camera(t: Tour) -> QWidget:
    """Settings on a computer with two cameras (listed by name), the first one's picture in the preview."""
    import numpy as np
    from PySide6.QtTest import QTest

    import coach.ui.camera.picker as picker
    from coach.pose.sources import MemorySource
    from coach.ui.camera.devices import CameraChoice
    from coach.ui.settings_dialog import SettingsDialog

    t.home()
    listed = picker.list_cameras
    picker.list_cameras = lambda: [CameraChoice(0, "Integrated Webcam"), CameraChoice(2, "Logitech C920")]
    try:
        dlg = SettingsDialog(t.controller.settings, t.window)
    finally:
        picker.list_cameras = listed
    frame = np.full((480, 640, 3), (70, 80, 95), np.uint8)
    frame[300:, :] = (60, 110, 150)
    dlg.camera_index.preview.source = lambda: MemorySource([frame] * 10, fps=30.0, paced=True, loop=True)
    t.dialogs.append(dlg)
    dlg.show()
    for _ in range(100):
        if dlg.camera_index.preview.view.frame is not None:
            break
        QTest.qWait(30)
    else:
        raise AssertionError("the camera preview showed no picture")
    return dlg


SETTLE_MS = 250


def settle(ms: int = SETTLE_MS) -> None:
    QApplication.processEvents()
    QTest.qWait(ms)


def shoot(widget: QWidget, path: Path) -> Path:
    """Save the X server's pixels under ``widget``'s top-level window (falls back to ``grab()`` off X)."""
    settle()
    top = widget.window()
    screen = QGuiApplication.primaryScreen()
    g = top.frameGeometry()
    img = screen.grabWindow(0, g.x(), g.y(), g.width(), g.height())
    if img.isNull() or QGuiApplication.platformName() != "xcb":
        img = top.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not img.save(str(path)):
        raise RuntimeError(f"could not save {path}")
    return path


def firstrun_pages(win, red_flag: str = "swelling") -> Iterator[tuple[str, QWidget]]:
    """Every first-run page in turn (the clinician page by ticking ``red_flag``), as (name, page)."""
    from coach.ui.firstrun import open_flow

    open_flow(win)
    flow = win.firstrun
    settle()
    yield "firstrun_1_welcome", flow.page()
    flow.next()
    flow.safety.boxes[red_flag].setChecked(True)
    settle()
    yield "firstrun_2_safety", flow.page()
    flow.next()
    yield "firstrun_3_clinician", flow.page()
    flow.next()
    flow.baseline.set_pain(2)
    yield "firstrun_4_baseline", flow.page()
    flow.next()
    yield "firstrun_5_programme", flow.page()
    flow.next()
    yield "firstrun_6_camera", flow.page()
    flow.next()
    yield "firstrun_7_start", flow.page()


def open_today_window(win):
    """Today as it is now (after the tour's first run: no programme, a red flag remembered)."""
    win.show_today()
    settle()
    return win.today


def open_preview(win, routine_id: str = "glute-med-builder"):
    """The library's preview of a routine, opened as a click on its card would."""
    win.show_library()
    card = next(c for c in win.library.cards if c.routine.id == routine_id)
    QTest.mouseClick(card, Qt.LeftButton, pos=QPoint(card.width() - 20, 20))  # on the card, not its Start button
    settle()
    dlg = win.library.preview_dialog
    assert dlg is not None and dlg.isVisible()
    return dlg


def open_high_pain_question(win, routine_id: str = "glute-med-builder"):
    """The question Start asks at pain 8/10 (shown without blocking, for a picture)."""
    from coach.ui.session.gentler import gentler_options, question

    routine = win.app.library().get(routine_id)
    box = question(win, 8, routine, gentler_options(routine, win.app.library().routines))
    box.show()
    settle()
    return box


def open_large_player(win, routine_id: str = "glute-med-builder"):
    """A session of ``routine_id`` (camera off, pain 2) at its first rep set, in across-the-room mode."""
    win.start_session(win.app.library().get(routine_id))
    flow = win.flow
    flow.before.camera.setChecked(False)
    flow.before.set_pain(2)
    flow.before.accept()
    ctl = flow.controller
    for _ in range(40):
        s = ctl.state()
        if isinstance(s.step, StrengthStep) and s.phase == Phase.WORK:
            break
        ctl.skip()
    for _ in range(3):
        ctl.add_rep("manual")
    if not flow.player.large_text.isVisible():
        flow.player.toggle_large_text()
    settle()
    return flow.player


def open_preview_page(t: Tour) -> QWidget:
    t.home()
    dlg = open_preview(t.window)
    t.dialogs.append(dlg)
    return dlg


def open_high_pain_page(t: Tour) -> QWidget:
    t.home()
    box = open_high_pain_question(t.window)
    t.dialogs.append(box)
    return box


def open_large_text_page(t: Tour) -> QWidget:
    t.home()
    open_large_player(t.window)
    return t.window


PAGES: list[tuple[str, Callable[[Tour], QWidget]]] = [
    ("today", open_today),
    ("today-programme", open_today_programme),
    ("library", open_library),
    ("library-problems", open_library_problems),
    ("checkin-before", open_checkin_before),
    ("player-roll", open_player_roll),
    ("player-strength", open_player_strength),
    ("player-hold", open_player_hold),
    ("player-camera", open_player_camera),
    ("player-no-camera", open_player_no_camera),
    ("checkin-after", open_checkin_after),
    ("summary", open_summary),
    ("history", open_history),
    ("history-session", open_history_session),
    ("settings", open_settings),
    ("settings-camera", open_settings_camera),
    ("preview", open_preview_page),
    ("high-pain", open_high_pain_page),
    ("large-text", open_large_text_page),
]


def scripted_camera(controller) -> None:
    """Replace the webcam with scripted frames and poses (single-leg squats, standing on the left leg), so the
    camera page needs no camera and no model."""
    import numpy as np

    from coach.pose.sources import MemorySource
    from coach.ui.camera.panel import CameraPanel
    from support.pose_fakes import ScriptedEstimator, single_leg_poses

    poses, _times = single_leg_poses("left", drop=9.0, reps=3)
    frames = []
    for i in range(len(poses)):
        img = np.full((480, 640, 3), (70, 80, 95), np.uint8)
        img[300:, :] = (60, 110, 150)  # a floor, so the letterbox edge shows
        img[0, 0] = (i & 255, (i >> 8) & 255, 201)  # the frame number, for ScriptedEstimator
        frames.append(img)

    def make_camera(parent):
        return CameraPanel(
            lambda: MemorySource(frames, fps=30.0, paced=True, loop=True),
            Path("scripted.task"),
            parent=parent,
            estimator_factory=lambda _p: ScriptedEstimator(poses),
        )

    controller.make_camera = make_camera


def main(out: Path, size: str, tag: str) -> int:
    from coach.ui.app import build

    app, _ctl, win = build()
    w, h = (int(v) for v in size.lower().split("x"))
    win._confirm_quit = lambda: True
    win.resize(w, h)
    win.show()
    settle(400)
    for name, page in firstrun_pages(win):
        shoot(page, out / f"{tag}_{name}.png")
    win.firstrun.next()  # a red flag was ticked: Finish goes to Today, which reminds
    shoot(open_today_window(win), out / f"{tag}_today_reminder.png")
    dlg = open_preview(win)
    shoot(dlg, out / f"{tag}_preview.png")
    dlg.reject()
    box = open_high_pain_question(win)
    shoot(box, out / f"{tag}_high_pain.png")
    box.close()
    player = open_large_player(win)
    shoot(player, out / f"{tag}_large_text.png")
    win.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
