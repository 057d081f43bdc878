"""A camera frame that can't be drawn (bad landmarks from a broken estimator) must not crash the app.

An exception escaping ``CameraView.paintEvent`` used to keep its QPainter alive in the traceback
(``sys.last_traceback``); when that traceback was dropped later (the next error printed), the painter was
ended outside the paint event, on a deleted widget: a segfault in QPainter::end. Run in a child process so
the crash shows as a failed test, not a dead test run."""

from __future__ import annotations

import textwrap

from support.qt_child import run_qt_child

CHILD = textwrap.dedent(
    """
    import gc, sys, time
    import numpy as np
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    from coach.ui.camera.live_frame import LiveFrame, qimage_from_bgr
    from coach.ui.camera.view import CameraView

    app = QApplication([])
    for i in range(5):
        view = CameraView()
        view.resize(320, 240)
        view.show()
        bad = np.zeros(33, np.float32)  # 1-D: not (33, 4)
        img = qimage_from_bgr(np.zeros((120, 160, 3), np.uint8))
        view.set_frame(LiveFrame(img, bad, time.monotonic(), time.monotonic(), i, 30.0, (160, 120)))
        view.grab()  # paints the bad frame
        view.repaint()
        view.deleteLater()
        del view
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        for name in ("last_type", "last_value", "last_traceback", "last_exc"):
            if hasattr(sys, name):
                setattr(sys, name, None)  # what printing the next error does
        gc.collect()
    print("SURVIVED", flush=True)
    """
)


def test_a_frame_that_cannot_be_drawn_is_logged_and_does_not_crash(tmp_path):
    r = run_qt_child(CHILD, tmp_path, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "SURVIVED" in r.stdout
    assert r.stderr.count("the camera picture could not be drawn") == 5  # logged once per view, not per paint


GUARDED = textwrap.dedent(
    """
    import gc, sys
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QWidget
    from coach.ui.painting import guarded_paint

    GUARD = sys.argv[1] == "guarded"

    class Broken(QWidget):
        def paintEvent(self, _e):
            p = QPainter(self)
            p.drawLine(0, 0, 5, 5)
            raise ValueError("a bug while painting")

    if GUARD:
        Broken.paintEvent = guarded_paint(Broken.paintEvent)
    app = QApplication([])
    for _ in range(5):
        w = Broken()
        w.resize(100, 100)
        w.grab()
        w.deleteLater()
        del w
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        for name in ("last_type", "last_value", "last_traceback", "last_exc"):
            if hasattr(sys, name):
                setattr(sys, name, None)
        gc.collect()
    print("SURVIVED", flush=True)
    """
)


def test_guarded_paint_ends_the_painter_of_a_paint_event_that_raised(tmp_path):
    # the hazard itself: an unguarded paintEvent that raises
    plain = run_qt_child(GUARDED, tmp_path, "plain", timeout=120)
    assert plain.returncode != 0 and "SURVIVED" not in plain.stdout  # a segfault, or Qt's fatal "Cannot destroy
    # paint device that is being painted"
    r = run_qt_child(GUARDED, tmp_path, "guarded", timeout=120)
    assert r.returncode == 0 and "SURVIVED" in r.stdout, r.stderr[-3000:]
    assert r.stderr.count("Broken could not be painted") == 5 and "a bug while painting" in r.stderr
