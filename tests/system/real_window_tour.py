"""Drive the real app in a real X11 window and save screenshots of what a person sees.

Run by tests/system/test_real_window.py under Xvfb with QT_QPA_PLATFORM=xcb (not offscreen), with COACH_HOME set:

    python tests/system/real_window_tour.py OUTDIR [--video CLIP] [--tag NAME]

The app is built exactly as ``coach`` builds it (``coach.ui.app.build``). Screens saved, in order:
library, check-in, player (roll), player (strength, with the camera when --video is given), pain after,
summary, history sessions, history trends. Screenshots are grabbed from the X server's framebuffer.
Exit 0 when every screen was reached and saved; 1 with a message otherwise.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from coach.core.session import Phase
from coach.ui.app import build
from coach.ui.app_controller import LaunchOptions

ROUTINE = "lateral-thigh"


class Tour:
    def __init__(self, out: Path, video: Path | None, tag: str):
        self.out, self.tag = out, tag
        self.app, self.ctl, self.win = build(options=LaunchOptions(video=video))
        self.camera = video is not None
        self.saved: list[str] = []
        self.steps = [
            self.library,
            self.checkin,
            self.player_roll,
            self.to_strength,
            self.player_strength,
            self.end_session,
            self.after,
            self.summary,
            self.history,
            self.trends,
            self.done,
        ]

    def shot(self, name: str) -> None:
        self.app.processEvents()
        screen = QGuiApplication.primaryScreen()
        g = self.win.frameGeometry()
        img = screen.grabWindow(0, g.x(), g.y(), g.width(), g.height())  # the X server's pixels
        path = self.out / f"{self.tag}{len(self.saved) + 1:02d}_{name}.png"
        if not img.save(str(path)):
            raise RuntimeError(f"could not save {path}")
        self.saved.append(path.name)

    def run(self) -> int:
        self.win.show()
        self.win.raise_()
        self.win.activateWindow()
        self.rc = 1
        QTimer.singleShot(1200, self.next)
        QTimer.singleShot(90_000, lambda: self.fail("timed out"))
        self.app.exec()
        return self.rc

    def next(self) -> None:
        step = self.steps.pop(0)
        try:
            delay = step()
        except Exception:
            traceback.print_exc()
            self.fail(f"step {step.__name__} failed")
            return
        if self.steps:
            QTimer.singleShot(delay or 700, self.next)

    def fail(self, why: str) -> None:
        print(f"tour failed: {why}; saved {self.saved}", file=sys.stderr)
        self.rc = 1
        self.app.exit(1)

    # ---- the screens -----------------------------------------------------------------------------
    def library(self):
        self.win.show_library()  # a first launch opens on the first-run flow
        self.app.processEvents()
        self.shot("library")
        card = next(c for c in self.win.library.cards if c.routine.id == ROUTINE)
        card.button.click()

    def checkin(self):
        before = self.win.flow.before
        before.set_pain(2)
        before.camera.setChecked(self.camera)
        self.shot("checkin")
        before.ok_btn.click()
        return 1500

    def player_roll(self):
        self.shot("player_roll")
        self.flow = self.win.flow
        self.flow.controller.skip()  # left side -> the changeover
        self.flow.controller.skip()  # changeover -> right side
        self.flow.controller.skip()  # roll done -> the step-down

    def to_strength(self):
        s = self.flow.controller.state()
        if s.phase not in (Phase.READY, Phase.WORK):
            raise RuntimeError(f"expected the step-down, got {s.phase}")
        self.flow.controller.add_rep("manual")  # does nothing in READY; counts once WORK starts
        return 6000 if self.camera else 5500  # READY lead-in; the camera warms up and tracks

    def player_strength(self):
        self.flow.controller.add_rep("manual")
        self.shot("player_strength")
        self.flow.player._confirm_end = lambda: True
        self.flow.player.request_end()

    def end_session(self):
        if self.flow.currentWidget() is not self.flow.after:
            raise RuntimeError("the pain check-in did not follow the end of the session")
        self.flow.after.set_pain(3)
        self.flow.after.notes.setPlainText("Left knee felt fine on the step-downs.")

    def after(self):
        self.shot("pain_after")
        self.flow.after.ok_btn.click()
        return 900

    def summary(self):
        self.shot("summary")
        self.flow.summary.history_btn.click()
        return 1500

    def history(self):
        view = self.win.history_view
        if view is None or not view.isVisible():
            raise RuntimeError("history view not shown")
        self.shot("history_sessions")
        view.tabs.setCurrentIndex(1)
        return 1200

    def trends(self):
        self.shot("history_trends")

    def done(self):
        self.rc = 0
        print("\n".join(self.saved))
        self.win._confirm_quit = lambda: True
        self.win.close()
        self.app.exit(0)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("out", type=Path)
    p.add_argument("--video", type=Path)
    p.add_argument("--tag", default="")
    a = p.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    return Tour(a.out, a.video, a.tag).run()


if __name__ == "__main__":
    raise SystemExit(main())
