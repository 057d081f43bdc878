"""Open the first-run pages, the routine preview, the high-pain question and the large-text player in a built
main window, for screenshots (a real xcb window under Xvfb) or for widget tests.

Reusable by a screenshot tour: each ``open_*`` function puts one screen up and returns the top-level widget to
grab; ``shoot`` saves what the X server shows for it. ``python tests/support/tour_pages.py OUT WxH TAG`` (with
DISPLAY, QT_QPA_PLATFORM=xcb, COACH_HOME and COACH_THEME set) saves every screen of this set at that size.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from coach.core.routines.model import StrengthStep
from coach.core.session import Phase

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


def open_today(win):
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
    shoot(open_today(win), out / f"{tag}_today_reminder.png")
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
