"""A week of use, as a person lives it, in a real window: run by tests/e2e/test_week.py under Xvfb (xcb).

    python tests/e2e/week_driver.py week OUTDIR [--video CLIP]    # three sessions in one run, every screen
    python tests/e2e/week_driver.py reopen OUTDIR                  # after a restart: everything still there

The app is built as ``coach`` builds it, on the real data folder (``COACH_HOME``), with one test hook: the
session clock runs SPEED times faster, so timed rolls and holds pass in seconds (the camera and its clip
run in real time). Everything else happens through key presses and mouse clicks sent where a person's
would go: keys to the widget that has the keyboard focus, clicks on buttons that are visible and enabled.
Each screen is saved as a PNG grabbed from the X server. The script checks what it sees as it goes, prints
one JSON report line at the end, and exits 0 only if every check held.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coach.core.session import Phase
from coach.ui.app import _open_history, build
from coach.ui.app_controller import LaunchOptions

SPEED = 30.0  # session clock speed-up
DAY = 86400.0
CAMERA_ROUTINE = """
id = "e2e-squats"
title = "Squats in front of the camera"
summary = "Four squats, counted by the camera."
level = "beginner"

[[steps]]
kind = "strength"
title = "Squat"
exercise = "squat"
sets = 1
reps = 4
rest_seconds = 0
illustration = "illustrations/squat.svg"
cues = ["Feet hip-width apart, sit back and down, then stand tall."]
"""


class Clock:
    """The session's monotonic clock, SPEED times real time, and a wall clock shifted by whole days."""

    def __init__(self) -> None:
        self.t0 = time.monotonic()
        self.days = 0.0

    def __call__(self) -> float:
        return self.t0 + (time.monotonic() - self.t0) * SPEED

    def wall(self) -> float:
        return time.time() + self.days * DAY


class Failed(Exception):
    pass


class Driver:
    def __init__(self, mode: str, out: Path, video: Path | None):
        self.mode, self.out = mode, out
        self.clock = Clock()
        self.app, self.ctl, self.win = build(options=LaunchOptions(video=video), clock=self.clock, wall=self.clock.wall)
        self.video = video
        self.report: dict = {"screens": [], "checks": 0, "sessions": []}
        self.rc = 1
        self._wait: tuple | None = None  # (condition, deadline, what)
        self._busy = False
        self._gen = {"week": self.week, "reopen": self.reopen, "programme": self.programme}[mode]()

    # ---- the runner: a generator of steps; each yield waits for a condition -----------------------------------
    def run(self, size: tuple[int, int] = (1280, 800)) -> int:
        self.win.resize(*size)
        self.win.show()
        self.win.raise_()
        self.win.activateWindow()
        QTimer.singleShot(0, lambda: _open_history(self.ctl))
        timer = QTimer(interval=25, timeout=self._poll)
        timer.start()
        QTimer.singleShot(240_000, lambda: self._fail("the whole run took over 4 minutes"))
        self.app.exec()
        print(json.dumps(self.report))
        return self.rc

    def _poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            if self._wait is not None:
                cond, deadline, what = self._wait
                if not cond():
                    if time.monotonic() > deadline:
                        raise Failed(f"timed out waiting for: {what}")
                    return
            step = next(self._gen)
            self._wait = (step[0], time.monotonic() + step[2], step[1]) if step else None
        except StopIteration:
            self.rc = 0
            self._quit()
        except Exception as err:  # noqa: BLE001 (any failure ends the run with its story)
            traceback.print_exc()
            self._fail(str(err))
        finally:
            self._busy = False

    def _fail(self, why: str) -> None:
        self.report["failed"] = why
        self.rc = 1
        self._quit()

    def _quit(self) -> None:
        self.win._confirm_quit = lambda: True
        self.win.close()
        self.app.exit(self.rc)

    @staticmethod
    def until(cond, what: str, timeout: float = 15.0):
        return cond, what, timeout

    def pause(self, seconds: float):
        end = time.monotonic() + seconds
        return self.until(lambda: time.monotonic() >= end, f"{seconds} s", seconds + 5)

    def check(self, ok: bool, what: str) -> None:
        self.report["checks"] += 1
        if not ok:
            raise Failed(what)

    # ---- a person's hands ---------------------------------------------------------------------------------
    def key(self, k, mod=Qt.KeyboardModifier.NoModifier, text_for: str = "") -> None:
        """A key press, delivered (after this step returns) to whatever has the keyboard focus."""

        def press():
            target = QApplication.focusWidget() or QApplication.activeWindow() or self.win
            QTest.keyClick(target, k, mod)

        QTimer.singleShot(0, press)

    def type(self, text: str) -> None:
        QTimer.singleShot(0, lambda: QTest.keyClicks(QApplication.focusWidget(), text))

    def click(self, w: QWidget, what: str) -> None:
        self.check(w.isVisible() and w.isEnabled(), f"{what} is visible and enabled")
        QTimer.singleShot(
            0, lambda: QTest.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(w.width() // 2, w.height() // 2))
        )

    def shot(self, name: str) -> None:
        self.app.processEvents()
        g = self.win.frameGeometry()
        img = QGuiApplication.primaryScreen().grabWindow(0, g.x(), g.y(), g.width(), g.height())
        path = self.out / f"{len(self.report['screens']) + 1:02d}_{name}.png"
        if not img.save(str(path)):
            raise Failed(f"could not save {path}")
        self.report["screens"].append(path.name)

    # ---- what is on screen ----------------------------------------------------------------------------------
    @property
    def flow(self):
        return self.win.flow

    def state(self):
        return self.flow.controller.state()

    def phase_is(self, *phases):
        return lambda: self.flow is not None and self.flow.player is not None and self.state().phase in phases

    def page_is(self, name: str):
        def on():
            f = self.flow
            page = f.currentWidget() if f is not None and self.win.stack.currentWidget() is f else None
            return page is not None and page is getattr(f, name, None) and page.isVisible()

        return on

    def modal(self):
        return QApplication.activeModalWidget()

    # ---- steps shared by the sessions --------------------------------------------------------------------
    def start(self, title: str, pain: int, camera: bool):
        if not self.win.library.isVisible():
            self.key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # to the Routines
            yield self.until(lambda: self.win.library.isVisible(), "Routines")
        card = next(c for c in self.win.library.cards if c.routine.title == title)
        self.click(card.button, f"Start on {title}")
        yield self.until(self.page_is("before"), "the pain check-in")
        yield self.until(lambda: self.flow.before.slider.hasFocus(), "focus on the pain slider")
        self.key(getattr(Qt.Key, f"Key_{pain}"))
        yield self.until(lambda: self.flow.before.pain == pain, f"pain {pain} chosen by key")
        box = self.flow.before.camera
        if box.isVisible() and box.isChecked() != camera:
            self.click(box, "the camera box")
            yield self.until(lambda: box.isChecked() == camera, "camera box toggled")
        self.shot(f"checkin_{self.session_no}")
        self.click(self.flow.before.ok_btn, "Start session")
        yield self.until(self.page_is("player"), "the player", 30)
        yield self.until(lambda: QApplication.focusWidget() is self.flow.player, "keyboard focus on the player")

    def finish(self, pain: int, notes: str, then: str):
        yield self.until(self.page_is("after"), "the pain check-in after the session", 20)
        self.shot(f"after_{self.session_no}")
        self.key(getattr(Qt.Key, f"Key_{pain}"))
        yield self.until(lambda: self.flow.after.pain == pain, "pain after chosen")
        if notes:
            self.click(self.flow.after.notes, "the notes box")
            yield self.until(lambda: self.flow.after.notes.hasFocus(), "focus in the notes")
            first, _, rest = notes.partition("\n")
            self.type(first)
            self.key(Qt.Key.Key_Return)  # a new line in the notes, not "save"
            self.type(rest)
            yield self.until(lambda: self.flow.after.notes.toPlainText() == notes, "the notes typed")
        self.click(self.flow.after.ok_btn, "Save session")
        yield self.until(self.page_is("summary"), "the summary")
        summary = self.flow.summary
        yield self.until(lambda: "Saved" in summary.save_state.text(), "saved to the history")
        self.shot(f"summary_{self.session_no}")
        self.report["sessions"].append({"id": summary.record.id, "summary": summary.body.text()})
        self.click(summary.history_btn if then == "history" else summary.done_btn, then)
        yield self.until(lambda: self.win.flow is None, "the session page closed")

    def end_with_esc(self):
        self.key(Qt.Key.Key_Escape)
        yield self.until(lambda: isinstance(self.modal(), QMessageBox), "the end-session question")
        box = self.modal()
        self.shot(f"end_question_{self.session_no}")
        end = next((b for b in box.buttons() if b.text() == "End session"), None)
        self.check(end is not None, "the question's button says End session")
        self.click(end, "End session")

    def visit_every_screen(self):
        """Between sessions: Today, Routines, History (both tabs) and Settings, by keyboard, and back."""
        for act in (self.win.act_today, self.win.act_library, self.win.act_history, self.win.act_settings):
            self.check(act.isEnabled(), f"{act.text()} is enabled after session {self.session_no}")
        self.key(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        yield self.until(lambda: self.win.today.isVisible(), "Today")
        self.shot(f"today_{self.session_no}")
        self.key(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        yield self.until(lambda: self.win.history_view is not None and self.win.history_view.isVisible(), "History")
        view = self.win.history_view
        yield self.until(lambda: view.model.rowCount() == self.session_no, f"{self.session_no} sessions listed")
        self.shot(f"history_{self.session_no}")
        QTimer.singleShot(
            0,
            lambda: QTest.mouseClick(
                view.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=view.tabs.tabBar().tabRect(1).center()
            ),
        )
        yield self.until(lambda: view.tabs.currentIndex() == 1, "the Trends tab")
        self.shot(f"trends_{self.session_no}")
        QTimer.singleShot(
            0,
            lambda: QTest.mouseClick(
                view.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=view.tabs.tabBar().tabRect(0).center()
            ),
        )
        yield self.until(lambda: view.tabs.currentIndex() == 0, "the Sessions tab")
        self.key(Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
        yield self.until(lambda: self.modal() is not None and "Settings" in self.modal().windowTitle(), "Settings")
        self.shot(f"settings_{self.session_no}")
        self.key(Qt.Key.Key_Escape)
        yield self.until(lambda: self.modal() is None and self.win.isActiveWindow(), "Settings closed, window active")
        self.key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        yield self.until(lambda: self.win.library.isVisible(), "Routines")

    def first_run(self, baseline: int, follow: bool):
        """The first-run flow, by keys only: Enter through the pages, a digit for the usual pain, Tab/Space to
        choose "Not now" when ``follow`` is False, then Finish (to Today)."""
        flow = self.win.firstrun
        yield self.until(lambda: self.win.isActiveWindow() and flow is not None and flow.isVisible(), "first run", 20)
        self.check(flow.page() is flow.welcome, "the first run opens on its welcome page")
        self.shot("firstrun_welcome")
        self.key(Qt.Key.Key_Return)
        yield self.until(lambda: flow.page() is flow.safety, "the safety check")
        self.shot("firstrun_safety")
        self.key(Qt.Key.Key_Return)  # none of the red flags
        yield self.until(lambda: flow.page() is flow.baseline, "the usual pain")
        yield self.until(lambda: flow.baseline.slider.hasFocus(), "focus on the usual-pain slider")
        self.key(getattr(Qt.Key, f"Key_{baseline}"))
        yield self.until(lambda: flow.baseline.pain == baseline, f"usual pain {baseline}")
        self.key(Qt.Key.Key_Return)
        yield self.until(lambda: flow.page() is flow.programme, "the programme page")
        yield self.until(lambda: flow.programme.follow.hasFocus(), "focus on Follow a programme")
        if not follow:
            self.key(Qt.Key.Key_Down)  # the arrow keys move through the choices, as in any radio group
            yield self.until(lambda: flow.programme.later.isChecked(), "Not now")
        self.shot("programme_setup")
        self.key(Qt.Key.Key_Return)
        yield self.until(lambda: flow.page() is flow.camera, "the camera check")
        self.key(Qt.Key.Key_Return)  # skipped
        yield self.until(lambda: flow.page() is flow.start, "the suggested start")
        self.shot("firstrun_start")
        self.click(flow.finish_btn, "Finish")
        yield self.until(lambda: self.win.today.isVisible(), "Today after the first run")

    # ---- the week ------------------------------------------------------------------------------------------
    def week(self):
        yield self.until(lambda: self.win.isActiveWindow() and self.ctl.history is not None, "the window", 20)
        yield from self.first_run(baseline=2, follow=False)
        self.shot("today_first_run")
        # Session 1, four days ago: Gentle start, camera off. Done, a correction, back twice, then Esc.
        self.session_no, self.clock.days = 1, -4
        yield from self.start("Gentle start", 3, camera=False)
        while self.state().phase != Phase.WORK:  # the reading and the roll: skipped by key
            before = (self.state().step_index, self.state().phase, self.state().side)
            self.key(Qt.Key.Key_Right)
            yield self.until(
                lambda b=before: (self.state().step_index, self.state().phase, self.state().side) != b, "skip moved on"
            )
        self.check(self.state().step.title == "Glute bridge", "the bridge is the first rep set")
        self.shot("player_bridge_1")
        self.key(Qt.Key.Key_Return)  # Done: 10 reps, without getting up for each one
        yield self.until(self.phase_is(Phase.REST), "the rest after set 1")
        self.check(self.state().last_set.achieved_reps == 10, "Done recorded the 10 target reps")
        self.key(Qt.Key.Key_Minus)  # one was not really done
        yield self.until(lambda: self.state().last_set.achieved_reps == 9, "the correction")
        self.check("Set 1 of 2 done" in self.flow.player.counts.text(), "the rest shows the set just done")
        self.shot("player_rest")
        yield self.until(self.phase_is(Phase.WORK), "set 2", 5 + 30 / SPEED * 2)
        for _ in range(4):
            self.key(Qt.Key.Key_Plus)
        yield self.until(lambda: self.state().reps_done == 4, "4 reps by hand")
        self.key(Qt.Key.Key_Space)  # pause, resume
        yield self.until(lambda: self.state().paused, "paused by Space")
        self.key(Qt.Key.Key_Space)
        yield self.until(lambda: not self.state().paused, "resumed by Space")
        self.key(Qt.Key.Key_Right)  # set 2 cut short at 4
        yield self.until(lambda: self.state().step_index == 3, "on to the TFL roll")
        self.key(Qt.Key.Key_Left)
        yield self.until(lambda: self.state().step_index == 2, "back to the bridge")
        self.key(Qt.Key.Key_Left)  # restart the bridge (within 3 s: back to the roll before it)
        yield self.pause(0.3)
        yield from self.end_with_esc()
        yield from self.finish(4, "Bridges felt fine.\nLeft hip a little tight.", then="history")
        yield from self.visit_every_screen()
        # Session 2, two days ago: Quick lateral-hip reset, played to the end by the clock and the keys.
        self.session_no, self.clock.days = 2, -2
        yield from self.start("Quick lateral-hip reset", 2, camera=False)
        yield self.until(self.phase_is(Phase.HOLD), "the side plank", 60)
        self.shot("player_hold")
        yield self.until(self.page_is("after"), "the end of the routine", 90)
        yield from self.finish(2, "", then="routines")
        yield from self.visit_every_screen()
        # Session 3, today: squats in front of the camera (a clip stands in for the webcam).
        self.session_no, self.clock.days = 3, 0
        camera = self.video is not None
        yield from self.start("Squats in front of the camera", 2, camera=camera)
        if camera:
            yield self.until(
                lambda: self.flow.camera is not None and self.flow.camera.view.frame is not None,
                "the camera picture",
                30,
            )
            self.shot("player_camera")
            yield self.until(
                lambda: self.state().phase != Phase.WORK or self.flow.camera.manual_reason is not None,
                "four squats counted, or the clip over",
                60,
            )
            self.report["camera_reps"] = self.state().reps_done if self.state().phase == Phase.WORK else 4
        # past the short get-ready (0.17 s at SPEED) to the rep set; checking at once raced it
        yield self.until(lambda: self.page_is("after")() or self.state().phase == Phase.WORK, "the rep set")
        if self.state().phase == Phase.WORK:  # the camera missed some: finish the set by hand, as a person would
            self.key(Qt.Key.Key_Return)
        yield from self.finish(1, "", then="history")
        yield from self.visit_every_screen()

    def programme(self):
        """First launch: set up the programme in the first-run flow, play today's session from Today, then the next
        morning (the wall clock moves a day) answer the morning check and see the new dose with its reason."""
        self.session_no = 1
        today = self.win.today
        yield from self.first_run(baseline=1, follow=True)
        yield self.until(lambda: today.card.isVisible() and today.start_btn.isVisible(), "today's session")
        self.check(today.heading.text() == "Week 1 · Phase 1 of 4: Calm and learn", "week 1, phase 1")
        self.check("Side plank from the knees: 2 × 15 s hold" in today.doses.text(), "the first doses")
        self.shot("today_session")
        self.click(today.start_btn, "Start today's session")
        yield self.until(self.page_is("before"), "the pain check-in")
        yield self.until(lambda: self.flow.before.slider.hasFocus(), "focus on the pain slider")
        self.key(Qt.Key.Key_2)
        box = self.flow.before.camera
        if box.isVisible() and box.isChecked():
            self.click(box, "the camera box")
        yield self.until(lambda: self.flow.before.pain == 2 and not box.isChecked(), "pain 2, camera off")
        self.click(self.flow.before.ok_btn, "Start session")
        yield self.until(self.page_is("player"), "the player")
        yield self.until(lambda: QApplication.focusWidget() is self.flow.player, "keyboard focus on the player")
        while self.state().phase != Phase.FINISHED:  # every rep set done in full with Enter, timed parts waited out
            if self.state().phase == Phase.WORK:
                before = self.state().set_number, self.state().side, self.state().step_index
                self.key(Qt.Key.Key_Return)
                yield self.until(
                    lambda b=before: (
                        self.state().phase == Phase.FINISHED
                        or (self.state().set_number, self.state().side, self.state().step_index) != b
                    ),
                    "the set done",
                )
            else:
                yield self.pause(0.05)
        yield from self.finish(2, "", then="routines")
        yield self.until(lambda: today.isVisible(), "back on Today")
        self.check("You trained today" in today.rest.text(), "a rest day after training")
        self.clock.days += 1  # the next morning
        self.key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        yield self.until(lambda: self.win.library.isVisible(), "Routines")
        self.key(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        yield self.until(lambda: today.morning.isVisible(), "the morning check")
        self.shot("morning_check")
        self.click(today.morning.pain.button(1), "pain 1")
        self.click(today.morning.compared.button(1), "about the same")
        yield self.until(lambda: today.morning.save_btn.isEnabled(), "Save enabled")
        self.click(today.morning.save_btn, "Save")
        yield self.until(lambda: not today.morning.isVisible(), "the morning check saved")
        self.check(
            "back to usual next morning" in today.doses.text() and "(was " in today.doses.text(),
            "the new dose with its reason",
        )
        self.shot("today_new_dose")

    def reopen(self):
        """After a restart: the three sessions are still there, notes intact, and the app still works."""
        self.session_no = 3
        yield self.until(lambda: self.win.isActiveWindow(), "the window", 20)
        yield from self.visit_every_screen()
        view = self.win.history_view
        self.key(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        yield self.until(lambda: view.isVisible(), "History")
        row = next(r for r in range(view.model.rowCount()) if view.model.record(r).routine_title == "Gentle start")
        QTimer.singleShot(0, lambda: view.select_session(view.model.record(row).id))
        yield self.until(
            lambda: view.detail.record() is not None and view.detail.record().routine_title == "Gentle start",
            "the first session's detail",
        )
        self.check(
            view.detail.fields["notes"].text() == "Bridges felt fine.\nLeft hip a little tight.",
            "the notes keep their line break",
        )
        self.shot("history_after_restart")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["week", "reopen", "programme"])
    p.add_argument("out", type=Path)
    p.add_argument("--video", type=Path)
    p.add_argument("--size", default="1280x800", help="window size, e.g. 800x600 or 1920x1080")
    a = p.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    if a.mode == "week":
        from coach import paths

        routines = paths.user_routines_dir()
        routines.mkdir(parents=True, exist_ok=True)
        (routines / "e2e-squats.toml").write_text(CAMERA_ROUTINE)
    w, h = (int(v) for v in a.size.lower().split("x"))
    return Driver(a.mode, a.out, a.video).run((w, h))


if __name__ == "__main__":
    sys.exit(main())
